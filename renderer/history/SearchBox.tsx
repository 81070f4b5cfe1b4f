// Search across conversations: the searchbox and its quiet filter chips (from you, from the model, has
// media). The box keeps the focus while ↑/↓ move through the hits below it (aria-activedescendant points
// at the hit), Enter opens the hit (or brings a conversation's More matches), Escape clears; clearing takes the hit's mark off the conversation.
import { useRef } from 'react';
import type { SearchSpeaker } from '../../shared/search';
import { useI18n } from '../i18n';
import { useStore } from '../state/store-hooks';
import { ariaShortcut, useShortcut } from '../ui';
import { clearHitMark } from './open-hit';
import { chooseEntry, entryElementId, SEARCH_RESULTS_ID } from './SearchResults';
import type { ConversationSearch } from './useConversationSearch';

export const SEARCH_KEYS = 'Mod+K';
/** The contract's cap on a query (search.conversations). */
const MAX_QUERY = 500;

export function SearchBox({ search }: { search: ConversationSearch }) {
  const store = useStore();
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  useShortcut(SEARCH_KEYS, 'shortcuts.search', () => {
    input.current?.focus();
    input.current?.select();
  }, 20);

  const { query, active, entries, current } = search;
  const chosen = current >= 0 ? entries[current] : undefined;

  const setQuery = (q: string) => {
    if (q.trim() === '') clearHitMark();
    search.setQuery(q);
  };

  const chip = (label: string, pressed: boolean, toggle: () => void) => (
    <button type="button" className="search-chip" aria-pressed={pressed} onClick={toggle}>{label}</button>
  );
  const speakerChip = (label: string, who: SearchSpeaker) =>
    chip(label, search.speaker === who, () => search.setSpeaker(search.speaker === who ? 'anyone' : who));

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
        aria-controls={active ? SEARCH_RESULTS_ID : undefined}
        aria-activedescendant={chosen ? entryElementId(chosen) : undefined}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            if (!active || entries.length === 0) return;
            e.preventDefault();
            search.move(e.key === 'ArrowDown' ? 1 : -1);
          } else if (e.key === 'Enter') {
            const target = chosen ?? entries[0];
            if (!target) return;
            e.preventDefault();
            chooseEntry(store, search, target, false);
          } else if (e.key === 'Escape' && query) {
            // Escape empties the box (and only that: a streaming reply is not stopped by it then).
            e.preventDefault();
            setQuery('');
          }
        }}
      />
      {active && (
        <div className="search-chips" role="group" aria-label={t('search.filters')}>
          {speakerChip(t('search.fromYou'), 'user')}
          {speakerChip(t('search.fromModel'), 'assistant')}
          {chip(t('search.hasMedia'), search.withMedia, () => search.setWithMedia(!search.withMedia))}
        </div>
      )}
    </div>
  );
}
