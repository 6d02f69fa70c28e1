// The sale draft's edits (issue 9.6c): the till screen asks App for named edits instead of being
// handed App's state setter; the reducer keeps the rules the screen used to apply inline.
import { describe, expect, it } from 'vitest';
import { EMPTY_SALE, saleReducer, type SaleDraft, type SaleEdit } from '../../../src/renderer/src/lib/sale-draft';

const apply = (edits: readonly SaleEdit[], from: SaleDraft = EMPTY_SALE): SaleDraft => edits.reduce(saleReducer, from);
const digits = (text: string): SaleEdit[] => [...text].map((c) => ({ type: 'keypad', action: c === '.' ? { type: 'dot' } : { type: 'digit', digit: c } }));

describe('sale reducer', () => {
  it('types a line, adds it, and clears the entry', () => {
    const s = apply([{ type: 'name', name: 'Tea' }, { type: 'qty', text: '2x' }, ...digits('5.5'), { type: 'addTyped', defaultName: 'Item' }]);
    expect(s.lines).toEqual([{ name: 'Tea', quantity: 2, unitFen: 550 }]);
    expect(s).toMatchObject({ name: '', qtyText: '1', keypad: { text: '', error: null } });
  });

  it('keeps only digits in the quantity', () => {
    expect(apply([{ type: 'qty', text: '1a2.3' }]).qtyText).toBe('123');
  });

  it('an invalid typed line is not added and nothing typed is lost', () => {
    const typed = apply([{ type: 'name', name: 'Tea' }, { type: 'qty', text: '0' }, ...digits('5')]);
    expect(apply([{ type: 'addTyped', defaultName: 'Item' }], typed)).toBe(typed);
    expect(apply([{ type: 'commitForCharge', defaultName: 'Item' }], typed)).toBe(typed);
  });

  it('before charging, the typed line becomes a line; committed lines stay', () => {
    const s = apply([...digits('3'), { type: 'addTyped', defaultName: 'Item' }, ...digits('4'), { type: 'commitForCharge', defaultName: 'Item' }]);
    expect(s.lines.map((l) => l.unitFen)).toEqual([300, 400]);
    expect(s.keypad.text).toBe('');
  });

  it('removes a line by position and clears the whole sale', () => {
    const s = apply([...digits('1'), { type: 'addTyped', defaultName: 'A' }, ...digits('2'), { type: 'addTyped', defaultName: 'B' }]);
    expect(apply([{ type: 'removeLine', index: 0 }], s).lines).toEqual([{ name: 'B', quantity: 1, unitFen: 200 }]);
    expect(apply([{ type: 'clear' }], s)).toBe(EMPTY_SALE);
  });
});
