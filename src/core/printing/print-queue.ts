// The persistent print queue (issue 14 point 2): slips are rows in print_jobs (migration 009), written
// after the sale committed, and printed one at a time, oldest first, by a loop that never blocks the
// caller. A fault leaves the job queued with its fault and a retry time (backing off to a minute); a
// restart finds it still queued. A job is marked printed only after the printer said so, so a crash
// between the two prints it again (a duplicate slip, never a lost one).
import type Database from 'better-sqlite3';
import type { Clock } from '../../common/clock';
import type { Locale } from '../../common/api';
import type { PrintDocKind, PrintJobView } from '../../common/printing';
import type { PrintDoc, RenderOptions } from './print-doc';

export type { PrintJobView };
import { faultWords, type PrintFaultKind } from './print-faults';
import type { PrinterPort } from './printer-port';
import type { Result } from '../../common/result';
import type { PrintFault } from './print-faults';


/** Which printer and how to render, read anew for every job (Settings may change in between). */
export type CurrentPrinter = () => Result<{ port: PrinterPort; render: RenderOptions; openDrawer: boolean }, PrintFault>;

export interface PrintQueueDeps {
  readonly db: Database.Database;
  readonly clock: Clock;
  readonly printer: CurrentPrinter;
  /** Told of every change to a job (queued, fault, printed), for the status line. */
  readonly onChange?: (job: PrintJobView) => void;
  readonly log?: (msg: string) => void;
  readonly locale?: () => Locale;
}

export interface EnqueueOptions {
  /** Same key → the same job (the auto-print of one sale is queued once). */
  readonly dedupeKey?: string;
  /** Kick the drawer with this slip (cash sales, test page), on top of the settings' choice. */
  readonly openDrawer?: boolean;
}

interface Row {
  id: number;
  kind: PrintDocKind;
  doc_json: string;
  open_drawer: number;
  state: 'queued' | 'printed' | 'discarded';
  attempts: number;
  fault: PrintFaultKind | null;
  next_at: number;
  created_at: number;
  printed_at: number | null;
}

/** Retry spacing after n failures: 2 s, 5 s, 15 s, 30 s, then every 60 s. */
export function retryDelayMs(failures: number): number {
  const steps = [2_000, 5_000, 15_000, 30_000];
  return steps[Math.min(failures, steps.length + 1) - 1] ?? 60_000;
}

function docRef(doc: PrintDoc): string {
  switch (doc.kind) {
    case 'receipt':
    case 'refund':
      return doc.receipt.outTradeNo;
    case 'shift-close':
      return `#${doc.shiftId.slice(-6)}`;
    case 'z-report':
      return doc.zNo === null ? `X ${doc.businessDay}` : `Z${doc.zNo}`;
    case 'test-page':
      return '';
  }
}

export class PrintQueue {
  private running = false;
  private wake: AbortController | null = null;
  private loop: Promise<void> | null = null;
  private printingId: number | null = null;

  constructor(private readonly deps: PrintQueueDeps) {}

  private view(r: Row): PrintJobView {
    const locale = this.deps.locale?.() ?? 'zh-CN';
    let ref = '';
    try {
      ref = docRef(JSON.parse(r.doc_json) as PrintDoc);
    } catch {
      ref = '';
    }
    return {
      id: r.id,
      kind: r.kind,
      ref,
      state: r.id === this.printingId ? 'printing' : r.state,
      attempts: r.attempts,
      fault: r.fault,
      message: r.fault ? faultWords(r.fault, locale) : null,
      createdAt: r.created_at,
      printedAt: r.printed_at,
    };
  }

  private row(id: number): Row | undefined {
    return this.deps.db.prepare('SELECT * FROM print_jobs WHERE id = ?').get(id) as Row | undefined;
  }

  private changed(id: number): void {
    const r = this.row(id);
    if (r) this.deps.onChange?.(this.view(r));
  }

