// Search across conversations: a searchbox in the sidebar, hits below it (conversation title and a
// snippet with the matches marked); choosing one opens that conversation at that message.
import { useEffect, useRef, useState } from 'react';
import type { ErrorInfo } from '../../shared/domain';
import type { SearchHit } from '../../shared/search';
import { describeError, useI18n } from '../i18n';
import { useAppState, useStore } from '../state/store-hooks';
import { toErrorInfo } from '../state/notices';
import { requestReveal } from '../state/reveal-request';
import { navigate } from '../state/router';
import { ariaShortcut, useShortcut } from '../ui';

const DEBOUNCE_MS = 200;
export const SEARCH_KEYS = 'Mod+K';
const RESULT_LIMIT = 50;
/** The contract's cap on a query (search.query). */
const MAX_QUERY = 500;
/** How long a chosen hit waits for its conversation to render before giving up quietly. */
const REVEAL_TIMEOUT_MS = 5_000;

export function SearchBox() {
  const store = useStore();
  const { t, lang } = useI18n();
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  const [failed, setFailed] = useState<ErrorInfo | null>(null);
  const seq = useRef(0);
  // Asked again when the history changes: a deleted conversation leaves the hits, a new reply joins them.
  const historyVersion = useAppState((s) => s.list.version);
  const input = useRef<HTMLInputElement>(null);
  useShortcut(SEARCH_KEYS, 'shortcuts.search', () => {
    input.current?.focus();
    input.current?.select();
  }, 20);

  useEffect(() => {
    const q = query.trim();
    const mine = ++seq.current;
    if (q.length === 0) {
      setHits(null);
      setFailed(null);
      return;
    }
    const timer = setTimeout(() => {
      store.list.search(q, RESULT_LIMIT).then(
        (found) => {
          if (mine !== seq.current) return;
          setHits(found);
          setFailed(null);
        },
        (err: unknown) => {
          if (mine !== seq.current) return;
          setHits(null);
          setFailed(toErrorInfo(err));
        },
      );
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [query, store, historyVersion]);

  const open = (hit: SearchHit) => {
    navigate({ name: 'conversation', id: hit.conversationId });
    // branch: a hit in a version that is not shown brings that version up.
    void store.versions.showVersionOf(hit.conversationId, hit.messageId);
    // The view renders only what is near the viewport: it scrolls to the message so its article exists.
    requestReveal(hit.messageId);
    revealMessage(hit.messageId);
  };

  return (
    <div className="sidebar-search">
      <input
        ref={input}
        aria-keyshortcuts={ariaShortcut(SEARCH_KEYS)}
        type="search"
        className="search-input"
        aria-label={t('search.label')}
        placeholder={t('search.placeholder')}
        maxLength={MAX_QUERY}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          // Escape empties the box (and only that: a streaming reply is not stopped by it then).
          if (e.key === 'Escape' && query) {
            e.preventDefault();
            setQuery('');
          }
        }}
      />
      {failed !== null && <p className="search-empty" role="alert">{t('search.failed', { reason: describeError(failed, lang, t) })}</p>}
      {hits !== null && hits.length === 0 && <p className="search-empty" role="status">{t('search.none')}</p>}
      {hits !== null && hits.length > 0 && (
        <ul className="search-results" aria-label={t('search.results')}>
          {hits.map((h) => (
            <li key={h.messageId}>
              <button type="button" className="search-hit" onClick={() => open(h)}>
                <span className="search-hit-title">{h.conversationTitle.trim() || t('sidebar.untitled')}</span>
                <span className="search-hit-snippet">
                  {/* Text nodes only: the snippet comes from stored messages and is never read as markup. */}
                  {h.snippet.map((p, i) => (p.match ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Once the message's article is on screen, scroll it into the middle, mark it and move focus to it. */
function revealMessage(messageId: string): void {
  const until = performance.now() + REVEAL_TIMEOUT_MS;
  const selector = `[data-message-id="${CSS.escape(messageId)}"]`;
  const step = () => {
    const el = document.querySelector<HTMLElement>(selector);
    if (!el) {
      if (performance.now() < until) requestAnimationFrame(step);
      return;
    }
    for (const old of document.querySelectorAll('.search-target')) old.classList.remove('search-target');
    el.classList.add('search-target');
    if (!el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1');
    el.scrollIntoView({ block: 'center' });
    el.focus({ preventScroll: true });
  };
  // After the route change has rendered: the conversation view first sticks to its bottom.
  requestAnimationFrame(step);
}
