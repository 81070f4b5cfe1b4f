// A picture's plan: sent as it is when the API takes its format and it fits one request; else converted
// (JPEG, PNG when it has transparency) and scaled to fit the bytes — and the input-token budget, which
// counts a picture by its 28-px tiles.
import type { MediaLimits } from '../../../shared/catalog';
import { pictureTokens, scaledSize } from '../../../shared/estimate';
import { note, type MediaNote } from '../../../shared/media-notes';
import { IMAGE_DEMUXERS, IMAGE_MIME_BY_CODEC, demuxerIn, imagePrefix, maxRawBytesForBudget } from './formats';
import { AS_IS, base, checkPicture, said, type MediaPlan, type PlanAction, type PlanOptions } from './plan';
import type { MediaProbe } from './probe';
import { measureTokens, type TokenBudget } from './token-fit';

export function planImage(p: MediaProbe, limits: MediaLimits, budget: number, opts: PlanOptions): MediaPlan {
  const w = p.width ?? 0;
  const h = p.height ?? 0;
  checkPicture(p, limits, w, h);
  const stillInVideo = !demuxerIn(p.formatName, IMAGE_DEMUXERS);
  const asIs = stillInVideo ? null : IMAGE_MIME_BY_CODEC[p.videoCodec ?? ''] ?? null;
  const mime = asIs ?? (p.hasAlpha ? 'image/png' : 'image/jpeg');
  const maxBytes = Math.min(limits.imageMaxBytes, maxRawBytesForBudget(budget, imagePrefix(mime)));
  // A picture counts by its 28-px tiles: asked for fewer tokens than it takes, it goes smaller.
  const fit = opts.tokens ? pictureFit(w, h, opts.tokens) : null;
  const plan: MediaPlan = { ...base(p), sendAs: 'image', actions: [], ...AS_IS, maxBytes, mime, tokens: fit?.tokens ?? null };
  if (asIs && p.size <= maxBytes && !fit?.longSide) return plan;
  const target = p.hasAlpha ? 'png' : 'jpeg';
  const targetMime = target === 'png' ? 'image/png' : 'image/jpeg';
  const outMax = Math.min(limits.imageMaxBytes, maxRawBytesForBudget(budget, imagePrefix(targetMime)));
  const label = target === 'png' ? 'PNG' : 'JPEG';
  const notes: MediaNote[] = [];
  const actions: PlanAction[] = [];
  if (!asIs) {
    actions.push('convert');
    notes.push(stillInVideo ? note('imageFromVideo', { from: p.formatLabel, to: label }) : note('imageConvert', { from: p.formatLabel, to: label }));
  }
  if (p.size > outMax && asIs) {
    actions.push('reencode');
    notes.push(note('imageReencode', { sizeBytes: p.size, limitBytes: outMax, to: label }));
  } else if (p.size > outMax) {
    notes.push(note('imageScaleIfNeeded', { limitBytes: outMax }));
  }
  if (fit?.longSide) {
    if (!actions.includes('scale')) actions.push('scale');
    notes.push(note('fitResolution', { side: fit.longSide, tokens: fit.tokens, limit: opts.tokens!.limit }));
  }
  return { ...plan, actions, ...said(notes), output: target, mime: targetMime, maxBytes: outMax, imageLongSide: fit?.longSide ?? null };
}

/** A picture's tokens, and the long side it must shrink to when they are more than the budget. */
function pictureFit(w: number, h: number, b: TokenBudget): { tokens: number; longSide: number | null } {
  const at = (side: number) => {
    const s = scaledSize(w, h, side);
    return measureTokens({ sendAs: 'image', durationSec: null, width: s.width, height: s.height, count: 1 }, b);
  };
  const natural = Math.max(w, h);
  if (at(natural) <= b.maxTokens) return { tokens: at(natural), longSide: null };
  for (let side = natural - (natural % 28); side >= 56; side -= 28) {
    if (at(side) <= b.maxTokens) return { tokens: at(side), longSide: side };
  }
  return { tokens: pictureTokens(56, 56), longSide: 56 };
}
