// The amount keypad as a pure reducer: the on-screen keys and the physical keyboard both feed it.
// It never accepts text that parseYuanToFen would refuse, and a refused key keeps the text as it was
// (nothing the cashier typed is lost) with an error key the screen translates.
// Issue 15.1/15.2: the text may carry ONE quantity mark: "3*5.5" (3 of ¥5.50) or "5.5*3" (the same,
// quantity after); "3*" alone waits for a quick key or a scanned product, "*3" alone sets the last line's
// quantity. Any other key is refused with a message naming it (never silently dropped).
import { MAX_FEN, parseYuanToFen } from '../../../common/money';
import { MAX_LINE_QUANTITY } from '../../../common/sale-limits';

export type KeypadError = 'keypad.tooManyDecimals' | 'keypad.tooLarge' | 'keypad.notANumber' | 'keypad.unknownKey' | 'keypad.qtyInvalid';

export interface KeypadState {
  readonly text: string;
  readonly error: KeypadError | null;
  /** The key that was refused (only with 'keypad.unknownKey'), so the message can name it. */
  readonly refusedKey?: string;
}

export type KeypadAction =
  | { readonly type: 'digit'; readonly digit: string }
  | { readonly type: 'dot' }
  | { readonly type: 'times' }
  | { readonly type: 'refuse'; readonly key: string }
  | { readonly type: 'backspace' }
  | { readonly type: 'clear' }
  /** The brief "key refused" message has been shown long enough. */
  | { readonly type: 'dismiss' }
  | { readonly type: 'set'; readonly text: string };

export const EMPTY_KEYPAD: KeypadState = { text: '', error: null };

/** The keypad text split at its quantity mark: quantity text (null: none typed) and amount text. */
export interface SplitText {
  readonly qtyText: string | null;
  readonly amountText: string;
}

/** Splits "3*5.5" / "5.5*3" / "3*" / "*3"; null when there is more than one mark. */
export function splitTimes(text: string): SplitText | null {
  const parts = text.split('*');
  if (parts.length === 1) return { qtyText: null, amountText: text };
  if (parts.length > 2) return null;
  const [before = '', after = ''] = parts;
  // a whole number of at most 4 digits before the mark is the quantity ("3*5.5", "3*")
  if (before === '' || /^\d{1,4}$/.test(before)) {
    if (before === '') return { qtyText: after, amountText: '' };
    return { qtyText: before, amountText: after };
  }
  return { qtyText: after, amountText: before };
}

function checkAmount(text: string): KeypadError | null {
  if (text === '') return null;
  if (!/^\d*(\.\d*)?$/.test(text)) return 'keypad.notANumber';
  const [whole = '', frac = ''] = text.split('.');
  if (frac.length > 2) return 'keypad.tooManyDecimals';
  if (whole.length > 8) return 'keypad.tooLarge';
  const fen = parseYuanToFen(`${whole || '0'}.${frac}`);
  if (fen === null || fen > MAX_FEN) return 'keypad.tooLarge';
  return null;
}

/** Why text is not an acceptable partial entry, or null when it is (empty, "12.", "3*" are fine). */
export function checkPartial(text: string): KeypadError | null {
  if (text === '') return null;
  const split = splitTimes(text);
  if (!split) return 'keypad.notANumber';
  if (split.qtyText !== null) {
    if (!/^\d{0,4}$/.test(split.qtyText)) return 'keypad.qtyInvalid';
    if (split.qtyText !== '' && (Number(split.qtyText) < 1 || Number(split.qtyText) > MAX_LINE_QUANTITY)) return 'keypad.qtyInvalid';
  }
  return checkAmount(split.amountText);
}

function normalize(text: string): string {
  // "007" -> "7", ".5" -> "0.5"; keeps "0." and "0.0" while typing (the amount part only)
  const split = splitTimes(text);
  if (!split || split.qtyText !== null) return text;
  let t = text.replace(/^0+(?=\d)/, '');
  if (t.startsWith('.')) t = `0${t}`;
  return t;
}

function attempt(state: KeypadState, next: string): KeypadState {
  const t = normalize(next);
  const e = checkPartial(t);
  if (e) return { text: state.text, error: e };
  // a refused key's message outlives the next good key, so it cannot flash by unseen
  if (state.error === 'keypad.unknownKey' && state.refusedKey !== undefined) return { text: t, error: state.error, refusedKey: state.refusedKey };
  return { text: t, error: null };
}

const ALLOWED_IN_FIELD = /[\d.*¥,\s]/;

export function keypadReducer(state: KeypadState, action: KeypadAction): KeypadState {
  switch (action.type) {
    case 'digit':
      if (!/^\d$/.test(action.digit)) return { text: state.text, error: 'keypad.unknownKey', refusedKey: action.digit };
      return attempt(state, state.text + action.digit);
    case 'dot': {
      const amount = splitTimes(state.text)?.amountText ?? state.text;
      if (amount.includes('.')) return { text: state.text, error: null };
      return attempt(state, state.text === '' ? '0.' : state.text.endsWith('*') ? `${state.text}0.` : `${state.text}.`);
    }
    case 'times':
      if (state.text.includes('*')) return { text: state.text, error: 'keypad.qtyInvalid' };
      return attempt(state, `${state.text}*`);
    case 'refuse':
      return { text: state.text, error: 'keypad.unknownKey', refusedKey: action.key };
    case 'backspace':
      return { text: state.text.slice(0, -1), error: null };
    case 'clear':
      return EMPTY_KEYPAD;
    case 'dismiss':
      return state.error === 'keypad.unknownKey' ? { text: state.text, error: null } : state;
    case 'set': {
      const bad = [...action.text].find((c) => !ALLOWED_IN_FIELD.test(c));
      if (bad !== undefined) return { text: state.text, error: 'keypad.unknownKey', refusedKey: bad };
      const cleaned = action.text.replace(/[¥,\s]/g, '');
      return attempt(state, cleaned);
    }
    default: {
      const never: never = action;
      return never;
    }
  }
}

/** The fen of the amount part, or null while empty/incomplete. */
export function keypadFen(state: KeypadState): number | null {
  const amount = splitTimes(state.text)?.amountText ?? '';
  if (amount === '') return null;
  const t = amount.endsWith('.') ? amount.slice(0, -1) : amount;
  return parseYuanToFen(t);
}

/** The quantity typed with the mark ("3*" or "*3"), or null when none. */
export function keypadQty(state: KeypadState): number | null {
  const q = splitTimes(state.text)?.qtyText;
  return q ? Number(q) : null;
}

/**
 * Maps a physical key to a keypad action (null: not a key the keypad answers, e.g. Enter, F-keys, arrows).
 */
export function keyToAction(key: string): KeypadAction | null {
  if (/^\d$/.test(key)) return { type: 'digit', digit: key };
  if (key === '.' || key === ',' || key === 'Decimal') return { type: 'dot' };
  if (key === '*' || key === 'Multiply' || key === '×') return { type: 'times' };
  if (key === 'Backspace') return { type: 'backspace' };
  // the till binds Delete first (what Del clears depends on the selection); elsewhere it clears the amount
  if (key === 'Delete') return { type: 'clear' };
  // '+' adds the line (the till's own binding); space is for buttons
  if ([...key].length === 1 && key !== '+' && key !== ' ') return { type: 'refuse', key };
  return null;
}
