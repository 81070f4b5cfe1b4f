// A reply's audio, the first part of its one row of controls: Play / Pause, its waveform as the seek bar
// (role slider "Seek": click or drag on it, or the arrow keys, Page Up/Down, Home/End), the time, and the
// Playback speed (0.75×–2×, the pitch kept; one speed for every reply). Seeking a stored reply makes its
// next (or current) playback start from that sample. A reply shorter than 10 s says its length in tenths
// of a second ("0.8 s"), not "0:00".
import { useEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { BridgeError } from '../../shared/bridge-error';
import type { Message } from '../../shared/domain';
import { formatDuration } from '../../shared/rules';
import { useI18n, type Translate } from '../i18n';
import { formatSeconds } from '../i18n/format';
import { usePlaybackPosition, usePlaybackRate } from '../player/playback';
import { useStore } from '../state/store-hooks';
import { IconButton, Select } from '../ui';
import { PauseIcon, PlayIcon } from '../ui/icons';
import { Waveform } from './Waveform';

const SPEEDS = [0.75, 1, 1.25, 1.5, 1.75, 2] as const;

export function PlayButton({ message, sounding }: { message: Message; sounding: boolean }) {
  const store = useStore();
  const { t } = useI18n();
  return (
    <IconButton
      label={sounding ? t('audio.pause') : t('audio.play')}
      className={sounding ? 'play-button playing' : 'play-button'}
      icon={sounding ? <PauseIcon /> : <PlayIcon />}
      onClick={() => void store.replies.togglePlayback(message.id, message.conversationId)}
    />
  );
}

function SpeedSelect() {
  const store = useStore();
  const { t, lang } = useI18n();
  const rate = usePlaybackRate(store.playback);
  const label = (r: number) => t('reply.speedValue', { rate: new Intl.NumberFormat(lang, { maximumFractionDigits: 2 }).format(r) });
  return (
    <Select
      className="speed-select"
      aria-label={t('reply.speed')}
      value={String(rate)}
      onValueChange={(v) => store.playback.setRate(Number(v))}
      options={SPEEDS.map((r) => ({ value: String(r), label: label(r) }))}
    />
  );
}

export function ReplyAudio({ message: m, sounding }: { message: Message; sounding: boolean }) {
  const store = useStore();
  const { t, lang } = useI18n();
  const total = m.audio?.samples ?? 0;
  const rate = m.audio?.sampleRate ?? 24_000;
  const streaming = m.status === 'streaming';
  const position = usePlaybackPosition(store.playback, m.id);
  const [drag, setDrag] = useState<number | null>(null);
  // The pointer's state is read by the next event, which may come before React renders again.
  const dragging = useRef(false);
  const peaks = usePeaks(m.id, total, streaming);
  if (total === 0) return null;

  const shown = drag ?? Math.min(total, position);
  const seek = (sample: number): void => {
    const at = Math.max(0, Math.min(total, Math.round(sample)));
    store.playback.seek(m.id, at).catch((err: unknown) => {
      if (err instanceof BridgeError) store.notices.notify(err.info);
    });
  };
  const fractionAt = (e: PointerEvent<HTMLDivElement>): number => {
    const r = e.currentTarget.getBoundingClientRect();
    return r.width > 0 ? Math.max(0, Math.min(1, (e.clientX - r.left) / r.width)) : 0;
  };
  const onPointerDown = (e: PointerEvent<HTMLDivElement>): void => {
    if (streaming || e.button !== 0) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    e.currentTarget.focus();
    dragging.current = true;
    setDrag(fractionAt(e) * total);
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>): void => {
    if (dragging.current) setDrag(fractionAt(e) * total);
  };
  const onPointerUp = (e: PointerEvent<HTMLDivElement>): void => {
    if (!dragging.current) return;
    dragging.current = false;
    setDrag(null);
    seek(fractionAt(e) * total);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    if (streaming) return;
    const step = rate; // one second
    const big = Math.max(step, Math.round(total / 10));
    const from = Math.min(total, position);
    const to = {
      ArrowRight: from + step, ArrowUp: from + step, ArrowLeft: from - step, ArrowDown: from - step,
      PageUp: from + big, PageDown: from - big, Home: 0, End: total,
    }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    seek(to);
  };

  const short = total < 10 * rate;
  const now = short ? formatSeconds(shown, rate, lang) : clock(shown, rate);
  const length = short ? formatSeconds(total, rate, lang) : clock(total, rate);
  return (
    <div className="reply-player">
      <PlayButton message={m} sounding={sounding} />
      <div
        className={streaming ? 'seek-bar disabled' : 'seek-bar'}
        role="slider"
        tabIndex={streaming ? -1 : 0}
        aria-label={t('media.seek')}
        aria-valuemin={0}
        aria-valuemax={Math.round((total / rate) * 10) / 10}
        aria-valuenow={Math.round((shown / rate) * 10) / 10}
        aria-valuetext={t('media.seekValue', { now, length })}
        aria-disabled={streaming || undefined}
        data-position-samples={Math.round(shown)}
        data-total-samples={total}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={() => {
          dragging.current = false;
          setDrag(null);
        }}
        onKeyDown={onKeyDown}
      >
        {/* Nothing to draw while the audio still grows: the live stream's main thread stays free. */}
        {!streaming && <Waveform peaks={peaks} progress={total > 0 ? shown / total : 0} />}
      </div>
      <span className="reply-time" aria-hidden="true">{timeText(now, length, short, t)}</span>
      <SpeedSelect />
    </div>
  );
}

/** The reply's peaks from the core, once it has finished streaming (its audio no longer grows). */
function usePeaks(messageId: string, samples: number, streaming: boolean): number[] | null {
  const store = useStore();
  const [peaks, setPeaks] = useState<number[] | null>(null);
  useEffect(() => {
    if (streaming || samples === 0) return;
    let alive = true;
    store.playback.waveform(messageId, samples).then(
      (p) => alive && setPeaks(p),
      () => alive && setPeaks(null),
    );
    return () => {
      alive = false;
    };
  }, [store, messageId, samples, streaming]);
  return peaks;
}

const clock = (samples: number, rate: number): string => formatDuration(samples / rate);

function timeText(now: string, length: string, short: boolean, t: Translate): string {
  return short ? `${now} / ${t('reply.seconds', { seconds: length })}` : `${now} / ${length}`;
}
