// The one keymap (issue 9.6): a key press goes to exactly one binding, by layer (modal, screen,
// global), newest registration first; a binding whose condition fails lets the key go on.
import { describe, expect, it } from 'vitest';
import { createKeymap, type KeyBinding, type KeyLayer, type KeyPress } from '../../../src/renderer/src/lib/keymap';
import { keyToAction } from '../../../src/renderer/src/lib/keypad';

const press = (key: string, more: Partial<KeyPress> = {}): KeyPress => ({ key, modified: false, target: 'other', targetId: null, ...more });

/** A keymap plus a log of which binding ran, dispatching like hooks/useKeymap does. */
function setup() {
  const keymap = createKeymap();
  const ran: string[] = [];
  const bind = (layer: KeyLayer, name: string, keys: string[], when?: KeyBinding['when']) =>
    keymap.add(layer, () => [{ keys, ...(when ? { when } : {}), run: () => ran.push(name) }]);
  const dispatch = (p: KeyPress): boolean => {
    const b = keymap.resolve(p);
    b?.run(p);
    return b !== null;
  };
  return { keymap, ran, bind, dispatch };
}

describe('keymap', () => {
  it('dispatches one keydown to exactly one binding: modal, then screen, then global', () => {
    const { ran, bind, dispatch } = setup();
    bind('global', 'global-esc', ['Escape']);
    bind('screen', 'screen-esc', ['Escape']);
    const closeModal = bind('modal', 'modal-esc', ['Escape']);
    expect(dispatch(press('Escape'))).toBe(true);
    expect(ran).toEqual(['modal-esc']);
    closeModal();
    dispatch(press('Escape'));
    expect(ran).toEqual(['modal-esc', 'screen-esc']);
  });

  it('registration order does not beat precedence', () => {
    const { ran, bind, dispatch } = setup();
    bind('modal', 'modal-esc', ['Escape']);
    bind('screen', 'screen-esc', ['Escape']);
    bind('global', 'global-esc', ['Escape']);
    dispatch(press('Escape'));
    expect(ran).toEqual(['modal-esc']);
  });

  it('a binding whose condition fails passes the key on to the next layer', () => {
    const { ran, bind, dispatch } = setup();
    let dialogOpen = false;
    bind('screen', 'close-detail', ['Escape']);
    bind('modal', 'close-dialog', ['Escape'], () => dialogOpen);
    dispatch(press('Escape'));
    dialogOpen = true;
    dispatch(press('Escape'));
    expect(ran).toEqual(['close-detail', 'close-dialog']);
  });

  it('within a layer the newest registration answers first', () => {
    const { ran, bind, dispatch } = setup();
    bind('screen', 'outer', ['Enter']);
    const inner = bind('screen', 'inner', ['Enter']);
    dispatch(press('Enter'));
    inner();
    dispatch(press('Enter'));
    expect(ran).toEqual(['inner', 'outer']);
  });

  it('keys nobody bound are left alone (the listener does not prevent their default)', () => {
    const { keymap, ran, bind, dispatch } = setup();
    bind('global', 'till', ['F1']);
    expect(dispatch(press('F5'))).toBe(false);
    expect(keymap.resolve(press('a'))).toBeNull();
    expect(ran).toEqual([]);
  });

  it('reads the bindings at each press, so they see current state', () => {
    const keymap = createKeymap();
    let open = true;
    const ran: string[] = [];
    keymap.add('screen', () => [{ keys: ['Escape'], run: () => ran.push(open ? 'cancel' : 'back') }]);
    keymap.resolve(press('Escape'))?.run(press('Escape'));
    open = false;
    keymap.resolve(press('Escape'))?.run(press('Escape'));
    expect(ran).toEqual(['cancel', 'back']);
  });

  it('counts and removes registrations', () => {
    const keymap = createKeymap();
    const a = keymap.add('global', () => []);
    const b = keymap.add('screen', () => []);
    expect(keymap.size()).toBe(2);
    a();
    a(); // removing twice is harmless
    expect(keymap.size()).toBe(1);
    b();
    expect(keymap.size()).toBe(0);
  });

  it("the till's bindings as declared: Enter charges unless a button has focus, '+' not in the name, keypad not in fields", () => {
    // the same bindings TillScreen and App register
    const keymap = createKeymap();
    const ran: string[] = [];
    keymap.add('global', () => [
      { keys: ['F1'], run: () => ran.push('nav-till') },
      { keys: ['F2'], run: () => ran.push('nav-history') },
    ]);
    keymap.add('screen', () => [
      { keys: ['Enter'], when: (k) => !k.modified && k.target !== 'button', run: () => ran.push('charge') },
      { keys: ['+'], when: (k) => !k.modified && k.targetId !== 'line-name', run: () => ran.push('add-line') },
      { keys: (key) => keyToAction(key) !== null, when: (k) => !k.modified && k.target !== 'field', run: (k) => ran.push(`keypad ${k.key}`) },
    ]);
    const go = (p: KeyPress): void => keymap.resolve(p)?.run(p);
    go(press('Enter'));
    go(press('Enter', { target: 'field', targetId: 'line-price' }));
    go(press('Enter', { target: 'button', targetId: 'charge' })); // the button's click charges
    go(press('Enter', { modified: true }));
    go(press('+', { target: 'field', targetId: 'line-price' }));
    go(press('+', { target: 'field', targetId: 'line-name' })); // a name may contain '+'
    go(press('7'));
    go(press('Backspace'));
    go(press('7', { target: 'field', targetId: 'line-qty' })); // the field types for itself
    go(press('F2'));
    expect(ran).toEqual(['charge', 'charge', 'add-line', 'keypad 7', 'keypad Backspace', 'nav-history']);
  });
});
