// A window over a long list of rows of one fixed height (the Conversations list): which rows the
// scroller's viewport shows, plus some overscan. Rows outside are not rendered at all.
import { useCallback, useLayoutEffect, useRef, useState } from 'react';

export function useRowWindow(count: number, rowHeight: number, overscan: number) {
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

  const first = Math.max(0, Math.min(count, Math.floor(view.top / rowHeight) - overscan));
  const last = Math.max(first, Math.min(count, Math.ceil((view.top + view.height) / rowHeight) + overscan));

  /** Scrolls just enough that row `i` is fully visible. */
  const scrollToRow = useCallback(
    (i: number) => {
      const el = ref.current;
      if (!el) return;
      const top = i * rowHeight;
      if (top < el.scrollTop) el.scrollTop = top;
      else if (top + rowHeight > el.scrollTop + el.clientHeight) el.scrollTop = top + rowHeight - el.clientHeight;
    },
    [rowHeight],
  );

  /** Rows a Page Up / Page Down moves by. */
  const pageRows = Math.max(1, Math.floor(view.height / rowHeight) - 1);

  return { ref, first, last, scrollToRow, pageRows };
}
