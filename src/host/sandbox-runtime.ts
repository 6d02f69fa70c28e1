// A running sandbox gateway as the host holds it: what core's port exposes (target, merchant,
// certificate, phone) plus the simulator object itself, which only tests and the harness drive.
import type { PhoneAction } from '../common/api';
import type { Result } from '../common/result';
import type { SandboxGateway } from '../core/settings/sandbox-port';
import type { Simulator } from '../sim';

/** How long "pay slowly" keeps the customer busy on the phone (password entry, a slow network). */
export const PAY_SLOWLY_MS = 8_000;

export interface SandboxRuntime extends SandboxGateway {
  /** The in-process simulator, or null when an external one is used (or a test's stand-in). */
  readonly simulator: Simulator | null;
  phone(action: PhoneAction, codeUrl: string): Promise<Result<null>>;
  close(): Promise<void>;
}
