// Turns what the transport brought back into either a verified parameter map or a non-ok Outcome.
// Order (wxpay-v2.md 1 and 2.3): HTTP status, XML, return_code, then - before any other field is read -
// the signature with the request's algorithm, appid, mch_id and the echoed request fields.
// A response that fails verification is never trusted, whatever it says: it becomes 'unknown' so the
// caller re-queries (a forged "paid" must not pass, and a garbled one must not be taken as "failed").
import type { Outcome, SignType } from './types';
import { verifySign } from './sign';
import { parseXmlBytes, XmlError, type Params } from './xml';
import type { PostResult } from './transport';
import { PROTOCOL_FAIL } from './codes';
import { fail, ok, type Result } from '../../common/result';

export type Echo = Readonly<Record<string, string | number | undefined>>;

export interface VerifyContext {
  readonly key: string;
  readonly signType: SignType;
  readonly appid: string;
  readonly mchId: string;
  readonly maxBytes: number;
}

/** A verified parameter map, or the non-ok Outcome the call ends with. */
export type Checked = Result<Params, { readonly outcome: Outcome<never> }>;

function no(outcome: Outcome<never>): Checked {
  return fail({ outcome });
}

/** Transport failures: pre-send network -> retry-same, TLS -> fix, after send -> unknown. */
export function failureOutcome(r: Extract<PostResult, { kind: 'failure' }>): Outcome<never> {
  if (r.sent) return { kind: 'unknown', code: r.code, message: r.message };
  // Pre-send (transport sent:false): marked notSent, so a caller may treat it as never sent.
  if (r.code.startsWith('TLS_')) return { kind: 'fix', code: r.code, message: r.message, notSent: true };
  return { kind: 'retry-same', code: r.code, message: r.message, notSent: true };
}

/** HTTP + XML + return_code, shared by signed and unsigned answers. */
export function openEnvelope(r: PostResult, maxBytes: number): Checked {
  if (r.kind === 'failure') return no(failureOutcome(r));
  if (r.status !== 200) return no({ kind: 'unknown', code: 'HTTP_STATUS', message: `HTTP ${r.status} from the gateway` });
  let params: Params;
  try {
    params = parseXmlBytes(r.body, { maxBytes });
  } catch (e) {
    const why = e instanceof XmlError ? e.code : 'unreadable';
    return no({ kind: 'unknown', code: 'RESPONSE_MALFORMED', message: `the answer is not WeChat XML (${why})` });
  }
  const rc = params.return_code;
  if (rc === 'FAIL') return no({ kind: 'fix', code: PROTOCOL_FAIL, message: params.return_msg ?? '' });
  if (rc !== 'SUCCESS') return no({ kind: 'unknown', code: 'RESPONSE_MALFORMED', message: 'return_code missing or unexpected' });
  return ok(params);
}

/** Full check of a signed return_code=SUCCESS response. */
export function verifyResponse(r: PostResult, ctx: VerifyContext, echo: Echo): Checked {
  const env = openEnvelope(r, ctx.maxBytes);
  if (!env.ok) return env;
  const p = env.value;
  if (!verifySign(p, ctx.key, ctx.signType)) {
    return no({
      kind: 'unknown',
      code: 'RESPONSE_SIGNATURE_INVALID',
      message: `the answer's ${ctx.signType} signature does not verify: not trusted, query again`,
    });
  }
  if (p.appid !== ctx.appid || p.mch_id !== ctx.mchId) {
    return no({ kind: 'unknown', code: 'RESPONSE_IDENTITY_MISMATCH', message: 'the answer names another appid or mch_id' });
  }
  for (const [field, expected] of Object.entries(echo)) {
    if (expected === undefined) continue;
    const got = p[field];
    if (got !== undefined && got !== '' && got !== String(expected)) {
      return no({ kind: 'unknown', code: 'RESPONSE_ECHO_MISMATCH', message: `the answer's ${field} differs from the request` });
    }
  }
  return ok(p);
}

/** Thrown by field readers when a verified response lacks a field we need. */
export class MissingField extends Error {
  constructor(readonly field: string) {
    super(`the answer lacks ${field}`);
  }
}

export function need(p: Params, field: string): string {
  const v = p[field];
  if (v === undefined || v === '') throw new MissingField(field);
  return v;
}

export function intOf(p: Params, field: string): number | null {
  const v = p[field];
  if (v === undefined || v === '') return null;
  if (!/^-?\d{1,15}$/.test(v)) throw new MissingField(`${field} (as an integer)`);
  return Number(v);
}

export function needInt(p: Params, field: string): number {
  const n = intOf(p, field);
  if (n === null) throw new MissingField(field);
  return n;
}
