// The Conversations list for the rows in view: tells the list slice (state/conversation-list.ts) which rows
// the sidebar shows, so it fetches their pages, and reads the rows, the total and any failure back.
import { useCallback, useEffect } from 'react';
import type { ConversationSummary } from '../../shared/domain';
import { listRow } from '../state/conversation-list';
import { useAppState, useStore } from '../state/store-hooks';

export function useConversationPages(first: number, last: number) {
  const store = useStore();
  const list = useAppState((s) => s.list);
  // When the history changes the slice fetches the pages in view again by itself.
  useEffect(() => store.list.show(first, last), [first, last, store]);
  const row = useCallback((i: number): ConversationSummary | undefined => listRow(list, i), [list]);
  return { total: list.total, row, failed: list.failed };
}
