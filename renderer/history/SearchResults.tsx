// The hits of a search, in place of the Conversations list while words are in the box: grouped by
// conversation (its title once), each hit with who said it (You, or the model by name) and a snippet with
// the searched words marked. A listbox whose options the search box points at (it keeps the focus).
import { useEffect, useRef, type ReactElement } from 'react';
import type { MarkedSnippet } from '../../shared/search';
import { describeError, useI18n } from '../i18n';
import { modelLabel } from '../i18n/format';
import { useStore } from '../state/store-hooks';
import { openHit } from './open-hit';
import type { ConversationSearch } from './useConversationSearch';

export const SEARCH_RESULTS_ID = 'search-results';
export const hitElementId = (messageId: string) => `search-hit-${messageId}`;

export function SearchResults({ search }: { search: ConversationSearch }) {
  const store = useStore();
  const { t, lang } = useI18n();
  const { result, failed, hits, current } = search;
  const listRef = useRef<HTMLDivElement>(null);

  // The hit the arrow keys reached stays in view.
  useEffect(() => {
    if (current < 0) return;
    const hit = hits[current];
    if (hit) document.getElementById(hitElementId(hit.hit.messageId))?.scrollIntoView({ block: 'nearest' });
  }, [current, hits]);

  return (
    <div className="search-scroll">
      {failed !== null && <p className="search-empty" role="alert">{t('search.failed', { reason: describeError(failed, lang, t) })}</p>}
      {result !== null && result.groups.length === 0 && <p className="search-empty" role="status">{t('search.none')}</p>}
      {result !== null && result.groups.length > 0 && (
        <>
          <p className="search-count" role="status">{t('search.count', { count: hits.length })}</p>
          <div ref={listRef} id={SEARCH_RESULTS_ID} role="listbox" className="search-results" aria-label={t('search.results')}>
            {result.groups.map((g) => {
              const title = g.conversation.title.trim() || t('sidebar.untitled');
              const modelName = modelLabel(g.conversation.model) || t('search.assistantFallback');
              return (
                <div key={g.conversation.id} role="group" className="search-group" aria-label={title}>
                  <div className="search-group-title" aria-hidden="true">{title}</div>
                  {g.hits.map((h) => {
                    const flat = hits.find((f) => f.hit.messageId === h.messageId);
                    const selected = flat !== undefined && flat.index === current;
                    return (
                      <div
                        key={h.messageId}
                        id={hitElementId(h.messageId)}
                        role="option"
                        aria-selected={selected}
                        className="search-hit"
                        data-role={h.role}
                        // The search box keeps the focus: a press here must not take it.
                        onMouseDown={(e) => e.preventDefault()}
                        onClick={() => {
                          if (flat) search.setCurrent(flat.index);
                          openHit(store, g.conversation.id, h.messageId, true);
                        }}
                      >
                        <span className="search-hit-role">{h.role === 'user' ? t('search.you') : modelName}</span>
                        <Snippet snippet={h.snippet} />
                      </div>
                    );
                  })}
                  {g.more && <div className="search-more" aria-hidden="true">{t('search.moreInConversation')}</div>}
                </div>
              );
            })}
          </div>
          {result.more && <p className="search-empty">{t('search.moreOlder')}</p>}
        </>
      )}
    </div>
  );
}

/** Text nodes only: the snippet comes from stored messages and is never read as markup. */
function Snippet({ snippet }: { snippet: MarkedSnippet }) {
  const parts: ReactElement[] = [];
  let at = 0;
  const ranges = [...snippet.ranges].sort((a, b) => a[0] - b[0]);
  for (const [start, end] of ranges) {
    if (start < at || end <= start) continue;
    if (start > at) parts.push(<span key={`t${at}`}>{snippet.text.slice(at, start)}</span>);
    parts.push(<mark key={`m${start}`}>{snippet.text.slice(start, end)}</mark>);
    at = end;
  }
  if (at < snippet.text.length) parts.push(<span key={`t${at}`}>{snippet.text.slice(at)}</span>);
  return <span className="search-hit-snippet">{parts}</span>;
}
