// History screen queries (issue 6 point 2) over the receipts tables. Every shape reads an index range
// in list order (paid_at DESC, id DESC), or for text the prefix ranges of covering indexes, so a page
// costs about the same at 1,000 receipts and at 1,000,000; test/unit/store/history-plan.test.ts checks
// each plan with EXPLAIN QUERY PLAN. Each mode (SANDBOX / LIVE) is its own history: every index is led by
// mode, and a query without a mode reads LIVE (never a mix).
import type Database from 'better-sqlite3';
import type { DayTotals, Mode, ReceiptDetail, ReceiptPage, ReceiptQuery, ReceiptSummary, RefundView } from '../../common/api';
import { RECEIPT_COLUMNS, type ReceiptHeadRecord, type ReceiptRecord, refundableFen, toReceipt, toReceiptSummary } from './repos/receipt-repo';
import { holdsAmount, type RefundViewRecord, toRefundView } from './repos/refund-repo';
import { getSaleLines, SALE_LINES_SQL } from './repos/sale-repo';
import { splitPartsOfSale } from './repos/split-tender-repo'; // issue 13.1 split tender
import type { SplitPartsView } from '../../common/split-tender';
import { stmt } from './stmt';
import { TAIL_SEARCH_MIN_CHARS } from '../../common/text-limits';

export const MAX_PAGE_SIZE = 200;
/** Up to this many prefix matches, a text search sorts its matches; above, it first tries the list order. */
export const TEXT_SORT_LIMIT = 5000;
/** Rows of the list order a many-match text search walks before it sorts the matches instead. */
export const TEXT_WINDOW = 5000;

/** Tests only: lower thresholds so small databases exercise every query path. */
export interface QueryTuning {
  readonly textSortLimit?: number;
  readonly textWindow?: number;
}

/** A query the store cannot run (bad cursor); the API maps it to INVALID_PAYLOAD. */
export class InvalidQueryError extends Error {
  readonly code = 'INVALID_PAYLOAD' as const;
  constructor(message: string) {
    super(message);
    this.name = 'InvalidQueryError';
  }
}

/** The mode a query reads: LIVE unless asked (the api layer passes the till's current mode). */
export function queryMode(mode: Mode | undefined): Mode {
  switch (mode) {
    case undefined:
    case 'LIVE':
      return 'LIVE';
    case 'SANDBOX':
      return 'SANDBOX';
    default: {
      const never: never = mode;
      throw new InvalidQueryError(`unknown mode ${String(never)}`);
    }
  }
}

/** refunds.state of a refund whose money has gone back to the customer (day totals). */
export const REFUND_SUCCESS_STATE = 'SUCCESS';

