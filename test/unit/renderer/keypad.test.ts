import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseYuanToFen } from '../../../src/common/money';
import { EMPTY_KEYPAD, keyToAction, keypadFen, keypadReducer, type KeypadAction, type KeypadState } from '../../../src/renderer/src/lib/keypad';
import { suitePlan } from '../../support/sizes';

const type = (keys: string, from: KeypadState = EMPTY_KEYPAD): KeypadState =>
  [...keys].reduce((s, k) => {
    const a = k === '<' ? ({ type: 'backspace' } as const) : keyToAction(k);
    if (!a) throw new Error(`no action for ${k}`);
    return keypadReducer(s, a);
  }, from);

describe('keypad reducer', () => {
  it('builds amounts in fen without floats', () => {
    expect(keypadFen(type('12.5'))).toBe(1250);
    expect(keypadFen(type('0.07'))).toBe(7);
    expect(keypadFen(type('.5'))).toBe(50);
    expect(type('.5').text).toBe('0.5');
    expect(keypadFen(type('12.'))).toBe(1200);
    expect(keypadFen(EMPTY_KEYPAD)).toBeNull();
  });

  it('drops leading zeros and a second dot', () => {
    expect(type('007').text).toBe('7');
    expect(type('1.2.3').text).toBe('1.23');
    expect(type('0.0').text).toBe('0.0');
  });

  it('refuses a third decimal and keeps what was typed, with an error', () => {
    const s = type('1.234');
    expect(s.text).toBe('1.23');
    expect(s.error).toBe('keypad.tooManyDecimals');
    // the next good key clears the error
    expect(type('<', s)).toEqual({ text: '1.2', error: null });
  });

  it('refuses more than one order can hold', () => {
    const s = type('99999999'); // 8 nines of yuan is above MAX_FEN; 7 fit
    expect(s.text).toBe('9999999');
    expect(s.error).toBe('keypad.tooLarge');
    expect(keypadReducer(EMPTY_KEYPAD, { type: 'set', text: '21474837' }).error).toBe('keypad.tooLarge');
    expect(keypadReducer(EMPTY_KEYPAD, { type: 'set', text: '21474836.47' })).toEqual({ text: '21474836.47', error: null });
  });

  it('set() accepts pasted ¥ and grouping, refuses letters without losing the text', () => {
    expect(keypadReducer(EMPTY_KEYPAD, { type: 'set', text: '¥1,234.50' }).text).toBe('1234.50');
    const s = keypadReducer({ text: '12', error: null }, { type: 'set', text: '12a' });
    // issue 15.2: the refused key is named in the message (was the generic 'keypad.notANumber')
    expect(s).toEqual({ text: '12', error: 'keypad.unknownKey', refusedKey: 'a' });
  });

  it('clear and Delete empty the keypad; keys that are not part of an amount are refused, not dropped', () => {
    expect(keypadReducer(type('55'), { type: 'clear' })).toEqual(EMPTY_KEYPAD);
    expect(keyToAction('Delete')).toEqual({ type: 'clear' });
    // issue 15.2: was toBeNull (the key vanished silently); now it is refused with a message
    expect(keyToAction('a')).toEqual({ type: 'refuse', key: 'a' });
    expect(keypadReducer(type('3'), { type: 'refuse', key: '/' })).toEqual({ text: '3', error: 'keypad.unknownKey', refusedKey: '/' });
    expect(keyToAction('Enter')).toBeNull();
    expect(keyToAction('F8')).toBeNull();
    expect(keyToAction('+')).toBeNull();
  });

  it('property: any key sequence leaves text that parses to the same fen as keypadFen', () => {
    const { seed, size } = suitePlan(import.meta.url, { seedVar: 'KEYPAD_SEED', unit: 100, soak: 2_000 });
    const action = fc.oneof(
      fc.constantFrom('0', '1', '2', '5', '9').map((d): KeypadAction => ({ type: 'digit', digit: d })),
      fc.constant<KeypadAction>({ type: 'dot' }),
      fc.constant<KeypadAction>({ type: 'backspace' }),
    );
    fc.assert(
      fc.property(fc.array(action, { maxLength: 20 }), (actions) => {
        const s = actions.reduce(keypadReducer, EMPTY_KEYPAD);
        if (s.text === '') return keypadFen(s) === null;
        const plain = s.text.endsWith('.') ? s.text.slice(0, -1) : s.text;
        const fen = parseYuanToFen(plain);
        return fen !== null && keypadFen(s) === fen;
      }),
      { seed, numRuns: size },
    );
  });
});
