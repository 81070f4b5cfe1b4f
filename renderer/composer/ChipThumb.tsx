// A chip's picture: the thumbnail the core made (an image, a video's frame), a recording's small waveform,
// or the kind's icon until either is there (and for links, which are never fetched here).
import { File, FileAudio, Film, Image as ImageIcon, Link } from 'lucide-react';
import { useState } from 'react';
import type { AttachmentView } from '../../shared/domain';
import { draftUrl } from '../bridge/media-url';

/** Bars of a waveform as a small inline SVG (no canvas: nothing to redraw on resize or theme change). */
export function Bars({ peaks, bars, className }: { peaks: readonly number[]; bars: number; className?: string }) {
  const n = Math.max(1, Math.min(bars, peaks.length));
  const values = Array.from({ length: n }, (_, i) => {
    const from = Math.floor((i * peaks.length) / n);
    const to = Math.max(from + 1, Math.floor(((i + 1) * peaks.length) / n));
    return Math.max(...peaks.slice(from, to));
  });
  const w = 100 / n;
  return (
    <svg className={className} viewBox="0 0 100 100" preserveAspectRatio="none" aria-hidden="true" focusable="false">
      {values.map((v, i) => {
        const h = Math.max(6, v * 100);
        return <rect key={i} x={i * w + w * 0.2} y={(100 - h) / 2} width={w * 0.6} height={h} rx={Math.min(w * 0.3, 3)} />;
      })}
    </svg>
  );
}

export function ChipThumb({ a }: { a: AttachmentView }) {
  const [broken, setBroken] = useState(false);
  if (a.preview.thumb && !broken) {
    return <img className="chip-thumb" src={draftUrl(a.id, 'thumb')} alt="" decoding="async" onError={() => setBroken(true)} />;
  }
  if (a.preview.peaks.length > 0) {
    return (
      <span className="chip-thumb chip-thumb-wave">
        <Bars peaks={a.preview.peaks} bars={14} />
      </span>
    );
  }
  const Icon = a.facts?.linkHost ? Link : a.kind === 'audio' ? FileAudio : a.kind === 'video' ? Film : a.kind === 'image' ? ImageIcon : File;
  return (
    <span className="chip-thumb chip-thumb-icon" aria-hidden="true">
      <Icon size={20} strokeWidth={1.6} />
    </span>
  );
}
