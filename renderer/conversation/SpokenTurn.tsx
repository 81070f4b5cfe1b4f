// A turn the user spoke in a live voice session: what was said (its transcript) in the user's bubble, and
// under it a small player for the recording itself, with its real length from the start ("2.4 s"): the
// length is known from the stored turn, not from the file's metadata, so it never reads "0:00 / 0:00".
// No file name and no edit row: a spoken turn is a thing said, not a file sent. A turn whose transcript has
// not come yet says so quietly; one the service could not transcribe still plays.
import type { Message } from '../../shared/domain';
import { attachmentUrl } from '../bridge/media-url';
import { useI18n, type Translate } from '../i18n';
import { formatSeconds } from '../i18n/format';
import { formatDuration } from '../../shared/media-note-text';
import type { Language } from '../../shared/domain';
import { useAppState } from '../state/store-hooks';
import { MediaPlayer } from '../ui/MediaPlayer';
import './live-history.css';

/** The player's time: tenths of a second under 10 s ("0.8 / 2.4 s"), else "0:12 / 1:05" — as a reply's. */
export function spokenTime(currentSec: number, totalSec: number, lang: Language, t: Translate): string {
  if (totalSec < 10) {
    return `${formatSeconds(currentSec, 1, lang)} / ${t('reply.seconds', { seconds: formatSeconds(totalSec, 1, lang) })}`;
  }
  return t('player.time', { current: formatDuration(currentSec), total: formatDuration(totalSec) });
}

export function SpokenTurn({ message: m }: { message: Message }) {
  const { t, lang } = useI18n();
  // Its session is still on: the transcript may yet come.
  const live = useAppState((s) => s.liveVoice.sessionId !== null && s.liveVoice.sessionId === m.liveSessionId);
  const recording = m.attachments.find((a) => a.kind === 'audio');
  const text = m.text.trim();
  return (
    <article className="message message-user message-spoken" aria-label={t('conversation.user')} data-message-id={m.id} data-live-session={m.liveSessionId ?? undefined}>
      <div className="spoken-turn">
        <div className={text ? 'bubble' : 'bubble spoken-untranscribed'}>
          {text || (live ? t('liveHistory.transcribing') : t('liveHistory.noTranscript'))}
        </div>
        {recording && (
          <MediaPlayer
            kind="audio"
            className="spoken-recording"
            src={attachmentUrl(recording.id)}
            name={t('liveHistory.recording')}
            lengthSec={recording.durationSec}
            formatTime={(now, total) => spokenTime(now, total, lang, t)}
          />
        )}
      </div>
    </article>
  );
}
