// Before a difference reaches the manager, the caller gets one chance to settle it with WeChat
// (orderquery / refundquery) and update its own records: a difference that resolves is not reported.
// A settle that throws leaves the difference standing: an unsettled difference is never hidden.
import type { Difference } from './differences';
import type { ReconcileReport } from './match';

export type SettleVerdict = 'resolved' | 'still-different';
export type Settle = (d: Difference) => Promise<SettleVerdict>;

export interface SettledReport extends ReconcileReport {
  /** Differences the settle step resolved (kept for the audit trail, not shown as open). */
  readonly resolved: readonly Difference[];
}

/** Runs settle over every difference, at most `concurrency` at a time, keeping the report's order. */
export async function settleDifferences(report: ReconcileReport, settle: Settle, concurrency = 4): Promise<SettledReport> {
  const ds = report.differences;
  const verdicts: SettleVerdict[] = new Array<SettleVerdict>(ds.length).fill('still-different');
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < ds.length) {
      const i = next++;
      const d = ds[i];
      if (d === undefined) continue;
      try {
        verdicts[i] = await settle(d);
      } catch {
        verdicts[i] = 'still-different';
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, ds.length)) }, worker));
  return {
    ...report,
    differences: ds.filter((_, i) => verdicts[i] !== 'resolved'),
    resolved: ds.filter((_, i) => verdicts[i] === 'resolved'),
  };
}
