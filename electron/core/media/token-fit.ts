// Keeping a plan within the model's input-token limit, by the same estimate the composer shows
// (shared/estimate.ts, calibrated by the server's counts): a video file's pictures go at a lower resolution,
// and only when the smallest still does not fit is a shorter part kept; frames go fewer (and smaller); a long
// recording keeps a shorter part. Pure arithmetic: rules.ts says what it means for the plan and the chip.
import type { ModelInfo } from '../../../shared/catalog';
import { estimateMediaTokens, scaledSize, VIDEO_PICTURE_LONG_SIDE, type Calibration, type MediaMeasure } from '../../../shared/estimate';

export interface TokenBudget {
  /** The most input tokens this attachment may take. */
  maxTokens: number;
  /** The model's input limit (what the chip names). */
  limit: number;
  model: Pick<ModelInfo, 'audioTokensPerSecond'>;
  calibration: Calibration;
}

/** A part shortened to fit the budget keeps this much spare: a cut's container rounds its length up a little. */
const KEEP_MARGIN_SEC = 0.5;

/** Below this a picture says too little; a shorter part is kept instead. */
export const MIN_VIDEO_SIDE = 160;
const SIDE_STEP = 8;

const evenDown = (x: number) => Math.max(2, 2 * Math.floor(x / 2));

export function measureTokens(m: MediaMeasure, b: Pick<TokenBudget, 'model' | 'calibration'>): number {
  return estimateMediaTokens(m, b.model, b.calibration);
}

export interface VideoFit {
  /** The long side the pictures go at (the source's when nothing changes). */
  longSide: number;
  keepSec: number;
  tokens: number;
  change: 'none' | 'resolution' | 'shorter';
}

/** A video file's kept part at `seconds`: lower the resolution until it fits, then keep less of it. */
export function fitVideoTokens(
  src: { width: number; height: number; hasAudio: boolean }, seconds: number, b: TokenBudget,
): VideoFit {
  const natural = Math.max(src.width, src.height);
  const tokensAt = (side: number, sec: number) => {
    const s = scaledSize(src.width, src.height, side);
    return measureTokens({ sendAs: 'video', durationSec: sec, width: s.width, height: s.height, count: 1, hasAudio: src.hasAudio }, b);
  };
  // Checked with the spare a cut's container may add, so what is measured after fitting fits too.
  const fits = (side: number) => tokensAt(side, seconds + KEEP_MARGIN_SEC) <= b.maxTokens;
  const whole = tokensAt(natural, seconds);
  if (fits(natural) || natural <= 0) return { longSide: natural, keepSec: seconds, tokens: whole, change: 'none' };
  // The estimate sees at most 640 px; below that, each step down is fewer tiles.
  for (let side = evenDown(Math.min(natural, VIDEO_PICTURE_LONG_SIDE)); side >= MIN_VIDEO_SIDE; side -= SIDE_STEP) {
    if (fits(side)) return { longSide: side, keepSec: seconds, tokens: tokensAt(side, seconds), change: 'resolution' };
  }
  const side = Math.min(natural, MIN_VIDEO_SIDE);
  const keepSec = Math.max(0.5, longestWithin((sec) => tokensAt(side, sec), seconds, b.maxTokens) - KEEP_MARGIN_SEC);
  return { longSide: side, keepSec, tokens: tokensAt(side, keepSec), change: 'shorter' };
}

/** A recording's kept part: as long as the budget allows. */
export function fitAudioTokens(seconds: number, b: TokenBudget): { keepSec: number; tokens: number; shorter: boolean } {
  const at = (sec: number) => measureTokens({ sendAs: 'audio', durationSec: sec, width: null, height: null, count: 1 }, b);
  if (at(seconds) <= b.maxTokens) return { keepSec: seconds, tokens: at(seconds), shorter: false };
  const keepSec = Math.max(0.5, longestWithin(at, seconds, b.maxTokens) - KEEP_MARGIN_SEC);
  return { keepSec, tokens: at(keepSec), shorter: true };
}

export interface FramesFit {
  count: number;
  longSide: number;
  tokens: number;
  change: 'none' | 'fewer' | 'smaller';
}

/**
 * A video as frames: the planned count at the planned size when it fits; else fewer frames (not below
 * `preferMin`, so the whole stays covered), then smaller ones, and at the smallest as many as fit (not below
 * the model's minimum: null when even that does not fit).
 */
export function fitFramesTokens(
  src: { width: number; height: number }, count: number, longSide: number,
  limits: { min: number; preferMin: number }, b: TokenBudget,
): FramesFit | null {
  const tokensAt = (n: number, side: number) => {
    const s = scaledSize(src.width, src.height, side);
    return measureTokens({ sendAs: 'frames', durationSec: null, width: s.width, height: s.height, count: n }, b);
  };
  if (tokensAt(count, longSide) <= b.maxTokens) return { count, longSide, tokens: tokensAt(count, longSide), change: 'none' };
  const per = (side: number) => tokensAt(1, side);
  const fewer = Math.floor(b.maxTokens / per(longSide));
  if (fewer >= Math.min(count, limits.preferMin)) return { count: fewer, longSide, tokens: tokensAt(fewer, longSide), change: 'fewer' };
  for (let side = evenDown(longSide) - SIDE_STEP; side >= MIN_VIDEO_SIDE; side -= SIDE_STEP) {
    const n = Math.min(count, Math.floor(b.maxTokens / per(side)));
    if (n >= Math.min(count, limits.preferMin) || side - SIDE_STEP < MIN_VIDEO_SIDE) {
      if (n < limits.min) return null;
      return { count: n, longSide: side, tokens: tokensAt(n, side), change: 'smaller' };
    }
  }
  return null;
}

/** The longest length (to 0.5 s) whose tokens stay within `max`; tokens grow with the length. */
function longestWithin(tokens: (sec: number) => number, upTo: number, max: number): number {
  let lo = 0;
  let hi = Math.floor(upTo * 2);
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (tokens(mid / 2) <= max) lo = mid;
    else hi = mid - 1;
  }
  return lo / 2;
}