export function encodeCursor(paidAt: number, id: string): string {
  return Buffer.from(JSON.stringify([paidAt, id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): { paidAt: number; id: string } {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === 2 && Number.isSafeInteger(v[0]) && typeof v[1] === 'string') {
      return { paidAt: v[0] as number, id: v[1] };
    }
  } catch {
    // fall through
  }
  throw new InvalidQueryError('invalid cursor');
}

/** Characters WeChat allows in out_trade_no / transaction_id; anything else cannot match. */
const ID_TEXT = /^[A-Za-z0-9_\-|*@]{1,64}$/;
/** Upper bound of a prefix range: every allowed character sorts below DEL (0x7f). */
const prefixEnd = (t: string): string => `${t}\x7f`;

/**
 * Issue 15.4: text this long also matches the tail of an id, case-insensitive: `key` is the indexed last
 * 6 characters (migration 010), `tail` the whole typed text that the id must end with.
 */
export function tailKey(text: string): { key: string; tail: string } | null {
  if (text.length < TAIL_SEARCH_MIN_CHARS) return null;
  const tail = text.toLowerCase();
  return { key: tail.slice(-TAIL_SEARCH_MIN_CHARS), tail };
}

/** The id (column of alias `a`) ends with the tail, case-insensitive. */
const endsWithSql = (a: string, col: 'out_trade_no' | 'transaction_id'): string => `substr(lower(${a}.${col}), -?) = ?`;

export function clampLimit(limit: number): number {
  return Number.isFinite(limit) ? Math.max(1, Math.min(MAX_PAGE_SIZE, Math.trunc(limit))) : 50;
}

export interface BuiltQuery {
  readonly sql: string;
  readonly params: readonly (string | number)[];
}

/** The non-text filters, for a receipts table aliased `a`, and the index that serves them in list order. */
function filters(q: ReceiptQuery, a: string): { where: string[]; params: (string | number)[]; index: string } {
  const where: string[] = [`${a}.mode = ?`];
  const params: (string | number)[] = [queryMode(q.mode)];
  let index = 'receipts_paid_at';
  if (q.fromMs !== undefined) {
    where.push(`${a}.paid_at >= ?`);
    params.push(q.fromMs);
  }
  if (q.toMs !== undefined) {
    where.push(`${a}.paid_at < ?`);
    params.push(q.toMs);
  }
  if (q.amountFen !== undefined) {
    where.push(`${a}.total_fen = ?`);
    params.push(q.amountFen);
    index = 'receipts_amount';
  }
  const rare = q.amountFen === undefined;
  switch (q.status) {
    case undefined:
      break;
    case 'PAID':
      where.push(`${a}.refunded_fen = 0`);
      break;
    case 'PARTIALLY_REFUNDED':
      where.push(`${a}.refunded_fen > 0 AND ${a}.refunded_fen < ${a}.total_fen`);
      if (rare) index = 'receipts_refunded';
      break;
    case 'REFUNDED':
      where.push(`${a}.refunded_fen > 0 AND ${a}.refunded_fen >= ${a}.total_fen`);
      if (rare) index = 'receipts_refunded';
      break;
    case 'PAID_AFTER_CANCEL':
      where.push(`${a}.paid_after_cancel = 1`);
      if (rare) index = 'receipts_after_cancel';
      break;
    default: {
      const never: never = q.status;
      throw new InvalidQueryError(`unknown status ${String(never)}`);
    }
  }
  if (q.cursor !== undefined) {
    const c = decodeCursor(q.cursor);
    where.push(`(${a}.paid_at, ${a}.id) < (?, ?)`);
    params.push(c.paidAt, c.id);
  }
  return { where, params, index };
}

const ORDER = (a: string): string => ` ORDER BY ${a}.paid_at DESC, ${a}.id DESC`;
const whereSql = (w: readonly string[]): string => ` WHERE ${w.join(' AND ')}`;

/** No text: walk the serving index in list order and stop after the page. */
export function buildListQuery(q: ReceiptQuery): BuiltQuery {
  const f = filters(q, 'r');
  return {
    sql: `SELECT ${RECEIPT_COLUMNS} FROM receipts r INDEXED BY ${f.index}${whereSql(f.where)}${ORDER('r')} LIMIT ?`,
    params: [...f.params, clampLimit(q.limit) + 1],
  };
}

/**
 * Text, exact: the newest matches of each prefix range, taken from covering (text, paid_at, id) indexes
 * with a top-N sort, then merged. Costs about the number of matches (index entries only).
 */
export function buildTextMatchesQuery(q: ReceiptQuery, text: string): BuiltQuery {
  const n = clampLimit(q.limit) + 1;
  const side = (col: 'out_trade_no' | 'transaction_id', index: string): BuiltQuery => {
    const f = filters(q, 'x');
    return {
      sql:
        `SELECT rowid FROM (SELECT x.rowid AS rowid FROM receipts x INDEXED BY ${index}` +
        `${whereSql([`x.${col} >= ?`, `x.${col} < ?`, ...f.where])}${ORDER('x')} LIMIT ?)`,
      params: [text, prefixEnd(text), ...f.params, n],
    };
  };
  // issue 15.4: the rows whose last 6 characters match, then the whole tail checked on those rows
  const tailSide = (col: 'out_trade_no' | 'transaction_id', t: { key: string; tail: string }): BuiltQuery => {
    const f = filters(q, 'x');
    return {
      sql:
        `SELECT rowid FROM (SELECT x.rowid AS rowid FROM receipts x INDEXED BY receipts_tail_${col}` +
        `${whereSql([`x.${col}_tail = ?`, endsWithSql('x', col), ...f.where])}${ORDER('x')} LIMIT ?)`,
      params: [t.key, t.tail.length, t.tail, ...f.params, n],
    };
  };
  const sides = [side('out_trade_no', 'receipts_text_out_trade_no'), side('transaction_id', 'receipts_text_transaction_id')];
  const tail = tailKey(text);
  if (tail !== null) sides.push(tailSide('out_trade_no', tail), tailSide('transaction_id', tail));
  return {
    sql: `SELECT ${RECEIPT_COLUMNS} FROM receipts r NOT INDEXED WHERE r.rowid IN (${sides.map((x) => x.sql).join(' UNION ')})${ORDER('r')} LIMIT ?`,
    params: [...sides.flatMap((x) => x.params), n],
  };
}

/**
 * Text with many matches (a short prefix): walk at most `window` rows of the list order, filtering.
 * Matches that are everywhere (e.g. "4200", every transaction_id) fill a page within a few rows.
 */
export function buildTextWindowQuery(q: ReceiptQuery, text: string, window: number): BuiltQuery {
  const f = filters(q, 'x');
  const end = prefixEnd(text);
  const tail = tailKey(text);
  // issue 15.4: tails too (checked only on the rows of the window)
  const tailWhere = tail === null ? '' : ` OR ${endsWithSql('w', 'out_trade_no')} OR ${endsWithSql('w', 'transaction_id')}`;
  const tailParams = tail === null ? [] : [tail.tail.length, tail.tail, tail.tail.length, tail.tail];
  return {
    sql:
      `SELECT * FROM (SELECT ${RECEIPT_COLUMNS.replaceAll('r.', 'x.')} FROM receipts x INDEXED BY ${f.index}` +
      `${whereSql(f.where)}${ORDER('x')} LIMIT ?) AS w` +
      ` WHERE (w.out_trade_no >= ? AND w.out_trade_no < ?) OR (w.transaction_id >= ? AND w.transaction_id < ?)${tailWhere}${ORDER('w')} LIMIT ?`,
    params: [...f.params, window, text, end, text, end, ...tailParams, clampLimit(q.limit) + 1],
  };
}

/** Matches of a prefix in one mode, in each text index, counted only up to a cap. */
export const TEXT_PROBE_SQL = {
  out_trade_no:
    'SELECT count(*) AS n FROM (SELECT 1 FROM receipts INDEXED BY receipts_text_out_trade_no WHERE mode = ? AND out_trade_no >= ? AND out_trade_no < ? LIMIT ?)',
  transaction_id:
    'SELECT count(*) AS n FROM (SELECT 1 FROM receipts INDEXED BY receipts_text_transaction_id WHERE mode = ? AND transaction_id >= ? AND transaction_id < ? LIMIT ?)',
} as const;

/** Issue 15.4: the same probes over the reversed (tail) columns of migration 010. */
export const TAIL_PROBE_SQL = {
  out_trade_no_tail:
    'SELECT count(*) AS n FROM (SELECT 1 FROM receipts INDEXED BY receipts_tail_out_trade_no WHERE mode = ? AND out_trade_no_tail >= ? AND out_trade_no_tail < ? LIMIT ?)',
  transaction_id_tail:
    'SELECT count(*) AS n FROM (SELECT 1 FROM receipts INDEXED BY receipts_tail_transaction_id WHERE mode = ? AND transaction_id_tail >= ? AND transaction_id_tail < ? LIMIT ?)',
} as const;

function textMatches(db: Database.Database, mode: Mode, text: string, cap: number): number {
  const probes = { ...TEXT_PROBE_SQL, ...TAIL_PROBE_SQL };
  const count = (col: keyof typeof probes, key: string): number =>
    (stmt(db, probes[col]).get(mode, key, prefixEnd(key), cap + 1) as { n: number }).n;
  const tail = tailKey(text);
  const tails = tail === null ? 0 : count('out_trade_no_tail', tail.key) + count('transaction_id_tail', tail.key);
  return count('out_trade_no', text) + count('transaction_id', text) + tails;
}

function run(db: Database.Database, b: BuiltQuery): ReceiptRecord[] {
  return stmt(db, b.sql).all(...b.params) as ReceiptRecord[];
}

/**
 * One page of receipts of one mode (q.mode, LIVE when absent), newest first (paid_at DESC, id DESC); pass
 * nextCursor back for the next page. text matches out_trade_no or transaction_id exactly or as a prefix,
 * and from 6 characters on also as a tail, case-insensitive (issue 15.4);
 * fromMs inclusive, toMs exclusive.
 */
export function listReceipts(db: Database.Database, q: ReceiptQuery, tuning: QueryTuning = {}): ReceiptPage {
  const limit = clampLimit(q.limit);
  const mode = queryMode(q.mode);
  const text = q.text?.trim();
  let rows: ReceiptRecord[];
  if (!text) {
    rows = withSplitTotalRows(withCashRows(run(db, buildListQuery(q)), db, q), db, q);
  } else if (!ID_TEXT.test(text)) {
    return { rows: [], nextCursor: null };
  } else if (textMatches(db, mode, text, tuning.textSortLimit ?? TEXT_SORT_LIMIT) <= (tuning.textSortLimit ?? TEXT_SORT_LIMIT)) {
    rows = run(db, buildTextMatchesQuery(q, text));
  } else {
    // Try the list order first; if the matches are not dense near the cursor, take them from the text indexes.
    rows = run(db, buildTextWindowQuery(q, text, tuning.textWindow ?? TEXT_WINDOW));
    if (rows.length <= limit) rows = run(db, buildTextMatchesQuery(q, text));
  }
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    rows: page.map((r) => withSplitParts(db, toReceiptSummary(r))),
    nextCursor: rows.length > limit && last ? encodeCursor(last.paid_at, last.id) : null,
  };
}

