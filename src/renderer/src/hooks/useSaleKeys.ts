// The till's line and sale keys (issue 15.2): ↑/↓ select a line, Del does what its button says
// (remove the selected line, else clear the amount), Ctrl+Z undoes a removal or a void, F8 voids the
// whole sale (作废整单), Esc ends the selection. A refused key's message is shown briefly, then goes.
import { useEffect } from 'react';
import type { KeypadAction } from '../lib/keypad';
import type { SaleDraft, SaleEdit } from '../lib/sale-draft';
import { useKeymap } from './useKeymap';

/** How long "this key cannot go into an amount" stays up. */
const REFUSED_KEY_MS = 4000;

export function useSaleKeys(sale: SaleDraft, onEdit: (e: SaleEdit) => void): void {
  useKeymap('screen', [
    // Del everywhere on the till, fields included: a field's own Delete would edit silently
    { keys: ['Delete'], when: (k) => !k.modified, run: () => onEdit({ type: 'del' }) },
    { keys: ['ArrowUp'], when: (k) => !k.modified && (k.target !== 'field' || k.targetId === 'line-price'), run: () => onEdit({ type: 'select', delta: -1 }) },
    { keys: ['ArrowDown'], when: (k) => !k.modified && (k.target !== 'field' || k.targetId === 'line-price'), run: () => onEdit({ type: 'select', delta: 1 }) },
    { keys: ['Escape'], when: () => sale.selected !== null, run: () => onEdit({ type: 'deselect' }) },
    { keys: ['z', 'Z'], when: (k) => k.modified && sale.undo.length > 0 && k.targetId !== 'line-name', run: () => onEdit({ type: 'undo' }) },
    { keys: ['F8'], run: () => onEdit({ type: 'void' }) },
  ]);

  const refused = sale.keypad.error === 'keypad.unknownKey';
  useEffect(() => {
    if (!refused) return;
    const timer = setTimeout(() => onEdit({ type: 'keypad', action: { type: 'dismiss' } satisfies KeypadAction }), REFUSED_KEY_MS);
    return () => clearTimeout(timer);
  }, [refused, sale.keypad.refusedKey, onEdit]);
}
