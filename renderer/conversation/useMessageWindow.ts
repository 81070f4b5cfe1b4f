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

/**
 * Guesses by message: a message object is replaced, never changed, when its text grows, and the offsets are
 * worked out again for all of a conversation's messages whenever one height changes — counting the lines
 * of 1,000 long replies each time took ~13 ms of a rich conversation's open.
 */
const estimates = new WeakMap<Message, number>();

function estimate(m: Message): number {
  let h = estimates.get(m);
  if (h === undefined) {
    h = guessHeight(m);
    estimates.set(m, h);
  }
  return h;
}

/** A guess at a message's height before it has been measured; close guesses keep the scrollbar steady. */
function guessHeight(m: Message): number {
  const chars = m.text.length;
  if (m.role === 'user') return MESSAGE_GAP_PX + 40 + Math.ceil(chars / 70) * 24 + m.attachments.length * 22;
  // Markdown: a reply of tables, lists and code is as tall as its lines, whatever their length.
  let lines = 1;
  for (let i = m.text.indexOf('\n'); i >= 0; i = m.text.indexOf('\n', i + 1)) lines++;
  let h = MESSAGE_GAP_PX + 30 + Math.max(1, Math.ceil(chars / 95), lines) * 25;
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
  /** Bumped only while a reveal waits for its message's height: measuring needs no render otherwise. */
  const [measured, setMeasured] = useState(0);
  const [range, setRangeState] = useState<Range>({ first: 0, last: 0 });
  // Mirrors of state set from observers and effects: set only on a real change, since even a no-op
  // setState while another update is pending costs a render (many per second while a reply streams).
  const rangeNow = useRef<Range>(range);
  const setRange = useCallback((first: number, last: number) => {
    if (rangeNow.current.first === first && rangeNow.current.last === last) return;
    rangeNow.current = { first, last };
    setRangeState(rangeNow.current);
  }, []);
  const stuck = useRef(true);
  /** Where the last automatic scroll left the view; being above it means the user moved up. */
  const autoTop = useRef(0);
  const [away, setAwayState] = useState(false);
  const awayNow = useRef(false);
  const setAway = useCallback((v: boolean) => {
    if (awayNow.current === v) return;
    awayNow.current = v;
    setAwayState(v);
  }, []);

  const live = useRef({ messages, reveal });
  live.current = { messages, reveal };
  /** Where each message begins (the total at [count]); recomputed when the messages or a height change. */
  const layout = useRef<{ messages: readonly Message[] | null; stale: boolean; offsets: Float64Array }>({
    messages: null, stale: true, offsets: new Float64Array(1),
  });

  // Plain functions over refs, kept in one stable object so observers and effects can call them.
  const ops = useMemo(() => {
    const offsets = (): Float64Array => {
      const l = layout.current;
      const list = live.current.messages;
      if (l.messages !== list || l.stale) {
        const o = new Float64Array(list.length + 1);
        for (let i = 0; i < list.length; i++) {
          const m = list[i]!;
          o[i + 1] = o[i]! + (heights.current.get(m.id) ?? estimate(m));
        }
        l.messages = list;
        l.stale = false;
        l.offsets = o;
      }
      return l.offsets;
    };
    /** Where the list begins inside the scroller's content. */
    const base = (el: HTMLElement): number => {
      const top = topRef.current;
      return top ? top.getBoundingClientRect().top - el.getBoundingClientRect().top + el.scrollTop : 0;
    };
    const updateRange = () => {
      const el = scrollRef.current;
      const o = offsets();
      const n = o.length - 1;
      if (!el || n <= 0) {
        setRange(0, 0);
        return;
      }
      const b = base(el);
      const first = indexAt(o, n, el.scrollTop - b - OVERSCAN_PX);
      const last = Math.min(n, indexAt(o, n, el.scrollTop - b + el.clientHeight + OVERSCAN_PX) + 1);
      setRange(first, last);
    };
    const toBottom = () => {
      const el = scrollRef.current;
      if (!el) return;
      el.scrollTop = el.scrollHeight;
      autoTop.current = el.scrollTop;
    };
    /**
     * Measures the slots just rendered, before the window is worked out from the heights. Left to the
     * ResizeObserver (which reports after the frame), a message whose height is not what was last recorded
     * (never measured: an estimate; or grown while out of the window, a picture loaded) would come into
     * the window, push the view down (scroll anchoring), fall out of the window by its old height, pull the
     * view back up, and come in again — render after render, until React gave up ("Maximum update depth
     * exceeded") and the conversation view was gone. The window's base reads the layout anyway, so these
     * reads cost no extra layout.
     */
    const measureRendered = () => {
      const el = scrollRef.current;
      if (!el) return;
      let changed = false;
      for (const slot of el.querySelectorAll<HTMLElement>('.message-slot[data-key]')) {
        const key = slot.dataset.key!;
        const h = slot.getBoundingClientRect().height;
        if (h <= 0 || Math.abs((heights.current.get(key) ?? -1) - h) <= 0.5) continue;
        heights.current.set(key, h);
        changed = true;
      }
      if (!changed) return;
      layout.current.stale = true;
      if (stuck.current) toBottom();
    };
    return { offsets, base, updateRange, toBottom, measureRendered };
  }, [setRange]);

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
            if (!changed) return;
            // Only rendered messages are observed, and they lie between the spacers: the spacers stay
            // right without a render; only the window and a view stuck to the bottom may have to move.
            // (Above the viewport, the browser's scroll anchoring keeps what is on screen in place.)
            layout.current.stale = true;
            if (stuck.current) ops.toBottom();
            ops.updateRange();
            if (live.current.reveal) setMeasured((v) => v + 1);
          }),
    [ops],
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

  const onScroll = useCallback(() => {
    const el = scrollRef.current;
    if (!el) return;
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight <= SLACK_PX;
    if (atBottom) {
      stuck.current = true;
      // The bottom itself, not where the view is within the slack: measured from here, small steps up
      // (a trackpad, arrow keys) would each look like our own scroll landing short and be undone.
      autoTop.current = el.scrollHeight - el.clientHeight;
    } else if (el.scrollTop < autoTop.current - SLACK_PX) {
      stuck.current = false;
    }
    // Neither: our own scroll to the bottom landed short because the messages it brought into view
    // measured taller than estimated. Only the user moving up unsticks the view; follow the new bottom.
    if (stuck.current && !atBottom) ops.toBottom();
    setAway(!stuck.current);
    ops.updateRange();
  }, [ops, setAway]);

  // Another conversation or a new question: from now on, stick to the bottom.
  useLayoutEffect(() => {
    stuck.current = true;
    autoTop.current = 0;
    setAway(false);
  }, [resetKey, setAway]);

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
    ops.toBottom();
  }, [contentKey, resetKey, ops, setAway]);

  // After every render: the window follows the (possibly new) messages and scroll position, by the real
  // heights of the messages it has just rendered.
  useLayoutEffect(() => {
    ops.measureRendered();
    ops.updateRange();
  });

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => {
      if (stuck.current) ops.toBottom();
      ops.updateRange();
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, [ops]);

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
    const o = ops.offsets();
    const y = ops.base(el) + (o[i] ?? 0);
    const h = (o[i + 1] ?? 0) - (o[i] ?? 0);
    el.scrollTop = Math.max(0, y + h / 2 - el.clientHeight / 2);
    ops.updateRange();
    const rendered = el.querySelector(`[data-key="${CSS.escape(reveal)}"]`);
    if ((rendered && heights.current.has(reveal)) || ++revealTries.current > 20) {
      revealTries.current = 0;
      onRevealed(reveal);
    }
  }, [reveal, messages, measured, onRevealed, ops, setAway]);

  const jump = useCallback(() => {
    stuck.current = true;
    setAway(false);
    ops.toBottom();
    ops.updateRange();
  }, [ops, setAway]);

  const offsets = ops.offsets();
  const first = Math.min(range.first, count(offsets));
  const last = Math.min(Math.max(range.last, first), count(offsets));
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
    padBottom: (offsets[count(offsets)] ?? 0) - (offsets[last] ?? 0),
  };
}

function count(offsets: Float64Array): number {
  return offsets.length - 1;
}