/**
 * A receipt with its lines and refunds. A sale normally has one receipt; if a payment landed after
 * cancel next to a later one, the first paid is returned (ReceiptSummary carries only saleId).
 */
export const DETAIL_RECEIPT_SQL = `SELECT ${RECEIPT_COLUMNS}, s.till_id, s.cashier FROM receipts r JOIN sales s ON s.id = r.sale_id
  WHERE r.sale_id = ? ORDER BY r.paid_at, r.id LIMIT 1`;
export const DETAIL_LINES_SQL = SALE_LINES_SQL;
export const DETAIL_REFUNDS_SQL = `SELECT id, out_refund_no, amount_fen, reason, approver, state, last_reason, created_at, handled_at
  FROM refunds WHERE receipt_id = ? ORDER BY created_at, id`;

export function getReceiptDetail(db: Database.Database, saleId: string, storeName: string): ReceiptDetail | null {
  const r = stmt(db, DETAIL_RECEIPT_SQL).get(saleId) as ReceiptHeadRecord | undefined;
  if (!r) return getCashReceiptDetail(db, saleId, storeName);
  const records = stmt(db, DETAIL_REFUNDS_SQL).all(r.id) as RefundViewRecord[];
  const held = records.filter((f) => holdsAmount(f.state)).reduce((sum, f) => sum + f.amount_fen, 0);
  const receipt = toReceipt(r, getSaleLines(db, saleId), storeName);
  const split = splitDetail(db, saleId);
  return {
    receipt: split ? { ...receipt, split: split.parts } : receipt,
    refunds: records.map((f) => toRefundView(f, r.sale_id)),
    refundableFen: refundableFen(r.total_fen, held),
    ...(split ? { split: split.detail } : {}),
  };
}

