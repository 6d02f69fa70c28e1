// The gateway holder must not keep a failed resolve (e.g. the keyring still locked at boot): it tries
// again on a later client() call, at most once per retry pause, so recovery can settle by itself.
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/common/clock';
import { err, ok } from '../../../src/common/result';
import { createEngine } from '../../../src/core/checkout/engine';
import { memoryLogger } from '../../../src/core/logger';
import { createGatewayHolder, GATEWAY_RETRY_MS, type GatewayConfig } from '../../../src/core/settings/gateway';
import type { WxPayClient } from '../../../src/core/wxpay/types';
import { type Harness, makeHarness } from '../engine/harness';

const CONFIG: GatewayConfig = { appid: 'wx2421b1c4370ec43b', mchId: '1900000109', key: 'k'.repeat(32), signType: 'MD5' };
const LOCKED = err('CONFIG_ERROR', 'The API key cannot be read: the keyring is locked.');

/** A resolve() that fails while `locked`, counting its calls. */
function keyring(): { locked: boolean; calls: number; resolve: () => ReturnType<typeof ok<GatewayConfig>> | typeof LOCKED } {
  const k = {
    locked: true,
    calls: 0,
    resolve: () => {
      k.calls++;
      return k.locked ? LOCKED : ok(CONFIG);
    },
  };
  return k;
}

describe('gateway holder after a failed resolve', () => {
  it('answers CONFIG_ERROR during the pause, then resolves again and keeps the working client', async () => {
    const clock = new VirtualClock();
    const logger = memoryLogger();
    const k = keyring();
    const real = { marker: 'real' } as unknown as WxPayClient;
    let built = 0;
    const holder = createGatewayHolder({ resolve: k.resolve, makeClient: () => (built++, real), logger, clock });

    const first = holder.client();
    expect(first).not.toBe(real);
    expect(await first.orderQuery({ outTradeNo: 'x' })).toMatchObject({ kind: 'fix', code: 'CONFIG_ERROR' });
    expect(k.calls).toBe(1);
    // within the pause: no new resolve (a busy engine calls client() per request)
    for (let i = 0; i < 100; i++) holder.client();
    await clock.advance(GATEWAY_RETRY_MS - 1);
    holder.client();
    expect(k.calls).toBe(1);
    // after the pause, still locked: tried once more, logged once only
    await clock.advance(1);
    expect(holder.client()).not.toBe(real);
    expect(k.calls).toBe(2);
    expect(logger.lines.filter((l) => l.includes('gateway not configured'))).toHaveLength(1);
    // unlocked: the next try after the pause builds the real client, which is kept from then on
    k.locked = false;
    await clock.advance(GATEWAY_RETRY_MS);
    expect(holder.client()).toBe(real);
    await clock.advance(60_000);
    expect(holder.client()).toBe(real);
    expect(k.calls).toBe(3);
    expect(built).toBe(1);
  });

  it('a client that cannot be built is retried too; invalidate() retries at once', async () => {
    const clock = new VirtualClock();
    const k = keyring();
    k.locked = false;
    const real = { marker: 'real' } as unknown as WxPayClient;
    let broken = true;
    const holder = createGatewayHolder({
      resolve: k.resolve,
      makeClient: () => {
        if (broken) throw new TypeError('bad URL');
        return real;
      },
      logger: memoryLogger(),
      clock,
    });
    expect(holder.client()).not.toBe(real);
    broken = false;
    holder.invalidate(); // settings changed
    expect(holder.client()).toBe(real);
    expect(k.calls).toBe(2);
  });
});

describe('recovery with the keyring locked at boot', () => {
  let h: Harness | null = null;
  afterEach(async () => {
    await h?.dispose();
    h = null;
  });

  it('settles once the keyring opens: the till does not stay NOT_READY', async () => {
    const k = keyring();
    k.locked = false;
    let holder: ReturnType<typeof createGatewayHolder> | null = null;
    const boot = (gwClient: WxPayClient, clock: VirtualClock | Harness['clock']): void => {
      holder = createGatewayHolder({ resolve: k.resolve, makeClient: () => gwClient, logger: memoryLogger(), clock });
    };
    h = await makeHarness({
      client: (gw) => {
        if (!holder) boot(gw.client, h!.clock);
        return holder!.client();
      },
    });
    const sale = await h.engine.charge({ lines: [{ name: 'Tea', quantity: 1, unitFen: 500 }], cashier: 'amy' });
    expect(sale.ok).toBe(true);
    // The till restarts with the keyring still locked: a new holder, as at boot.
    await h.engine.stop();
    k.locked = true;
    boot(h.gw.client, h.clock);
    const engine = createEngine(h.deps);
    const started = engine.start();
    await h.clock.advance(30_000);
    expect(engine.ready()).toBe(false);
    k.locked = false; // the user unlocks the keyring
    await h.clock.advance(30_000);
    expect(engine.ready()).toBe(true);
    await started;
    await engine.stop();
  });
});
