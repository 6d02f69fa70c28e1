// The first send of a new request (a charge's unifiedorder, a refund; quick pay next). The caller has
// already committed the request's identity (out_trade_no / out_refund_no) with its audit entry; this
// sends it, sends the identical request again at once while the gateway says "not processed"
// (retry-same) up to inlineRetries times, and then hands whatever is still open to the watcher.
import { fail, ok, type Result } from '../../common/result';
import type { PollPolicy } from './poll-policy';

/** What a send proved when it did not get its answer. */
export type SendMiss<C extends string> =
  | { readonly kind: 'unknown' } // may have been processed: resolve by query
  | { readonly kind: 'retry' } // not processed: safe to send the identical request again
  | { readonly kind: 'rejected'; readonly code: C; readonly message: string } // refused, and no earlier send exists
  | { readonly kind: 'held'; readonly code: C; readonly message: string }; // refused, but an earlier send may have gone through

export type SendVerdict<T, C extends string> = Result<T, SendMiss<C>>;

export type Rejected<C extends string> = Extract<SendMiss<C>, { kind: 'rejected' }>;

/** What the first-send loop does after one send: send again, hand over to the watcher, or end refused. */
export type NextSend<F extends object> = Result<'retry' | 'handover', F>;

/** The usual reading: retry-same goes again, a rejection ends the request, anything else is the watcher's. */
export function classifySend<T, C extends string>(v: SendVerdict<T, C>): NextSend<Rejected<C>> {
  if (v.ok) return ok('handover');
  switch (v.kind) {
    case 'retry':
      return ok('retry');
    case 'rejected':
      return fail({ kind: 'rejected', code: v.code, message: v.message });
    case 'unknown':
    case 'held':
      return ok('handover');
  }
}

/**
 * send(i) sends try i (0 = the first), or returns null when there is nothing left to send (the row
 * moved on). A send that throws may have left the machine: logged, and handed over. Returns the
 * refusal that ended the request, or ok when the watcher takes over.
 */
export async function sendFirst<V, F extends object>(
  send: (attempt: number) => Promise<V | null>,
  classify: (v: V) => NextSend<F>,
  policy: Pick<PollPolicy, 'inlineRetries'>,
  onThrow: (e: unknown) => void,
): Promise<Result<null, F>> {
  for (let i = 0; ; i++) {
    let v: V | null;
    try {
      v = await send(i);
    } catch (e) {
      onThrow(e);
      return ok(null);
    }
    if (v === null) return ok(null);
    const next = classify(v);
    if (!next.ok) return next;
    if (next.value === 'handover' || i >= policy.inlineRetries) return ok(null);
  }
}
