// Issue 10 point 6 through startCore: the till's clock is compared with the gateway's HTTP Date at start
// and hourly. More than a minute off: getShellInfo carries the offset (the renderer's blocking banner)
// and charge answers CLOCK_WRONG without sending anything; once the clock agrees again, charge works.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PosEventSink, ShellInfo } from '../../../src/common/api';
import { VirtualClock } from '../../../src/common/clock';
import { ok } from '../../../src/common/result';
import { startCore, type CoreHandle, type SandboxRuntime } from '../../../src/host';
import { startSignedIn } from '../../support/signed-in-core'; // issue 11: the test owner is signed in
import { memoryLogger } from '../../../src/core/logger';
import { CLOCK_CHECK_INTERVAL_MS } from '../../../src/core/settings/clock-watch';
import { unconfiguredClient } from '../../../src/core/settings/gateway';
import { TEST_SCRYPT } from '../../../src/core/settings/manager-pin';
import { MemorySecretBox } from '../../../src/core/settings/secret-box';
import type { Simulator } from '../../../src/sim';
import { SANDBOX, queuedPicker } from '../settings/helpers';

const handles: CoreHandle[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const h of handles.splice(0)) await h.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const sandboxRuntime = async (): Promise<SandboxRuntime> => ({
  target: { baseUrl: 'http://127.0.0.1:9' },
  merchant: { appid: SANDBOX.appid, mchId: SANDBOX.mchId, key: SANDBOX.key, signType: 'MD5' },
  cert: null,
  simulator: { fake: true } as unknown as Simulator,
  phone: async () => ok(null),
  close: async () => {},
});

async function boot(gatewayOffsetMs: { value: number | null }) {
  const dir = mkdtempSync(join(tmpdir(), 'clock-skew-'));
  dirs.push(dir);
  const clock = new VirtualClock(Date.UTC(2026, 5, 1, 2, 0, 0));
  const probed: string[] = [];
  const charges: string[] = [];
  const handle = await startSignedIn({
    dataDir: dir,
    secretBox: new MemorySecretBox(),
    events: (() => undefined) as PosEventSink,
    files: queuedPicker(),
    clock,
    appVersion: 'test',
    openShiftAtStart: { floatFen: 0 }, // issue 13: sales need an open shift
    logger: memoryLogger(),
    pin: { scrypt: TEST_SCRYPT },
    makeClient: () => {
      charges.push('client built');
      return unconfiguredClient('fake');
    },
    startSandbox: sandboxRuntime,
    // The gateway's Date: the till's time minus the offset (null: no Date header).
    probe: async (baseUrl) => {
      probed.push(baseUrl);
      return ok({ dateMs: gatewayOffsetMs.value === null ? null : clock.now() - gatewayOffsetMs.value });
    },
  });
  handles.push(handle);
  await handle.internals.started;
  await clock.advance(0);
  return { handle, clock, probed, charges };
}

const shell = async (h: CoreHandle): Promise<ShellInfo> => {
  const r = await h.dispatch('getShellInfo', undefined);
  if (!(r as { ok: boolean }).ok) throw new Error('getShellInfo failed');
  return (r as { value: ShellInfo }).value;
};
const tea = { lines: [{ name: 'Tea', quantity: 1, unitFen: 100 }], cashier: 'amy' };

describe('clock checked against the gateway (issue 10 point 6)', () => {
  it('5 minutes ahead at start: banner offset, charge refused in plain words, nothing sent; set right: charge works after the hourly check', async () => {
    const offset = { value: 5 * 60_000 as number | null };
    const { handle, clock, probed, charges } = await boot(offset);
    expect(probed).toEqual(['http://127.0.0.1:9']); // sandbox: the simulator's Date
    expect((await shell(handle)).clock).toMatchObject({ offsetMs: 300_000, wrong: true });
    const refused = await handle.dispatch('charge', tea);
    expect(refused).toMatchObject({ ok: false, code: 'CLOCK_WRONG', message: expect.stringContaining('300 s ahead of') });
    expect(charges).toEqual([]);
    expect(handle.internals.store.db.prepare('SELECT count(*) AS n FROM sales').get()).toEqual({ n: 0 });

    // The clock is set right; nothing changes until the next hourly check.
    offset.value = 2000;
    await clock.advance(CLOCK_CHECK_INTERVAL_MS - 1000);
    expect((await shell(handle)).clock?.wrong).toBe(true);
    await clock.advance(1000);
    expect(probed.length).toBe(2);
    expect((await shell(handle)).clock).toMatchObject({ offsetMs: 2000, wrong: false });
    const r = await handle.dispatch('charge', tea);
    expect((r as { code?: string }).code).not.toBe('CLOCK_WRONG');
    expect(charges.length).toBeGreaterThan(0);
  });

  it('behind by 61 s is refused; within 60 s or no Date header is not', async () => {
    const behind = await boot({ value: -61_000 });
    expect(await behind.handle.dispatch('charge', tea)).toMatchObject({ code: 'CLOCK_WRONG', message: expect.stringContaining('61 s behind') });
    const near = await boot({ value: 60_000 });
    expect((await shell(near.handle)).clock).toMatchObject({ offsetMs: 60_000, wrong: false });
    const unknown = await boot({ value: null });
    expect((await shell(unknown.handle)).clock).toBeNull();
    expect(((await unknown.handle.dispatch('charge', tea)) as { code?: string }).code).not.toBe('CLOCK_WRONG');
  });
});
