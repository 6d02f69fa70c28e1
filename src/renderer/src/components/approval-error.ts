// A refused approval (refund form, shift close): a wrong PIN says how many tries are left, in the
// chosen language, the way the sign-in screen does; any other refusal shows as usual.
import type { Err } from '../../../common/result';
import { localError, type UiError } from './ErrorLine';

export function approvalError(e: Err): UiError {
  return e.code === 'PIN_WRONG' && typeof e.triesLeft === 'number' ? { ...localError('staff.triesLeft', { n: e.triesLeft }), code: e.code } : e;
}
