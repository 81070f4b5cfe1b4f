// One message of the open conversation. An assistant reply shows its text as it streams (Markdown,
// markdown/), its reasoning folded away, how it ended when that was not a normal finish — a failure is said
// here, once, and not again in the window's notice — and one row of controls under it: the audio (Play /
// Pause, the waveform to seek, the time, the speed) and the reply's actions (Copy, Regenerate or Retry,
// Export WAV, versions, Details with the token usage), quiet until the reply is hovered or focused, always
// shown on the newest reply. User text stays plain. Playback figures ride along as data attributes so
// tests and benchmarks can read them from the page.
import { Download } from 'lucide-react';
import { memo } from 'react';
import type { Language, Message } from '../../shared/domain';
import { describeError, useI18n, type Translate } from '../i18n';
import { modelLabel } from '../i18n/format';
import { usePlaybackStats, type PlaybackStats } from '../player/playback';
import { useStore } from '../state/store-hooks';
import { IconButton } from '../ui';
import { CopyButton } from './markdown/CodeBlock';
import { Markdown } from './markdown/Markdown';
import { RetryCountdown } from './RetryCountdown';
import { TrimNote } from './TrimNote';
import { Attachments } from './Attachments';
import { ReplyAudio } from './ReplyAudio';
import { ReplyDetails } from './ReplyDetails';
import { SpokenTurn } from './SpokenTurn';
import { EditTurn } from './EditTurn';
import { RetryButton } from './RetryButton';
import { VersionSwitcher } from './VersionSwitcher';
import './reply-row.css';

/** `latest`: the newest message of the conversation, whose controls always show. */
export const MessageItem = memo(function MessageItem({ message, latest = false }: { message: Message; latest?: boolean }) {
  if (message.role === 'user') return message.liveSessionId ? <SpokenTurn message={message} /> : <UserMessage message={message} />;
  return <AssistantMessage message={message} latest={latest} />;
});

function UserMessage({ message }: { message: Message }) {
  const { t } = useI18n();
  return (
    <article className="message message-user" aria-label={t('conversation.user')} data-message-id={message.id}>
      <Attachments items={message.attachments} />
      <EditTurn message={message}>{message.text && <div className="bubble">{message.text}</div>}</EditTurn>
    </article>
  );
}

export function statusText(m: Message, lang: Language, t: Translate): string | null {
  switch (m.status) {
    case 'complete':
    case 'streaming':
      return null;
    case 'failed':
      return t('status.failed', { reason: m.error ? describeError(m.error, lang, t) : t('error.unknown') });
    default:
      return t(`status.${m.status}`);
  }
}

function isSounding(stats: PlaybackStats | null): boolean {
  return !!stats && (stats.state === 'idle' || stats.state === 'buffering' || stats.state === 'playing');
}

function AssistantMessage({ message: m, latest }: { message: Message; latest: boolean }) {
  const store = useStore();
  const { t, lang } = useI18n();
  const stats = usePlaybackStats(store.playback, m.id);
  const streaming = m.status === 'streaming';
  const status = statusText(m, lang, t);
  // The status line names the outcome; the reason (when it is not already in it) goes underneath.
  const detail = m.error && m.status !== 'failed' && m.status !== 'cancelled' ? describeError(m.error, lang, t) : null;
  const hasAudio = (m.audio?.samples ?? 0) > 0;
  const sounding = isSounding(stats);

  return (
    <article
      className={`message message-assistant status-${m.status}${latest ? ' latest' : ''}${m.liveSessionId ? ' message-live' : ''}`}
      aria-label={t('conversation.assistant')}
      aria-busy={streaming || undefined}
      data-message-id={m.id}
      data-status={m.status}
      data-playback-state={stats?.state ?? 'idle'}
      data-underruns={stats?.underruns ?? 0}
      data-played-samples={stats?.playedSamples ?? 0}
      data-output-samples={stats?.outputSamples ?? 0}
      data-first-sound-ms={stats?.firstSoundMs == null ? '' : Math.round(stats.firstSoundMs)}
      data-received-samples={stats?.pushedSamples ?? 0}
      data-worst-late-ms={stats?.worstLateMs == null ? '' : Math.round(stats.worstLateMs)}
      data-jitter-target-ms={stats?.jitter?.targetMs ?? ''}
    >
      <div className="assistant-head">
        <span className="avatar" aria-hidden="true" />
        <span className="assistant-name">{modelLabel(m.model)}</span>
        {m.voice && hasAudio && <span className="assistant-voice">· {m.voice}</span>}
      </div>
      {m.reasoning && (
        <details className="reasoning">
          <summary>{streaming && !m.text ? t('conversation.reasoningLive') : t('conversation.reasoning')}</summary>
          <div className="reasoning-text">{m.reasoning}</div>
        </details>
      )}
      {m.text ? (
        <div className={streaming ? 'reply-text markdown streaming' : 'reply-text markdown'}>
          <Markdown text={m.text} streaming={streaming} />
        </div>
      ) : (
        streaming && !m.reasoning && (
          <div className="typing" aria-label={t('conversation.replying')} role="img">
            <span /><span /><span />
          </div>
        )
      )}
      {status && (
        <p role="status" className="reply-status">
          {status}
        </p>
      )}
      {streaming && <RetryCountdown messageId={m.id} />}
      {detail && <p className="reply-detail">{detail}</p>}
      <TrimNote message={m} />
      {stats?.error && <p className="reply-detail">{t('audio.cannotPlay', { reason: stats.error })}</p>}
      <div className="reply-row">
        {hasAudio && <ReplyAudio message={m} sounding={sounding} />}
        {!streaming && (
          <div className="reply-actions" role="group" aria-label={t('reply.actions')}>
            {m.text && <CopyButton text={m.text} label={t('reply.copy')} copied={t('reply.copied')} />}
            <RetryButton message={m} />
            {hasAudio && (
              <IconButton
                label={t('audio.exportWav')}
                icon={<Download size={16} aria-hidden="true" />}
                onClick={() => void store.exports.replyWav(m.id)}
              />
            )}
            <ReplyDetails message={m} />
            <VersionSwitcher message={m} />
          </div>
        )}
      </div>
    </article>
  );
}
