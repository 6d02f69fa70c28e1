// The amount keypad as a pure reducer: the on-screen keys and the physical keyboard both feed it.
// It never accepts text that parseYuanToFen would refuse, and a refused key keeps the text as it was
// (nothing the cashier typed is lost) with an error key the screen translates.
import { MAX_FEN, parseYuanToFen } from '../../../common/money';

export type KeypadError = 'keypad.tooManyDecimals' | 'keypad.tooLarge' | 'keypad.notANumber';

export interface KeypadState {
  readonly text: string;
  readonly error: KeypadError | null;
}

export type KeypadAction =
  | { readonly type: 'digit'; readonly digit: string }
  | { readonly type: 'dot' }
  | { readonly type: 'backspace' }
  | { readonly type: 'clear' }
  | { readonly type: 'set'; readonly text: string };

export const EMPTY_KEYPAD: KeypadState = { text: '', error: null };

/** Why text is not an acceptable partial amount, or null when it is (empty and "12." are fine). */
export function checkPartial(text: string): KeypadError | null {
  if (text === '') return null;
  if (!/^\d*(\.\d*)?$/.test(text)) return 'keypad.notANumber';
  const [whole = '', frac = ''] = text.split('.');
  if (frac.length > 2) return 'keypad.tooManyDecimals';
  if (whole.length > 8) return 'keypad.tooLarge';
  const fen = parseYuanToFen(`${whole || '0'}.${frac}`);
  if (fen === null || fen > MAX_FEN) return 'keypad.tooLarge';
  return null;
}

function normalize(text: string): string {
  // "007" -> "7", ".5" -> "0.5"; keeps "0." and "0.0" while typing
  let t = text.replace(/^0+(?=\d)/, '');
  if (t.startsWith('.')) t = `0${t}`;
  return t;
}

function attempt(state: KeypadState, next: string): KeypadState {
  const t = normalize(next);
  const e = checkPartial(t);
  return e ? { text: state.text, error: e } : { text: t, error: null };
}

export function keypadReducer(state: KeypadState, action: KeypadAction): KeypadState {
  switch (action.type) {
    case 'digit':
      if (!/^\d$/.test(action.digit)) return { text: state.text, error: 'keypad.notANumber' };
      return attempt(state, state.text + action.digit);
    case 'dot':
      if (state.text.includes('.')) return { text: state.text, error: null };
      return attempt(state, (state.text || '0') + '.');
    case 'backspace':
      return { text: state.text.slice(0, -1), error: null };
    case 'clear':
      return EMPTY_KEYPAD;
    case 'set': {
      const cleaned = action.text.replace(/[¥,\s]/g, '');
      return attempt(state, cleaned);
    }
    default: {
      const never: never = action;
      return never;
    }
  }
}

/** The fen value of the keypad, or null while empty/incomplete. */
export function keypadFen(state: KeypadState): number | null {
  if (state.text === '') return null;
  const t = state.text.endsWith('.') ? state.text.slice(0, -1) : state.text;
  return parseYuanToFen(t);
}

/** Maps a physical key to a keypad action (null: not a keypad key). */
export function keyToAction(key: string): KeypadAction | null {
  if (/^\d$/.test(key)) return { type: 'digit', digit: key };
  if (key === '.' || key === ',' || key === 'Decimal') return { type: 'dot' };
  if (key === 'Backspace') return { type: 'backspace' };
  if (key === 'Delete') return { type: 'clear' };
  return null;
}