/**
 * Sales of one mode paid in [dayStartMs, dayEndMs) and their refunds that succeeded in the same window.
 * The refunds are walked by final time (few a day) and each one's receipt is read by key for its mode.
 */
export const DAY_PAID_SQL =
  'SELECT count(*) AS n, coalesce(sum(total_fen), 0) AS fen FROM receipts INDEXED BY receipts_paid_at WHERE mode = ? AND paid_at >= ? AND paid_at < ? AND origin_till_id IS NULL'; // issue 16.4: not another till's sale
export const DAY_REFUNDED_SQL =
  'SELECT coalesce(sum(f.amount_fen), 0) AS fen FROM refunds f INDEXED BY refunds_final CROSS JOIN receipts r ' +
  'WHERE f.final_at >= ? AND f.final_at < ? AND f.state = ? AND r.id = f.receipt_id AND r.mode = ?';

/** Totals of one mode only: sandbox sales never add to a LIVE day (and LIVE is read when mode is absent). */
export function dayTotals(db: Database.Database, dayStartMs: number, dayEndMs: number, mode?: Mode): DayTotals {
  const m = queryMode(mode);
  const paid = stmt(db, DAY_PAID_SQL).get(m, dayStartMs, dayEndMs) as { n: number; fen: number };
  const refunded = stmt(db, DAY_REFUNDED_SQL).get(dayStartMs, dayEndMs, REFUND_SUCCESS_STATE, m) as { fen: number };
  // issue 13.1: cash sales and cash refunds of the day count too (as in the X/Z report: due_fen is the cash taken)
  const cashPaid = stmt(db, DAY_CASH_PAID_SQL).get(m, dayStartMs, dayEndMs) as { n: number; fen: number };
  const cashRefunded = stmt(db, DAY_CASH_REFUNDED_SQL).get(m, dayStartMs, dayEndMs) as { fen: number };
  const paidFen = paid.fen + cashPaid.fen;
  const refundedFen = refunded.fen + cashRefunded.fen;
  // issue 13.1: a split sale has a receipt and a cash tender; it is one sale
  const splits = stmt(db, DAY_SPLIT_PAID_SQL).get(m, dayStartMs, dayEndMs) as { n: number };
  return {
    dayStartMs,
    count: paid.n + cashPaid.n - splits.n,
    paidFen,
    refundedFen,
    netFen: paidFen - refundedFen,
  };
}

