// Whether the Electron suite can run here, and if not, the exact reason it skips:
//  - no Electron binary (node_modules/electron never downloaded it: ELECTRON_SKIP_BINARY_DOWNLOAD, no GitHub);
//  - no usable better-sqlite3 binding for that Electron (the global setup could not make it: its reason).
// The binary is found without require('electron'), which starts a download when the binary is missing.
import { resolve } from 'node:path';
import { describeBinding, judgeBinding, BINDING_FIX_COMMAND } from '../../src/common/electron-binding';
import { bindingDir, bindingTarget, findElectron, readBinding } from '../../src/cli/env-doctor/electron-install';

export const NO_ELECTRON_REASON =
  'Electron binary not installed (ELECTRON_SKIP_BINARY_DOWNLOAD); the browser harness covers the renderer';
/** Set by global-setup.ts when it could not make the binding: the step's own reason. */
export const BINDING_SKIP_ENV = 'WXPAY_POS_ELECTRON_BINDING_SKIP';

const ROOT = resolve(import.meta.dirname, '..', '..');

export function electronBinary(): string | null {
  return findElectron(ROOT)?.binary ?? null;
}

/** null when the suite can run; else why it cannot (printed as the skip reason). */
export function electronSkipReason(env: NodeJS.ProcessEnv = process.env): string | null {
  const electron = findElectron(ROOT);
  if (electron?.binary == null) return NO_ELECTRON_REASON;
  const fromSetup = env[BINDING_SKIP_ENV];
  if (fromSetup) return fromSetup;
  const target = bindingTarget(electron, ROOT);
  if (target === null) return `node_modules/electron ${electron.version} has no abi_version file; run \`npm ci\``;
  const { head, stampText } = readBinding(bindingDir(ROOT));
  const verdict = judgeBinding(target, head, stampText);
  return verdict.kind === 'fresh' ? null : `${describeBinding(verdict, target).en}; run \`${BINDING_FIX_COMMAND}\``;
}
