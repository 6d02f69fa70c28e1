// TLS and mTLS against real local https servers made with the test certificates.
import { afterEach, describe, expect, it } from 'vitest';
import { createWxPayClient, type WxPayConfig } from '../../../src/core/wxpay/client';
import type { Outcome } from '../../../src/core/wxpay/types';
import { MERCHANT, certBytes, certFile, startFake, type FakeGateway, type FakeOptions } from './support/fake-gateway';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

const refundOk = {
  result_code: 'SUCCESS',
  out_trade_no: 'T20260115001',
  out_refund_no: 'R1',
  refund_id: '50000000000000000001',
  total_fee: 100,
  refund_fee: 40,
};

async function gateway(opts: FakeOptions): Promise<FakeGateway> {
  const g = await startFake(() => ({ signed: refundOk }), opts);
  cleanups.push(() => g.close());
  return g;
}

function client(g: FakeGateway, extra: Partial<WxPayConfig> = {}) {
  const c = createWxPayClient({
    ...MERCHANT,
    signType: 'MD5',
    baseUrl: g.url,
    backupUrl: null,
    ca: certFile('ca.pem'),
    connectTimeoutMs: 2_000,
    readTimeoutMs: 2_000,
    ...extra,
  });
  cleanups.push(() => c.close());
  return c;
}

const refundReq = { outTradeNo: 'T20260115001', outRefundNo: 'R1', totalFee: 100, refundFee: 40 };

function expectFix(o: Outcome<unknown>, code: string): void {
  expect(o.kind).toBe('fix');
  if (o.kind === 'fix') expect(o.code).toBe(code);
}

const MTLS: FakeOptions = { tls: { cert: 'server.pem', key: 'server.key', requestCert: true } };
const pemPair = { certPem: certFile('merchant-1900000109.pem'), keyPem: certFile('merchant-1900000109.key') };

describe('server certificate checks fail closed', () => {
  it('unknown CA -> TLS_UNKNOWN_CA, nothing received', async () => {
    const g = await gateway({ tls: { cert: 'server.pem', key: 'server.key' } });
    const o = await client(g, { ca: certFile('other-ca.pem') }).orderQuery({ outTradeNo: 'T20260115001' });
    expectFix(o, 'TLS_UNKNOWN_CA');
    expect(g.received).toHaveLength(0);
  });

  it('expired server certificate -> TLS_CERT_EXPIRED', async () => {
    const g = await gateway({ tls: { cert: 'expired-server.pem', key: 'expired-server.key' } });
    expectFix(await client(g).orderQuery({ outTradeNo: 'T20260115001' }), 'TLS_CERT_EXPIRED');
    expect(g.received).toHaveLength(0);
  });

  it('certificate for another host -> TLS_WRONG_HOST', async () => {
    const g = await gateway({ tls: { cert: 'wrong-host-server.pem', key: 'wrong-host-server.key' } });
    expectFix(await client(g).orderQuery({ outTradeNo: 'T20260115001' }), 'TLS_WRONG_HOST');
    expect(g.received).toHaveLength(0);
  });

  it('a TLS failure on the primary never fails over to the backup', async () => {
    const bad = await gateway({ tls: { cert: 'expired-server.pem', key: 'expired-server.key' } });
    const good = await gateway({ tls: { cert: 'server.pem', key: 'server.key' } });
    const o = await client(bad, { backupUrl: good.url }).orderQuery({ outTradeNo: 'T20260115001' });
    expectFix(o, 'TLS_CERT_EXPIRED');
    expect(good.received).toHaveLength(0);
  });

  it('the same server over https://localhost verifies by name', async () => {
    const g = await gateway({ tls: { cert: 'server.pem', key: 'server.key' } });
    const c = client(g, { baseUrl: `https://localhost:${g.port}`, cert: pemPair });
    expect((await c.refund(refundReq)).kind).toBe('ok');
  });
});

