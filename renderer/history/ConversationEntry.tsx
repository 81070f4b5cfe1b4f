// One row of the Conversations list: the title as a link, the date, the model, a mark when replies
// have audio and one while a reply streams in it, and the row's Rename and Delete actions. Rename edits the title in place (Enter saves,
// Escape cancels). Rows have one fixed height: the list renders only the rows in view.
import { memo, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { TITLE_MAX } from '../../shared/defaults';
import type { ConversationSummary, Language } from '../../shared/domain';
import type { Translate } from '../i18n';
import { formatFullDate, formatListDate, modelLabel } from '../i18n/format';
import { hashFor } from '../state/router';
import { Pin, PinOff } from 'lucide-react';
import { shownTitle } from '../ui/conversation-title';
import { SoundIcon } from '../ui/icons';

/** Must match .conversation-entry's height in sidebar.css. */
export const ROW_HEIGHT = 58;

export interface EntryActions {
  startRename(id: string): void;
  /** Resolves true once saved. */
  saveTitle(id: string, title: string): Promise<boolean>;
  cancelRename(): void;
  askDelete(c: ConversationSummary): void;
  togglePin(c: ConversationSummary): void;
}


export const ConversationEntry = memo(function ConversationEntry(props: {
  c: ConversationSummary;
  index: number;
  /** Where the row sits in the list (date headings come between rows). */
  top: number;
  /** Its date group's size and its place in it, from 1 (what a screen reader counts). */
  setsize: number;
  posinset: number;
  active: boolean;
  editing: boolean;
  /** A reply is streaming in this conversation now. */
  streaming?: boolean;
  lang: Language;
  t: Translate;
  actions: EntryActions;
}) {
  const { c, index, top, setsize, posinset, active, editing, streaming, lang, t, actions } = props;
  const metaId = useId();
  const title = shownTitle(c, t);
  return (
    <li
      className={`conversation-entry${active ? ' active' : ''}${editing ? ' editing' : ''}`}
      style={{ top }}
      data-index={index}
      data-id={c.id}
      aria-setsize={setsize}
      aria-posinset={posinset}
    >
      {editing ? (
        <TitleEditor c={c} t={t} actions={actions} />
      ) : (
        <>
          {/* The link's name is the title alone; the details below describe it. A CSS overlay makes the
              whole entry clickable. */}
          <a
            className="conversation-link"
            href={hashFor({ name: 'conversation', id: c.id })}
            aria-current={active ? 'page' : undefined}
            aria-describedby={metaId}
            onKeyDown={(e) => {
              if (e.key === 'F2') {
                e.preventDefault();
                actions.startRename(c.id);
              } else if (e.key === 'Delete') {
                e.preventDefault();
                actions.askDelete(c);
              }
            }}
          >
            {title}
          </a>
          <div className="conversation-meta" id={metaId}>
            {streaming && <span className="streaming-mark" role="img" aria-label={t('sidebar.streaming')} title={t('sidebar.streaming')} />}
            <time dateTime={new Date(c.updatedAt).toISOString()} title={formatFullDate(c.updatedAt, lang)}>
              {formatListDate(c.updatedAt, lang)}
            </time>
            <span className="dot" aria-hidden="true">·</span>
            <span className="conversation-model">{modelLabel(c.model)}</span>
            {c.hasAudio && (
              <span className="audio-mark" role="img" aria-label={t('sidebar.hasAudio')} title={t('sidebar.hasAudio')}>
                <SoundIcon />
              </span>
            )}
          </div>
          <div className="entry-actions">
            <button type="button" className="entry-action" aria-label={t('browse.rename')} title={t('browse.rename')} onClick={() => actions.startRename(c.id)}>
              <PencilIcon />
            </button>
            <button
              type="button" className="entry-action"
              aria-label={t(c.pinned ? 'list.unpin' : 'list.pin')} title={t(c.pinned ? 'list.unpin' : 'list.pin')}
              onClick={() => actions.togglePin(c)}
            >
              {c.pinned ? <PinOff size={15} aria-hidden="true" /> : <Pin size={15} aria-hidden="true" />}
            </button>
            <button type="button" className="entry-action danger" aria-label={t('browse.delete')} title={t('browse.delete')} onClick={() => actions.askDelete(c)}>
              <TrashIcon />
            </button>
          </div>
        </>
      )}
    </li>
  );
});

function TitleEditor({ c, t, actions }: { c: ConversationSummary; t: Translate; actions: EntryActions }) {
  const [value, setValue] = useState(c.title);
  const [error, setError] = useState<string | null>(null);
  const saving = useRef(false);
  /** Escape or a save has decided: a blur as the field goes away must not decide again. */
  const done = useRef(false);
  const input = useRef<HTMLInputElement>(null);
  const hintId = useId();

  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);

  const save = async () => {
    if (saving.current) return;
    const title = value.trim();
    if (title === c.title) return actions.cancelRename();
    // The same rule as the contract's, said before the round trip.
    if (title.length === 0) return setError(t('browse.titleEmpty'));
    if (title.length > TITLE_MAX) return setError(t('browse.titleTooLong', { max: TITLE_MAX }));
    saving.current = true;
    done.current = true;
    const ok = await actions.saveTitle(c.id, title);
    saving.current = false;
    if (!ok) {
      done.current = false;
      input.current?.focus();
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      void save();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      done.current = true;
      actions.cancelRename();
    }
  };

  return (
    <div className="title-editor">
      <input
        ref={input}
        className="title-input"
        aria-label={t('browse.titleLabel')}
        aria-describedby={hintId}
        aria-invalid={error !== null || undefined}
        value={value}
        maxLength={TITLE_MAX + 50}
        onChange={(e) => {
          setValue(e.target.value);
          setError(null);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => {
          if (done.current) return;
          // Leaving the field keeps a valid change and drops an invalid one.
          const title = value.trim();
          if (title.length > 0 && title.length <= TITLE_MAX && title !== c.title) void save();
          else actions.cancelRename();
        }}
      />
      <p id={hintId} className={error ? 'title-hint error' : 'title-hint'} role={error ? 'alert' : undefined}>
        {error ?? t('browse.renameHint')}
      </p>
    </div>
  );
}

const PencilIcon = () => (
  <svg viewBox="0 0 24 24" width="15" height="15" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
    <path d="M4 20h4L19 9l-4-4L4 16z" />
    <path d="M13.5 6.5l4 4" />
  </svg>
);

const TrashIcon = () => (
  <svg viewBox="0 0 24 24" width="15" height="15" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
    <path d="M4 7h16M9 7V4h6v3M6 7l1 13h10l1-13" />
  </svg>
);
