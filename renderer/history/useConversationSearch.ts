// The sidebar's search as state: the query, its filters, the grouped hits (search.conversations) and which
// entry the arrow keys have reached. Asked again, debounced, as the words or filters change and whenever the
// history does; an answer to an older question is dropped. A conversation with more hits than the first few
// ends in a "More matches" entry: choosing it asks for that conversation's hits alone (conversationId), up
// to the contract's 50, and they take the first few's place (asked again with the rest on a refresh).
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ErrorInfo } from '../../shared/domain';
import type { ConversationSearchGroup, ConversationSearchHit, ConversationSearchResult, SearchSpeaker } from '../../shared/search';
import { toErrorInfo } from '../state/notices';
import { useAppState, useStore } from '../state/store-hooks';

const DEBOUNCE_MS = 200;
/** The most hits one conversation shows once opened up (the contract's cap on hitsPerConversation). */
export const HITS_WHEN_EXPANDED = 50;

export interface ShownGroup extends ConversationSearchGroup {
  /** Its hits are all the contract gives at once (More matches was chosen). */
  expanded: boolean;
}

/** What the arrow keys move through, top to bottom: each hit, and each group's More matches. */
export type FlatEntry =
  | { kind: 'hit'; group: ShownGroup; hit: ConversationSearchHit; index: number }
  | { kind: 'more'; group: ShownGroup; index: number };

export interface ConversationSearch {
  query: string;
  setQuery(q: string): void;
  speaker: SearchSpeaker;
  setSpeaker(s: SearchSpeaker): void;
  withMedia: boolean;
  setWithMedia(on: boolean): void;
  /** True while words are typed: the sidebar shows hits instead of the list. */
  active: boolean;
  result: ConversationSearchResult | null;
  /** The result's groups, with the ones opened up by More matches holding all their hits. */
  groups: ShownGroup[];
  failed: ErrorInfo | null;
  entries: FlatEntry[];
  /** How many hits are shown (More matches entries not counted). */
  hitCount: number;
  /** The entry the arrow keys reached, or -1. */
  current: number;
  setCurrent(i: number): void;
  move(by: number): void;
  /** More matches: this conversation's hits beyond the first few. */
  loadMore(conversationId: string): void;
  /** Conversations whose further hits are being asked for. */
  loading: ReadonlySet<string>;
}

interface Extra { hits: ConversationSearchHit[]; more: boolean }

export function useConversationSearch(): ConversationSearch {
  const store = useStore();
  const [query, setQuery] = useState('');
  const [speaker, setSpeaker] = useState<SearchSpeaker>('anyone');
  const [withMedia, setWithMedia] = useState(false);
  const [result, setResult] = useState<ConversationSearchResult | null>(null);
  const [extra, setExtra] = useState<Readonly<Record<string, Extra>>>({});
  const [loading, setLoading] = useState<ReadonlySet<string>>(new Set());
  const [failed, setFailed] = useState<ErrorInfo | null>(null);
  const [current, setCurrent] = useState(-1);
  const seq = useRef(0);
  /** The conversations opened up by More matches for this query and filters. */
  const expanded = useRef(new Set<string>());
  // A deleted conversation leaves the hits, a new reply joins them.
  const historyVersion = useAppState((s) => s.list.version);
  const q = query.trim();
  const key = JSON.stringify([q, speaker, withMedia]);
  const keyRef = useRef(key);
  keyRef.current = key;

  const allOf = useCallback(
    async (conversationId: string): Promise<Extra> => {
      const found = await store.list.search({ query: q, speaker, withMedia, conversationId, conversations: 1, hitsPerConversation: HITS_WHEN_EXPANDED });
      const g = found.groups.find((x) => x.conversation.id === conversationId);
      return { hits: g?.hits ?? [], more: g?.more ?? false };
    },
    [q, speaker, withMedia, store],
  );

  useEffect(() => {
    const mine = ++seq.current;
    if (q.length === 0) {
      setResult(null);
      setFailed(null);
      setCurrent(-1);
      return;
    }
    const timer = setTimeout(() => {
      void (async () => {
        try {
          const found = await store.list.search({ query: q, speaker, withMedia });
          // The conversations opened up before a refresh stay open (asked again, they may have changed).
          const ids = [...expanded.current].filter((id) => found.groups.some((g) => g.conversation.id === id));
          const rest = await Promise.all(ids.map(allOf));
          if (mine !== seq.current) return;
          setResult(found);
          setExtra(Object.fromEntries(ids.map((id, i) => [id, rest[i]!])));
          setFailed(null);
        } catch (err) {
          if (mine !== seq.current) return;
          setResult(null);
          setFailed(toErrorInfo(err));
        }
      })();
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [q, speaker, withMedia, store, historyVersion, allOf]);

  // New words or filters start again from the top, every conversation folded; a refresh of the same search
  // keeps the place if it can.
  useEffect(() => {
    setCurrent(-1);
    expanded.current = new Set();
    setExtra({});
    setLoading(new Set());
  }, [q, speaker, withMedia]);

  const groups = useMemo<ShownGroup[]>(
    () => (result?.groups ?? []).map((g) => {
      const all = extra[g.conversation.id];
      return all ? { ...g, hits: all.hits, more: all.more, expanded: true } : { ...g, expanded: false };
    }),
    [result, extra],
  );

  const entries = useMemo(() => {
    const out: FlatEntry[] = [];
    for (const group of groups) {
      for (const hit of group.hits) out.push({ kind: 'hit', group, hit, index: out.length });
      if (group.more && !group.expanded) out.push({ kind: 'more', group, index: out.length });
    }
    return out;
  }, [groups]);
  const hitCount = useMemo(() => groups.reduce((n, g) => n + g.hits.length, 0), [groups]);

  useEffect(() => {
    if (current >= entries.length) setCurrent(entries.length - 1);
  }, [current, entries.length]);

  const loadMore = (conversationId: string) => {
    if (expanded.current.has(conversationId) || loading.has(conversationId)) return;
    const asked = key;
    setLoading((s) => new Set(s).add(conversationId));
    const done = () => setLoading((s) => {
      const next = new Set(s);
      next.delete(conversationId);
      return next;
    });
    allOf(conversationId).then(
      (all) => {
        done();
        if (keyRef.current !== asked) return;
        expanded.current.add(conversationId);
        setExtra((x) => ({ ...x, [conversationId]: all }));
      },
      (err: unknown) => {
        done();
        if (keyRef.current === asked) setFailed(toErrorInfo(err));
      },
    );
  };

  return {
    query, setQuery, speaker, setSpeaker, withMedia, setWithMedia,
    active: q.length > 0,
    result, groups, failed, entries, hitCount, current, setCurrent, loadMore, loading,
    move: (by) => {
      if (entries.length === 0) return;
      setCurrent((c) => (c < 0 ? (by > 0 ? 0 : entries.length - 1) : Math.max(0, Math.min(entries.length - 1, c + by))));
    },
  };
}
