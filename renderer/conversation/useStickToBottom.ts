// Keep a scroller at its bottom while content grows (a streaming reply), unless the user scrolled up
// to read; scrolling back down, or a new conversation or question, sticks it again.
import { useCallback, useLayoutEffect, useRef, useState } from 'react';

const SLACK_PX = 48;

export function useStickToBottom(contentKey: unknown, resetKey: unknown) {
  const ref = useRef<HTMLDivElement>(null);
  const stuck = useRef(true);
  const [away, setAway] = useState(false);

  const onScroll = useCallback(() => {
    const el = ref.current;
    if (!el) return;
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight <= SLACK_PX;
    stuck.current = atBottom;
    setAway(!atBottom);
  }, []);

  useLayoutEffect(() => {
    stuck.current = true;
    setAway(false);
  }, [resetKey]);

  useLayoutEffect(() => {
    const el = ref.current;
    if (el && stuck.current) el.scrollTop = el.scrollHeight;
  }, [contentKey, resetKey]);

  const jump = useCallback(() => {
    const el = ref.current;
    stuck.current = true;
    setAway(false);
    if (el) el.scrollTo({ top: el.scrollHeight, behavior: 'smooth' });
  }, []);

  return { ref, onScroll, away, jump };
}
