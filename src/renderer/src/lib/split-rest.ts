// Issue 13.1 split tender: while the cash panel shows a split's rest as due, a scanned payment code pays
// that rest (QuickPayPanel asks here) instead of the whole sale. One split at a time per till window.
export interface SplitRestDue {
  readonly cashFen: number;
  readonly tenderedFen: number;
}

let due: SplitRestDue | null = null;

export function setSplitRestDue(next: SplitRestDue | null): void {
  due = next;
}

export function splitRestDue(): SplitRestDue | null {
  return due;
}

// A void cash part was confirmed given back somewhere (payment screen): the owed-cash banner reloads.
const owedListeners = new Set<() => void>();

export function onSplitOwedChanged(listener: () => void): () => void {
  owedListeners.add(listener);
  return () => void owedListeners.delete(listener);
}

export function splitOwedChanged(): void {
  for (const l of owedListeners) l();
}
