// Preflight flow and classification with a scripted gateway; the end-to-end cases against the
// simulator are in preflight-sim.test.ts.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Outcome, WxPayClient } from '../../../src/core/wxpay/types';
import { unconfiguredClient, type GatewayConfig } from '../../../src/core/settings/gateway';
import { classifyCertProbe, classifyKeyProbe, runPreflight, type ProbeResult } from '../../../src/core/settings/preflight';
import { createHttpProbe } from '../../../src/core/settings/probe';
import { MGR, SANDBOX, p12File, settingsRig, type Rig } from './helpers';

let rig: Rig | null = null;
let server: Server | null = null;
afterEach(async () => {
  rig?.cleanup();
  rig = null;
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server = null;
});

async function configured(): Promise<Rig> {
  const r = settingsRig({ withPin: true });
  r.settings.save({ appid: SANDBOX.appid, mchId: SANDBOX.mchId, apiKey: SANDBOX.key, ...MGR });
  r.picker.next.push(p12File('merchant-1900000109.p12'));
  expect((await r.settings.importMerchantCertificate({ format: 'p12', password: SANDBOX.mchId, ...MGR })).ok).toBe(true);
  return r;
}

function scripted(key: Outcome<unknown>, refund: Outcome<unknown>, seen: GatewayConfig[] = []) {
  return (cfg: GatewayConfig): WxPayClient => {
    seen.push(cfg);
    return { ...unconfiguredClient('x'), orderQuery: async () => key as never, refund: async () => refund as never };
  };
}

const answered = (dateMs: number | null) => async (): Promise<ProbeResult> => ({ ok: true, value: { dateMs } });
const notExist: Outcome<unknown> = { kind: 'fail', errCode: 'ORDERNOTEXIST', errCodeDes: '订单不存在' };

describe('preflight flow', () => {
  it('stops at incomplete settings with every other line NOT_CHECKED', async () => {
    rig = settingsRig();
    const lines = await runPreflight({
      settings: rig.settings,
      target: {},
      makeClient: scripted(notExist, notExist),
      probe: answered(rig.clock.now()),
      clock: rig.clock,
    });
    expect(lines.map((l) => [l.check, l.code])).toEqual([
      ['settings', 'SETTINGS_INCOMPLETE'],
      ['gateway', 'NOT_CHECKED'],
      ['clock', 'NOT_CHECKED'],
      ['key', 'NOT_CHECKED'],
      ['certificate', 'NOT_CHECKED'],
    ]);
  });

  it('all good: five ok lines, and the probe client gets the stored key and PEM certificate', async () => {
    rig = await configured();
    const seen: GatewayConfig[] = [];
    const lines = await runPreflight({
      settings: rig.settings,
      target: { baseUrl: 'https://127.0.0.1:1' },
      makeClient: scripted(notExist, { kind: 'fail', errCode: 'ORDERNOTEXIST', errCodeDes: '' }, seen),
      probe: answered(rig.clock.now() - 20_000),
      clock: rig.clock,
    });
    expect(lines.map((l) => [l.check, l.ok, l.code])).toEqual([
      ['settings', true, 'SETTINGS_OK'],
      ['gateway', true, 'GATEWAY_OK'],
      ['clock', true, 'CLOCK_OK'],
      ['key', true, 'KEY_OK'],
      ['certificate', true, 'CERT_OK'],
    ]);
    expect(seen[0]).toMatchObject({ key: SANDBOX.key, mchId: SANDBOX.mchId, baseUrl: 'https://127.0.0.1:1' });
    expect(seen[0]!.cert?.certPem).toContain('BEGIN CERTIFICATE');
  });

  it('reports clock skew beyond 60 s either way but goes on', async () => {
    rig = await configured();
    for (const [offset, word] of [
      [-95_000, 'ahead of'],
      [+120_000, 'behind'],
    ] as const) {
      const lines = await runPreflight({
        settings: rig.settings,
        target: {},
        makeClient: scripted(notExist, notExist),
        probe: answered(rig.clock.now() + offset),
        clock: rig.clock,
      });
      expect(lines[2]).toMatchObject({ check: 'clock', ok: false, code: 'CLOCK_SKEW' });
      expect(lines[2]!.detail).toContain(word);
      expect(lines[3]!.code).toBe('KEY_OK');
    }
  });

  it('gateway unreachable skips the remaining checks', async () => {
    rig = await configured();
    const lines = await runPreflight({
      settings: rig.settings,
      target: {},
      makeClient: scripted(notExist, notExist),
      probe: async () => ({ ok: false, kind: 'unreachable', message: 'ECONNREFUSED' }),
      clock: rig.clock,
    });
    expect(lines.map((l) => l.code)).toEqual(['SETTINGS_OK', 'GATEWAY_UNREACHABLE', 'NOT_CHECKED', 'NOT_CHECKED', 'NOT_CHECKED']);
  });

  it('a certificate for another merchant (mch_id changed after import) is reported without sending it', async () => {
    rig = await configured();
    rig.settings.save({ mchId: '1900000110', ...MGR });
    let refundCalls = 0;
    const lines = await runPreflight({
      settings: rig.settings,
      target: {},
      makeClient: (cfg) => ({ ...scripted(notExist, notExist)(cfg), refund: async () => (refundCalls++, notExist) as never }),
      probe: answered(rig.clock.now()),
      clock: rig.clock,
    });
    expect(lines[4]).toMatchObject({ check: 'certificate', ok: false, code: 'CERT_OTHER_MERCHANT' });
    expect(refundCalls).toBe(0);
  });
});

