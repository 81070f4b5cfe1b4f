// Choosing the part of a long recording or video that is sent: the file's filmstrip (a video) or waveform
// (a recording) across the whole length, a window as wide as the model takes, and its start as the kit's
// slider named `Keep from` (arrows move it a second, Page Up/Down ten, Home/End to either end; a drag
// anywhere on the track). The slider spans only the starts the window can have, so its thumb sits on the
// window's left edge. A move is sent to the core once it settles; the core fits exactly that part, which
// Play then plays (the prepared file, not the original: what is heard is what goes).
import { Play } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import type { AttachmentView } from '../../shared/domain';
import { formatDuration } from '../../shared/media-note-text';
import { draftUrl } from '../bridge/media-url';
import { useI18n } from '../i18n';
import { useStore } from '../state/store-hooks';
import { Dialog, IconButton } from '../ui';
import { Slider } from '../ui/Slider';
import { MediaPlayer } from '../ui/MediaPlayer';
import { Bars } from './ChipThumb';

/** How long a move waits for the next before the core is asked to fit the part again. */
const SETTLE_MS = 450;

export function KeepRange({ a }: { a: AttachmentView }) {
  const store = useStore();
  const { t } = useI18n();
  const keep = a.keep!;
  const maxStart = a.maxStartSec ?? 0;
  const [start, setStart] = useState(keep.startSec);
  const [previewing, setPreviewing] = useState(false);
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);

  // The core's answer (or another window's move) wins once nothing is waiting to be sent.
  useEffect(() => {
    if (!pending.current) setStart(keep.startSec);
  }, [keep.startSec]);
  useEffect(() => () => {
    if (pending.current) clearTimeout(pending.current);
  }, []);

  const commit = (v: number) => {
    if (pending.current) clearTimeout(pending.current);
    pending.current = setTimeout(() => {
      pending.current = null;
      if (Math.abs(v - keep.startSec) >= 0.5) void store.attachments.setOptions(a.id, { windowStartSec: v });
    }, SETTLE_MS);
  };

  const total = Math.max(keep.totalSec, 0.001);
  const pct = (s: number) => `${Math.min(100, Math.max(0, (s / total) * 100))}%`;
  // The model's own cut keeps half a second spare for container rounding: said as its limit.
  const end = start + Math.ceil(keep.durationSec);
  const span = { start: formatDuration(start), end: formatDuration(end), total: formatDuration(keep.totalSec) };
  const canPreview = a.state === 'ready' && a.preview.kept && Math.abs(start - keep.startSec) < 0.5;
  const kind = a.kind === 'video' ? 'video' : 'audio';

  return (
    <div className="keep" data-start={Math.round(start)}>
      <div className="keep-track">
        {a.kind === 'video' && a.preview.strip > 0 ? (
          <img className="keep-strip" src={draftUrl(a.id, 'strip')} alt="" draggable={false} />
        ) : a.preview.peaks.length > 0 ? (
          <Bars className="keep-wave" peaks={a.preview.peaks} bars={96} />
        ) : (
          <span className="keep-empty" />
        )}
        <span className="keep-shade" style={{ left: 0, width: pct(start) }} />
        <span className="keep-shade" style={{ left: pct(end), right: 0 }} />
        <span className="keep-window" style={{ left: pct(start), width: pct(keep.durationSec) }} />
        <div className="keep-slider" style={{ width: pct(maxStart) }}>
          <Slider
            label={t('attach.keepFrom')} value={Math.min(start, maxStart)} min={0} max={Math.max(maxStart, 1)} step={1}
            onValueChange={setStart} onValueCommit={commit}
            valueText={(v) => t('attach.keepValue', { start: formatDuration(v), end: formatDuration(v + Math.ceil(keep.durationSec)), total: span.total })}
          />
        </div>
      </div>
      <div className="keep-foot">
        <span className="keep-label">{t('attach.keepLabel', span)}</span>
        <IconButton
          label={t('attach.preview')} className="keep-play" disabled={!canPreview}
          icon={<Play size={14} fill="currentColor" aria-hidden="true" />} onClick={() => setPreviewing(true)}
        />
      </div>
      <Dialog open={previewing} onOpenChange={setPreviewing} title={t('attach.previewTitle', { name: a.name })} closeLabel={t('lightbox.close')} size="medium">
        {previewing && (
          <MediaPlayer
            kind={kind} name={a.name} autoPlay className="keep-preview"
            src={draftUrl(a.id, 'kept', a.preview.keptVersion)}
          />
        )}
      </Dialog>
    </div>
  );
}
