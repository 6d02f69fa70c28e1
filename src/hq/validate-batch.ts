// Checks a till's batch before anything of it is stored: shape, the till id against the credential, seqs
// contiguous within the batch, and every receipt's totals (lines add up to the sale, the sale to the
// receipt). Pure: the caller logs a refusal and stores nothing.
import type { HqBatch, HqEvent, HqRefusal } from '../common/hq-sync';
import { HQ_BATCH_EVENTS } from '../common/hq-sync';
import { isFen } from '../common/money';
import { fail, ok, type Result } from '../common/result';

type Refused = Result<never, HqRefusal>;
const refuse = (code: HqRefusal['code'], message: string): Refused => fail({ code, message });

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isSeq = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v > 0;

/** Parses an untrusted JSON body into a batch of the authenticated till, or says why not. */
export function validateBatch(body: unknown, tillId: string): Result<HqBatch, HqRefusal> {
  if (!isObj(body) || !Array.isArray(body.events) || typeof body.tillId !== 'string' || typeof body.sentAt !== 'number')
    return refuse('BAD_BATCH', '批次格式错误 / the batch is not { tillId, sentAt, events[] }');
  if (body.tillId !== tillId)
    return refuse('TILL_MISMATCH', `收银机编号与凭证不符 / till id ${body.tillId} does not match its credential`);
  if (body.events.length === 0) return refuse('BAD_BATCH', '批次为空 / the batch has no rows');
  if (body.events.length > HQ_BATCH_EVENTS) return refuse('BAD_BATCH', `批次过大 / more than ${HQ_BATCH_EVENTS} rows in one batch`);
  const events: HqEvent[] = [];
  for (const [i, e] of body.events.entries()) {
    if (!isObj(e) || !isSeq(e.seq) || typeof e.kind !== 'string' || typeof e.ref !== 'string' || !isObj(e.payload) || typeof e.createdAt !== 'number')
      return refuse('BAD_BATCH', `第 ${i + 1} 行格式错误 / row ${i + 1} is not { seq, kind, ref, payload, createdAt }`);
    const prev = events[events.length - 1];
    if (prev && e.seq !== prev.seq + 1)
      return refuse('SEQ_GAP', `序号不连续 / seq ${e.seq} follows ${prev.seq}: the batch has a gap`);
    const ev: HqEvent = { seq: e.seq, kind: e.kind, ref: e.ref, payload: e.payload, createdAt: e.createdAt };
    const bad = checkRow(ev);
    if (bad) return refuse(bad.code, bad.message);
    events.push(ev);
  }
  return ok({ tillId, sentAt: body.sentAt, events });
}

function checkRow(e: HqEvent): HqRefusal | null {
  switch (e.kind) {
    case 'receipt':
      return checkReceipt(e);
    case 'refund': {
      const p = e.payload;
      if (typeof p.id !== 'string' || typeof p.receipt_id !== 'string' || typeof p.out_refund_no !== 'string' || !isFen(p.amount_fen) || typeof p.state !== 'string')
        return { code: 'BAD_BATCH', message: `退款行 ${e.seq} 缺少字段 / refund row ${e.seq} lacks id, receipt_id, out_refund_no, amount_fen or state` };
      return null;
    }
    default:
      return null; // audit rows, shifts, Z reports ...: kept as they are
  }
}

interface Line {
  quantity: number;
  unit_fen: number;
  line_fen: number;
}

function checkReceipt(e: HqEvent): HqRefusal | null {
  const p = e.payload;
  const where = `收据 ${e.ref} / receipt ${e.ref}`;
  if (typeof p.id !== 'string' || typeof p.out_trade_no !== 'string' || (p.transaction_id !== null && p.transaction_id !== undefined && typeof p.transaction_id !== 'string') || typeof p.sale_id !== 'string'
    || !isFen(p.total_fen) || !isFen(p.refunded_fen) || typeof p.paid_at !== 'number' || !isObj(p.sale))
    return { code: 'BAD_BATCH', message: `${where}: 缺少字段 / missing fields` };
  const sale = p.sale;
  if (!Array.isArray(sale.lines) || sale.lines.length === 0 || !isFen(sale.total_fen))
    return { code: 'BAD_TOTALS', message: `${where}: 没有商品行 / the sale has no lines` };
  let sum = 0;
  for (const l of sale.lines as unknown[]) {
    if (!isObj(l) || !isFen(l.quantity) || !isFen(l.unit_fen) || !isFen(l.line_fen))
      return { code: 'BAD_TOTALS', message: `${where}: 商品行格式错误 / a line is malformed` };
    const line = l as unknown as Line;
    if (line.line_fen !== line.quantity * line.unit_fen)
      return { code: 'BAD_TOTALS', message: `${where}: 行金额 ≠ 数量×单价 / a line's amount is not quantity × unit price` };
    sum += line.line_fen;
  }
  // issue 13.1 split tender (i13-split): a split sale's receipt is its WeChat part; split_cash_fen is its cash part
  const splitCash = isFen(p.split_cash_fen) ? p.split_cash_fen : 0;
  if (sum !== sale.total_fen || sale.total_fen !== (p.total_fen as number) + splitCash)
    return { code: 'BAD_TOTALS', message: `${where}: 合计不符 (行合计 ${sum}, 销售 ${String(sale.total_fen)}, 收据 ${String(p.total_fen)}) / totals do not add up` };
  if ((p.refunded_fen as number) > (p.total_fen as number))
    return { code: 'BAD_TOTALS', message: `${where}: 退款超过收款 / refunded more than paid` };
  return null;
}
