// Where the customer display goes (issue 14 point 3), as pure functions tested without Electron:
// the first display that is not the till's own (Electron: the external one's bounds are not at 0,0),
// re-decided whenever a display is added or removed. No second display: hidden, shown full-screen over
// the till on the cashier's key.
export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface DisplayFacts {
  readonly id: number;
  readonly bounds: Rect;
}

export type Placement = { readonly kind: 'secondary'; readonly display: DisplayFacts } | { readonly kind: 'single'; readonly display: DisplayFacts };

/** tillDisplayId: the display the till window is on (screen.getDisplayMatching(till bounds)). */
export function placeCustomerDisplay(displays: readonly DisplayFacts[], tillDisplayId: number): Placement | null {
  if (displays.length === 0) return null;
  const others = displays.filter((d) => d.id !== tillDisplayId);
  if (others.length === 0) return { kind: 'single', display: displays[0]! };
  // several extra displays: the one not at the origin first, then the largest
  const ranked = [...others].sort(
    (a, b) => Number(a.bounds.x === 0 && a.bounds.y === 0) - Number(b.bounds.x === 0 && b.bounds.y === 0) || b.bounds.width * b.bounds.height - a.bounds.width * a.bounds.height,
  );
  return { kind: 'secondary', display: ranked[0]! };
}

