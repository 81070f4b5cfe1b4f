// "Export conversation" in the conversation's header: Markdown with its media and one WAV of all replies.
// Electron asks for a folder; the browser shell downloads one .zip. Failures become the window's notice.
// A quiet icon (its name is its tooltip), so the header keeps its room for the title at 800 px.
import { useState } from 'react';
import { Share } from 'lucide-react';
import { useI18n } from '../i18n';
import { useStore } from '../state/store-hooks';
import { IconButton } from '../ui';

export function ExportConversationButton({ conversationId }: { conversationId: string }) {
  const store = useStore();
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  return (
    <IconButton
      label={t('safety.exportConversation')} tooltipSide="bottom" icon={<Share size={17} aria-hidden="true" />}
      disabled={busy} aria-busy={busy || undefined}
      onClick={() => {
        setBusy(true);
        void store.exports.conversation(conversationId).finally(() => setBusy(false));
      }}
    />
  );
}
