// Issue 11 point 8: retired gateway clients (holding the old key and certificate) and typed API keys do
// not stay in memory for the whole session.
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/common/clock';
import { ok } from '../../../src/common/result';
import { memoryLogger } from '../../../src/core/logger';
import { createGatewayHolder, RETIRED_CLIENT_GRACE_MS, unconfiguredClient, type GatewayConfig } from '../../../src/core/settings/gateway';
import { TYPED_KEY_TTL_MS } from '../../../src/core/settings/settings-service';
import type { WxPayClient } from '../../../src/core/wxpay/types';
import { settingsRig } from './helpers';

const CONFIG: GatewayConfig = { appid: 'wx0000000000000001', mchId: '1234567890', key: 'k'.repeat(32), signType: 'MD5' };

describe('secrets do not linger in memory', () => {
  it('a replaced gateway client is closed and dropped once in-flight requests had their time, not at shutdown', async () => {
    const clock = new VirtualClock();
    const closed: number[] = [];
    let n = 0;
    const holder = createGatewayHolder({
      resolve: () => ok(CONFIG),
      makeClient: () => {
        const id = ++n;
        return { ...unconfiguredClient('x'), close: async () => void closed.push(id) } as WxPayClient;
      },
      logger: memoryLogger(),
      clock,
    });
    holder.client();
    holder.invalidate(); // e.g. a new API key was saved
    holder.client();
    expect(holder.retiredCount()).toBe(1);
    await clock.advance(RETIRED_CLIENT_GRACE_MS - 1);
    expect(closed).toEqual([]); // requests may still be in flight on it
    await clock.advance(1);
    expect(closed).toEqual([1]);
    expect(holder.retiredCount()).toBe(0);
    await holder.close();
    expect(closed).toEqual([1, 2]);
  });

  it('a typed API key is forgotten after a while and when another one is typed', async () => {
    const rig = settingsRig({ withPin: true });
    const first = 'A'.repeat(32);
    const second = 'B'.repeat(32);
    rig.settings.save({ apiKey: first }); // refused (no approval), still redacted for now
    expect(rig.settings.knownSecrets()).toContain(first);
    rig.settings.save({ apiKey: second });
    expect(rig.settings.knownSecrets()).not.toContain(first);
    expect(rig.settings.knownSecrets()).toContain(second);
    await rig.clock.advance(TYPED_KEY_TTL_MS + 1);
    expect(rig.settings.knownSecrets()).not.toContain(second);
    rig.store.close();
  });
});
