// Issue 15.2 on the sale store (lib/sale-draft + lib/keypad): no keystroke silently changes money.
import { describe, expect, it } from 'vitest';
import type { SaleLineInput } from '../../../src/common/api';
import { keyToAction, keypadFen, keypadQty, keypadReducer, EMPTY_KEYPAD } from '../../../src/renderer/src/lib/keypad';
import { delMeaning, EMPTY_SALE, linesToCharge, runningTotal, saleReducer, type SaleDraft, type SaleEdit } from '../../../src/renderer/src/lib/sale-draft';

const apply = (edits: readonly SaleEdit[], from: SaleDraft = EMPTY_SALE): SaleDraft => edits.reduce(saleReducer, from);
/** Keys as the keyboard sends them outside a field (keyToAction), '+' adds the line. */
const keys = (text: string): SaleEdit[] =>
  [...text].map((c): SaleEdit => {
    if (c === '+') return { type: 'addTyped', defaultName: 'Item' };
    const a = keyToAction(c);
    if (!a) throw new Error(`no action for ${c}`);
    return { type: 'keypad', action: a };
  });
const charged = (s: SaleDraft): readonly SaleLineInput[] => {
  const r = linesToCharge(s, 'Item');
  if (!r.ok) throw new Error(r.error);
  return r.sale.lines;
};

describe('after an unpaid charge the next sale starts clean (issue 15.2)', () => {
  const rungUp = apply([...keys('8.8+'), ...keys('12+')]);
  const onScreen = apply([{ type: 'commitForCharge', defaultName: 'Item' }, { type: 'charged' }], rungUp);

  it('the old lines are not charged to the next customer', () => {
    // before the fix the lines stayed in the draft: going back after a cancel and typing 5, Enter charged 8.80 + 12 + 5
    expect(onScreen.lines).toEqual([]);
    const next = apply(keys('5'), onScreen);
    expect(charged(next)).toEqual([{ name: 'Item', quantity: 1, unitFen: 500 }]);
    expect(runningTotal(next, 'Item')).toBe(500);
  });

  it('the cashier may explicitly return to the old lines', () => {
    const back = apply([{ type: 'recall' }], onScreen);
    expect(back.lines.map((l) => l.unitFen)).toEqual([880, 1200]);
    expect(back.held).toBeNull();
    expect(apply([{ type: 'recall' }], back)).toBe(back); // a second recall adds nothing twice
  });

  it('a new sale forgets them for good', () => {
    const fresh = apply([{ type: 'clear' }, { type: 'recall' }], onScreen);
    expect(fresh).toEqual(EMPTY_SALE);
  });
});

describe('quantity mark and refused keys (issue 15.2)', () => {
  it('"3*5.5" is 3 × ¥5.50, not ¥35.50', () => {
    const s = apply(keys('3*5.5'));
    expect(s.keypad.text).toBe('3*5.5');
    expect(keypadFen(s.keypad)).toBe(550);
    expect(keypadQty(s.keypad)).toBe(3);
    expect(runningTotal(s, 'Item')).toBe(1650);
    expect(charged(s)).toEqual([{ name: 'Item', quantity: 3, unitFen: 550 }]);
  });

  it('"5.5*3" is the same line, quantity after', () => {
    expect(charged(apply(keys('5.5*3')))).toEqual([{ name: 'Item', quantity: 3, unitFen: 550 }]);
  });

  it('"*3" after a line sets that line\'s quantity', () => {
    const s = apply([...keys('4+'), ...keys('*3+')]);
    expect(s.lines).toEqual([{ name: 'Item', quantity: 3, unitFen: 400 }]);
  });

  it('a second mark or a zero quantity is refused with the text kept', () => {
    const s = apply(keys('3*5*'));
    expect(s.keypad).toMatchObject({ text: '3*5', error: 'keypad.qtyInvalid' });
    expect(apply(keys('0*')).keypad).toMatchObject({ text: '0', error: 'keypad.qtyInvalid' });
  });

  it('an unknown key is refused and its message survives the next digit', () => {
    const s = apply(keys('3/'));
    expect(s.keypad).toEqual({ text: '3', error: 'keypad.unknownKey', refusedKey: '/' });
    const after = apply(keys('5'), s);
    expect(after.keypad).toEqual({ text: '35', error: 'keypad.unknownKey', refusedKey: '/' });
    expect(keypadReducer(after.keypad, { type: 'dismiss' })).toEqual({ text: '35', error: null });
    expect(keypadReducer(EMPTY_KEYPAD, { type: 'set', text: '3*5.5' }).text).toBe('3*5.5');
  });
});

