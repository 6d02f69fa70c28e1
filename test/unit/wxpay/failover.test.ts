// Domain choice per wxpay-v2.md section 6 (the Java SDK's WXPayDomainSimpleImpl), driven by a VirtualClock.
import { afterEach, describe, expect, it } from 'vitest';
import type { LookupFunction } from 'node:net';
import { VirtualClock } from '../../../src/common/clock';
import { DomainSelector, SWITCH_BACK_MS } from '../../../src/core/wxpay/domain-selector';
import { createWxPayClient } from '../../../src/core/wxpay/client';
import { MERCHANT, startFake, type FakeGateway } from './support/fake-gateway';

describe('DomainSelector', () => {
  it('stays on the primary while connect timeouts and DNS errors are <= 2 each', () => {
    const s = new DomainSelector(new VirtualClock(), true);
    s.report('primary', 'dns');
    s.report('primary', 'dns');
    s.report('primary', 'connect-timeout');
    s.report('primary', 'connect-timeout');
    for (let i = 0; i < 20; i++) s.report('primary', 'other'); // refused, read timeouts: never make it "bad"
    expect(s.pick()).toBe('primary');
    s.report('primary', 'dns');
    expect(s.pick()).toBe('backup');
  });

  it('prefers the backup for 3 minutes, then forces the primary back and resets the counters', async () => {
    const clock = new VirtualClock();
    const s = new DomainSelector(clock, true);
    for (let i = 0; i < 3; i++) s.report('primary', 'connect-timeout');
    expect(s.pick()).toBe('backup');
    await clock.advance(SWITCH_BACK_MS - 1);
    expect(s.pick()).toBe('backup');
    await clock.advance(1);
    expect(s.pick()).toBe('primary');
    expect(s.snapshot().primary.connectTimeouts).toBe(0);
    expect(s.pick()).toBe('primary');
  });

  it('inside the window goes back to the primary when the backup is worse', () => {
    const clock = new VirtualClock();
    const s = new DomainSelector(clock, true);
    for (let i = 0; i < 3; i++) s.report('primary', 'connect-timeout'); // badness 3
    expect(s.pick()).toBe('backup');
    for (let i = 0; i < 3; i++) s.report('backup', 'dns'); // badness 15, not good
    expect(s.pick()).toBe('primary');
  });

  it('a success after two successes clears the error counters', () => {
    const s = new DomainSelector(new VirtualClock(), true);
    s.report('primary', 'dns');
    s.report('primary', 'dns');
    s.report('primary', 'ok');
    s.report('primary', 'ok');
    expect(s.snapshot().primary.dnsErrors).toBe(2);
    s.report('primary', 'ok');
    expect(s.snapshot().primary.dnsErrors).toBe(0);
    s.report('primary', 'dns');
    s.report('primary', 'dns');
    expect(s.pick()).toBe('primary'); // would be 4 without the reset
  });

  it('without a backup always answers primary', () => {
    const s = new DomainSelector(new VirtualClock(), false);
    for (let i = 0; i < 10; i++) s.report('primary', 'dns');
    expect(s.pick()).toBe('primary');
  });

  it('a clock jumping backwards ends the backup window instead of pinning it', () => {
    const clock = new VirtualClock();
    const s = new DomainSelector(clock, true);
    for (let i = 0; i < 3; i++) s.report('primary', 'dns');
    expect(s.pick()).toBe('backup');
    clock.set(clock.now() - 60_000);
    expect(s.pick()).toBe('primary');
  });
});

describe('client failover and switch-back over real sockets', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    while (cleanups.length) await cleanups.pop()?.();
  });

  it('DNS failures move traffic to the backup; after 3 minutes the primary is tried again', async () => {
    const answer = { result_code: 'SUCCESS' };
    const primary: FakeGateway = await startFake(() => ({ signed: answer }));
    const backup: FakeGateway = await startFake(() => ({ signed: answer }));
    cleanups.push(() => primary.close(), () => backup.close());
    let dnsDown = true;
    let lookups = 0;
    // "localhost" is the primary's name; the backup is an IP literal and needs no lookup.
    const lookup: LookupFunction = (hostname, options, callback) => {
      lookups++;
      const cb = callback as (err: Error | null, a?: unknown, f?: number) => void;
      if (dnsDown) return cb(Object.assign(new Error(`getaddrinfo EAI_AGAIN ${hostname}`), { code: 'EAI_AGAIN' }));
      if ((options as { all?: boolean }).all) return cb(null, [{ address: '127.0.0.1', family: 4 }]);
      return cb(null, '127.0.0.1', 4);
    };
    const clock = new VirtualClock();
    const c = createWxPayClient({
      ...MERCHANT,
      signType: 'MD5',
      baseUrl: `http://localhost:${primary.port}`,
      backupUrl: backup.url,
      lookup,
      clock,
      connectTimeoutMs: 500,
      readTimeoutMs: 500,
    });
    cleanups.push(() => c.close());
    const close = { outTradeNo: 'T20260115001' };

    for (let i = 1; i <= 3; i++) {
      expect((await c.closeOrder(close)).kind).toBe('ok'); // primary fails DNS, the backup answers
      expect(lookups).toBe(i);
    }
    expect(backup.received).toHaveLength(3);
    dnsDown = false; // the primary is healthy again, but we keep preferring the backup for 3 minutes
    expect((await c.closeOrder(close)).kind).toBe('ok');
    await clock.advance(SWITCH_BACK_MS - 1_000);
    expect((await c.closeOrder(close)).kind).toBe('ok');
    expect(lookups).toBe(3);
    expect(backup.received).toHaveLength(5);
    expect(primary.received).toHaveLength(0);

    await clock.advance(1_000);
    expect((await c.closeOrder(close)).kind).toBe('ok');
    expect(primary.received).toHaveLength(1);
    expect(backup.received).toHaveLength(5);
  });
});
