// Test and benchmark data: N paid sales with their lines, attempts (some closed retries), receipts,
// refunds (partial, full, closed) and audit rows, written with prepared statements in few transactions.
// Deterministic for a seed. Not used by the app.
import type Database from 'better-sqlite3';
import type { Mode } from '../../common/api';
import { formatBeijing } from '../../common/beijing-time';
import { seededRandom } from '../../common/random';
import { GENESIS_HASH, canonicalRow, chainHash } from './audit';

export interface SeedOptions {
  readonly count: number;
  /** paid_at of the first receipt (epoch ms); receipts follow in time order. */
  readonly startMs: number;
  /** Mean gap between receipts (ms); default 60 s. */
  readonly meanGapMs?: number;
  readonly seed?: number;
  /** Receipts per transaction (default: all in one). */
  readonly batch?: number;
  /** Append one audit row per receipt and per refund (default true). */
  readonly audit?: boolean;
  readonly tillId?: string;
  /** Mode of every seeded sale and receipt (default LIVE, the column default). */
  readonly mode?: Mode;
  readonly onProgress?: (done: number) => void;
}

export interface SeedResult {
  readonly receipts: number;
  readonly refunds: number;
  readonly auditRows: number;
  readonly firstPaidAt: number;
  readonly lastPaidAt: number;
}

const rng = seededRandom;

const ITEMS: readonly [string, number][] = [
  ['美式咖啡', 1800], ['拿铁', 2600], ['可颂', 1200], ['矿泉水', 300], ['三明治', 2200],
  ['蛋糕', 3200], ['茶叶蛋', 250], ['Green tea', 1500], ['Bagel', 900], ['Orange juice', 1600],
];

const digits = (r: () => number, n: number): string => {
  let s = '';
  for (let i = 0; i < n; i++) s += Math.floor(r() * 10);
  return s;
};

