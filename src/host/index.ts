// The composition root above core (docs/architecture.md "host"): what Electron main, the CLI and the
// browser harness import to get a running till core.
export { defaultCertsDir, startCore, MemorySecretBox, type CertFile, type CoreHandle, type CoreOptions, type SecretBox } from './start-core';
export { PAY_SLOWLY_MS, type SandboxRuntime } from './sandbox-runtime';
