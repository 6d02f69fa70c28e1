// How a watcher reads a query's answer: the value, "no such order/refund", or trouble to back off on.
import { fail, ok, type Result } from '../../common/result';
import type { Outcome } from '../wxpay/types';
import { assertNever } from './attempt-states';

export type QueryMiss =
  | { readonly kind: 'notexist' } // the gateway definitely has no such record
  | { readonly kind: 'trouble'; readonly reason: string }; // no usable answer: back off and ask again

export type QueryAnswer<T> = Result<T, QueryMiss>;

/**
 * The value of an ok query; notexist when the answer is notExistCode; anything else (unknown,
 * retry-same, fix, another failure) is trouble, never a guess.
 */
export function readQueryAnswer<T>(out: Outcome<T>, notExistCode: string): QueryAnswer<T> {
  switch (out.kind) {
    case 'ok':
      return ok(out.value);
    case 'fail':
      return out.errCode === notExistCode ? fail({ kind: 'notexist' }) : fail({ kind: 'trouble', reason: `${out.errCode} ${out.errCodeDes}` });
    case 'unknown':
    case 'retry-same':
    case 'fix':
      return fail({ kind: 'trouble', reason: out.message });
    default:
      return assertNever(out);
  }
}
