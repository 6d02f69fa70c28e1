import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeWindow, MAX_SCROLL_PX, nearEnd } from '../../../src/renderer/src/lib/windowing';
import { suitePlan } from '../../support/sizes';

describe('windowing math', () => {
  it('renders only the rows in view plus overscan', () => {
    const w = computeWindow({ scrollTop: 4800, viewportPx: 480, rowPx: 48, rowCount: 10_000, overscan: 5 });
    expect(w.start).toBe(95);
    expect(w.end).toBe(100 + 11 + 5);
    expect(w.offsetPx).toBe(95 * 48);
    expect(w.end - w.start).toBeLessThan(30);
  });

  it('handles empty lists, the top and the very end', () => {
    expect(computeWindow({ scrollTop: 0, viewportPx: 500, rowPx: 48, rowCount: 0, overscan: 5 })).toEqual({ start: 0, end: 0, contentPx: 0, offsetPx: 0 });
    const top = computeWindow({ scrollTop: -20, viewportPx: 480, rowPx: 48, rowCount: 50, overscan: 5 });
    expect(top.start).toBe(0);
    const end = computeWindow({ scrollTop: 1e9, viewportPx: 480, rowPx: 48, rowCount: 50, overscan: 5 });
    expect(end.end).toBe(50);
  });

  it('compresses beyond the browser height limit and still reaches the last row', () => {
    const rowCount = 1_000_000;
    const rowPx = 48; // 48M px, above Chromium's limit
    const viewportPx = 480;
    const first = computeWindow({ scrollTop: 0, viewportPx, rowPx, rowCount, overscan: 2 });
    expect(first.contentPx).toBe(MAX_SCROLL_PX);
    expect(first.start).toBe(0);
    const last = computeWindow({ scrollTop: MAX_SCROLL_PX - viewportPx, viewportPx, rowPx, rowCount, overscan: 2 });
    expect(last.end).toBe(rowCount);
    // the last row's bottom is drawn exactly at the bottom of the content
    expect(last.offsetPx + (last.end - last.start) * rowPx).toBeCloseTo(MAX_SCROLL_PX, 6);
  });

  it('property: the viewport is always covered by rendered rows', () => {
    const { seed, size } = suitePlan(import.meta.url, { seedVar: 'WINDOWING_SEED', unit: 100, soak: 2_000 });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2_000_000 }),
        fc.integer({ min: 10, max: 100 }),
        fc.integer({ min: 50, max: 2000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (rowCount, rowPx, viewportPx, frac) => {
          const contentPx = Math.min(rowCount * rowPx, MAX_SCROLL_PX);
          const scrollTop = frac * Math.max(0, contentPx - viewportPx);
          const w = computeWindow({ scrollTop, viewportPx, rowPx, rowCount, overscan: 3 });
          const top = w.offsetPx;
          const bottom = w.offsetPx + (w.end - w.start) * rowPx;
          const visibleBottom = Math.min(scrollTop + viewportPx, contentPx);
          return w.start >= 0 && w.end <= rowCount && top <= scrollTop + 1e-6 && bottom >= visibleBottom - 1e-6 && w.end - w.start <= Math.ceil(viewportPx / rowPx) + 8;
        },
      ),
      { seed, numRuns: size },
    );
  });

  it('asks for the next page near the end of what is loaded', () => {
    const w = computeWindow({ scrollTop: 100 * 48, viewportPx: 480, rowPx: 48, rowCount: 120, overscan: 5 });
    expect(nearEnd(w, 120, 20)).toBe(true);
    const early = computeWindow({ scrollTop: 0, viewportPx: 480, rowPx: 48, rowCount: 120, overscan: 5 });
    expect(nearEnd(early, 120, 20)).toBe(false);
    expect(nearEnd(early, 0, 20)).toBe(false);
  });
});
