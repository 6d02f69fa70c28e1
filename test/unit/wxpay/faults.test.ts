// Network faults on 127.0.0.1: what is "never left" (fail over, retry-same) and what is "unknown"
// (may have been received: never sent to the backup, never reported as failed).
import { afterEach, describe, expect, it } from 'vitest';
import dns from 'node:dns';
import type { LookupFunction } from 'node:net';
import { createWxPayClient, type WxPayConfig } from '../../../src/core/wxpay/client';
import type { Outcome } from '../../../src/core/wxpay/types';
import { MERCHANT, closedPort, startFake, startRaw, type FakeGateway } from './support/fake-gateway';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

const paid = {
  result_code: 'SUCCESS',
  trade_state: 'SUCCESS',
  trade_state_desc: '支付成功',
  out_trade_no: 'T20260115001',
  transaction_id: '4200000925202101284997714292',
  total_fee: 100,
  time_end: '20260115100000',
};

async function backupGateway(): Promise<FakeGateway> {
  const g = await startFake(() => ({ signed: paid }));
  cleanups.push(() => g.close());
  return g;
}

function client(baseUrl: string, backupUrl: string | null, extra: Partial<WxPayConfig> = {}) {
  const c = createWxPayClient({
    ...MERCHANT,
    signType: 'HMAC-SHA256',
    baseUrl,
    backupUrl,
    connectTimeoutMs: 250,
    readTimeoutMs: 300,
    ...extra,
  });
  cleanups.push(() => c.close());
  return c;
}

/** Hosts ending in .dns-fail.test fail DNS; everything else resolves normally. */
export const failingLookup: LookupFunction = (hostname, options, callback) => {
  if (hostname.endsWith('.dns-fail.test')) {
    const e = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    (callback as (err: Error) => void)(e);
    return;
  }
  dns.lookup(hostname, options as dns.LookupAllOptions, callback as (err: NodeJS.ErrnoException | null, a: dns.LookupAddress[]) => void);
};

function expectKind(o: Outcome<unknown>, kind: string, code: string): void {
  expect(o.kind).toBe(kind);
  if (o.kind !== 'ok' && o.kind !== 'fail') expect(o.code).toBe(code);
}

const query = { outTradeNo: 'T20260115001' };

describe('pre-send faults fail over to the backup', () => {
  it('connection refused on the primary -> the backup answers', async () => {
    const backup = await backupGateway();
    const o = await client(`http://127.0.0.1:${await closedPort()}`, backup.url).orderQuery(query);
    expect(o.kind).toBe('ok');
    expect(backup.received).toHaveLength(1);
  });

  it('DNS failure (ENOTFOUND) on the primary -> the backup answers', async () => {
    const backup = await backupGateway();
    const c = client('https://api.dns-fail.test', backup.url, { lookup: failingLookup });
    expect((await c.orderQuery(query)).kind).toBe('ok');
    expect(backup.received).toHaveLength(1);
  });

  it('connect timeout (TCP accepted, TLS never answered) -> the backup answers', async () => {
    const silent = await startRaw(() => undefined);
    cleanups.push(() => silent.close());
    const backup = await backupGateway();
    const t0 = performance.now();
    const o = await client(`https://127.0.0.1:${silent.port}`, backup.url).orderQuery(query);
    expect(o.kind).toBe('ok');
    expect(performance.now() - t0).toBeLessThan(2_000);
    expect(silent.connections()).toBe(1);
    expect(backup.received).toHaveLength(1);
  });

  it('both domains refused -> retry-same CONNECTION_REFUSED (provably never received)', async () => {
    const o = await client(`http://127.0.0.1:${await closedPort()}`, `http://127.0.0.1:${await closedPort()}`).orderQuery(query);
    expectKind(o, 'retry-same', 'CONNECTION_REFUSED');
  });

  it('no backup configured -> retry-same, one attempt', async () => {
    const o = await client(`http://127.0.0.1:${await closedPort()}`, null).orderQuery(query);
    expectKind(o, 'retry-same', 'CONNECTION_REFUSED');
  });
});