export function seedReceipts(db: Database.Database, o: SeedOptions): SeedResult {
  const r = rng(o.seed ?? 1);
  const till = o.tillId ?? 'T01';
  const gap = o.meanGapMs ?? 60_000;
  const batch = o.batch ?? o.count;
  const withAudit = o.audit ?? true;
  const mode: Mode = o.mode ?? 'LIVE';

  const insSale = db.prepare('INSERT INTO sales(id, till_id, cashier, total_fen, created_at, mode) VALUES (?, ?, ?, ?, ?, ?)');
  const insLine = db.prepare('INSERT INTO sale_lines(sale_id, line_no, name, quantity, unit_fen, line_fen) VALUES (?, ?, ?, ?, ?, ?)');
  const insAttempt = db.prepare(
    `INSERT INTO payment_attempts(id, sale_id, kind, out_trade_no, total_fen, body, state, code_url, expires_at,
       transaction_id, cancel_requested_at, last_reason, created_at, updated_at, final_at)
     VALUES (?, ?, 'NATIVE', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insReceipt = db.prepare(
    `INSERT INTO receipts(id, sale_id, attempt_id, out_trade_no, transaction_id, total_fen, refunded_fen, paid_at, paid_after_cancel, mode)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insRefund = db.prepare(
    `INSERT INTO refunds(id, receipt_id, out_refund_no, amount_fen, reason, approver, state, refund_id, last_reason, created_at, updated_at, final_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insAudit = db.prepare('INSERT INTO audit_log(seq, at, actor, action, subject, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const head = db.prepare('SELECT head_seq AS seq, head_hash AS hash FROM audit_anchor WHERE id = 1');
  const moveHead = db.prepare('UPDATE audit_anchor SET head_seq = ?, head_hash = ? WHERE id = 1');
  const maxSale = db.prepare("SELECT count(*) AS n FROM sales");

  const base = (maxSale.get() as { n: number }).n;
  let { seq, hash } = (head.get() as { seq: number; hash: string } | undefined) ?? { seq: 0, hash: GENESIS_HASH };
  const audit = (at: number, actor: string, action: string, subject: string, detail: string): void => {
    if (!withAudit) return;
    seq += 1;
    const h = chainHash(hash, canonicalRow({ seq, at, actor, action, subject, detail }));
    insAudit.run(seq, at, actor, action, subject, detail, hash, h);
    hash = h;
  };

  let t = o.startMs;
  let refunds = 0;
  let auditRows = 0;
  let firstPaidAt = -1;
  const writeOne = (i: number): void => {
    const n = base + i + 1;
    const saleId = `S${String(n).padStart(9, '0')}`;
    const cashier = `C${1 + Math.floor(r() * 4)}`;
    const lineCount = 1 + Math.floor(r() * 3);
    let total = 0;
    const lines: [string, number, number][] = [];
    for (let l = 0; l < lineCount; l++) {
      const item = ITEMS[Math.floor(r() * ITEMS.length)]!;
      const qty = 1 + Math.floor(r() * 2);
      lines.push([item[0], qty, item[1]]);
      total += qty * item[1];
    }
    t += 1 + Math.floor(r() * 2 * gap);
    if (firstPaidAt < 0) firstPaidAt = t;
    const created = t - 20_000 - Math.floor(r() * 20_000);
    insSale.run(saleId, till, cashier, total, created, mode);
    lines.forEach(([name, qty, unit], k) => insLine.run(saleId, k + 1, name, qty, unit, qty * unit));

    const afterCancel = r() < 0.002 ? 1 : 0;
    if (r() < 0.05) {
      // An earlier QR that expired or was cancelled before the one that was paid.
      const otn = `${till}${formatBeijing(created - 400_000)}${String(n % 1_000_000).padStart(6, '0')}X`;
      insAttempt.run(`A${n}x`, saleId, otn, total, 'Sale', 'CLOSED', null, created - 100_000, null, created - 350_000, 'closed', created - 400_000, created - 60_000, created - 60_000);
    }
    const outTradeNo = `${till}${formatBeijing(created)}${String(n % 1_000_000).padStart(6, '0')}`;
    const transactionId = `42000${digits(r, 5)}${formatBeijing(t).slice(0, 8)}${digits(r, 10)}`;
    insAttempt.run(`A${n}`, saleId, outTradeNo, total, 'Sale', 'SUCCESS', null, created + 7_200_000, transactionId, afterCancel ? created + 5_000 : null, null, created, t, t);

    // Refunds: ~3% partial, ~1.5% full, a few closed attempts.
    const u = r();
    const plan: [number, string][] = [];
    if (u < 0.03) plan.push([Math.max(1, Math.floor(total * (0.2 + r() * 0.5))), 'SUCCESS']);
    else if (u < 0.045) plan.push([total, 'SUCCESS']);
    else if (u < 0.047) plan.push([Math.max(1, Math.floor(total / 2)), 'REFUNDCLOSE']);
    let refunded = 0;
    for (const [amount, state] of plan) if (state === 'SUCCESS') refunded += amount;
    insReceipt.run(`R${n}`, saleId, `A${n}`, outTradeNo, transactionId, total, refunded, t, afterCancel, mode);
    audit(t, 'system', 'payment.paid', outTradeNo, JSON.stringify({ totalFen: total, transactionId }));
    auditRows += withAudit ? 1 : 0;
    plan.forEach(([amount, state], k) => {
      const at = t + 3_600_000 + Math.floor(r() * 86_400_000);
      const fin = at + 60_000;
      insRefund.run(`F${n}-${k}`, `R${n}`, `RF${outTradeNo}${k}`, amount, 'customer request', 'M1', state, state === 'SUCCESS' ? `50${digits(r, 26)}` : null, null, at, fin, fin);
      audit(at, 'M1', 'refund.requested', `RF${outTradeNo}${k}`, JSON.stringify({ amountFen: amount }));
      auditRows += withAudit ? 1 : 0;
      refunds++;
    });
    o.onProgress?.(i + 1);
  };

  // Audit rows are appended in seed order; their "at" need not be monotonic (refunds later in time).
  const run = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) writeOne(i);
    if (withAudit) moveHead.run(seq, hash);
  });
  for (let i = 0; i < o.count; i += batch) run(i, Math.min(o.count, i + batch));
  return { receipts: o.count, refunds, auditRows, firstPaidAt, lastPaidAt: t };
}
