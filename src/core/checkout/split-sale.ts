// The split-tender part of charge and quickPay (issue 13 point 1): the cash part is checked against the
// priced total before anything is written, and its row is written in the transaction that writes the
// sale and the attempt (whose total_fee is the rest, never the sale's total).
import { isFen } from '../../common/money';
import { err, ok, type Result } from '../../common/result';
import { insertSplitTender, type SplitCashInput } from '../store/repos/split-tender-repo';
import type { EngineContext } from './engine-context';
import { splitText } from './split-texts';

export type { SplitCashInput } from '../store/repos/split-tender-repo';

/** What WeChat is asked for: the total, less a valid cash part. */
export function wechatPartFen(totalFen: number, split: SplitCashInput | undefined): Result<number> {
  if (!split) return ok(totalFen);
  if (!isFen(split.cashFen) || split.cashFen <= 0 || split.cashFen >= totalFen) return err('SPLIT_CASH_INVALID', splitText.cashInvalid(totalFen));
  if (!isFen(split.tenderedFen) || split.tenderedFen < split.cashFen) return err('CASH_TENDER_SHORT', splitText.tenderShort(split.cashFen, split.tenderedFen));
  return ok(totalFen - split.cashFen);
}

/** Inside the charge / quickPay transaction; no-op without a split. */
export function recordSplit(
  ctx: EngineContext,
  s: { readonly split: SplitCashInput | undefined; readonly saleId: string; readonly attemptId: string; readonly totalFen: number; readonly at: number; readonly cashier: string },
): void {
  if (!s.split) return;
  insertSplitTender(ctx.db, {
    saleId: s.saleId,
    attemptId: s.attemptId,
    shiftId: s.split.shiftId,
    mode: ctx.deps.mode(),
    saleTotalFen: s.totalFen,
    cashFen: s.split.cashFen,
    tenderedFen: s.split.tenderedFen,
    takenAt: s.at,
  });
  ctx.audit(s.cashier, 'split.cash', s.saleId, {
    attemptId: s.attemptId,
    saleTotalFen: s.totalFen,
    cashFen: s.split.cashFen,
    tenderedFen: s.split.tenderedFen,
    changeFen: s.split.tenderedFen - s.split.cashFen,
  });
}
