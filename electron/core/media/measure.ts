// What the input-token estimate (shared/estimate.ts) needs to know of one stored media record: how it is
// sent and how long or large it is. A record is a prepared file (PreparedMedia) or a link (LinkedMedia), as
// the store keeps it; the attachment registry measures a chip with this, a chat turn its history.
import type { MediaMeasure } from '../../../shared/estimate';

/** A stored attachment record (prepared media or a link) as the estimate measures it; null when it is neither. */
export function measureRecord(record: unknown): MediaMeasure | null {
  if (!record || typeof record !== 'object') return null;
  const r = record as Record<string, unknown>;
  const sendAs = r.sendAs;
  if (sendAs !== 'image' && sendAs !== 'audio' && sendAs !== 'video' && sendAs !== 'frames') return null;
  const num = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);
  return {
    sendAs,
    durationSec: num(r.durationSec),
    width: num(r.width),
    height: num(r.height),
    count: Array.isArray(r.files) ? Math.max(1, r.files.length) : 1,
    ...(typeof r.hasAudio === 'boolean' ? { hasAudio: r.hasAudio } : {}),
  };
}
