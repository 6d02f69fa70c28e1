// The refund path's view of head office (issue 16 point 4). HQ holds the refundable balance of every
// payment across tills; before a till calls WeChat it reserves the amount there. Refused → the refund is
// refused. HQ unreachable (or not told of this payment yet) → the till refunds its own sale on its own
// limits, as before HQ existed. The reservation is settled by the refund's final state arriving through
// the outbox, or released at once if the till's own checks refuse after HQ reserved.
import type { HqReserveRequest } from '../../common/hq-sync';
import type { HqTransport } from './hq-transport';

export type RefundAuthorisation =
  | { readonly kind: 'reserved' }
  | { readonly kind: 'refused'; readonly message: string }
  | { readonly kind: 'offline'; readonly reason: string };

export interface RefundAuthority {
  reserve(req: HqReserveRequest): Promise<RefundAuthorisation>;
  release(outRefundNo: string): Promise<void>;
}

export function hqRefundAuthority(transport: () => HqTransport | null, token: () => string | null): RefundAuthority {
  return {
    async reserve(req) {
      const t = transport();
      const tok = token();
      if (!t || !tok) return { kind: 'offline', reason: 'not enrolled at head office' };
      try {
        const r = await t.post('/api/refunds/reserve', req, tok);
        if (r.status === 200) return { kind: 'reserved' };
        const b = r.body as { code?: string; message?: string } | null;
        if (b?.code === 'NOT_REFUNDABLE') return { kind: 'refused', message: b.message ?? 'not refundable' };
        return { kind: 'offline', reason: `${b?.code ?? r.status}: ${b?.message ?? ''}` };
      } catch (e) {
        return { kind: 'offline', reason: (e as Error).message };
      }
    },
    async release(outRefundNo) {
      const t = transport();
      const tok = token();
      if (!t || !tok) return;
      await t.post('/api/refunds/settle', { outRefundNo, refunded: false }, tok).catch(() => undefined);
    },
  };
}