describe('client certificate (mTLS) for /secapi/*', () => {
  it('PEM pair: refund succeeds and the server sees CN=mch_id', async () => {
    const g = await gateway(MTLS);
    const o = await client(g, { cert: pemPair }).refund(refundReq);
    expect(o).toEqual({ kind: 'ok', value: { refundId: '50000000000000000001', outRefundNo: 'R1', refundFee: 40 } });
    expect(g.received[0]?.peerCN).toBe('1900000109');
    expect(g.received[0]?.path).toBe('/secapi/pay/refund');
  });

  it('modern AES .p12 with password = mch_id', async () => {
    const g = await gateway(MTLS);
    const o = await client(g, { cert: { p12: certBytes('merchant-1900000109.p12'), passphrase: '1900000109' } }).refund(refundReq);
    expect(o.kind).toBe('ok');
    expect(g.received[0]?.peerCN).toBe('1900000109');
  });

  it('legacy RC2-40 .p12 (which Node cannot load itself) is converted and works', async () => {
    const g = await gateway(MTLS);
    // no passphrase given: WeChat's password is the mch_id
    const o = await client(g, { cert: { p12: certBytes('merchant-1900000109-legacy.p12') } }).reverse({ outTradeNo: 'T20260115001' });
    expect(o.kind).not.toBe('fix');
    expect(g.received[0]?.peerCN).toBe('1900000109');
    expect(g.received[0]?.path).toBe('/secapi/pay/reverse');
  });

  it('wrong .p12 password -> CLIENT_CERT_PASSWORD, nothing sent, password not echoed', async () => {
    const g = await gateway(MTLS);
    const o = await client(g, { cert: { p12: certBytes('merchant-1900000109-legacy.p12'), passphrase: 'hunter2-secret' } }).refund(refundReq);
    expectFix(o, 'CLIENT_CERT_PASSWORD');
    expect(JSON.stringify(o)).not.toContain('hunter2-secret');
    expect(g.received).toHaveLength(0);
  });

  it('no certificate configured -> CLIENT_CERT_MISSING before connecting', async () => {
    const g = await gateway(MTLS);
    expectFix(await client(g).refund(refundReq), 'CLIENT_CERT_MISSING');
    expect(g.received).toHaveLength(0);
  });

  it('client certificate from an unknown CA is rejected by the server -> TLS_CLIENT_CERT_REJECTED', async () => {
    const g = await gateway(MTLS);
    const cert = { certPem: certFile('merchant-by-other-ca.pem'), keyPem: certFile('merchant-by-other-ca.key') };
    expectFix(await client(g, { cert }).refund(refundReq), 'TLS_CLIENT_CERT_REJECTED');
    expect(g.received).toHaveLength(0);
  });

  it('our own certificate expired -> CLIENT_CERT_EXPIRED, nothing sent', async () => {
    const g = await gateway(MTLS);
    const cert = { certPem: certFile('expired-merchant.pem'), keyPem: certFile('expired-merchant.key') };
    expectFix(await client(g, { cert }).refund(refundReq), 'CLIENT_CERT_EXPIRED');
    expect(g.received).toHaveLength(0);
  });

  it("another merchant's certificate -> CLIENT_CERT_WRONG_MERCHANT", async () => {
    const g = await gateway(MTLS);
    const o = await client(g, { cert: { p12: certBytes('merchant-1900000110.p12'), passphrase: '1900000110' } }).refund(refundReq);
    expectFix(o, 'CLIENT_CERT_WRONG_MERCHANT');
    expect(g.received).toHaveLength(0);
  });

  it('a key that does not match the certificate -> CLIENT_CERT_INVALID', async () => {
    const g = await gateway(MTLS);
    const cert = { certPem: certFile('merchant-1900000109.pem'), keyPem: certFile('merchant-1900000110.key') };
    expectFix(await client(g, { cert }).refund(refundReq), 'CLIENT_CERT_INVALID');
  });

  it('non-secapi calls do not present the certificate', async () => {
    const g = await gateway({ tls: { cert: 'server.pem', key: 'server.key', requestCert: true, rejectUnauthorized: false } });
    const c = client(g, { cert: pemPair });
    await c.orderQuery({ outTradeNo: 'T20260115001' });
    await c.refund(refundReq);
    expect(g.received.map((r) => [r.path, r.peerCN])).toEqual([
      ['/pay/orderquery', null],
      ['/secapi/pay/refund', '1900000109'],
    ]);
  });
});
