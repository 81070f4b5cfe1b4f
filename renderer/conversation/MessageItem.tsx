// One message of the open conversation. An assistant reply shows its text as it streams, its
// reasoning folded away, how it ended when that was not a normal finish, its token usage, and a
// Play/Pause button when it has audio. Reply text is rendered as Markdown (markdown/); user text stays
// plain. Playback figures ride along as data attributes so tests and benchmarks can read them from the page.
import { memo } from 'react';
import type { Language, Message } from '../../shared/domain';
import { describeError, useI18n, type Translate } from '../i18n';
import { formatSeconds, modelLabel } from '../i18n/format';
import { usePlaybackStats, type PlaybackStats } from '../player/playback';
import { useStore } from '../state/store-hooks';
import { Markdown } from './markdown/Markdown';
import { RetryCountdown } from './RetryCountdown';
import { TrimNote } from './TrimNote';
import { UsageLine } from './UsageLine';
import { Attachments } from './Attachments';
import { ReplyAudio } from './ReplyAudio';
import { EditTurn } from './EditTurn';
import { RetryButton } from './RetryButton';
import { VersionSwitcher } from './VersionSwitcher';

export const MessageItem = memo(function MessageItem({ message }: { message: Message }) {
  return message.role === 'user' ? <UserMessage message={message} /> : <AssistantMessage message={message} />;
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

function AssistantMessage({ message: m }: { message: Message }) {
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
      className={`message message-assistant status-${m.status}`}
      aria-label={t('conversation.assistant')}
      aria-busy={streaming || undefined}
      data-message-id={m.id}
      data-status={m.status}
      data-playback-state={stats?.state ?? 'idle'}
      data-underruns={stats?.underruns ?? 0}
      data-played-samples={stats?.playedSamples ?? 0}
      data-first-sound-ms={stats?.firstSoundMs == null ? '' : Math.round(stats.firstSoundMs)}
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
          <Markdown text={m.text} />
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
      <div className="reply-branch">
        <VersionSwitcher message={m} />
        <RetryButton message={m} />
      </div>
      {hasAudio && <ReplyAudio message={m} sounding={sounding} />}
      {(hasAudio || m.usage) && (
        <div className="reply-foot">
          {hasAudio && !streaming && (
            <button
              type="button"
              className="button button-chip"
              aria-label={t('audio.exportWav')}
              onClick={() => void store.exports.replyWav(m.id)}
            >
              <span>{t('audio.exportWav')}</span>
            </button>
          )}
          {hasAudio && m.audio && (
            <span className="audio-length">{t('audio.seconds', { seconds: formatSeconds(m.audio.samples, m.audio.sampleRate, lang) })}</span>
          )}
          {m.usage && <UsageLine usage={m.usage} />}
        </div>
      )}
    </article>
  );
}
