// Asks before a conversation is deleted: a modal dialog naming it, Delete or Cancel (Escape cancels;
// Cancel has the focus, so a stray Enter deletes nothing).
import { useEffect, useId, useRef } from 'react';
import type { ConversationSummary } from '../../shared/domain';
import { useI18n } from '../i18n';

export function DeleteDialog(props: { target: ConversationSummary | null; onConfirm: (c: ConversationSummary) => void; onCancel: () => void }) {
  const { target, onConfirm, onCancel } = props;
  const { t } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const bodyId = useId();

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (target && !d.open) {
      d.showModal();
      cancel.current?.focus();
    }
    if (!target && d.open) d.close();
  }, [target]);

  return (
    <dialog ref={dialog} className="confirm-dialog" aria-labelledby={titleId} aria-describedby={bodyId} onClose={onCancel}>
      {target && (
        <div className="confirm-panel">
          <h2 id={titleId}>{t('browse.deleteTitle')}</h2>
          <p id={bodyId}>{t('browse.deleteBody', { title: target.title.trim() || t('sidebar.untitled') })}</p>
          <div className="confirm-buttons">
            <button ref={cancel} type="button" className="button button-ghost" onClick={onCancel}>
              {t('browse.cancel')}
            </button>
            <button type="button" className="button button-danger" onClick={() => onConfirm(target)}>
              {t('browse.deleteConfirm')}
            </button>
          </div>
        </div>
      )}
    </dialog>
  );
}
