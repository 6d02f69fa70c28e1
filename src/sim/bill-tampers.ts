// Discrepancies a test can plant in the simulator's bills (control API POST /sim/bills/tamper), so a
// reconciler meets every kind of difference against a real-shaped bill. The books stay untouched:
// only what downloadbill reports changes.
import { z } from 'zod';
import type { BillEntry } from './bill-writer';

const no = z.string().min(1).max(64);
const fen = z.int().min(-100_000_000).max(100_000_000);
export const billTamperSchema = z.discriminatedUnion('kind', [
  /** The order's payment row is missing (the till sees it as short). */
  z.strictObject({ kind: z.literal('drop'), outTradeNo: no }),
  /** A payment row the till never took (long); copies the shape of the day's first order. */
  z.strictObject({ kind: z.literal('extra'), outTradeNo: no, totalFen: z.int().min(1).max(2_147_483_647) }),
  /** The payment row's amount is off by deltaFen. */
  z.strictObject({ kind: z.literal('amount'), outTradeNo: no, deltaFen: fen }),
  /** The payment row says REVOKED. */
  z.strictObject({ kind: z.literal('revoke'), outTradeNo: no }),
  /** The refund row is missing. */
  z.strictObject({ kind: z.literal('drop-refund'), outRefundNo: no }),
  /** The refund row's amount is off by deltaFen. */
  z.strictObject({ kind: z.literal('refund-amount'), outRefundNo: no, deltaFen: fen }),
  /** The refund row shows this status. */
  z.strictObject({ kind: z.literal('refund-status'), outRefundNo: no, status: z.enum(['SUCCESS', 'REFUNDCLOSE', 'PROCESSING', 'CHANGE']) }),
  /** The summary's order totals are off by deltaFen (a bill that must be refused). */
  z.strictObject({ kind: z.literal('summary'), deltaFen: fen }),
]);
export type BillTamper = z.infer<typeof billTamperSchema>;

export class BillTampers {
  private list: BillTamper[] = [];

  add(t: BillTamper): void {
    this.list.push(t);
  }

  all(): readonly BillTamper[] {
    return this.list;
  }

  clear(): void {
    this.list = [];
  }

  /** The entries as the tampered bill shows them, and the summary skew. */
  apply(entries: readonly BillEntry[], at: number): { entries: BillEntry[]; summarySkewFen: number } {
    let out = [...entries];
    let skew = 0;
    for (const t of this.list) {
      switch (t.kind) {
        case 'drop':
          out = out.filter((e) => !(e.kind === 'payment' && e.order.outTradeNo === t.outTradeNo));
          break;
        case 'extra': {
          const model = out[0]?.order;
          if (!model) break;
          out.push({ kind: 'payment', at, state: 'SUCCESS', order: { ...model, outTradeNo: t.outTradeNo, transactionId: `4200009999${t.outTradeNo.slice(-18).padStart(18, '0')}`, totalFen: t.totalFen } });
          break;
        }
        case 'amount':
          out = out.map((e) => (e.kind === 'payment' && e.order.outTradeNo === t.outTradeNo ? { ...e, order: { ...e.order, totalFen: e.order.totalFen + t.deltaFen } } : e));
          break;
        case 'revoke':
          out = out.map((e) => (e.kind === 'payment' && e.order.outTradeNo === t.outTradeNo ? { ...e, state: 'REVOKED' as const } : e));
          break;
        case 'drop-refund':
          out = out.filter((e) => !(e.kind === 'refund' && e.outRefundNo === t.outRefundNo));
          break;
        case 'refund-amount':
          out = out.map((e) => (e.kind === 'refund' && e.outRefundNo === t.outRefundNo ? { ...e, appliedFen: e.appliedFen + t.deltaFen } : e));
          break;
        case 'refund-status':
          out = out.map((e) => (e.kind === 'refund' && e.outRefundNo === t.outRefundNo ? { ...e, status: t.status } : e));
          break;
        case 'summary':
          skew += t.deltaFen;
          break;
        default: {
          const never: never = t;
          throw new Error(`unknown tamper ${JSON.stringify(never)}`);
        }
      }
    }
    return { entries: out, summarySkewFen: skew };
  }
}
