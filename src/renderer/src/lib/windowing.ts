// Windowing math for the history list: which rows to render for a scroll position. Browsers cap an
// element's height (~33.5M px in Chromium), so past MAX_SCROLL_PX the scroll range is compressed and
// mapped back to row positions proportionally; rows themselves keep their real height.

export const MAX_SCROLL_PX = 15_000_000;

export interface WindowInput {
  readonly scrollTop: number;
  readonly viewportPx: number;
  readonly rowPx: number;
  readonly rowCount: number;
  readonly overscan: number;
}

export interface WindowSlice {
  /** first row index to render (inclusive) */
  readonly start: number;
  /** last row index to render (exclusive) */
  readonly end: number;
  /** height of the scrollable content */
  readonly contentPx: number;
  /** where row `start` is drawn, in content coordinates */
  readonly offsetPx: number;
}

export function contentHeight(rowCount: number, rowPx: number): number {
  return Math.min(rowCount * rowPx, MAX_SCROLL_PX);
}

export function computeWindow(i: WindowInput): WindowSlice {
  const rowPx = Math.max(1, i.rowPx);
  const count = Math.max(0, Math.floor(i.rowCount));
  const realPx = count * rowPx;
  const contentPx = contentHeight(count, rowPx);
  if (count === 0) return { start: 0, end: 0, contentPx: 0, offsetPx: 0 };
  const viewport = Math.max(0, i.viewportPx);
  const maxScroll = Math.max(0, contentPx - viewport);
  const scrollTop = Math.min(Math.max(0, i.scrollTop), maxScroll);
  // Position in the real (uncompressed) list that the top of the viewport shows.
  const realMaxScroll = Math.max(0, realPx - viewport);
  const realTop = maxScroll === 0 ? 0 : (scrollTop / maxScroll) * realMaxScroll;
  const first = Math.min(count - 1, Math.floor(realTop / rowPx));
  const visible = Math.ceil(viewport / rowPx) + 1;
  const start = Math.max(0, first - i.overscan);
  const end = Math.min(count, first + visible + i.overscan);
  // Draw row `first` where the viewport top is, shifted by the fraction already scrolled past.
  const offsetPx = scrollTop - (realTop - first * rowPx) - (first - start) * rowPx;
  return { start, end, contentPx, offsetPx };
}

/** True when the rendered window is close enough to the loaded end to fetch the next page. */
export function nearEnd(slice: WindowSlice, loaded: number, threshold: number): boolean {
  return loaded > 0 && slice.end >= loaded - threshold;
}
