// Issue 14 points 2-4 through the whole core: a paid sandbox sale auto-prints to a fake network printer
// (text, Chinese, QR, drawer kick); a printer out of paper leaves the sale intact and the slip queued,
// and the next sale is not held up; the customer display's projection shows the sale's QR and nothing
// about staff.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { PaymentView, PosEventName, PosEvents, ReceiptDetail } from '../../../src/common/api';
import { VirtualClock } from '../../../src/common/clock';
import type { CustomerView } from '../../../src/common/customer-view';
import type { PrintJobView } from '../../../src/common/printing';
import type { Result } from '../../../src/common/result';
import type { CoreHandle } from '../../../src/host';
import { TEST_OWNER, startSignedIn } from '../../support/signed-in-core'; // issue 11: the test owner is signed in
import { MemorySecretBox } from '../../../src/core/settings/secret-box';
import { decodeEscpos } from './support/escpos-decode';
import { startFakePrinter, type FakePrinter } from './support/fake-printer';

describe('printing and the customer display in a till session', () => {
  const dir = mkdtempSync(join(tmpdir(), 'till-print-'));
  let core: CoreHandle | null = null;
  let fake: FakePrinter | null = null;
  afterAll(async () => {
    await core?.close();
    await fake?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('auto-prints on paid; paper out keeps the sale and queues the slip; the display never sees the cashier', async () => {
    fake = await startFakePrinter('ok');
    const clock = new VirtualClock(Date.now());
    const events: { name: PosEventName; payload: unknown }[] = [];
    const listeners = new Set<() => void>();
    core = await startSignedIn({
      dataDir: dir,
      secretBox: new MemorySecretBox(),
      events: <E extends PosEventName>(name: E, payload: PosEvents[E]) => {
        events.push({ name, payload });
        for (const l of listeners) l();
      },
      files: { pickCertificate: async () => null },
      clock,
      appVersion: 'print-test',
      sandbox: { seed: 14 },
      printTimeoutMs: 2_000,
      openShiftAtStart: { floatFen: 0 }, // issue 13: sales need an open shift
    });
    const h = core;
    await h.internals.started;
    const call = async <T>(name: string, payload?: unknown): Promise<Result<T>> => (await h.dispatch(name, payload)) as Result<T>;
    /** Waits for a print job event (real I/O with the fake printer; the clock stays put). */
    const printEvent = (pred: (j: PrintJobView) => boolean) =>
      new Promise<PrintJobView>((resolve) => {
        const check = (): void => {
          const hit = events.find((e) => e.name === 'printJob' && pred(e.payload as PrintJobView));
          if (hit) {
            listeners.delete(check);
            resolve(hit.payload as PrintJobView);
          }
        };
        listeners.add(check);
        check();
      });
    const paid = async (name: string): Promise<PaymentView> => {
      const c = await call<PaymentView>('charge', { lines: [{ name, quantity: 1, unitFen: 1250 }], cashier: 'amy-cashier' });
      if (!c.ok) throw new Error(c.message);
      expect((await call('sandboxPhone', { attemptId: c.value.attemptId, action: 'pay' })).ok).toBe(true);
      for (let i = 0; i < 400; i++) {
        const p = events.find((e) => e.name === 'payment' && (e.payload as PaymentView).attemptId === c.value.attemptId && (e.payload as PaymentView).status === 'paid');
        if (p) return p.payload as PaymentView;
        await clock.advance(250);
      }
      throw new Error('never paid');
    };

    const saved = await call('savePrinterSettings', { kind: 'network', address: `127.0.0.1:${fake.port}`, width: 58, locale: 'zh-CN', autoPrint: true, openDrawer: true });
    expect(saved.ok).toBe(true);

    // 1. paid → printed, with the drawer kick
    const first = await paid('乌龙茶');
    await printEvent((j) => j.ref === first.outTradeNo && j.state === 'printed');
    await fake.waitForJobs(1);
    const slip = decodeEscpos(fake.jobs[0]!);
    expect(slip.qr).toEqual([first.outTradeNo]);
    expect(slip.chineseLines.some((l) => l.includes('乌龙茶'))).toBe(true);
    expect(slip.pulses).toBe(1);
    expect(slip.cuts).toBe(1);

    // 2. paper out: the sale is recorded and paid; the slip waits with a visible fault
    fake.mode = 'paper-out';
    const second = await paid('Cake');
    const waiting = await printEvent((j) => j.ref === second.outTradeNo && j.fault === 'paper_out');
    expect(waiting).toMatchObject({ state: 'queued', message: '打印机缺纸：请装纸，小票会自动重打' });
    const receipt = await call<ReceiptDetail>('getReceipt', { saleId: second.saleId });
    expect(receipt.ok && receipt.value.receipt.status).toBe('PAID');
    // the next sale is not held up by the waiting slip
    const third = await call<PaymentView>('charge', { lines: [{ name: 'Tea', quantity: 1, unitFen: 100 }], cashier: 'amy-cashier' });
    expect(third.ok).toBe(true);
    if (third.ok) await call('cancelPayment', { attemptId: third.value.attemptId });
    // paper loaded: retry prints the waiting slip once; a reprint is a second slip marked as such
    fake.mode = 'ok';
    expect((await call('retryPrintJobs')).ok).toBe(true);
    await printEvent((j) => j.ref === second.outTradeNo && j.state === 'printed');
    expect((await call<PrintJobView>('printReceipt', { saleId: first.saleId })).ok).toBe(true);
    await printEvent((j) => j.ref === first.outTradeNo && j.state === 'printed' && j.id !== 1);
    await fake.waitForJobs(3);
    expect(fake.jobs.map((b) => decodeEscpos(b).qr[0])).toEqual([first.outTradeNo, second.outTradeNo, first.outTradeNo]);
    expect(decodeEscpos(fake.jobs[2]!).lines.some((l) => l.includes('补打'))).toBe(true);

    // 3. the customer display saw the QR of the sale being paid, then thanks - and nothing about staff
    const views = events.filter((e) => e.name === 'customerView').map((e) => e.payload as CustomerView);
    expect(views.some((v) => v.screen === 'sale' && v.qr !== null && v.qr.startsWith('weixin://') && v.lines[0]?.name === '乌龙茶')).toBe(true);
    expect(views.some((v) => v.screen === 'paid' && v.totalFen === 1250)).toBe(true);
    // the cancelled third sale cleared its QR (idle)
    expect(views.at(-1)?.screen).toBe('idle');
    const text = JSON.stringify(views);
    expect(text).not.toContain('amy-cashier');
    expect(text).not.toContain(TEST_OWNER.name); // the receipts' cashier is the signed-in person
    expect(text).not.toMatch(/cashier|refund|approver|managerPin|apiKey|reason/i);
  });
});
