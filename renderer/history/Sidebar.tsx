// The sidebar: start a conversation, search (its hits stand in for the list while words are typed), the list of conversations (newest first), and Settings.
// The list may hold tens of thousands of conversations: it is fetched a page at a time and only the rows
// in view are rendered (fixed row height). Arrow keys, Home/End and Page Up/Down move between entries;
// F2 renames and Delete deletes the focused one.
import { useCallback, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { ConversationSummary, Language } from '../../shared/domain';
import { describeError, useI18n, type Translate } from '../i18n';
import { listGeometry, listGroups, type GroupLabel } from '../state/list-groups';
import { useAppState, useStore } from '../state/store-hooks';
import { GearIcon, PlusIcon } from '../ui/icons';
import { ConversationEntry, ROW_HEIGHT, type EntryActions } from './ConversationEntry';
import { DeleteDialog } from './DeleteDialog';
import { SearchBox } from './SearchBox';
import { SearchResults } from './SearchResults';
import { useConversationSearch } from './useConversationSearch';
import { useConversationPages } from './useConversationPages';
import { useRowWindow } from './useRowWindow';

const OVERSCAN_ROWS = 6;
/** Must match .list-group-heading's height in sidebar.css. */
const HEADING_HEIGHT = 30;

function groupKey(l: GroupLabel): string {
  return l.kind === 'month' ? `month-${l.month}` : l.kind;
}

function groupTitle(l: GroupLabel, lang: Language, t: Translate): string {
  switch (l.kind) {
    case 'pinned': return t('list.pinned');
    case 'today': return t('list.today');
    case 'yesterday': return t('list.yesterday');
    case 'week': return t('list.previous7');
    case 'older': return t('list.older');
    case 'month': {
      const d = new Date(l.month);
      const sameYear = d.getFullYear() === new Date().getFullYear();
      return new Intl.DateTimeFormat(lang, sameYear ? { month: 'long' } : { month: 'long', year: 'numeric' }).format(d);
    }
  }
}

/** `id`: for the Toggle sidebar button's aria-controls. */
export function Sidebar({ id }: { id?: string }) {
  const store = useStore();
  const { t } = useI18n();
  const search = useConversationSearch();

  return (
    <aside id={id} className="sidebar" aria-label={t('sidebar.label')}>
      <div className="sidebar-head">
        <span className="brand">
          <span className="brand-mark" aria-hidden="true" />
          {t('app.name')}
        </span>
        <button type="button" className="button button-primary new-conversation" onClick={() => store.conversation.startNew()}>
          <PlusIcon />
          <span>{t('sidebar.new')}</span>
        </button>
        <SearchBox search={search} />
      </div>
      {search.active && <SearchResults search={search} />}
      {/* Kept (with its place) while the hits stand in for it; shown again as the search is cleared. */}
      <ConversationList hidden={search.active} />
      <div className="sidebar-foot">
        <button type="button" className="button button-ghost settings-button" onClick={() => store.settings.open()}>
          <GearIcon />
          <span>{t('sidebar.settings')}</span>
        </button>
      </div>
    </aside>
  );
}

function ConversationList({ hidden }: { hidden: boolean }) {
  const store = useStore();
  const { t, lang } = useI18n();
  const route = useAppState((s) => s.route);
  const activeId = route.name === 'conversation' ? route.id : null;
  const streamingIn = useAppState((s) => s.streamingIn);
  const [total, setTotal] = useState(0);
  const listState = useAppState((s) => s.list);
  const groups = useMemo(
    () => listGroups(total, listState.pinned, listState.bounds, listState.activeSince),
    [total, listState.pinned, listState.bounds, listState.activeSince],
  );
  const geometry = useMemo(() => listGeometry(groups, ROW_HEIGHT, HEADING_HEIGHT), [groups]);
  const win = useRowWindow(total, ROW_HEIGHT, OVERSCAN_ROWS, geometry);
  const pages = useConversationPages(win.first, win.last);
  const known = pages.total ?? 0;
  useEffect(() => setTotal(known), [known]);

  const [editing, setEditing] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<ConversationSummary | null>(null);
  /** A row to move the focus to once it is rendered (after a key press scrolled to it). */
  const [focusRow, setFocusRow] = useState<number | null>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const idPrefix = useId();

  const focusIndex = useCallback(
    (i: number) => {
      const next = Math.max(0, Math.min(total - 1, i));
      win.scrollToRow(next);
      setFocusRow(next);
    },
    [total, win],
  );

  useEffect(() => {
    if (focusRow === null) return;
    const link = listRef.current?.querySelector<HTMLElement>(`li[data-index="${focusRow}"] .conversation-link`);
    if (link) {
      link.focus();
      setFocusRow(null);
    }
  });

  const rowOf = (el: EventTarget): number | null => {
    const li = (el as HTMLElement).closest?.('li[data-index]');
    return li ? Number(li.getAttribute('data-index')) : null;
  };

  const actions: EntryActions = useMemo(
    () => ({
      startRename: (id) => setEditing(id),
      cancelRename: () => {
        const li = listRef.current?.querySelector('li.editing');
        setEditing(null);
        if (li) setFocusRow(Number(li.getAttribute('data-index')));
      },
      saveTitle: async (id, title) => {
        const li = listRef.current?.querySelector('li.editing');
        const ok = await store.list.rename(id, title);
        if (ok) {
          setEditing(null);
          if (li) setFocusRow(Number(li.getAttribute('data-index')));
        }
        return ok;
      },
      askDelete: (c) => setDeleting(c),
      togglePin: (c) => void store.list.pin(c.id, !c.pinned),
    }),
    [store],
  );

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (!(e.target as HTMLElement).classList?.contains('conversation-link')) return;
    const i = rowOf(e.target);
    if (i === null) return;
    const moves: Record<string, number> = {
      ArrowDown: i + 1, ArrowUp: i - 1, Home: 0, End: total - 1, PageDown: i + win.pageRows, PageUp: i - win.pageRows,
    };
    const to = moves[e.key];
    if (to === undefined) return;
    e.preventDefault();
    focusIndex(to);
  };

  const confirmDelete = async (c: ConversationSummary) => {
    const li = listRef.current?.querySelector(`li[data-id="${CSS.escape(c.id)}"]`);
    const index = li ? Number(li.getAttribute('data-index')) : null;
    setDeleting(null);
    const ok = await store.list.remove(c.id);
    // The focus goes to the entry that takes the deleted one's place (or the one above, at the end).
    if (ok && index !== null && total > 1) setFocusRow(Math.min(index, total - 2));
  };

  // One group per date heading: a named group (role group, named by its heading) holding a list of its
  // rows, so a screen reader says "Today, list, 3 items" and moves by heading. Only the groups in view are
  // rendered; the wrappers have no box of their own, so rows and headings stay placed against the list.
  const rendered = groups.flatMap((g, gi) => {
    const from = Math.max(g.start, win.first);
    const to = Math.min(g.start + g.count, win.last);
    if (from >= to) return [];
    const headingId = `${idPrefix}-group-${groupKey(g.label)}`;
    const rows = [];
    for (let i = from; i < to; i++) {
      const c = pages.row(i);
      const place = { setsize: g.count, posinset: i - g.start + 1 };
      rows.push(
        c ? (
          <ConversationEntry
            key={c.id} c={c} index={i} top={geometry.offsetOf(i)} setsize={place.setsize} posinset={place.posinset} active={c.id === activeId} editing={c.id === editing} streaming={c.id in streamingIn}
            lang={lang} t={t} actions={actions}
          />
        ) : (
          <li key={`row-${i}`} className="conversation-entry placeholder" style={{ top: geometry.offsetOf(i) }} aria-setsize={place.setsize} aria-posinset={place.posinset}>
            <span className="placeholder-text">{t('browse.loadingRow')}</span>
          </li>
        ),
      );
    }
    return [
      <div key={groupKey(g.label)} role="group" className="list-group" aria-labelledby={headingId}>
        <h3 id={headingId} className="list-group-heading" style={{ top: geometry.headingTop(gi) }}>{groupTitle(g.label, lang, t)}</h3>
        <ul className="list-group-rows">{rows}</ul>
      </div>,
    ];
  });

  return (
    <nav className="conversation-nav" aria-label={t('sidebar.conversations')} hidden={hidden}>
      <h2 className="nav-heading" aria-hidden="true">
        <span>{t('sidebar.conversations')}</span>
        {total > 0 && <span className="nav-count">{t('browse.count', { count: total })}</span>}
      </h2>
      <div className="conversation-scroll" ref={win.ref} data-total={total}>
        {pages.total === 0 ? (
          <p className="nav-empty">{t('sidebar.empty')}</p>
        ) : (
          <div ref={listRef} className="conversation-list" style={{ height: geometry.height(total) }} onKeyDown={onKeyDown}>
            {rendered}
          </div>
        )}
        {pages.failed !== null && <p className="nav-empty" role="alert">{describeError(pages.failed, lang, t)}</p>}
      </div>
      <DeleteDialog target={deleting} onConfirm={(c) => void confirmDelete(c)} onCancel={() => setDeleting(null)} />
    </nav>
  );
}
