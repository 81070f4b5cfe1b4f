// Keep a scroller at its bottom while content grows (a streaming reply), unless the user scrolled up
// to read; scrolling back down, a new conversation or a new question sticks it again.
import { useCallback, useLayoutEffect, useRef, useState } from 'react';

const SLACK_PX = 48;

export function useStickToBottom(contentKey: unknown, resetKey: unknown) {
  const ref = useRef<HTMLDivElement>(null);
  const stuck = useRef(true);
  /** Where the last automatic scroll left the view; being above it means the user moved up. */
  const autoTop = useRef(0);
  const [away, setAway] = useState(false);

  const onScroll = useCallback(() => {
    const el = ref.current;
    if (!el) return;
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight <= SLACK_PX;
    stuck.current = atBottom;
    if (atBottom) autoTop.current = el.scrollTop;
    setAway(!atBottom);
  }, []);

  useLayoutEffect(() => {
    stuck.current = true;
    autoTop.current = 0;
    setAway(false);
  }, [resetKey]);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || !stuck.current) return;
    // Scroll events arrive a frame late: a user who just scrolled up must not be pulled back down by
    // the text that arrived in between.
    if (el.scrollTop < autoTop.current - SLACK_PX) {
      stuck.current = false;
      setAway(true);
      return;
    }
    el.scrollTop = el.scrollHeight;
    autoTop.current = el.scrollTop;
  }, [contentKey, resetKey]);

  const jump = useCallback(() => {
    const el = ref.current;
    stuck.current = true;
    setAway(false);
    if (el) {
      el.scrollTop = el.scrollHeight;
      autoTop.current = el.scrollTop;
    }
  }, []);

  return { ref, onScroll, away, jump };
}
