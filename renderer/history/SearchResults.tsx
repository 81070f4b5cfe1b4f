// The hits of a search, in place of the Conversations list while words are in the box: grouped by
// conversation (its title once), each hit with who said it (You, or the model by name) and a snippet with
// the searched words marked. A listbox whose options the search box points at (it keeps the focus). A
// conversation with more hits ends in a More matches option, which brings the rest in its place.
import { useEffect, useRef, type ReactElement } from 'react';
import type { MarkedSnippet } from '../../shared/search';
import { describeError, useI18n } from '../i18n';
import { modelLabel } from '../i18n/format';
import type { AppStore } from '../state/app-store';
import { useStore } from '../state/store-hooks';
import { openHit } from './open-hit';
import type { ConversationSearch, FlatEntry } from './useConversationSearch';

export const SEARCH_RESULTS_ID = 'search-results';
export const hitElementId = (messageId: string) => `search-hit-${messageId}`;
const moreElementId = (conversationId: string) => `search-more-${conversationId}`;
export const entryElementId = (e: FlatEntry) => (e.kind === 'hit' ? hitElementId(e.hit.messageId) : moreElementId(e.group.conversation.id));

/** What Enter or a click on an entry does: open the hit, or bring the conversation's other hits. */
export function chooseEntry(store: AppStore, search: ConversationSearch, e: FlatEntry, focus: boolean): void {
  search.setCurrent(e.index);
  if (e.kind === 'hit') openHit(store, e.group.conversation.id, e.hit.messageId, focus);
  else search.loadMore(e.group.conversation.id);
}

export function SearchResults({ search }: { search: ConversationSearch }) {
  const store = useStore();
  const { t, lang } = useI18n();
  const { result, groups, failed, entries, hitCount, current } = search;
  const listRef = useRef<HTMLDivElement>(null);

  // The entry the arrow keys reached stays in view.
  useEffect(() => {
    if (current < 0) return;
    const entry = entries[current];
    if (entry) document.getElementById(entryElementId(entry))?.scrollIntoView({ block: 'nearest' });
  }, [current, entries]);

  return (
    <div className="search-scroll">
      {failed !== null && <p className="search-empty" role="alert">{t('search.failed', { reason: describeError(failed, lang, t) })}</p>}
      {result !== null && result.groups.length === 0 && <p className="search-empty" role="status">{t('search.none')}</p>}
      {result !== null && result.groups.length > 0 && (
        <>
          <p className="search-count" role="status">{t('search.count', { count: hitCount })}</p>
          <div ref={listRef} id={SEARCH_RESULTS_ID} role="listbox" className="search-results" aria-label={t('search.results')}>
            {groups.map((g) => {
              const title = g.conversation.title.trim() || t('sidebar.untitled');
              const modelName = modelLabel(g.conversation.model) || t('search.assistantFallback');
              return (
                <div key={g.conversation.id} role="group" className="search-group" aria-label={title}>
                  <div className="search-group-title" aria-hidden="true">{title}</div>
                  {g.hits.map((h) => {
                    const flat = entries.find((f) => f.kind === 'hit' && f.hit.messageId === h.messageId);
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
                        onClick={() => (flat ? chooseEntry(store, search, flat, true) : openHit(store, g.conversation.id, h.messageId, true))}
                      >
                        <span className="search-hit-role">{h.role === 'user' ? t('search.you') : modelName}</span>
                        <Snippet snippet={h.snippet} />
                      </div>
                    );
                  })}
                  {g.more && !g.expanded && (() => {
                    const flat = entries.find((f) => f.kind === 'more' && f.group.conversation.id === g.conversation.id);
                    const busy = search.loading.has(g.conversation.id);
                    return (
                      <div
                        id={moreElementId(g.conversation.id)} role="option" aria-selected={flat !== undefined && flat.index === current}
                        aria-busy={busy || undefined} className="search-more" data-conversation={g.conversation.id}
                        onMouseDown={(e) => e.preventDefault()}
                        onClick={() => flat && chooseEntry(store, search, flat, false)}
                      >
                        {busy ? t('search.moreLoading') : t('search.moreInConversation')}
                      </div>
                    );
                  })()}
                  {g.more && g.expanded && <p className="search-capped">{t('search.moreCapped', { count: g.hits.length })}</p>}
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
