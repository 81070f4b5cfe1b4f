// The sidebar's search as state: the query, its filters, the grouped hits (search.conversations) and which
// hit the arrow keys have reached. Asked again, debounced, as the words or filters change and whenever the
// history does; an answer to an older question is dropped.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ErrorInfo } from '../../shared/domain';
import type { ConversationSearchGroup, ConversationSearchHit, ConversationSearchResult, SearchSpeaker } from '../../shared/search';
import { toErrorInfo } from '../state/notices';
import { useAppState, useStore } from '../state/store-hooks';

const DEBOUNCE_MS = 200;

export interface FlatHit {
  group: ConversationSearchGroup;
  hit: ConversationSearchHit;
  /** Its place among all hits, top to bottom (what the arrow keys move through). */
  index: number;
}

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
  failed: ErrorInfo | null;
  hits: FlatHit[];
  /** The hit the arrow keys reached, or -1. */
  current: number;
  setCurrent(i: number): void;
  move(by: number): void;
}

export function useConversationSearch(): ConversationSearch {
  const store = useStore();
  const [query, setQuery] = useState('');
  const [speaker, setSpeaker] = useState<SearchSpeaker>('anyone');
  const [withMedia, setWithMedia] = useState(false);
  const [result, setResult] = useState<ConversationSearchResult | null>(null);
  const [failed, setFailed] = useState<ErrorInfo | null>(null);
  const [current, setCurrent] = useState(-1);
  const seq = useRef(0);
  // A deleted conversation leaves the hits, a new reply joins them.
  const historyVersion = useAppState((s) => s.list.version);
  const q = query.trim();

  useEffect(() => {
    const mine = ++seq.current;
    if (q.length === 0) {
      setResult(null);
      setFailed(null);
      setCurrent(-1);
      return;
    }
    const timer = setTimeout(() => {
      store.list.search({ query: q, speaker, withMedia }).then(
        (found) => {
          if (mine !== seq.current) return;
          setResult(found);
          setFailed(null);
        },
        (err: unknown) => {
          if (mine !== seq.current) return;
          setResult(null);
          setFailed(toErrorInfo(err));
        },
      );
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [q, speaker, withMedia, store, historyVersion]);

  // New words or filters start again from the top; a refresh of the same search keeps the place if it can.
  useEffect(() => setCurrent(-1), [q, speaker, withMedia]);

  const hits = useMemo(() => {
    const out: FlatHit[] = [];
    for (const group of result?.groups ?? []) for (const hit of group.hits) out.push({ group, hit, index: out.length });
    return out;
  }, [result]);

  useEffect(() => {
    if (current >= hits.length) setCurrent(hits.length - 1);
  }, [current, hits.length]);

  return {
    query, setQuery, speaker, setSpeaker, withMedia, setWithMedia,
    active: q.length > 0,
    result, failed, hits, current, setCurrent,
    move: (by) => {
      if (hits.length === 0) return;
      setCurrent((c) => (c < 0 ? (by > 0 ? 0 : hits.length - 1) : Math.max(0, Math.min(hits.length - 1, c + by))));
    },
  };
}