describe('preflight classification', () => {
  it('key probe', () => {
    expect(classifyKeyProbe(notExist).code).toBe('KEY_OK');
    expect(classifyKeyProbe({ kind: 'fix', code: 'PROTOCOL_FAIL', message: '签名错误' }).code).toBe('KEY_WRONG');
    expect(classifyKeyProbe({ kind: 'fix', code: 'PROTOCOL_FAIL', message: 'mch_id参数格式错误' }).code).toBe('MERCHANT_MISMATCH');
    expect(classifyKeyProbe({ kind: 'fail', errCode: 'APPID_MCHID_NOT_MATCH', errCodeDes: '' }).code).toBe('MERCHANT_MISMATCH');
    expect(classifyKeyProbe({ kind: 'retry-same', code: 'CONNECTION_REFUSED', message: '' }).code).toBe('GATEWAY_UNREACHABLE');
    expect(classifyKeyProbe({ kind: 'unknown', code: 'READ_TIMEOUT', message: '' }).code).toBe('GATEWAY_UNREACHABLE');
    expect(classifyKeyProbe({ kind: 'fix', code: 'TLS_UNKNOWN_CA', message: '' }).code).toBe('GATEWAY_TLS');
  });
  it('certificate probe', () => {
    expect(classifyCertProbe({ kind: 'fail', errCode: 'INVALID_TRANSACTIONID', errCodeDes: '' }).code).toBe('CERT_OK');
    expect(classifyCertProbe({ kind: 'retry-same', code: 'SYSTEMERROR', message: '' }).code).toBe('CERT_OK');
    expect(classifyCertProbe({ kind: 'fix', code: 'ORDERNOTEXIST', message: '订单不存在' }).code).toBe('CERT_OK');
    expect(classifyCertProbe({ kind: 'fix', code: 'PROTOCOL_FAIL', message: '签名错误' }).code).toBe('NOT_CHECKED');
    expect(classifyCertProbe({ kind: 'retry-same', code: 'CONNECT_TIMEOUT', message: '' }).code).toBe('GATEWAY_UNREACHABLE');
    expect(classifyCertProbe({ kind: 'fix', code: 'TLS_CLIENT_CERT_REJECTED', message: 'refused' }).code).toBe('CERT_REJECTED');
    expect(classifyCertProbe({ kind: 'fix', code: 'PROTOCOL_FAIL', message: '证书验证失败' }).code).toBe('CERT_REJECTED');
    expect(classifyCertProbe({ kind: 'fix', code: 'CLIENT_CERT_EXPIRED', message: 'expired' }).code).toBe('CERT_INVALID');
  });
});

describe('HTTP probe', () => {
  it('reads the Date header and reports a closed port as unreachable', async () => {
    const date = 'Tue, 13 Jan 2026 04:05:06 GMT';
    server = createServer((_req, res) => {
      res.setHeader('Date', date);
      res.end();
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as AddressInfo).port;
    const probe = createHttpProbe({ timeoutMs: 2000 });
    expect(await probe(`http://127.0.0.1:${port}`, null)).toEqual({ ok: true, value: { dateMs: Date.parse(date) } });
    await new Promise<void>((r) => server!.close(() => r()));
    server = null;
    expect(await probe(`http://127.0.0.1:${port}`, null)).toMatchObject({ ok: false, kind: 'unreachable', message: 'ECONNREFUSED' });
  });
});