// --- issue 13 point 1 (w2-cash): cash sales in History, receipt detail and day totals ---
// A cash sale has no receipts row (that table holds only WeChat-confirmed payments, UNIQUE out_trade_no and
// reconciled against WeChat's bill); its row is cash_tenders. The list walks cash_tenders in the same list
// order with the same filters (indexes of migration 012) and merges the two pages, so one cursor serves
// both. A cash row has kind CASH, total = due_fen (the cash taken, as in the X/Z report), no ids, and its
// refunded amount is the sum of its cash_refunds (read by key). Text search matches ids only: no cash rows.

const CASH_REFUNDED = (a: string): string => `(SELECT coalesce(sum(x.amount_fen), 0) FROM cash_refunds x WHERE x.sale_id = ${a}.sale_id)`;
const CASH_COLUMNS =
  `c.sale_id AS id, c.sale_id, '' AS out_trade_no, '' AS transaction_id, c.due_fen AS total_fen, ${CASH_REFUNDED('c')} AS refunded_fen, ` +
  `c.paid_at, 0 AS paid_after_cancel, c.mode, 'CASH' AS kind`;

/** The cash rows of one list page (no text), or null when the filter can never match a cash sale. */
export function buildCashListQuery(q: ReceiptQuery): BuiltQuery | null {
  // issue 13.1: a split sale's cash part is listed with its WeChat receipt (one row per sale), not here
  const where: string[] = ['c.mode = ?', SPLIT_CASH_EXCLUDED];
  const params: (string | number)[] = [queryMode(q.mode)];
  let index = 'cash_tenders_list';
  if (q.fromMs !== undefined) {
    where.push('c.paid_at >= ?');
    params.push(q.fromMs);
  }
  if (q.toMs !== undefined) {
    where.push('c.paid_at < ?');
    params.push(q.toMs);
  }
  if (q.amountFen !== undefined) {
    where.push('c.due_fen = ?');
    params.push(q.amountFen);
    index = 'cash_tenders_amount';
  }
  const refunded = CASH_REFUNDED('c');
  switch (q.status) {
    case undefined:
      break;
    case 'PAID':
      where.push(`${refunded} = 0`);
      break;
    case 'PARTIALLY_REFUNDED':
      where.push(`${refunded} > 0 AND ${refunded} < c.due_fen`);
      break;
    case 'REFUNDED':
      where.push(`${refunded} > 0 AND ${refunded} >= c.due_fen`);
      break;
    case 'PAID_AFTER_CANCEL':
      return null; // a cash sale has no order to cancel
    default: {
      const never: never = q.status;
      throw new InvalidQueryError(`unknown status ${String(never)}`);
    }
  }
  if (q.cursor !== undefined) {
    const c = decodeCursor(q.cursor);
    where.push('(c.paid_at, c.sale_id) < (?, ?)');
    params.push(c.paidAt, c.id);
  }
  return {
    sql: `SELECT ${CASH_COLUMNS} FROM cash_tenders c INDEXED BY ${index}${whereSql(where)} ORDER BY c.paid_at DESC, c.sale_id DESC LIMIT ?`,
    params: [...params, clampLimit(q.limit) + 1],
  };
}

