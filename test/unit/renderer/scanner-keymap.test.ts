// The scanner rides on the one keymap (issue 12 point 1): a watcher sees every key press, with its
// time, before any layer; it takes a press only by answering true, and then no binding runs.
import { describe, expect, it } from 'vitest';
import { createKeymap, type KeyPress } from '../../../src/renderer/src/lib/keymap';
import { createBurstDetector, scannerTiming } from '../../../src/renderer/src/lib/scanner';

const press = (key: string): KeyPress => ({ key, modified: false, target: 'field', targetId: 'line-price' });

/** Dispatches like hooks/useKeymap: watchers first, then the one binding. */
function dispatch(keymap: ReturnType<typeof createKeymap>, p: KeyPress, at: number): string {
  if (keymap.intercepted(p, at)) return 'taken';
  const b = keymap.resolve(p);
  b?.run(p);
  return b ? 'bound' : 'default';
}

describe('keymap watchers (scanner)', () => {
  it('see every key first and take only what they answer true for', () => {
    const keymap = createKeymap();
    const seen: string[] = [];
    const ran: string[] = [];
    keymap.add('modal', () => [{ keys: ['Escape'], run: () => ran.push('modal-esc') }]);
    keymap.add('screen', () => [{ keys: ['Enter'], run: () => ran.push('charge') }]);
    const remove = keymap.intercept((p, at) => {
      seen.push(`${p.key}@${at}`);
      return p.key === 'F12';
    });
    expect(dispatch(keymap, press('Escape'), 1)).toBe('bound');
    expect(dispatch(keymap, press('Enter'), 2)).toBe('bound');
    expect(dispatch(keymap, press('F12'), 3)).toBe('taken');
    expect(seen).toEqual(['Escape@1', 'Enter@2', 'F12@3']);
    expect(ran).toEqual(['modal-esc', 'charge']);
    expect(keymap.size()).toBe(3);
    remove();
    expect(keymap.size()).toBe(2);
    expect(dispatch(keymap, press('F12'), 4)).toBe('default');
    expect(seen).toHaveLength(3);
  });

  it('a scanner burst in the price field: the digits type as usual, the closing Enter never charges', () => {
    const keymap = createKeymap();
    const ran: string[] = [];
    const scans: string[] = [];
    keymap.add('screen', () => [{ keys: ['Enter'], run: () => ran.push('charge') }]);
    const detector = createBurstDetector<null>(() => scannerTiming());
    keymap.intercept((p, at) => {
      const step = detector.key(p, at, () => null);
      if (step.type === 'scan') scans.push(step.text);
      return step.type === 'scan';
    });
    const code = '134567890123456789';
    let at = 0;
    const results = [...code, 'Enter'].map((k) => dispatch(keymap, press(k), (at += 5)));
    expect(results.slice(0, -1).every((r) => r === 'default')).toBe(true);
    expect(results.at(-1)).toBe('taken');
    expect(scans).toEqual([code]);
    expect(ran).toEqual([]);
    // the same digits typed by a person: Enter charges as always
    const slow = [...code, 'Enter'].map((k) => dispatch(keymap, press(k), (at += 150)));
    expect(slow.at(-1)).toBe('bound');
    expect(ran).toEqual(['charge']);
  });
});
