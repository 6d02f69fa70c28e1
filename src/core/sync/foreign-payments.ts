// Issue 16.4 (i16-xrefund): payments made at another till, as head office knows them. A manager searches
// HQ when this till has no such receipt; opening one writes its mirror here (store/repos/foreign-receipt-repo)
// so the usual refund path, watcher and History detail work on it. The refund itself still needs HQ's
// reservation (request-refund.ts): a foreign sale is never refunded on this till's own limits.
import type Database from 'better-sqlite3';
import type { Clock } from '../../common/clock';
import type { HqPayment } from '../../common/hq-sync';
import { err, ok, type Result } from '../../common/result';
import { insertForeignMirror, receiptOrigin } from '../store/repos/foreign-receipt-repo';
import type { HqTransport } from './hq-transport';

export interface ForeignPayments {
  /** HQ's payments matching an out_trade_no, a transaction_id or their last 6+ characters. */
  search(text: string): Promise<Result<readonly HqPayment[]>>;
  /** The payment with exactly this out_trade_no, mirrored here if it is another till's: its sale id here. */
  open(outTradeNo: string): Promise<Result<{ saleId: string; foreign: boolean }>>;
}

export interface ForeignPaymentsDeps {
  readonly db: Database.Database;
  readonly clock: Clock;
  readonly transport: () => HqTransport | null;
  readonly token: () => string | null;
  readonly newId: (prefix: string) => string;
}

const UNREACHABLE = '总部无法连接，查不到其他收银台的付款 / head office cannot be reached: payments of other tills cannot be looked up';
const NOT_ENROLLED = '本机未登记到总部 / this till is not enrolled at head office';

function isPayment(x: unknown): x is HqPayment {
  const p = x as Partial<HqPayment> | null;
  return !!p && typeof p.outTradeNo === 'string' && typeof p.tillId === 'string' && typeof p.tillName === 'string' && Number.isSafeInteger(p.totalFen)
    && (p.totalFen ?? 0) > 0 && Number.isSafeInteger(p.paidAt) && (p.mode === 'LIVE' || p.mode === 'SANDBOX') && Array.isArray(p.lines) && typeof p.transactionId === 'string';
}

export function createForeignPayments(d: ForeignPaymentsDeps): ForeignPayments {
  const ask = async (text: string): Promise<Result<HqPayment[]>> => {
    const t = d.transport();
    const tok = d.token();
    if (!t || !tok) return err('HQ_UNREACHABLE', NOT_ENROLLED);
    try {
      const r = await t.get(`/api/payments?q=${encodeURIComponent(text)}`, tok);
      const b = r.body as { payments?: unknown; message?: string } | null;
      if (r.status === 400) return err('INVALID_PAYLOAD', b?.message ?? 'search text refused by head office');
      if (r.status !== 200 || !Array.isArray(b?.payments)) return err('HQ_UNREACHABLE', `${UNREACHABLE} (${r.status}: ${b?.message ?? ''})`);
      return ok(b.payments.filter(isPayment));
    } catch (e) {
      return err('HQ_UNREACHABLE', `${UNREACHABLE} (${(e as Error).message})`);
    }
  };
  return {
    search: ask,
    async open(outTradeNo) {
      const here = receiptOrigin(d.db, outTradeNo);
      if (here) return ok(here); // own sale, or mirrored before: nothing to fetch
      const found = await ask(outTradeNo);
      if (!found.ok) return found;
      const p = found.value.find((x) => x.outTradeNo === outTradeNo);
      if (!p) return err('NOT_FOUND', '总部没有这笔付款 / head office does not know this payment');
      if (p.tender === 'CASH') return err('NOT_FOUND', '现金销售只能在收款的收银台退款 / a cash sale is refunded at the till that took the cash');
      const ids = { saleId: d.newId('sale'), attemptId: d.newId('attempt'), receiptId: d.newId('receipt') };
      const opened = d.db.transaction((): { saleId: string; foreign: boolean } => {
        const again = receiptOrigin(d.db, outTradeNo); // written meanwhile (two managers at once)
        if (again) return again;
        insertForeignMirror(d.db, p, ids, d.clock.now());
        return { saleId: ids.saleId, foreign: true };
      }).immediate();
      return ok(opened);
    },
  };
}
