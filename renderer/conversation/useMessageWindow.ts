// The open conversation renders only the messages near the viewport (a 1,000-turn conversation opens at
// once): each message's height is measured once it has been on screen (ResizeObserver) and estimated from
// its length until then; spacers above and below stand in for the rest. It also keeps the scroller at its
// bottom while a reply streams unless the user scrolled up, and scrolls to a message on request (a search
// hit), even one far above that is not rendered yet.
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Message } from '../../shared/domain';

/** Near the bottom counts as at the bottom. */
const SLACK_PX = 48;
/** Rendered beyond each edge of the viewport, so a quick scroll meets text, not blank space. */
const OVERSCAN_PX = 900;
/** The gap between two messages, part of each slot so measuring a slot measures its share of the list. */
export const MESSAGE_GAP_PX = 22;

interface Range {
  first: number;
  last: number;
}

/** A guess at a message's height before it has been measured; close guesses keep the scrollbar steady. */
function estimate(m: Message): number {
  const chars = m.text.length;
  if (m.role === 'user') return MESSAGE_GAP_PX + 40 + Math.ceil(chars / 70) * 24 + m.attachments.length * 22;
  let h = MESSAGE_GAP_PX + 30 + Math.max(1, Math.ceil(chars / 95)) * 25;
  if (m.reasoning) h += 40;
  if (m.audio || m.usage) h += 44;
  if (m.status !== 'complete' && m.status !== 'streaming') h += 30;
  return h;
}

/** The last index whose offset is at or before `y` (offsets ascending, offsets[0] = 0). */
function indexAt(offsets: Float64Array, count: number, y: number): number {
  let lo = 0;
  let hi = count - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((offsets[mid] ?? 0) <= y) lo = mid;
    else hi = mid - 1;
  }
  return Math.max(0, lo);
}

