// A small windowing list: only the rows in view (plus overscan) exist in the DOM, so a history of a
// million receipts scrolls like one of ten. Positions come from lib/windowing.ts (pure, tested).
import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { computeWindow, nearEnd } from '../lib/windowing';

interface Props {
  readonly count: number;
  readonly rowPx: number;
  readonly renderRow: (index: number) => ReactNode;
  /** Called when the rendered window comes near the last loaded row. */
  readonly onNearEnd?: () => void;
  readonly overscan?: number;
  readonly className?: string;
  readonly testId?: string;
}

export function VirtualList({ count, rowPx, renderRow, onNearEnd, overscan = 6, className, testId }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(600);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setViewport(el.clientHeight);
    const ro = new ResizeObserver(() => setViewport(el.clientHeight));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const slice = computeWindow({ scrollTop, viewportPx: viewport, rowPx, rowCount: count, overscan });
  const wantMore = onNearEnd !== undefined && nearEnd(slice, count, overscan * 4);
  useEffect(() => {
    if (wantMore) onNearEnd?.();
  }, [wantMore, count, onNearEnd]);

  const rows: ReactNode[] = [];
  for (let i = slice.start; i < slice.end; i++) rows.push(renderRow(i));
  return (
    <div ref={ref} className={className ? `vlist ${className}` : 'vlist'} data-testid={testId} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
      <div className="vlist-content" style={{ height: slice.contentPx }}>
        <div className="vlist-window" style={{ transform: `translateY(${slice.offsetPx}px)` }}>
          {rows}
        </div>
      </div>
    </div>
  );
}
