// A till for the staff tests (issue 11): startCore with the in-process sandbox simulator on a virtual
// clock, the test owner signed in through the first-run path (unless opted out), and small helpers.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Alert, PaymentView, PosEventName, PosEvents } from '../../../src/common/api';
import { VirtualClock } from '../../../src/common/clock';
import type { Result } from '../../../src/common/result';
import { TEST_PIN_SCRYPT } from '../../../src/core/auth/pin-hash';
import { MemorySecretBox } from '../../../src/core/settings/secret-box';
import type { CoreHandle } from '../../../src/host';
import { startSignedIn } from '../../support/signed-in-core';

export interface TillRig {
  readonly core: CoreHandle;
  readonly dir: string;
  readonly box: MemorySecretBox;
  readonly clock: VirtualClock;
  readonly events: { name: PosEventName; payload: unknown }[];
  readonly setupCodes: string[];
  call<T = unknown>(name: string, payload?: unknown): Promise<Result<T>>;
  /** Rings up and pays a sale of amountFen on the simulated phone; its saleId. */
  sell(amountFen: number): Promise<string>;
  alerts(): Alert[];
  close(): Promise<void>;
}

const dirs: string[] = [];
export function cleanupDirs(): void {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
}

export async function bootTill(o: { dir?: string; box?: MemorySecretBox; clock?: VirtualClock; signIn?: boolean; lockoutMs?: number } = {}): Promise<TillRig> {
  const dir = o.dir ?? mkdtempSync(join(tmpdir(), 'staff-'));
  if (!o.dir) dirs.push(dir);
  const box = o.box ?? new MemorySecretBox();
  const clock = o.clock ?? new VirtualClock(Date.UTC(2026, 10, 29, 2, 0, 0));
  const events: { name: PosEventName; payload: unknown }[] = [];
  const setupCodes: string[] = [];
  const core = await startSignedIn(
    {
      dataDir: dir,
      secretBox: box,
      events: <E extends PosEventName>(name: E, payload: PosEvents[E]) => void events.push({ name, payload }),
      files: { pickCertificate: async () => null },
      clock,
      appVersion: 'staff-test',
      pin: { scrypt: TEST_PIN_SCRYPT, lockoutMs: o.lockoutMs },
      sandbox: { https: false, seed: 11 },
      onSetupCode: (c) => void setupCodes.push(c),
      openShiftAtStart: { floatFen: 0 }, // issue 13: sales need an open shift
    },
    { signIn: o.signIn },
  );
  await core.internals.started;
  const call = async <T,>(name: string, payload?: unknown): Promise<Result<T>> => (await core.dispatch(name, payload)) as Result<T>;
  return {
    core,
    dir,
    box,
    clock,
    events,
    setupCodes,
    call,
    async sell(amountFen) {
      const charged = await call<PaymentView>('charge', { lines: [{ name: 'Tea', quantity: 1, unitFen: amountFen }] });
      if (!charged.ok) throw new Error(`charge: ${charged.code} ${charged.message}`);
      const paid = await call('sandboxPhone', { attemptId: charged.value.attemptId, action: 'pay' });
      if (!paid.ok) throw new Error(`pay: ${paid.code}`);
      for (let i = 0; i < 200; i++) {
        const p = await call<PaymentView>('getPayment', { attemptId: charged.value.attemptId });
        if (p.ok && p.value.status === 'paid') return p.value.saleId;
        await clock.advance(500);
      }
      throw new Error('sale never paid');
    },
    alerts: () => events.filter((e) => e.name === 'alert').map((e) => e.payload as Alert),
    close: () => core.close(),
  };
}