export function useMessageWindow(opts: {
  messages: readonly Message[];
  /** Changes when the shown content grows (a streaming reply): stick to the bottom again if stuck. */
  contentKey: unknown;
  /** Changes for another conversation or a new question: stick to the bottom from now on. */
  resetKey: unknown;
  /** A message to bring into view (a search hit), or null. */
  reveal: string | null;
  onRevealed: (messageId: string) => void;
}) {
  const { messages, contentKey, resetKey, reveal, onRevealed } = opts;
  const scrollRef = useRef<HTMLDivElement>(null);
  /** The top spacer: where the list's first message would begin. */
  const topRef = useRef<HTMLDivElement>(null);
  const heights = useRef(new Map<string, number>());
  const [measured, setMeasured] = useState(0);
  const [range, setRange] = useState<Range>({ first: 0, last: 0 });
  const stuck = useRef(true);
  /** Where the last automatic scroll left the view; being above it means the user moved up. */
  const autoTop = useRef(0);
  const [away, setAway] = useState(false);

  const count = messages.length;
  const offsets = useMemo(() => {
    const o = new Float64Array(count + 1);
    for (let i = 0; i < count; i++) {
      const m = messages[i]!;
      o[i + 1] = o[i]! + (heights.current.get(m.id) ?? estimate(m));
    }
    return o;
    // `measured` is in the list because it changes whenever a stored height does.
  }, [messages, measured]);
  const offsetsRef = useRef(offsets);
  offsetsRef.current = offsets;

  const observer = useMemo(
    () =>
      typeof ResizeObserver === 'undefined'
        ? null
        : new ResizeObserver((entries) => {
            let changed = false;
            for (const e of entries) {
              const el = e.target as HTMLElement;
              const key = el.dataset.key;
              if (!key || !el.isConnected) continue;
              const h = e.borderBoxSize?.[0]?.blockSize ?? el.offsetHeight;
              if (h <= 0) continue;
              if (Math.abs((heights.current.get(key) ?? -1) - h) > 0.5) {
                heights.current.set(key, h);
                changed = true;
              }
            }
            if (changed) setMeasured((v) => v + 1);
          }),
    [],
  );
  useEffect(() => () => observer?.disconnect(), [observer]);

  /** A slot's ref: measured while it is rendered. Stable, so React attaches it once per slot. */
  const measure = useCallback(
    (el: HTMLElement | null) => {
      if (!el || !observer) return;
      observer.observe(el);
      return () => observer.unobserve(el);
    },
    [observer],
  );

  const updateRange = useCallback(() => {
    const el = scrollRef.current;
    const top = topRef.current;
    const o = offsetsRef.current;
    const n = o.length - 1;
    if (!el || n <= 0) {
      setRange((r) => (r.first === 0 && r.last === 0 ? r : { first: 0, last: 0 }));
      return;
    }
    const base = top ? top.getBoundingClientRect().top - el.getBoundingClientRect().top + el.scrollTop : 0;
    const from = el.scrollTop - base - OVERSCAN_PX;
    const to = el.scrollTop - base + el.clientHeight + OVERSCAN_PX;
    const first = indexAt(o, n, from);
    const last = Math.min(n, indexAt(o, n, to) + 1);
    setRange((r) => (r.first === first && r.last === last ? r : { first, last }));
  }, []);

  const toBottom = useCallback(() => {
    const el = scrollRef.current;
    if (!el) return;
    el.scrollTop = el.scrollHeight;
    autoTop.current = el.scrollTop;
  }, []);

  const onScroll = useCallback(() => {
    const el = scrollRef.current;
    if (!el) return;
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight <= SLACK_PX;
    stuck.current = atBottom;
    if (atBottom) autoTop.current = el.scrollTop;
    setAway(!atBottom);
    updateRange();
  }, [updateRange]);

  // Another conversation: forget the old one's heights, start at the bottom.
  useLayoutEffect(() => {
    stuck.current = true;
    autoTop.current = 0;
    setAway(false);
  }, [resetKey]);

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el || !stuck.current) return;
    // Scroll events arrive a frame late: a user who just scrolled up must not be pulled back down by
    // the text that arrived in between.
    if (el.scrollTop < autoTop.current - SLACK_PX) {
      stuck.current = false;
      setAway(true);
      return;
    }
    toBottom();
  }, [contentKey, resetKey, toBottom]);

  // Measured heights replaced estimates: a view stuck to the bottom stays there (this is not the user
  // scrolling); otherwise the browser's scroll anchoring keeps what is on screen in place.
  useLayoutEffect(() => {
    if (stuck.current) toBottom();
  }, [measured, toBottom]);

  // After every render: the window follows the (possibly new) offsets and scroll position.
  useLayoutEffect(() => {
    updateRange();
  });

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => {
      if (stuck.current) toBottom();
      updateRange();
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, [toBottom, updateRange]);

  // A search hit: scroll to where the message lies so it renders; the search box then centres and
  // focuses its article. Done again once it is measured, since the estimate may have been off.
  const revealTries = useRef(0);
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!reveal || !el) return;
    const i = messages.findIndex((m) => m.id === reveal);
    if (i < 0) return;
    stuck.current = false;
    setAway(true);
    const o = offsetsRef.current;
    const top = topRef.current;
    const base = top ? top.getBoundingClientRect().top - el.getBoundingClientRect().top + el.scrollTop : 0;
    const y = base + (o[i] ?? 0);
    const h = (o[i + 1] ?? 0) - (o[i] ?? 0);
    el.scrollTop = Math.max(0, y + h / 2 - el.clientHeight / 2);
    updateRange();
    const rendered = el.querySelector(`[data-key="${CSS.escape(reveal)}"]`);
    if (rendered && heights.current.has(reveal)) {
      revealTries.current = 0;
      onRevealed(reveal);
    } else if (++revealTries.current > 20) {
      revealTries.current = 0;
      onRevealed(reveal);
    }
  }, [reveal, messages, measured, onRevealed, updateRange]);

  const jump = useCallback(() => {
    stuck.current = true;
    setAway(false);
    toBottom();
    updateRange();
  }, [toBottom, updateRange]);

  const first = Math.min(range.first, count);
  const last = Math.min(Math.max(range.last, first), count);
  return {
    scrollRef,
    topRef,
    onScroll,
    away,
    jump,
    measure,
    first,
    last,
    padTop: offsets[first] ?? 0,
    padBottom: (offsets[count] ?? 0) - (offsets[last] ?? 0),
  };
}