describe('lines: select with ↑/↓, Del removes, undo, void (issue 15.2)', () => {
  const three = apply(keys('1+2+3+'));

  it('Del clears the amount unless a line is selected, then it removes that line', () => {
    const typing = apply(keys('45'), three);
    expect(delMeaning(typing)).toBe('clearAmount');
    const cleared = apply([{ type: 'del' }], typing);
    expect(cleared.lines).toHaveLength(3);
    expect(cleared.keypad.text).toBe('');

    const up = apply([{ type: 'select', delta: -1 }, { type: 'select', delta: -1 }], three);
    expect(up.selected).toBe(1);
    expect(delMeaning(up)).toBe('removeLine');
    const removed = apply([{ type: 'del' }], up);
    expect(removed.lines.map((l) => l.unitFen)).toEqual([100, 300]);
    expect(removed.selected).toBe(1);
  });

  it('↓ past the last line ends the selection; ↑ stops at the first', () => {
    expect(apply([{ type: 'select', delta: -1 }, { type: 'select', delta: 1 }], three).selected).toBeNull();
    expect(apply(Array.from({ length: 5 }, () => ({ type: 'select', delta: -1 }) as const), three).selected).toBe(0);
    expect(apply([{ type: 'select', delta: -1 }], EMPTY_SALE).selected).toBeNull();
  });

  it('undo brings back a removed line where it was, and a voided sale', () => {
    const removed = apply([{ type: 'removeLine', index: 0 }], three);
    expect(apply([{ type: 'undo' }], removed).lines.map((l) => l.unitFen)).toEqual([100, 200, 300]);
    const voided = apply([...keys('9'), { type: 'void' }], three);
    expect(voided.lines).toEqual([]);
    expect(voided.keypad.text).toBe('');
    expect(apply([{ type: 'undo' }], voided).lines.map((l) => l.unitFen)).toEqual([100, 200, 300]);
    expect(apply([{ type: 'undo' }], EMPTY_SALE)).toBe(EMPTY_SALE);
  });
});

describe('catalog items on the till (issue 15.1)', () => {
  const latte = { name: '拿铁', quantity: 1, unitFen: 2600 };

  it('a quick key adds its line; "3*" typed first makes it three; a typed amount is kept', () => {
    const one = apply([{ type: 'addItem', item: latte }]);
    expect(one.lines).toEqual([latte]);
    const three = apply([...keys('3*'), { type: 'addItem', item: latte }]);
    expect(three.lines).toEqual([{ ...latte, quantity: 3 }]);
    expect(three.keypad.text).toBe('');
    const typing = apply([...keys('12'), { type: 'addItem', item: latte }]);
    expect(typing.keypad.text).toBe('12');
    expect(runningTotal(typing, 'Item')).toBe(2600 + 1200);
  });

  it('"*2" after a quick key sets its quantity', () => {
    expect(apply([{ type: 'addItem', item: latte }, ...keys('*2+')]).lines).toEqual([{ ...latte, quantity: 2 }]);
  });

  it('a price override changes only the selected line, from the keypad amount, undoably', () => {
    const s = apply([{ type: 'addItem', item: latte }, { type: 'addItem', item: { ...latte, name: 'Tea', unitFen: 500 } }, { type: 'select', delta: -1 }, ...keys('4.5'), { type: 'overridePrice' }]);
    expect(s.lines.map((l) => l.unitFen)).toEqual([2600, 450]);
    expect(apply([{ type: 'undo' }], s).lines.map((l) => l.unitFen)).toEqual([2600, 500]);
    expect(apply([{ type: 'overridePrice' }], apply(keys('1'), EMPTY_SALE)).lines).toEqual([]); // nothing selected: nothing changes
  });
});
