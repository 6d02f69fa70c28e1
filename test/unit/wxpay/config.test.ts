// Configuration: defaults, refusal of unsafe base URLs, and base URLs with a path prefix (sandbox).
import { describe, expect, it } from 'vitest';
import { createWxPayClient } from '../../../src/core/wxpay/client';
import { resolveNet } from '../../../src/core/wxpay/config';
import { MERCHANT, startFake } from './support/fake-gateway';

const cfg = { ...MERCHANT, signType: 'MD5' as const };

describe('resolveNet', () => {
  it('defaults: api.mch primary, api2.mch backup, connect 6 s, read 8 s', () => {
    expect(resolveNet(cfg)).toMatchObject({
      baseUrl: 'https://api.mch.weixin.qq.com',
      backupUrl: 'https://api2.mch.weixin.qq.com',
      connectTimeoutMs: 6_000,
      readTimeoutMs: 8_000,
      overallTimeoutMs: 16_000,
    });
    expect(resolveNet({ ...cfg, backupUrl: null }).backupUrl).toBeNull();
  });

  it('refuses plain http off loopback, queries, credentials and silly timeouts', () => {
    expect(() => resolveNet({ ...cfg, baseUrl: 'http://api.mch.weixin.qq.com' })).toThrow(TypeError);
    expect(() => resolveNet({ ...cfg, baseUrl: 'https://x.example/?a=1' })).toThrow(TypeError);
    expect(() => resolveNet({ ...cfg, baseUrl: 'https://u:p@x.example' })).toThrow(TypeError);
    expect(() => resolveNet({ ...cfg, backupUrl: 'not a url' })).toThrow(TypeError);
    expect(() => resolveNet({ ...cfg, connectTimeoutMs: 0 })).toThrow(TypeError);
    expect(() => resolveNet({ ...cfg, maxResponseBytes: 10 })).toThrow(TypeError);
    expect(resolveNet({ ...cfg, baseUrl: 'http://127.0.0.1:9/', backupUrl: 'http://[::1]:9' })).toMatchObject({
      baseUrl: 'http://127.0.0.1:9',
      backupUrl: 'http://[::1]:9',
    });
  });

  it('createWxPayClient refuses a missing key or an unknown sign type', () => {
    expect(() => createWxPayClient({ ...cfg, key: '' })).toThrow(TypeError);
    expect(() => createWxPayClient({ ...cfg, signType: 'SHA1' as 'MD5' })).toThrow(TypeError);
  });
});

describe('a base URL with a path prefix (sandbox /sandboxnew)', () => {
  it('paths are appended below the prefix', async () => {
    const g = await startFake(() => ({ xml: { return_code: 'SUCCESS', mch_id: MERCHANT.mchId, sandbox_signkey: 'a'.repeat(32) } }));
    const c = createWxPayClient({ ...cfg, baseUrl: `${g.url}/sandboxnew/`, backupUrl: null });
    expect((await c.getSignKey()).kind).toBe('ok');
    await c.orderQuery({ outTradeNo: 'T20260115001' });
    expect(g.received.map((r) => r.path)).toEqual(['/sandboxnew/pay/getsignkey', '/sandboxnew/pay/orderquery']);
    await c.close();
    await g.close();
  });
});
