// The main pane: the open conversation (or a welcome for a new one), the window's notice, and the
// composer. Scrolls to the newest message while a reply streams unless the user scrolled up.
import { findModel } from '../../shared/catalog';
import { Composer } from '../composer/Composer';
import { useI18n } from '../i18n';
import { modelLabel } from '../i18n/format';
import { NoticeBar } from '../notices/NoticeBar';
import { useAppState } from '../state/react';
import { ArrowDownIcon } from '../ui/icons';
import { MessageItem } from './MessageItem';
import { useStickToBottom } from './useStickToBottom';

export function ConversationView() {
  const { t } = useI18n();
  const open = useAppState((s) => s.open);
  const conversations = useAppState((s) => s.conversations);
  const settingsOpen = useAppState((s) => s.settingsOpen);
  const settings = useAppState((s) => s.settings);
  const messages = open?.messages ?? [];
  const summary = open ? conversations.find((c) => c.id === open.id) : undefined;
  const last = messages[messages.length - 1];
  const lastUser = [...messages].reverse().find((m) => m.role === 'user');
  const streaming = [...messages].reverse().find((m) => m.role === 'assistant' && m.status === 'streaming');
  const scroll = useStickToBottom(last ? `${last.id}:${last.text.length}:${last.reasoning.length}:${last.status}` : null, `${open?.id ?? 'new'}:${lastUser?.id ?? ''}`);

  const title = open ? summary?.title.trim() || (open.loading ? '' : t('sidebar.untitled')) : t('sidebar.new');
  const model = findModel(settings.model);

  return (
    <main className="main">
      <header className="topbar">
        <h1 className="topbar-title">{title}</h1>
        {summary && <span className="chip">{modelLabel(summary.model)}</span>}
      </header>
      <div className="scroller" ref={scroll.ref} onScroll={scroll.onScroll}>
        {open ? (
          <div className="messages" aria-busy={open.loading || undefined}>
            {open.loading && messages.length === 0 && <p className="loading">{t('conversation.loading')}</p>}
            {messages.map((m) => (
              <MessageItem key={m.id} message={m} />
            ))}
          </div>
        ) : (
          <div className="welcome">
            <span className="welcome-mark" aria-hidden="true" />
            <h2>{t('conversation.emptyTitle')}</h2>
            <p>
              {settings.thinking && model?.thinking
                ? t('conversation.emptyThinking')
                : settings.speakReplies
                  ? t('conversation.emptySpeak', { voice: model?.voices.find((v) => v.id === settings.voice)?.label ?? settings.voice })
                  : t('conversation.emptyText')}
            </p>
          </div>
        )}
      </div>
      <div className="dock">
        {scroll.away && (
          <button type="button" className="button button-chip jump" onClick={scroll.jump}>
            <ArrowDownIcon />
            <span>{t('conversation.jumpToLatest')}</span>
          </button>
        )}
        {!settingsOpen && <NoticeBar />}
        <Composer streamingId={streaming?.id ?? null} />
      </div>
    </main>
  );
}
