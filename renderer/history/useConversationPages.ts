// The Conversations list, fetched from the core a page at a time as rows come into view, with the
// total count that sizes the scrollbar. When the list changes (a new conversation, a rename, a delete,
// announced by conversations.changed) the pages are fetched again; until a page's new copy arrives its
// old one is shown, so nothing blinks.
import { useCallback, useEffect, useReducer, useRef } from 'react';
import type { ConversationSummary, ErrorInfo } from '../../shared/domain';
import { useAppState, useStore } from '../state/react';
import { toErrorInfo } from '../state/store';

export const PAGE_SIZE = 100;

interface Cache {
  generation: number;
  pages: Map<number, ConversationSummary[]>;
  /** Pages of the generation before, shown until replaced. */
  stale: Map<number, ConversationSummary[]>;
  inflight: Set<number>;
  total: number | null;
}

export function useConversationPages(first: number, last: number) {
  const store = useStore();
  // A new array after every reload of the list: the sign that the list changed.
  const changed = useAppState((s) => s.conversations);
  const cache = useRef<Cache>({ generation: 0, pages: new Map(), stale: new Map(), inflight: new Set(), total: null });
  const [, rerender] = useReducer((x: number) => x + 1, 0);
  const [failed, setFailed] = useReducer((_: ErrorInfo | null, next: ErrorInfo | null) => next, null);

  useEffect(() => {
    const c = cache.current;
    c.generation++;
    for (const [p, rows] of c.pages) c.stale.set(p, rows);
    c.pages = new Map();
    c.inflight = new Set();
  }, [changed]);

  useEffect(() => {
    const c = cache.current;
    const generation = c.generation;
    const lastPage = Math.floor(Math.max(first, last - 1) / PAGE_SIZE);
    for (let p = Math.floor(first / PAGE_SIZE); p <= lastPage; p++) {
      if (c.pages.has(p) || c.inflight.has(p)) continue;
      if (c.total !== null && p > 0 && p * PAGE_SIZE >= c.total) continue;
      c.inflight.add(p);
      store.conversationPage(p * PAGE_SIZE, PAGE_SIZE).then(
        ({ total, items }) => {
          if (generation !== c.generation) return;
          c.inflight.delete(p);
          c.pages.set(p, items);
          c.stale.delete(p);
          if (total !== c.total) {
            c.total = total;
            // Rows past the end are gone; a shorter list must not show them from an old page.
            for (const k of [...c.stale.keys()]) if (k * PAGE_SIZE >= total) c.stale.delete(k);
          }
          setFailed(null);
          rerender();
        },
        (err: unknown) => {
          if (generation !== c.generation) return;
          c.inflight.delete(p);
          // Worded in the window's language where it is shown (describeError), not as the core's English.
          setFailed(toErrorInfo(err));
        },
      );
    }
  }, [first, last, changed, store]);

  const row = useCallback((i: number): ConversationSummary | undefined => {
    const c = cache.current;
    const p = Math.floor(i / PAGE_SIZE);
    return (c.pages.get(p) ?? c.stale.get(p))?.[i % PAGE_SIZE];
  }, []);

  return { total: cache.current.total, row, failed };
}