describe('after the request may have been received: unknown, never the backup', () => {
  it('reset after the request was read -> unknown CONNECTION_RESET', async () => {
    const raw = await startRaw((s) => {
      let seen = '';
      s.on('data', (d: Buffer) => {
        seen += d.toString();
        if (seen.includes('</xml>')) s.resetAndDestroy();
      });
    });
    cleanups.push(() => raw.close());
    const backup = await backupGateway();
    const o = await client(`http://127.0.0.1:${raw.port}`, backup.url).unifiedOrder({
      outTradeNo: 'T20260115001',
      totalFee: 100,
      body: 'shop-item',
      productId: 'P1',
      spbillCreateIp: '127.0.0.1',
      notifyUrl: 'https://example.com/notify',
    });
    expectKind(o, 'unknown', 'CONNECTION_RESET');
    expect(backup.received).toHaveLength(0);
  });

  it('server reads and never answers -> unknown READ_TIMEOUT after readTimeoutMs', async () => {
    const raw = await startRaw((s) => s.resume());
    cleanups.push(() => raw.close());
    const backup = await backupGateway();
    const t0 = performance.now();
    const o = await client(`http://127.0.0.1:${raw.port}`, backup.url).refund({
      outTradeNo: 'T20260115001',
      outRefundNo: 'R1',
      totalFee: 100,
      refundFee: 100,
    });
    expectKind(o, 'unknown', 'READ_TIMEOUT');
    expect(performance.now() - t0).toBeLessThan(5_000);
    expect(backup.received).toHaveLength(0);
  });

  it('headers then a stalled body -> unknown READ_TIMEOUT', async () => {
    const raw = await startRaw((s) => {
      s.once('data', () => s.write('HTTP/1.1 200 OK\r\ncontent-type: text/xml\r\ncontent-length: 500\r\n\r\n<xml><return_code>'));
    });
    cleanups.push(() => raw.close());
    expectKind(await client(`http://127.0.0.1:${raw.port}`, null).orderQuery(query), 'unknown', 'READ_TIMEOUT');
  });

  it('HTTP 502 -> unknown HTTP_STATUS, backup untouched', async () => {
    const primary = await startFake(() => ({ raw: 'bad gateway', status: 502 }));
    cleanups.push(() => primary.close());
    const backup = await backupGateway();
    expectKind(await client(primary.url, backup.url).orderQuery(query), 'unknown', 'HTTP_STATUS');
    expect(backup.received).toHaveLength(0);
  });

  it('the fake reset (handler level) -> unknown, backup untouched', async () => {
    const primary = await startFake(() => ({ reset: true }));
    cleanups.push(() => primary.close());
    const backup = await backupGateway();
    expectKind(await client(primary.url, backup.url).closeOrder(query), 'unknown', 'CONNECTION_RESET');
    expect(primary.received).toHaveLength(1);
    expect(backup.received).toHaveLength(0);
  });

  it('overall deadline aborts a slow drip -> unknown ABORTED', async () => {
    const raw = await startRaw((s) => {
      s.once('data', () => {
        s.write('HTTP/1.1 200 OK\r\ncontent-type: text/xml\r\ntransfer-encoding: chunked\r\n\r\n');
        const t = setInterval(() => s.write('1\r\n \r\n'), 50);
        s.on('close', () => clearInterval(t));
      });
    });
    cleanups.push(() => raw.close());
    const o = await client(`http://127.0.0.1:${raw.port}`, null, { overallTimeoutMs: 400 }).orderQuery(query);
    expectKind(o, 'unknown', 'ABORTED');
  });
});

describe('response size cap', () => {
  const big = 'x'.repeat(300 * 1024);
  it('declared content-length over the cap -> unknown RESPONSE_TOO_LARGE', async () => {
    const g = await startFake(() => ({ raw: big }));
    cleanups.push(() => g.close());
    expectKind(await client(g.url, null, { maxResponseBytes: 64 * 1024 }).orderQuery(query), 'unknown', 'RESPONSE_TOO_LARGE');
  });

  it('chunked body growing over the cap -> unknown RESPONSE_TOO_LARGE', async () => {
    const raw = await startRaw((s) => {
      s.once('data', () => {
        s.write('HTTP/1.1 200 OK\r\ncontent-type: text/xml\r\ntransfer-encoding: chunked\r\n\r\n');
        for (let i = 0; i < 20; i++) s.write(`4000\r\n${'y'.repeat(0x4000)}\r\n`);
      });
    });
    cleanups.push(() => raw.close());
    expectKind(await client(`http://127.0.0.1:${raw.port}`, null, { maxResponseBytes: 64 * 1024 }).orderQuery(query), 'unknown', 'RESPONSE_TOO_LARGE');
  });
});

describe('close()', () => {
  it('aborts a call in flight as unknown and is idempotent', async () => {
    const raw = await startRaw((s) => s.resume());
    cleanups.push(() => raw.close());
    const c = client(`http://127.0.0.1:${raw.port}`, null, { readTimeoutMs: 5_000 });
    const pending = c.orderQuery(query);
    while (raw.connections() === 0) await new Promise((r) => setImmediate(r));
    await c.close();
    await c.close();
    expect((await pending).kind).toBe('unknown');
  });
});
