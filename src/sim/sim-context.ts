// What every endpoint handler receives: resolved settings, the books, the id mint and the scripted
// refund outcomes; plus the per-call facts (time, merchant, params) and the reply shapes.
import { createHash } from 'node:crypto';
import type { Params } from '../core/wxpay/xml';
import type { BillTampers } from './bill-tampers';
import type { IdMint } from './ids';
import type { Ledger } from './ledger';
import type { SimMerchant } from './sim-types';

export interface SimConfig {
  readonly refundDelayMs: number;
  readonly closeFloorMs: number;
  readonly closeEarly: 'reject' | 'silent';
  readonly refundSpacingMs: number;
  readonly codeUrlTtlMs: number;
  readonly micropayRevokeMs: number;
  readonly authCodeTtlMs: number;
  /** issue 12: reverse of an order whose customer is entering the password answers 正在支付中, recall=Y. */
  readonly reverseWhilePaying: 'refuse' | 'revoke';
}

export const DEFAULT_CONFIG: SimConfig = {
  refundDelayMs: 10_000,
  closeFloorMs: 5 * 60_000,
  closeEarly: 'reject',
  refundSpacingMs: 0,
  codeUrlTtlMs: 2 * 3600_000,
  micropayRevokeMs: 45_000,
  authCodeTtlMs: 60_000,
  reverseWhilePaying: 'revoke',
};

export type FinalRefundStatus = 'SUCCESS' | 'REFUNDCLOSE' | 'CHANGE';

/** Outcomes a test scripted for future refunds: by out_refund_no, else the next accepted refund. */
export class RefundScript {
  private readonly byNo = new Map<string, FinalRefundStatus>();
  private queue: FinalRefundStatus[] = [];

  script(outcome: FinalRefundStatus, outRefundNo?: string): void {
    if (outRefundNo !== undefined) this.byNo.set(outRefundNo, outcome);
    else this.queue.push(outcome);
  }

  take(outRefundNo: string): FinalRefundStatus {
    const named = this.byNo.get(outRefundNo);
    if (named) {
      this.byNo.delete(outRefundNo);
      return named;
    }
    return this.queue.shift() ?? 'SUCCESS';
  }

  clear(): void {
    this.byNo.clear();
    this.queue = [];
  }
}

export interface SimContext {
  readonly cfg: SimConfig;
  readonly ledger: Ledger;
  readonly ids: IdMint;
  readonly refundScript: RefundScript;
  /** The simulated customer's openid (the phone's WeChat user). */
  readonly phoneOpenid: string;
  /** Discrepancies tests planted in downloadbill answers. */
  readonly billTampers: BillTampers;
}

export interface Call {
  readonly now: number;
  readonly merchant: SimMerchant;
  readonly p: Params;
}

export type Fields = Record<string, string | number>;

export type EndpointReply =
  /** return_code=SUCCESS, result_code=SUCCESS, signed. */
  | { readonly type: 'ok'; readonly fields: Fields }
  /** return_code=SUCCESS, result_code=FAIL, signed. */
  | { readonly type: 'err'; readonly errCode: string; readonly errCodeDes: string; readonly fields?: Fields }
  /** Unsigned XML: return_code=FAIL replies, getsignkey, report. */
  | { readonly type: 'unsigned'; readonly fields: Fields }
  /** A non-XML body (downloadbill success). */
  | { readonly type: 'raw'; readonly contentType: string; readonly body: Uint8Array };

export const ok = (fields: Fields): EndpointReply => ({ type: 'ok', fields });
export const bizErr = (errCode: string, errCodeDes: string, fields?: Fields): EndpointReply => ({
  type: 'err',
  errCode,
  errCodeDes,
  ...(fields ? { fields } : {}),
});

export const protocolFail = (returnMsg: string): EndpointReply => ({
  type: 'unsigned',
  fields: { return_code: 'FAIL', return_msg: returnMsg },
});

/** Re-entry identity of a request: a digest of every field except the per-call envelope. */
export function fingerprint(p: Params, ignore: readonly string[] = []): string {
  const names = Object.keys(p)
    .filter((k) => k !== 'nonce_str' && k !== 'sign' && k !== 'sign_type' && !ignore.includes(k) && p[k] !== '')
    .sort();
  const h = createHash('sha1');
  for (const k of names) h.update(k).update('\0').update(p[k] ?? '').update('\0');
  return h.digest('base64');
}

/**
 * A standalone copy of a string. Values parsed from a request are slices of the whole body text; a
 * record kept for hours must not pin that text (it tripled the simulator's memory per order).
 */
export function own(s: string | undefined): string {
  return s ? Buffer.from(s, 'utf8').toString('utf8') : '';
}
