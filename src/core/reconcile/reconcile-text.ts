// The streaming path for a whole day: bill text → rows → matcher without holding the rows, so a
// 100,000-row bill costs little more than its text. The report exists only if the whole bill was
// accepted (summary checked after the last row); a refused bill yields its error and nothing else.
import { ok, type Result } from '../../common/result';
import type { BillError } from './bill-error';
import type { LocalDay } from './local-records';
import { DayMatcher, type ReconcileReport } from './match';
import { readBillText } from './parse-bill';

export function reconcileBillText(text: string, local: LocalDay, mchId?: string): Result<ReconcileReport, BillError> {
  const m = new DayMatcher(local);
  const head = readBillText(text, { begin: (layout) => m.begin(layout), row: (r) => m.row(r) }, mchId);
  return head.ok ? ok(m.finish(head.value.summary)) : head;
}
