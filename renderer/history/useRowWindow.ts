// A window over a long list of rows of one fixed height (the Conversations list): which rows the
// scroller's viewport shows, plus some overscan. Rows outside are not rendered at all. `geometry` places
// the rows when headings sit between them (the date groups: state/list-groups.ts).
import { useCallback, useLayoutEffect, useRef, useState } from 'react';

export interface RowGeometry {
  offsetOf(i: number): number;
  indexAt(y: number): number;
}

export function useRowWindow(count: number, rowHeight: number, overscan: number, geometry?: RowGeometry) {
  const ref = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, height: 0 });

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const update = () =>
      setView((v) => (v.top === el.scrollTop && v.height === el.clientHeight ? v : { top: el.scrollTop, height: el.clientHeight }));
    update();
    el.addEventListener('scroll', update, { passive: true });
    const ro = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(update);
    ro?.observe(el);
    return () => {
      el.removeEventListener('scroll', update);
      ro?.disconnect();
    };
  }, []);

  const offsetOf = geometry ? geometry.offsetOf : (i: number) => i * rowHeight;
  const indexAt = geometry ? geometry.indexAt : (y: number) => Math.floor(y / rowHeight);
  const first = Math.max(0, Math.min(count, indexAt(view.top) - overscan));
  const last = Math.max(first, Math.min(count, indexAt(view.top + view.height) + 1 + overscan));

  /** Scrolls just enough that row `i` is fully visible. */
  const scrollToRow = useCallback(
    (i: number) => {
      const el = ref.current;
      if (!el) return;
      const top = offsetOf(i);
      if (top < el.scrollTop) el.scrollTop = top;
      else if (top + rowHeight > el.scrollTop + el.clientHeight) el.scrollTop = top + rowHeight - el.clientHeight;
    },
    [rowHeight, geometry],
  );

  /** Rows a Page Up / Page Down moves by. */
  const pageRows = Math.max(1, Math.floor(view.height / rowHeight) - 1);

  return { ref, first, last, scrollToRow, pageRows };
}
