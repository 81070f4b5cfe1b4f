// The Conversations list as the sidebar shows it: fetched from the core a page at a time as rows come into
// view (conversations.page), with the total that sizes its scrollbar; the list may hold tens of thousands.
// "Something changed" (conversations.changed from the core, or a rename or delete here) is a cheap signal:
// the list's version goes up and only the pages in view are fetched again; until a page's new copy
// arrives its old one is shown, so nothing blinks.
import type { OmniBridge } from '../../shared/contract';
import type { ConversationSummary, ErrorInfo } from '../../shared/domain';
import type { SearchHit } from '../../shared/search';
import { toErrorInfo, type NoticesSlice } from './notices';
import { listDateBounds } from './list-groups';
import type { StateCell } from './observable-state';

export const LIST_PAGE_SIZE = 100;

export interface ConversationList {
  /** Goes up with every change to the history: the sign for whatever shows conversations (search hits). */
  version: number;
  /** How many conversations there are; null until the first page arrives. */
  total: number | null;
  /** Rows by page number (page p holds rows p×100 …); a page of an earlier version stays until its new copy arrives. */
  pages: ReadonlyMap<number, readonly ConversationSummary[]>;
  /** Why a page could not be fetched (the list says so), or null. */
  failed: ErrorInfo | null;
  /** The first `pinned` rows are the pinned conversations (read with the newest page). */
  pinned: number;
  /** The date bounds the newest page was asked with, and how many unpinned conversations were active since each. */
  bounds: readonly number[];
  activeSince: readonly number[];
}

export interface ConversationListState {
  list: ConversationList;
}

export const initialConversationList: ConversationListState = {
  list: { version: 0, total: null, pages: new Map(), failed: null, pinned: 0, bounds: [], activeSince: [] },
};

/** Row `i` of the list (newest activity first), if its page has arrived. */
export function listRow(list: ConversationList, i: number): ConversationSummary | undefined {
  return list.pages.get(Math.floor(i / LIST_PAGE_SIZE))?.[i % LIST_PAGE_SIZE];
}

/** A conversation's row among the pages fetched so far. */
export function findListRow(list: ConversationList, id: string): ConversationSummary | undefined {
  for (const rows of list.pages.values()) {
    const row = rows.find((c) => c.id === id);
    if (row) return row;
  }
  return undefined;
}

/** Changes come in bursts (a reply's start and end, several windows): one refetch for each burst. */
const CHANGE_SETTLE_MS = 100;

export class ConversationListSlice {
  /** Pages fetched for the current version, and pages on their way. */
  private current = new Set<number>();
  private inflight = new Set<number>();
  /** The rows the sidebar shows, [first, last). */
  private wanted = { first: 0, last: 0 };
  private changeTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly cell: StateCell<ConversationListState>,
    private readonly bridge: OmniBridge,
    private readonly notices: NoticesSlice,
    /** The open conversation, told of a new title and of its deletion. */
    private readonly conversation: { renamed(summary: ConversationSummary): void; deleted(id: string): void },
  ) {}

  /** The sidebar shows rows [first, last): fetch the pages they lie on that are not current. */
  show(first: number, last: number): void {
    this.wanted = { first, last };
    const { total } = this.cell.get().list;
    const lastPage = Math.floor(Math.max(first, last - 1) / LIST_PAGE_SIZE);
    for (let p = Math.floor(first / LIST_PAGE_SIZE); p <= lastPage; p++) {
      if (this.current.has(p) || this.inflight.has(p)) continue;
      if (total !== null && p > 0 && p * LIST_PAGE_SIZE >= total) continue;
      void this.fetch(p);
    }
  }

  /** The core says the history changed: soon, once for the whole burst. */
  changedSoon(): void {
    if (this.changeTimer) return;
    this.changeTimer = setTimeout(() => {
      this.changeTimer = null;
      this.changed();
    }, CHANGE_SETTLE_MS);
  }

  /** The history changed: a new version, and the pages in view fetched again (the others when they come into view). */
  changed(): void {
    const list = this.cell.get().list;
    this.current = new Set();
    this.inflight = new Set();
    this.cell.set({ list: { ...list, version: list.version + 1 } });
    this.show(this.wanted.first, this.wanted.last);
  }

  /** Messages holding every term of the query (text and reasoning), newest first. */
  search(query: string, limit: number): Promise<SearchHit[]> {
    return this.bridge.invoke('search.query', { query, limit });
  }

  /** Resolves true once saved; a refusal (an empty or too long title) becomes the window's notice. */
  async rename(id: string, title: string): Promise<boolean> {
    try {
      const summary = await this.bridge.invoke('conversations.rename', { id, title });
      this.conversation.renamed(summary);
      // Shown at once; the core's conversations.changed brings the pages in view again.
      const list = this.cell.get().list;
      const pages = new Map([...list.pages].map(([p, rows]) => [p, rows.map((c) => (c.id === id ? summary : c))]));
      this.cell.set({ list: { ...list, pages } });
      return true;
    } catch (err) {
      this.notices.report(err);
      return false;
    }
  }

  /** Deletes a conversation; the window leaves it when it was the open one. */
  /** Pins or unpins a conversation (it moves to the top, or back among the dates); false when it failed (a notice says why). */
  async pin(id: string, pinned: boolean): Promise<boolean> {
    try {
      await this.bridge.invoke('conversations.pin', { id, pinned });
      this.changed();
      return true;
    } catch (err) {
      this.notices.report(err);
      return false;
    }
  }

  async remove(id: string): Promise<boolean> {
    try {
      await this.bridge.invoke('conversations.delete', { id });
    } catch (err) {
      this.notices.report(err);
      return false;
    }
    this.conversation.deleted(id);
    this.changed();
    return true;
  }

  private async fetch(p: number): Promise<void> {
    const version = this.cell.get().list.version;
    const inflight = this.inflight;
    inflight.add(p);
    try {
      const bounds = listDateBounds();
      const { total, items, pinned, activeSince } = await this.bridge.invoke('conversations.page', {
        offset: p * LIST_PAGE_SIZE, limit: LIST_PAGE_SIZE, dateBounds: bounds,
      });
      const list = this.cell.get().list;
      if (version !== list.version) return;
      inflight.delete(p);
      this.current.add(p);
      const pages = new Map(list.pages);
      pages.set(p, items);
      // Rows past the end are gone; a shorter list must not show them from an old page.
      if (total !== list.total) for (const k of [...pages.keys()]) if (k !== p && k * LIST_PAGE_SIZE >= total) pages.delete(k);
      this.cell.set({ list: { ...list, pages, total, failed: null, pinned, bounds, activeSince } });
    } catch (err) {
      const list = this.cell.get().list;
      if (version !== list.version) return;
      inflight.delete(p);
      // Worded in the window's language where it is shown (describeError), not as the core's English.
      this.cell.set({ list: { ...list, failed: toErrorInfo(err) } });
    }
  }
}