  /** Queues a slip and returns at once; the loop prints it. A repeated dedupeKey returns the first job. */
  enqueue(doc: PrintDoc, opts: EnqueueOptions = {}): PrintJobView {
    const now = this.deps.clock.now();
    const info = this.deps.db
      .prepare(
        `INSERT INTO print_jobs (dedupe_key, kind, doc_json, open_drawer, next_at, created_at)
         VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(dedupe_key) DO NOTHING`,
      )
      .run(opts.dedupeKey ?? null, doc.kind, JSON.stringify(doc), opts.openDrawer ? 1 : 0, now, now);
    const row =
      info.changes === 1
        ? this.row(Number(info.lastInsertRowid))!
        : (this.deps.db.prepare('SELECT * FROM print_jobs WHERE dedupe_key = ?').get(opts.dedupeKey) as Row);
    if (info.changes === 1) {
      this.deps.onChange?.(this.view(row));
      this.kick();
    }
    return this.view(row);
  }

  /** Newest first: what is waiting and what printed lately. */
  list(limit = 20): PrintJobView[] {
    const rows = this.deps.db.prepare('SELECT * FROM print_jobs ORDER BY id DESC LIMIT ?').all(limit) as Row[];
    return rows.map((r) => this.view(r));
  }

  queuedCount(): number {
    return (this.deps.db.prepare("SELECT count(*) AS n FROM print_jobs WHERE state = 'queued'").get() as { n: number }).n;
  }

  /** The cashier gives up on a slip (e.g. the customer left); it is kept, marked discarded. */
  discard(id: number): boolean {
    const changes = this.deps.db.prepare("UPDATE print_jobs SET state = 'discarded' WHERE id = ? AND state = 'queued'").run(id).changes;
    if (changes === 1) this.changed(id);
    return changes === 1;
  }

  /** Retry now (after paper was loaded): every queued job becomes due. */
  retryNow(): void {
    this.deps.db.prepare("UPDATE print_jobs SET next_at = ? WHERE state = 'queued'").run(this.deps.clock.now());
    this.kick();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.kick();
    await this.loop;
    this.loop = null;
  }

  /** Resolves once nothing is queued and due (tests and the benchmark). */
  async idle(): Promise<void> {
    while (this.running && this.nextDue() !== null && this.nextDue()!.next_at <= this.deps.clock.now()) {
      await new Promise<void>((r) => setImmediate(r));
    }
  }

  private kick(): void {
    this.wake?.abort();
  }

  private nextDue(): Row | null {
    return (this.deps.db.prepare("SELECT * FROM print_jobs WHERE state = 'queued' ORDER BY id LIMIT 1").get() as Row | undefined) ?? null;
  }

  private async pause(ms: number | null): Promise<void> {
    this.wake = new AbortController();
    try {
      // null: nothing queued - sleep until enqueue() kicks (a day is "until kicked")
      await this.deps.clock.sleep(ms ?? 86_400_000, this.wake.signal);
    } catch {
      // kicked
    } finally {
      this.wake = null;
    }
  }

  private async run(): Promise<void> {
    while (this.running) {
      const job = this.nextDue();
      const now = this.deps.clock.now();
      if (!job) {
        await this.pause(null);
        continue;
      }
      if (job.next_at > now) {
        await this.pause(job.next_at - now);
        continue;
      }
      await this.printOne(job);
    }
  }

  private async printOne(job: Row): Promise<void> {
    const { db, clock } = this.deps;
    this.printingId = job.id;
    this.changed(job.id);
    let outcome: Result<null, PrintFault>;
    try {
      const current = this.deps.printer();
      outcome = current.ok
        ? await current.value.port.print({
            doc: JSON.parse(job.doc_json) as PrintDoc,
            render: current.value.render,
            openDrawer: current.value.openDrawer || job.open_drawer === 1,
          })
        : current;
    } catch (e) {
      outcome = { ok: false, kind: 'system_printer', detail: e instanceof Error ? e.message : String(e) };
    }
    this.printingId = null;
    const now = clock.now();
    if (outcome.ok) {
      db.prepare("UPDATE print_jobs SET state = 'printed', printed_at = ?, fault = NULL, attempts = attempts + 1 WHERE id = ? AND state = 'queued'").run(now, job.id);
    } else {
      const attempts = job.attempts + 1;
      db.prepare("UPDATE print_jobs SET attempts = ?, fault = ?, next_at = ? WHERE id = ? AND state = 'queued'").run(
        attempts,
        outcome.kind,
        now + retryDelayMs(attempts),
        job.id,
      );
      this.deps.log?.(`print job ${job.id} (${job.kind}) failed: ${outcome.kind} - ${outcome.detail}`);
    }
    this.changed(job.id);
  }
}
