// Issues 13 + 14 (w2-print): a closed shift and the X/Z reports print through the print queue to a fake
// network printer; the receipt names the signed-in cashier and how WeChat was paid. Both languages.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { PaymentView, PosEventName, PosEvents, SessionView } from '../../../src/common/api';
import { VirtualClock } from '../../../src/common/clock';
import type { DayReport, ShiftState, ShiftView } from '../../../src/common/day';
import { formatFen } from '../../../src/common/money';
import type { PrintJobView } from '../../../src/common/printing';
import type { Result } from '../../../src/common/result';
import type { CoreHandle } from '../../../src/host';
import { startSignedIn } from '../../support/signed-in-core'; // issue 11: the test owner is signed in
import { MemorySecretBox } from '../../../src/core/settings/secret-box';
import { decodeEscpos } from './support/escpos-decode';
import { startFakePrinter, type FakePrinter } from './support/fake-printer';

const money = (fen: number): string => formatFen(fen, { symbol: false });

describe('shift close, X/Z reports and the receipt on paper', () => {
  const dir = mkdtempSync(join(tmpdir(), 'day-slips-'));
  let core: CoreHandle | null = null;
  let fake: FakePrinter | null = null;
  afterAll(async () => {
    await core?.close();
    await fake?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints the counted shift, the Z number and the receipt with cashier and payment kind', async () => {
    fake = await startFakePrinter('ok');
    const clock = new VirtualClock(Date.now());
    const events: { name: PosEventName; payload: unknown }[] = [];
    core = await startSignedIn({
      dataDir: dir,
      secretBox: new MemorySecretBox(),
      events: <E extends PosEventName>(name: E, payload: PosEvents[E]) => void events.push({ name, payload }),
      files: { pickCertificate: async () => null },
      clock,
      appVersion: 'day-slips-test',
      sandbox: { seed: 13 },
      printTimeoutMs: 2_000,
      openShiftAtStart: { floatFen: 20000 }, // issue 13: sales need an open shift
    });
    const h = core;
    await h.internals.started;
    const call = async <T>(name: string, payload?: unknown): Promise<Result<T>> => (await h.dispatch(name, payload)) as Result<T>;
    const must = async <T>(name: string, payload?: unknown): Promise<T> => {
      const r = await call<T>(name, payload);
      if (!r.ok) throw new Error(`${name}: ${r.code} ${r.message}`);
      return r.value;
    };
    const printer = fake;
    const nextSlip = async (job: PrintJobView): Promise<ReturnType<typeof decodeEscpos>> => {
      await printer.waitForJobs(job.id);
      return decodeEscpos(printer.jobs[job.id - 1]!);
    };
    await must('savePrinterSettings', { kind: 'network', address: `127.0.0.1:${fake.port}`, width: 80, locale: 'en', autoPrint: false, openDrawer: false });

    const session = await must<SessionView>('getStaffSession');
    const me = session.signedIn!.name;

    // a WeChat (Native) sale: the reprinted receipt names the signed-in cashier and the payment kind
    const c = await must<PaymentView>('charge', { lines: [{ name: 'Tea', quantity: 1, unitFen: 1250 }], cashier: 'ignored' });
    expect((await call('sandboxPhone', { attemptId: c.attemptId, action: 'pay' })).ok).toBe(true);
    let paid: PaymentView | undefined;
    for (let i = 0; i < 400 && !paid; i++) {
      paid = events.map((e) => e.payload as PaymentView).find((p) => p.attemptId === c.attemptId && p.status === 'paid');
      if (!paid) await clock.advance(250);
    }
    if (!paid) throw new Error('never paid');
    const receipt = await nextSlip(await must<PrintJobView>('printReceipt', { saleId: paid.saleId }));
    expect(receipt.lines.some((l) => l.startsWith('Cashier') && l.endsWith(me))).toBe(true);
    expect(receipt.lines.some((l) => /Paid by\s+Native QR$/.test(l.trim()))).toBe(true);

    // cash moves, then a count that is short: the slip shows expected, counted and the difference
    await must('moveShiftCash', { kind: 'PAY_IN', amountFen: 500, reason: 'coins' });
    await must('cashSale', { lines: [{ name: 'Bun', quantity: 1, unitFen: 990 }], tenderedFen: 1000 });
    const open = (await must<ShiftState>('getShift')).open!;
    const counts = [{ denominationFen: 100, pieces: Math.floor(open.expectedFen / 100) - 1 }];
    const closed = await must<ShiftView>('closeShift', { counts });
    expect(closed.diffFen).toBeLessThan(0);
    expect(await call('printShiftClose', { shiftId: 'shift_none' })).toMatchObject({ code: 'NOT_FOUND' });
    const shift = await nextSlip(await must<PrintJobView>('printShiftClose', { shiftId: closed.shiftId }));
    const has = (lines: readonly string[], label: string, value: string): boolean => lines.some((l) => l.startsWith(label) && l.trimEnd().endsWith(value));
    expect(shift.lines.some((l) => l.includes('SHIFT CLOSE'))).toBe(true);
    expect(has(shift.lines, 'Expected cash', money(closed.expectedFen))).toBe(true);
    expect(has(shift.lines, 'Counted cash', money(closed.countedFen!))).toBe(true);
    expect(has(shift.lines, 'Over/short', money(closed.diffFen!))).toBe(true);
    expect(has(shift.lines, 'Pay-ins', money(500))).toBe(true);

    // X before the day closes, then the Z with its number, in Chinese
    const x = await nextSlip(await must<PrintJobView>('printDayReport', {}));
    expect(x.lines.some((l) => l.includes('X REPORT'))).toBe(true);
    expect(x.lines.some((l) => l.startsWith('Z no.'))).toBe(false);
    const z = await must<DayReport>('closeDay', {});
    await must('savePrinterSettings', { kind: 'network', address: `127.0.0.1:${fake.port}`, width: 58, locale: 'zh-CN', autoPrint: false, openDrawer: false });
    const zSlip = await nextSlip(await must<PrintJobView>('printDayReport', { seq: z.seq! }));
    expect(zSlip.lines.some((l) => l.includes('日结报表'))).toBe(true);
    expect(has(zSlip.lines, 'Z 序号', String(z.seq))).toBe(true);
    expect(has(zSlip.lines, '净收入', money(z.total.netFen))).toBe(true);
    expect(await call('printDayReport', { seq: 999 })).toMatchObject({ ok: false });
  });
});
