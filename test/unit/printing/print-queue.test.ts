// Issue 14 points 2 and 4: the persistent print queue - faults keep the job queued with a visible
// status, a retry prints it once, a restart loses nothing, the auto-print of a sale is queued once.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/common/clock';
import { ok } from '../../../src/common/result';
import { PrintQueue, type CurrentPrinter, type PrintJobView } from '../../../src/core/printing/print-queue';
import { tcpPrinter } from '../../../src/core/printing/tcp-printer';
import { openStore, type Store } from '../../../src/core/store';
import { tempDir, type TempDir } from '../store/helpers';
import { decodeEscpos } from './support/escpos-decode';
import { refusedPort, startFakePrinter, type FakePrinter } from './support/fake-printer';
import { sampleReceipt } from './support/fixtures';

let t: TempDir;
let store: Store;
let clock: VirtualClock;
let fake: FakePrinter | null;
let queue: PrintQueue | null;

beforeEach(() => {
  t = tempDir('print-queue-');
  clock = new VirtualClock();
  store = openStore(t.path('pos.db'), { clock });
  fake = null;
  queue = null;
});
afterEach(async () => {
  await queue?.stop();
  await fake?.close();
  store.close();
  t.cleanup();
});

/** Printer at a port that the test may change (the printer "comes back"). */
function printerAt(target: { port: number }, timeoutMs = 2_000): CurrentPrinter {
  return () => ok({ port: tcpPrinter({ host: '127.0.0.1', port: target.port, timeoutMs }), render: { width: 80, locale: 'zh-CN' }, openDrawer: false });
}

function changes(): { seen: PrintJobView[]; until(pred: (j: PrintJobView) => boolean): Promise<PrintJobView> } {
  const seen: PrintJobView[] = [];
  const waiters: { pred: (j: PrintJobView) => boolean; resolve: (j: PrintJobView) => void }[] = [];
  return {
    seen,
    until: (pred) =>
      new Promise((resolve) => {
        const hit = seen.find(pred);
        if (hit) resolve(hit);
        else waiters.push({ pred, resolve });
      }),
    // the queue calls this
    push(j: PrintJobView) {
      seen.push(j);
      for (const w of waiters.splice(0)) (w.pred(j) ? w.resolve(j) : waiters.push(w));
    },
  } as ReturnType<typeof changes> & { push(j: PrintJobView): void };
}

const doc = (saleId: string) => ({ kind: 'receipt' as const, receipt: sampleReceipt({ saleId, outTradeNo: `P${saleId}` }), refunds: [] });

describe('print queue', () => {
  it('offline printer: the job stays queued with fault offline; once the printer is back a retry prints it exactly once', async () => {
    const target = { port: await refusedPort() };
    const ch = changes() as ReturnType<typeof changes> & { push(j: PrintJobView): void };
    queue = new PrintQueue({ db: store.db, clock, printer: printerAt(target), onChange: (j) => ch.push(j) });
    queue.start();
    const job = queue.enqueue(doc('s1'));
    expect(job.state).toBe('queued');
    const failed = await ch.until((j) => j.fault === 'offline');
    expect(failed).toMatchObject({ state: 'queued', attempts: 1, message: '打印机离线：请检查电源、网线和地址' });

    fake = await startFakePrinter('ok');
    target.port = fake.port;
    await clock.advance(2_000);
    const printed = await ch.until((j) => j.state === 'printed');
    expect(printed.attempts).toBe(2);
    await fake.waitForJobs(1);
    expect(fake.jobs).toHaveLength(1);
    expect(decodeEscpos(fake.jobs[0]!).qr).toEqual(['Ps1']);
    expect(queue.queuedCount()).toBe(0);
  });

  it('paper out: visible status paper_out; loading paper and retryNow prints it', async () => {
    fake = await startFakePrinter('paper-out');
    const ch = changes() as ReturnType<typeof changes> & { push(j: PrintJobView): void };
    queue = new PrintQueue({ db: store.db, clock, printer: printerAt(fake), onChange: (j) => ch.push(j), locale: () => 'en' });
    queue.start();
    queue.enqueue(doc('s2'));
    const failed = await ch.until((j) => j.fault === 'paper_out');
    expect(failed.message).toMatch(/out of paper/);
    expect(fake.jobs).toHaveLength(0);
    fake.mode = 'ok';
    queue.retryNow();
    await ch.until((j) => j.state === 'printed');
    await fake.waitForJobs(1);
    expect(fake.jobs).toHaveLength(1);
  });

  it('a silent printer: enqueue returns at once (never blocks the next sale), the job stays queued with no_answer', async () => {
    fake = await startFakePrinter('silent');
    const ch = changes() as ReturnType<typeof changes> & { push(j: PrintJobView): void };
    queue = new PrintQueue({ db: store.db, clock, printer: printerAt(fake, 100), onChange: (j) => ch.push(j) });
    queue.start();
    const a = queue.enqueue(doc('s3'));
    const b = queue.enqueue(doc('s4'));
    expect([a.state, b.state]).toEqual(['queued', 'queued']);
    await ch.until((j) => j.id === a.id && j.fault === 'no_answer');
    expect(queue.queuedCount()).toBe(2);
  });

  it('survives a restart: a job queued before close prints after reopening', async () => {
    const first = new PrintQueue({ db: store.db, clock, printer: () => ({ ok: false, kind: 'not_configured', detail: 'none' }) });
    first.enqueue(doc('s5'));
    store.close();
    store = openStore(t.path('pos.db'), { clock });
    fake = await startFakePrinter('ok');
    const ch = changes() as ReturnType<typeof changes> & { push(j: PrintJobView): void };
    queue = new PrintQueue({ db: store.db, clock, printer: printerAt(fake), onChange: (j) => ch.push(j) });
    queue.start();
    await ch.until((j) => j.state === 'printed');
    await fake.waitForJobs(1);
    expect(decodeEscpos(fake.jobs[0]!).qr).toEqual(['Ps5']);
  });

  it('the same dedupe key queues one job; discard leaves it unprinted', () => {
    queue = new PrintQueue({ db: store.db, clock, printer: () => ({ ok: false, kind: 'not_configured', detail: 'none' }) });
    const a = queue.enqueue(doc('s6'), { dedupeKey: 'auto:s6' });
    const b = queue.enqueue(doc('s6'), { dedupeKey: 'auto:s6' });
    expect(b.id).toBe(a.id);
    expect(queue.queuedCount()).toBe(1);
    expect(queue.discard(a.id)).toBe(true);
    expect(queue.list()[0]).toMatchObject({ id: a.id, state: 'discarded' });
    expect(queue.queuedCount()).toBe(0);
  });
});
