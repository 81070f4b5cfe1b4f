// The reply that is speaking when it is not on screen: another conversation is open, or none. A small
// control above the composer names the conversation it comes from (a click goes there) and offers Pause /
// Play and Stop playback, so sound never goes on with no way to stop it.
import { AudioLines, Square } from 'lucide-react';
import { useI18n } from '../i18n';
import { useNowPlaying } from '../player/playback';
import { findListRow } from '../state/conversation-list';
import { navigate } from '../state/router';
import { useAppState, useStore } from '../state/store-hooks';
import { IconButton } from '../ui';
import { PauseIcon, PlayIcon } from '../ui/icons';
import './now-playing.css';

export function NowPlaying() {
  const store = useStore();
  const { t } = useI18n();
  const playing = useNowPlaying(store.playback);
  const openId = useAppState((s) => s.open?.id ?? null);
  const owner = playing?.conversationId ?? null;
  const title = useAppState((s) => (owner ? findListRow(s.list, owner)?.title.trim() : undefined));
  if (!playing || (owner !== null && owner === openId)) return null;
  const name = title || t('nowPlaying.untitled');
  const paused = playing.state === 'paused';
  return (
    <div className="now-playing" role="region" aria-label={t('nowPlaying.label')}>
      <IconButton
        label={paused ? t('audio.play') : t('audio.pause')}
        className="now-playing-toggle"
        icon={paused ? <PlayIcon /> : <PauseIcon />}
        onClick={() => void store.replies.togglePlayback(playing.messageId)}
      />
      <AudioLines size={15} className={paused ? 'now-playing-mark paused' : 'now-playing-mark'} aria-hidden="true" />
      {owner ? (
        <button type="button" className="now-playing-title" title={t('nowPlaying.open', { title: name })}
          onClick={() => navigate({ name: 'conversation', id: owner })}>
          {t('nowPlaying.from', { title: name })}
        </button>
      ) : (
        <span className="now-playing-title">{t('nowPlaying.label')}</span>
      )}
      <IconButton
        label={t('nowPlaying.stop')}
        icon={<Square size={14} fill="currentColor" aria-hidden="true" />}
        onClick={() => store.playback.stop(playing.messageId)}
      />
    </div>
  );
}
