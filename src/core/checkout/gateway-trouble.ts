// How the drivers read a query's answer: a value, "no such order/refund", or trouble to back off on.
import type { Outcome } from '../wxpay/types';
import { assertNever } from './attempt-states';

/** A gateway answer that neither settles nor advances the attempt or refund: back off and ask again. */
export class GatewayTrouble extends Error {}

/**
 * The value of an ok query; 'notexist' when the gateway definitely has no such record (notExistCode);
 * anything else (unknown, retry-same, fix, another failure) throws GatewayTrouble, never a guess.
 */
export function answerOrNotExist<T>(out: Outcome<T>, notExistCode: string): T | 'notexist' {
  switch (out.kind) {
    case 'ok':
      return out.value;
    case 'fail':
      if (out.errCode === notExistCode) return 'notexist';
      throw new GatewayTrouble(`${out.errCode} ${out.errCodeDes}`);
    case 'unknown':
    case 'retry-same':
    case 'fix':
      throw new GatewayTrouble(out.message);
    default:
      return assertNever(out);
  }
}
