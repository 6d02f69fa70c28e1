// A running sandbox gateway as the host holds it: what core's port exposes (target, merchant,
// certificate, phone) plus the simulator object itself, which only tests and the harness drive.
import type { PasswordAction, PhoneAction, SandboxCustomer } from '../common/api';
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
  // --- issue 12 quick pay (i12-engine); absent on a test's stand-in ---
  paymentCode?(customer: SandboxCustomer): Promise<Result<{ readonly authCode: string }>>;
  password?(authCode: string, action: PasswordAction): Promise<Result<null>>;
}

// --- issue 12 quick pay (i12-engine) ---
/**
 * A sandbox customer who is asked for a password waits for sandboxPassword (the test or the phone
 * panel): the simulator's own auto-revoke (45 s) ends an order nobody finishes.
 */
export const PASSWORD_WAITS_MS = 86_400_000;

/** The simulator phone's mint plan for what the sandbox customer does. */
export function mintPlanOf(customer: SandboxCustomer): { readonly then: 'auto' | 'password' | 'notenough' | 'payerror'; readonly afterMs: number } {
  switch (customer) {
    case 'auto':
    case 'password':
      return { then: customer, afterMs: PASSWORD_WAITS_MS };
    case 'notenough':
      return { then: 'notenough', afterMs: 0 };
    case 'payerror':
      return { then: 'payerror', afterMs: 0 };
    default: {
      const never: never = customer;
      return never;
    }
  }
}
