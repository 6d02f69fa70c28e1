// One keyboard map for the whole window (the listener itself is hooks/useKeymap). Screens and the shell
// declare bindings in layers; each key press goes to exactly one binding: a modal's first, then the
// screen's, then the shell's global keys. Within a layer the latest registration (the innermost
// component) comes first, and within a registration the first binding that applies.

export type KeyLayer = 'modal' | 'screen' | 'global';

const PRECEDENCE: readonly KeyLayer[] = ['modal', 'screen', 'global'];

/** A key press as bindings see it: no DOM, so the rules can be tested directly. */
export interface KeyPress {
  readonly key: string;
  /** Alt, Ctrl or Meta held. */
  readonly modified: boolean;
  /** What has focus: a button (Enter clicks it), a text field (it types for itself) or anything else. */
  readonly target: 'button' | 'field' | 'other';
  /** The focused element's data-testid, if any. */
  readonly targetId: string | null;
}

export interface KeyBinding {
  /** KeyboardEvent.key values, or a test on the key. */
  readonly keys: readonly string[] | ((key: string) => boolean);
  /** When it answers false the binding does not apply and the key goes on to the next one. */
  readonly when?: (press: KeyPress) => boolean;
  readonly run: (press: KeyPress) => void;
}

export interface Keymap {
  /** Registers bindings, read at each key press (so they see current state); returns remove. */
  add(layer: KeyLayer, bindings: () => readonly KeyBinding[]): () => void;
  /** The one binding that handles this press, or null. */
  resolve(press: KeyPress): KeyBinding | null;
  /** How many registrations are live. */
  size(): number;
  // --- issue 12 quick pay: the barcode scanner watches every key before the layers ---
  /** Adds a watcher that sees every key press (with its time, ms) first; true takes the press. Returns remove. */
  intercept(watch: (press: KeyPress, at: number) => boolean): () => void;
  /** Shows the press to every watcher; true when one of them took it (then no binding runs). */
  intercepted(press: KeyPress, at: number): boolean;
}

function applies(b: KeyBinding, press: KeyPress): boolean {
  const keyMatches = typeof b.keys === 'function' ? b.keys(press.key) : b.keys.includes(press.key);
  return keyMatches && (b.when?.(press) ?? true);
}

export function createKeymap(): Keymap {
  interface Entry {
    readonly layer: KeyLayer;
    readonly bindings: () => readonly KeyBinding[];
  }
  let entries: readonly Entry[] = [];
  let watchers: readonly ((press: KeyPress, at: number) => boolean)[] = [];
  return {
    add(layer, bindings) {
      const entry: Entry = { layer, bindings };
      entries = [...entries, entry];
      return () => {
        entries = entries.filter((e) => e !== entry);
      };
    },
    resolve(press) {
      for (const layer of PRECEDENCE) {
        const inLayer = entries.filter((e) => e.layer === layer).reverse();
        for (const e of inLayer) {
          const hit = e.bindings().find((b) => applies(b, press));
          if (hit) return hit;
        }
      }
      return null;
    },
    size: () => entries.length + watchers.length,
    intercept(watch) {
      watchers = [...watchers, watch];
      return () => {
        watchers = watchers.filter((w) => w !== watch);
      };
    },
    intercepted(press, at) {
      let taken = false;
      for (const w of watchers) taken = w(press, at) || taken; // every watcher sees every key
      return taken;
    },
  };
}

// --- issue 11 point 1 (i11-staff): the quick "lock till" key (global layer, SessionBar binds it) ---
/** Locks the till at once: the signed-in person is signed out and the sign-in screen shows. */
export const LOCK_TILL_KEY = 'F12';
