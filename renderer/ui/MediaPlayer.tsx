// Why our own controls and not the browser's: the browser's bar looks different in every engine and theme,
// is not translated with the app, and cannot be told apart from the page's other controls. This is the
// app's look in both themes: Play/Pause, a Seek slider (the kit's, so arrows, Page Up/Down, Home/End and
// drags work and its value is said as "0:12 of 0:45"), the time, and full screen for a video. The media
// element does the playing; its URL answers Range requests, so seeking fetches only what it needs.
import { Maximize2, Pause, Play } from 'lucide-react';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { formatDuration } from '../../shared/media-notes';
import { useI18n } from '../i18n';
import { IconButton } from './IconButton';
import { Slider } from './Slider';
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
}

export function MediaPlayer({ src, kind, name, className, autoPlay, onError, extra }: MediaPlayerProps) {
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
  const total = Math.max(duration, 0);
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
        <Slider
          className="media-player-seek" label={t('player.seek')} value={Math.min(time, total)} min={0} max={Math.max(total, 0.1)} step={0.1}
          disabled={total <= 0} onValueChange={seek}
          valueText={(v) => t('player.time', { current: formatDuration(v), total: formatDuration(total) })}
        />
        <span className="media-player-time" aria-hidden="true">
          {t('player.time', { current: formatDuration(time), total: formatDuration(total) })}
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
