// The renderer's only keydown listener: it turns the event into a KeyPress, lets lib/keymap pick the one
// binding that handles it, and runs that. Components declare their bindings with useKeymap.
import { useLayoutEffect, useRef } from 'react';
import { createKeymap, type KeyBinding, type KeyLayer, type KeyPress } from '../lib/keymap';

const keymap = createKeymap();
let detach: (() => void) | null = null;

function describe(e: KeyboardEvent): KeyPress {
  const t = e.target;
  const field = t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement || t instanceof HTMLSelectElement;
  return {
    key: e.key,
    modified: e.altKey || e.ctrlKey || e.metaKey,
    target: t instanceof HTMLButtonElement ? 'button' : field ? 'field' : 'other',
    targetId: t instanceof HTMLElement ? (t.dataset.testid ?? null) : null,
  };
}

function onKeyDown(e: KeyboardEvent): void {
  if (e.defaultPrevented) return; // the focused element's own handler took the key
  const press = describe(e);
  if (keymap.intercepted(press, e.timeStamp)) return e.preventDefault();
  const binding = keymap.resolve(press);
  if (!binding) return;
  e.preventDefault();
  binding.run(press);
}

function attach(): void {
  if (detach) return;
  window.addEventListener('keydown', onKeyDown);
  detach = () => window.removeEventListener('keydown', onKeyDown);
}

function release(): void {
  if (keymap.size() === 0 && detach) {
    detach();
    detach = null;
  }
}

/**
 * Binds keys for the component's lifetime; the latest bindings (and the state they close over) are used.
 * Bound in a layout effect, before the screen is painted: a key pressed the moment a screen shows (Esc as
 * the QR appears) reaches that screen's bindings, never the previous screen's or none.
 */
export function useKeymap(layer: KeyLayer, bindings: readonly KeyBinding[]): void {
  const latest = useRef(bindings);
  latest.current = bindings;
  useLayoutEffect(() => {
    const remove = keymap.add(layer, () => latest.current);
    attach();
    return () => {
      remove();
      release();
    };
  }, [layer]);
}

// --- issue 12 quick pay ---
/** Watches every key press first (time in ms, the event's timeStamp) for the component's lifetime; true takes it. */
export function useKeyWatcher(watch: (press: KeyPress, at: number) => boolean): void {
  const latest = useRef(watch);
  latest.current = watch;
  useLayoutEffect(() => {
    const remove = keymap.intercept((press, at) => latest.current(press, at));
    attach();
    return () => {
      remove();
      release();
    };
  }, []);
}
