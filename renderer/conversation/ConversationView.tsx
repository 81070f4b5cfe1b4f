// The main pane: the open conversation (or a welcome for a new one), and below it the dock that App.tsx
// fills (the window's notice and the composer). Only the messages near the viewport are rendered
// (useMessageWindow), so a 1,000-turn conversation opens at once; it scrolls to the newest message while a
// reply streams unless the user scrolled up, and to a search hit when one is chosen.
import { useCallback, useMemo, type ReactNode } from 'react';
import { findModel } from '../../shared/catalog';
import { useI18n } from '../i18n';
import { findListRow } from '../state/conversation-list';
import { clearReveal, usePendingReveal } from '../state/reveal-request';
import { useAppState, useStore, useTurnSettings } from '../state/store-hooks';
import { useShortcut } from '../ui';
import { shownTitle } from '../ui/conversation-title';
import { ArrowDownIcon } from '../ui/icons';
import { ConversationHeader } from './ConversationHeader';
import { ExportConversationButton } from './ExportConversationButton';
import { LiveSessionDivider, liveSessionsOf } from './LiveSessionDivider';
import { MessageItem } from './MessageItem';
import { NowPlaying } from './NowPlaying';
import { ConversationUsage } from './UsageLine';
import { useMessageWindow } from './useMessageWindow';
import './virtual-list.css';

/** `leading`: what App.tsx puts at the header's start (Toggle sidebar, and more while the sidebar is folded). */
export function ConversationView({ dock, leading }: { dock: ReactNode; leading?: ReactNode }) {
  const { t } = useI18n();
  const store = useStore();
  useShortcut('Mod+N', 'shortcuts.newConversation', () => store.conversation.startNew(), 10);
  useShortcut('Escape', 'shortcuts.stop', () => store.turns.stopAll(), 30);
  const open = useAppState((s) => s.open);
  // The row the list shows (a rename in any window reaches it); one the list has not fetched came with the conversation.
  const listed = useAppState((s) => (open ? findListRow(s.list, open.id) : undefined));
  // What the next message goes with (a new conversation: the global Settings and the header's changes).
  const settings = useTurnSettings();
  const messages = open?.messages ?? [];
  const summary = open ? (listed ?? open.summary) : undefined;
  const last = messages[messages.length - 1];
  const lastUser = messages.findLast((m) => m.role === 'user');
  // Each live voice session's turns, so its first one is opened by the session's line (length, Export WAV).
  const sessions = useMemo(() => liveSessionsOf(messages), [messages]);
  const reveal = usePendingReveal();
  const onRevealed = useCallback((id: string) => clearReveal(id), []);
  const scroll = useMessageWindow({
    messages,
    contentKey: last ? `${last.id}:${last.text.length}:${last.reasoning.length}:${last.status}` : null,
    resetKey: `${open?.id ?? 'new'}:${lastUser?.id ?? ''}`,
    // A hit may lie above the last messages a long conversation opens on: revealed once all of it is read.
    reveal: open && !open.loading && !open.partial ? reveal : null,
    onRevealed,
  });

  const title = open ? (summary && (summary.title.trim() || summary.titleMedia) ? shownTitle(summary, t) : open.loading ? '' : t('sidebar.untitled')) : t('sidebar.new');
  const model = findModel(settings.model);

  return (
    <main className="main">
      <header className="topbar">
        {leading}
        <h1 className="topbar-title">{title}</h1>
        <ConversationHeader />
        {open && <ConversationUsage messages={messages} />}
        {open && !open.loading && messages.length > 0 && <ExportConversationButton conversationId={open.id} />}
      </header>
      <div className="scroller" ref={scroll.scrollRef} onScroll={scroll.onScroll}>
        {open ? (
          <div className="messages virtual-messages" aria-busy={open.loading || open.partial || undefined}>
            {open.loading && messages.length === 0 && <p className="loading">{t('conversation.loading')}</p>}
            <div className="virtual-spacer" ref={scroll.topRef} style={{ height: scroll.padTop }} aria-hidden="true" />
            {messages.slice(scroll.first, scroll.last).map((m) => (
              <div key={m.id} className="message-slot" data-key={m.id} ref={scroll.measure}>
                {m.liveSessionId && sessions.get(m.liveSessionId)?.[0] === m && (
                  <LiveSessionDivider sessionId={m.liveSessionId} turns={sessions.get(m.liveSessionId)!} />
                )}
                <MessageItem message={m} latest={m === last} />
              </div>
            ))}
            <div className="virtual-spacer" style={{ height: scroll.padBottom }} aria-hidden="true" />
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
        <NowPlaying />
        {scroll.away && (
          <button type="button" className="button button-chip jump" onClick={scroll.jump}>
            <ArrowDownIcon />
            <span>{t('conversation.jumpToLatest')}</span>
          </button>
        )}
        {dock}
      </div>
    </main>
  );
}
