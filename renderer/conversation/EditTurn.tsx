// A question of the conversation, editable in place: Edit opens its text in a box; Save and send makes
// the edited text a new version of the question (its files go again with it) and asks for a new reply;
// the earlier version stays reachable with the version switcher.
import { Pencil } from 'lucide-react';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { Message } from '../../shared/domain';
import { useI18n } from '../i18n';
import { useStore } from '../state/store-hooks';
import { IconButton } from '../ui';
import { CopyButton } from './markdown/CodeBlock';
import { useBranchBusy, VersionSwitcher } from './VersionSwitcher';

export function EditTurn({ message, children }: { message: Message; children: ReactNode }) {
  const store = useStore();
  const { t } = useI18n();
  const busy = useBranchBusy();
  const [draft, setDraft] = useState<string | null>(null);
  // Cancel or Escape puts the keyboard back on Edit (the box it was in is gone).
  const editButton = useRef<HTMLButtonElement>(null);
  const backToEdit = useRef(false);
  useEffect(() => {
    if (draft !== null || !backToEdit.current) return;
    backToEdit.current = false;
    editButton.current?.focus();
  }, [draft]);
  const cancel = () => {
    backToEdit.current = true;
    setDraft(null);
  };

  if (draft === null) {
    return (
      <>
        {children}
        <div className="message-actions">
          <VersionSwitcher message={message} />
          {message.text && <CopyButton text={message.text} label={t('reply.copy')} copied={t('reply.copied')} />}
          <IconButton
            ref={editButton}
            label={t('branch.edit')}
            icon={<Pencil size={16} aria-hidden="true" />}
            disabled={busy}
            onClick={() => setDraft(message.text)}
          />
        </div>
      </>
    );
  }

  const empty = draft.trim().length === 0 && message.attachments.length === 0;
  const save = async () => {
    if (empty || busy) return;
    if (await store.versions.edit(message.id, draft)) setDraft(null);
  };
  return (
    <form
      className="edit-turn"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <textarea
        className="edit-turn-text"
        aria-label={t('branch.editLabel')}
        value={draft}
        autoFocus
        rows={Math.min(10, Math.max(2, draft.split('\n').length))}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') cancel();
          else if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
            e.preventDefault();
            void save();
          }
        }}
      />
      <div className="message-actions">
        <button type="submit" className="button button-primary" disabled={empty || busy}>
          {t('branch.saveAndSend')}
        </button>
        <button type="button" className="button" onClick={cancel}>
          {t('branch.cancel')}
        </button>
      </div>
    </form>
  );
}