/** Newest first in the list order (paid_at DESC, then id DESC as SQLite compares ASCII ids). */
function listOrder(a: ReceiptRecord, b: ReceiptRecord): number {
  if (a.paid_at !== b.paid_at) return b.paid_at - a.paid_at;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/** The receipts page merged with the cash page of the same query; both hold up to limit + 1 rows. */
function withCashRows(rows: ReceiptRecord[], db: Database.Database, q: ReceiptQuery): ReceiptRecord[] {
  const cash = buildCashListQuery(q);
  if (cash === null) return rows;
  const cashRows = run(db, cash);
  if (cashRows.length === 0) return rows;
  return [...rows, ...cashRows].sort(listOrder).slice(0, clampLimit(q.limit) + 1);
}

export const CASH_DETAIL_SQL = `SELECT ${CASH_COLUMNS}, s.till_id, s.cashier FROM cash_tenders c JOIN sales s ON s.id = c.sale_id WHERE c.sale_id = ?`;
export const CASH_DETAIL_REFUNDS_SQL = 'SELECT id, amount_fen, reason, approver, at FROM cash_refunds WHERE sale_id = ? ORDER BY at, id';

/** A sale's cash refunds as History shows refunds (done at the counter, so refunded at once). */
function cashRefundsOf(db: Database.Database, saleId: string): RefundView[] {
  const records = stmt(db, CASH_DETAIL_REFUNDS_SQL).all(saleId) as { id: string; amount_fen: number; reason: string; approver: string; at: number }[];
  return records.map((f) => ({
    refundId: f.id,
    saleId,
    outRefundNo: '',
    amountFen: f.amount_fen,
    reason: f.reason,
    status: 'refunded',
    approver: f.approver,
    createdAt: f.at,
    message: null,
  }));
}

/** A cash sale as a receipt: its lines, and its cash refunds (done at the counter, so refunded at once). */
function getCashReceiptDetail(db: Database.Database, saleId: string, storeName: string): ReceiptDetail | null {
  const r = stmt(db, CASH_DETAIL_SQL).get(saleId) as ReceiptHeadRecord | undefined;
  if (!r) return null;
  const refunds = cashRefundsOf(db, saleId);
  return { receipt: toReceipt(r, getSaleLines(db, saleId), storeName), refunds, refundableFen: refundableFen(r.total_fen, r.refunded_fen) };
}

export const DAY_CASH_PAID_SQL =
  'SELECT count(*) AS n, coalesce(sum(due_fen), 0) AS fen FROM cash_tenders INDEXED BY cash_tenders_paid_at WHERE mode = ? AND paid_at >= ? AND paid_at < ?';
export const DAY_CASH_REFUNDED_SQL =
  'SELECT coalesce(sum(amount_fen), 0) AS fen FROM cash_refunds INDEXED BY cash_refunds_at WHERE mode = ? AND at >= ? AND at < ?';

// --- issue 13.1 split tender (i13-split): one row per split sale in History ---
// A split sale has a WeChat receipt (the WeChat part, reconciled against WeChat's bill) and, once paid, a
// cash_tenders row (its cash part, in the drawer). History lists it once, as its receipt, with both parts
// attached; its cash row is left out of the cash list. The amount filter finds a split sale by its sale
// total (cash + WeChat) and, as every receipt, by its WeChat part (what the customer's phone shows).
// Text search matches the WeChat ids, so it finds split sales as it finds every WeChat receipt.

export const SPLIT_CASH_EXCLUDED = 'NOT EXISTS (SELECT 1 FROM split_tenders t WHERE t.sale_id = c.sale_id)';

export const DAY_SPLIT_PAID_SQL =
  'SELECT count(*) AS n FROM cash_tenders c INDEXED BY cash_tenders_paid_at WHERE c.mode = ? AND c.paid_at >= ? AND c.paid_at < ? ' +
  'AND EXISTS (SELECT 1 FROM split_tenders t WHERE t.sale_id = c.sale_id)';

function withSplitParts<T extends ReceiptSummary>(db: Database.Database, r: T): T {
  if (r.kind === 'CASH') return r;
  const parts = splitPartsOfSale(db, r.saleId);
  return parts ? { ...r, split: parts } : r;
}

/** The receipts of split sales whose sale total is the filter's amount (the page's other filters too). */
export function buildSplitTotalQuery(q: ReceiptQuery): BuiltQuery | null {
  if (q.amountFen === undefined) return null;
  const f = filters({ ...q, amountFen: undefined }, 'r');
  return {
    sql:
      `SELECT ${RECEIPT_COLUMNS} FROM split_tenders t INDEXED BY split_tenders_amount CROSS JOIN receipts r ` +
      `${whereSql(['t.mode = ?', 't.sale_total_fen = ?', 'r.attempt_id = t.attempt_id', ...f.where])}${ORDER('r')} LIMIT ?`,
    params: [queryMode(q.mode), q.amountFen, ...f.params, clampLimit(q.limit) + 1],
  };
}

function withSplitTotalRows(rows: ReceiptRecord[], db: Database.Database, q: ReceiptQuery): ReceiptRecord[] {
  const b = buildSplitTotalQuery(q);
  if (b === null) return rows;
  const more = run(db, b).filter((x) => !rows.some((r) => r.id === x.id));
  if (more.length === 0) return rows;
  return [...rows, ...more].sort(listOrder).slice(0, clampLimit(q.limit) + 1);
}

/** A split sale's parts and its cash part's refunds (done at the counter: refunded at once). */
function splitDetail(db: Database.Database, saleId: string): { parts: SplitPartsView; detail: NonNullable<ReceiptDetail['split']> } | null {
  const parts = splitPartsOfSale(db, saleId);
  if (!parts) return null;
  const cashRefunds = cashRefundsOf(db, saleId);
  // Nothing of the cash part is refundable before it is in the drawer (the WeChat part paid).
  const inDrawer = stmt(db, 'SELECT 1 AS y FROM cash_tenders WHERE sale_id = ?').get(saleId) !== undefined;
  return { parts, detail: { ...parts, cashRefundableFen: inDrawer ? Math.max(0, parts.cashFen - parts.cashRefundedFen) : 0, cashRefunds } };
}
