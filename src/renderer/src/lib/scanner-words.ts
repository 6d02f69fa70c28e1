// Why a scanned or typed code is not charged, in the dictionary's words (issue 12, bad input): a
// product barcode, too few or too many digits, letters, or 18 digits outside WeChat's payment-code rule.
import type { MessageKey } from '../i18n/zh-CN';
import type { CodeClass } from './scanner';

export interface Refusal {
  readonly key: MessageKey;
  readonly vars?: Record<string, string | number>;
}

/** The message for a code that will not be sent to WeChat Pay; null for a payment code. */
export function refusalOf(code: CodeClass): Refusal | null {
  switch (code.kind) {
    case 'payment':
      return null;
    case 'product':
      return { key: 'scan.product', vars: { code: code.code } };
    case 'invalid':
      switch (code.problem) {
        case 'empty':
          return { key: 'scan.problem.empty' };
        case 'notDigits':
          return { key: 'scan.problem.notDigits' };
        case 'length':
          return { key: 'scan.problem.length', vars: { n: code.length } };
        case 'notPaymentCode':
          return { key: 'scan.problem.notPaymentCode' };
        case 'checkDigit':
          return { key: 'scan.problem.checkDigit', vars: { n: code.length } };
        default: {
          const never: never = code.problem;
          return never;
        }
      }
    default: {
      const never: never = code;
      return never;
    }
  }
}
