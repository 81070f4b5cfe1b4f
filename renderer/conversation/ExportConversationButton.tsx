// "Export conversation" in the conversation's header: Markdown with its media and one WAV of all replies.
// Electron asks for a folder; the browser shell downloads one .zip. Failures become the window's notice.
import { useState } from 'react';
import { useI18n } from '../i18n';
import { useStore } from '../state/store-hooks';

export function ExportConversationButton({ conversationId }: { conversationId: string }) {
  const store = useStore();
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button" className="button button-chip" disabled={busy} aria-busy={busy || undefined}
      onClick={() => {
        setBusy(true);
        void store.exports.conversation(conversationId).finally(() => setBusy(false));
      }}
    >
      {t('safety.exportConversation')}
    </button>
  );
}
