// Sign-in defaults for tests (issue 11, i11-staff): core requires a signed-in person for sales, refunds,
// settings and alerts, so the boot helpers create the first owner through the real first-run path (the
// one-time setup code core hands to onSetupCode, then firstRunSetup over the dispatcher) and sign in.
// Tests written before sign-in keep working unchanged; a test of sign-in itself passes { signIn: false }.
// The owner is also a manager, so refunds need no one else; the default policy for tests never signs out
// on idle (virtual clocks jump hours) and asks no second approver (existing refund amounts).
import type { Clock } from '../../src/common/clock';
import { MAX_FEN } from '../../src/common/money';
import { buildStaffAuth, type StaffAuth } from '../../src/core/auth';
import { TEST_PIN_SCRYPT } from '../../src/core/auth/pin-hash';
import type { SecretBox } from '../../src/core/settings/secret-box';
import type { Store } from '../../src/core/store';
import { startCore, type CoreHandle, type CoreOptions } from '../../src/host';

export const TEST_OWNER = { name: 'Owner Wang', pin: '246810' } as const;
export const TEST_POLICY = { idleMinutes: 0, secondApprovalAboveFen: MAX_FEN } as const;

export interface SignInOptions {
  /** false: leave the till signed out (and, on a fresh folder, still waiting for its first owner). */
  readonly signIn?: boolean;
}

/**
 * Signs the test owner in: first run on a new folder (code from onSetupCode), PIN alone afterwards; then
 * (issue 13: sales need an open shift) opens a shift with openShift's float unless one is open.
 */
export async function signInOwner(core: CoreHandle, setupCode: string | null, openShift?: { readonly floatFen: number }): Promise<void> {
  const call = async (name: string, payload: unknown): Promise<void> => {
    const r = await core.dispatch(name, payload);
    if (!r.ok) throw new Error(`test sign-in: ${name} failed: ${r.code} ${r.message}`);
  };
  if (setupCode) {
    await call('firstRunSetup', { setupCode, name: TEST_OWNER.name, pin: TEST_OWNER.pin });
    await call('saveStaffPolicy', TEST_POLICY);
  } else {
    await call('signIn', { pin: TEST_OWNER.pin });
  }
  if (openShift) {
    const state = await core.dispatch('getShift', undefined);
    if (state.ok && !(state.value as { open: unknown }).open) await call('openShift', openShift);
  }
}

/** startCore's options, plus the test's shift (opened after sign-in, when none is open). */
export type SignedInCoreOptions = CoreOptions & { readonly openShiftAtStart?: { readonly floatFen: number } };

/** startCore, then the test owner signed in (unless opted out). */
export async function startSignedIn(options: SignedInCoreOptions, o: SignInOptions = {}): Promise<CoreHandle> {
  const { openShiftAtStart, ...opts } = options;
  let code: string | null = null;
  const core = await startCore({
    ...opts,
    onSetupCode: (c) => {
      code = c;
      opts.onSetupCode?.(c);
    },
  });
  if (o.signIn === false) return core;
  try {
    await signInOwner(core, code, openShiftAtStart);
  } catch (e) {
    await core.close();
    throw e;
  }
  return core;
}

/**
 * The staff module on a test's own store (for tests that build createPosApi by hand): the test owner is
 * created through the setup-code path and signed in, with TEST_POLICY. Cheap scrypt for speed.
 */
export function signedInAuth(deps: {
  readonly store: Pick<Store, 'db' | 'kv'>;
  readonly box: SecretBox;
  readonly clock: Clock;
}): StaffAuth {
  let n = 0;
  const auth = buildStaffAuth({ ...deps, newId: () => `staff_t${++n}`, scrypt: TEST_PIN_SCRYPT, raiseAlert: () => undefined });
  const code = auth.staff.setupCodeAtStart();
  if (!code) throw new Error('signedInAuth needs a store without staff');
  const first = auth.staff.firstRun({ setupCode: code, name: TEST_OWNER.name, pin: TEST_OWNER.pin });
  if (!first.ok) throw new Error(`signedInAuth: ${first.message}`);
  const policy = auth.staff.savePolicy(TEST_POLICY);
  if (!policy.ok) throw new Error(`signedInAuth: ${policy.message}`);
  return auth;
}
