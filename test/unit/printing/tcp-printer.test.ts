// Issue 14 points 2a and 4: the network printer against a fake TCP 9100 printer, including its faults.
import { afterEach, describe, expect, it } from 'vitest';
import { tcpPrinter } from '../../../src/core/printing/tcp-printer';
import type { PrintRequest } from '../../../src/core/printing/printer-port';
import { decodeEscpos } from './support/escpos-decode';
import { refusedPort, startFakePrinter, type FakePrinter } from './support/fake-printer';
import { sampleReceipt } from './support/fixtures';

const req = (openDrawer = false): PrintRequest => ({
  doc: { kind: 'receipt', receipt: sampleReceipt(), refunds: [] },
  render: { width: 58, locale: 'zh-CN' },
  openDrawer,
});

let fake: FakePrinter | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

describe('network ESC/POS printer (raw TCP)', () => {
  it('prints: the fake printer receives text, Chinese, QR, drawer kick and cut; status asked before and after', async () => {
    fake = await startFakePrinter('ok');
    const r = await tcpPrinter({ host: fake.host, port: fake.port, timeoutMs: 2_000 }).print(req(true));
    expect(r).toEqual({ ok: true, value: null });
    await fake.waitForJobs(1);
    const slip = decodeEscpos(fake.jobs[0]!);
    expect(slip.chineseLines.some((l) => l.includes('示例便利店'))).toBe(true);
    expect(slip.lines.some((l) => l.includes('Coffee latte'))).toBe(true);
    expect(slip.qr).toEqual([sampleReceipt().outTradeNo]);
    expect(slip.pulses).toBe(1);
    expect(slip.cuts).toBe(1);
  });

  it('paper out: nothing is sent, the fault says paper_out', async () => {
    fake = await startFakePrinter('paper-out');
    const r = await tcpPrinter({ host: fake.host, port: fake.port, timeoutMs: 2_000 }).print(req());
    expect(r).toMatchObject({ ok: false, kind: 'paper_out' });
    expect(fake.jobs).toEqual([]);
  });

  it('refused connection: offline', async () => {
    const port = await refusedPort();
    const r = await tcpPrinter({ host: '127.0.0.1', port, timeoutMs: 2_000 }).print(req());
    expect(r).toMatchObject({ ok: false, kind: 'offline' });
  });

  it('a printer that never answers the status query: no_answer after the deadline, nothing printed', async () => {
    fake = await startFakePrinter('silent');
    const r = await tcpPrinter({ host: fake.host, port: fake.port, timeoutMs: 150 }).print(req());
    expect(r).toMatchObject({ ok: false, kind: 'no_answer' });
    expect(fake.jobs).toEqual([]);
  });

  it('a device answering garbage (e.g. an HTTP server): garbage, nothing printed', async () => {
    fake = await startFakePrinter('garbage');
    const r = await tcpPrinter({ host: fake.host, port: fake.port, timeoutMs: 2_000 }).print(req());
    expect(r).toMatchObject({ ok: false, kind: 'garbage' });
    expect(fake.jobs).toEqual([]);
  });
});
