// Why our own controls and not the browser's: the browser's bar looks different in every engine and theme,
// is not translated with the app, and cannot be told apart from the page's other controls. This is the
// app's look in both themes: Play/Pause, a Seek slider (the platform's own range input, styled: arrows,
// Page Up/Down, Home/End and drags, its value said as "0:12 / 0:45"; not the kit's Radix slider, which
// would then load with every window — the chips' Keep from brings it in its own chunk), the time, and full
// screen for a video. The media element plays; its URL answers Range requests, so a seek fetches only what
// it needs.
import { Maximize2, Pause, Play } from 'lucide-react';
import { useEffect, useRef, useState, type CSSProperties, type ReactNode } from 'react';
import { formatDuration } from '../../shared/media-note-text';
import { useI18n } from '../i18n';
import { IconButton } from './IconButton';
import './media-player.css';

export interface MediaPlayerProps {
  src: string;
  kind: 'audio' | 'video';
  /** The file's name: the player's accessible name and what an error names. */
  name: string;
  className?: string;
  autoPlay?: boolean;
  /** Told when the media cannot be loaded (the caller may show something else). */
  onError?: () => void;
  /** Shown beside the controls (a caption, a button). */
  extra?: ReactNode;
  /** The file's length when it is known beforehand (seconds): said until the file's own metadata has loaded. */
  lengthSec?: number;
  /** How the time reads (seconds played, length); default "0:12 / 0:45". */
  formatTime?: (currentSec: number, totalSec: number) => string;
}

export function MediaPlayer({ src, kind, name, className, autoPlay, onError, extra, lengthSec, formatTime }: MediaPlayerProps) {
  const { t } = useI18n();
  const media = useRef<HTMLMediaElement | null>(null);
  const frame = useRef<HTMLDivElement>(null);
  const [playing, setPlaying] = useState(false);
  const [time, setTime] = useState(0);
  const [duration, setDuration] = useState(0);

  useEffect(() => {
    setTime(0);
    setPlaying(false);
  }, [src]);

  const toggle = () => {
    const el = media.current;
    if (!el) return;
    if (el.paused) void el.play().catch(() => setPlaying(false));
    else el.pause();
  };
  const seek = (v: number) => {
    const el = media.current;
    if (!el || !Number.isFinite(v)) return;
    el.currentTime = v;
    setTime(v);
  };
  const events = {
    onPlay: () => setPlaying(true),
    onPause: () => setPlaying(false),
    onEnded: () => setPlaying(false),
    onTimeUpdate: () => setTime(media.current?.currentTime ?? 0),
    onLoadedMetadata: () => setDuration(Number.isFinite(media.current?.duration) ? media.current!.duration : 0),
    onDurationChange: () => setDuration(Number.isFinite(media.current?.duration) ? media.current!.duration : 0),
    onError: () => onError?.(),
  };
  const total = Math.max(duration > 0 ? duration : (lengthSec ?? 0), 0);
  const timeText = formatTime ? formatTime(Math.min(time, total), total) : t('player.time', { current: formatDuration(time), total: formatDuration(total) });
  const label = playing ? t('player.pause') : t('player.play');
  return (
    <div className={['media-player', `media-player-${kind}`, className].filter(Boolean).join(' ')} ref={frame} data-playing={playing || undefined}>
      {kind === 'video' ? (
        <video
          ref={(el) => { media.current = el; }} className="media-player-screen" src={src} preload="metadata" playsInline
          autoPlay={autoPlay} aria-label={name} onClick={toggle} {...events}
        />
      ) : (
        <audio ref={(el) => { media.current = el; }} src={src} preload="metadata" autoPlay={autoPlay} aria-label={name} {...events} />
      )}
      <div className="media-player-bar">
        <IconButton
          label={label} className="media-player-play"
          icon={playing ? <Pause size={16} fill="currentColor" aria-hidden="true" /> : <Play size={16} fill="currentColor" aria-hidden="true" />}
          onClick={toggle}
        />
        <input
          type="range" className="media-player-seek" aria-label={t('player.seek')} min={0} max={Math.max(total, 0.1)} step={0.1}
          value={Math.min(time, total)} disabled={total <= 0} onChange={(e) => seek(Number(e.target.value))}
          aria-valuetext={timeText}
          style={{ '--played': `${total > 0 ? (Math.min(time, total) / total) * 100 : 0}%` } as CSSProperties}
        />
        <span className="media-player-time" aria-hidden="true">
          {timeText}
        </span>
        {kind === 'video' && (
          <IconButton
            label={t('player.fullScreen')} icon={<Maximize2 size={15} aria-hidden="true" />}
            onClick={() => void frame.current?.requestFullscreen?.().catch(() => {})}
          />
        )}
        {extra}
      </div>
    </div>
  );
}
