// Plans for sound and moving pictures: the part kept (the model's longest, where the user moved it, or less
// when the input-token budget says so), the file as it is, a stream-copy cut, or an encode that fits the
// bytes; a video as frames sampled across all of it. Each says what it does as notes.
import type { MediaLimits } from '../../../shared/catalog';
import { note, type MediaNote } from '../../../shared/media-notes';
import { AUDIO_VIDEO_PREFIX, imagePrefix, maxRawBytesForBudget, type OutputContainer } from './formats';
import { AUDIO_OUTPUT, audioApiFormat, audioEncodeFor, videoApiContainer, videoEncodeFor } from './encoders';
import { refuse } from './messages';
import {
  AS_IS, FRAME_EVERY_SEC, FRAME_LONG_SIDE, TRIM_MARGIN_SEC, base, checkPicture, modelWindow, said, trimNote,
  type MediaPlan, type PlanAction, type PlanOptions, type VideoMode,
} from './plan';
import type { MediaProbe } from './probe';
import { fitAudioTokens, fitFramesTokens, fitVideoTokens } from './token-fit';

/**
 * What audio and video plans share: the window kept (the model's longest, or `keepSec` when the token budget
 * allows less), its estimated size, and the note about the cut.
 */
function cutFor(p: MediaProbe, maxSeconds: number, opts: PlanOptions, kind: 'audio' | 'video', keepSec?: number) {
  const duration = p.durationSec ?? 0;
  const shorter = keepSec !== undefined && keepSec < Math.min(duration, maxSeconds - TRIM_MARGIN_SEC);
  const trim = shorter ? windowOf(duration, keepSec, opts.windowStartSec)
    : duration > maxSeconds ? modelWindow(duration, maxSeconds, opts.windowStartSec) : null;
  const keep = trim?.durationSec ?? duration;
  const estimate = duration > 0 ? (p.size * keep) / duration : p.size;
  const actions: PlanAction[] = trim ? ['trim'] : [];
  // The model's own cut is said as its limit (the half second kept spare is container rounding, not news).
  const notes: MediaNote[] = trim ? [trimNote(kind, duration, maxSeconds, trim.startSec, shorter ? keep : maxSeconds)] : [];
  return { trim, keep, estimate, actions, notes };
}

/** A window of exactly `keep` seconds (the token budget's), inside the file. */
function windowOf(duration: number, keep: number, requestedStart: number | undefined) {
  const maxStartSec = Math.max(0, duration - keep);
  const startSec = Math.min(Math.max(0, requestedStart ?? 0), maxStartSec);
  return { startSec, durationSec: keep, maxStartSec };
}

/** Why a file is encoded again (`how` notes), added to a cut's actions and notes. */
function encodeReason(
  cut: { estimate: number; actions: PlanAction[]; notes: MediaNote[] },
  listed: boolean, maxBytes: number,
  how: { convert: MediaNote; reencode: (sizeBytes: number, limitBytes: number) => MediaNote; cut: MediaNote },
): void {
  if (!listed) {
    cut.actions.push('convert');
    cut.notes.push(how.convert);
  } else if (cut.estimate > maxBytes) {
    cut.actions.push('reencode');
    cut.notes.push(how.reencode(Math.round(cut.estimate), maxBytes));
  } else {
    cut.actions.push('reencode');
    cut.notes.push(how.cut);
  }
}

type Cut = ReturnType<typeof cutFor>;

/**
 * What audio and video plans share: the window kept; the file as it is when it is whole and fits in a
 * format the API takes (`copyAs`, else null); a stream-copy cut when the window starts at 0 and its
 * estimate fits (fit.ts checks the copy and encodes when it overshoots). Anything else is `encode`'s;
 * `mustEncode` (the token budget asks for smaller pictures) rules out the file as it is and the copy.
 */
function planTimed(
  p: MediaProbe, opts: PlanOptions,
  k: {
    sendAs: 'audio' | 'video'; maxBytes: number; maxSeconds: number; copyAs: OutputContainer | null; fields: Partial<MediaPlan>;
    keepSec?: number; mustEncode?: boolean; fitNote?: MediaNote | null; tokens?: number | null;
  },
  encode: (cut: Cut, plan: MediaPlan) => MediaPlan,
): MediaPlan {
  const cut = cutFor(p, k.maxSeconds, opts, k.sendAs, k.keepSec);
  if (k.fitNote) cut.notes.push(k.fitNote);
  const plan: MediaPlan = {
    ...base(p), sendAs: k.sendAs, actions: [], ...AS_IS, maxBytes: k.maxBytes,
    maxSeconds: k.maxSeconds, trim: cut.trim, tokens: k.tokens ?? null, ...k.fields,
  };
  if (!cut.trim && k.copyAs && p.size <= k.maxBytes && !k.mustEncode) return k.fitNote ? { ...plan, ...said(cut.notes) } : plan;
  if (k.copyAs && !k.mustEncode && cut.trim && cut.trim.startSec === 0 && cut.estimate <= k.maxBytes * 0.97) {
    return { ...plan, actions: cut.actions, ...said(cut.notes), output: k.copyAs, copyFirst: true };
  }
  return encode(cut, plan);
}

export function planAudio(p: MediaProbe, limits: MediaLimits, budget: number, opts: PlanOptions): MediaPlan {
  const maxBytes = Math.min(limits.audioMaxBytes, maxRawBytesForBudget(budget, AUDIO_VIDEO_PREFIX));
  const apiFormat = audioApiFormat(p);
  const copyAs = apiFormat && AUDIO_OUTPUT[apiFormat];
  const duration = p.durationSec ?? 0;
  const modelKeep = Math.min(duration, duration > limits.audioMaxSeconds ? limits.audioMaxSeconds - TRIM_MARGIN_SEC : duration);
  const fit = opts.tokens ? fitAudioTokens(modelKeep, opts.tokens) : null;
  const fitNote = fit?.shorter ? note('fitShorter', { keepSec: fit.keepSec, tokens: fit.tokens, limit: opts.tokens!.limit }) : null;
  return planTimed(p, opts, {
    sendAs: 'audio', maxBytes, maxSeconds: limits.audioMaxSeconds, copyAs, fields: { apiFormat },
    keepSec: fit?.shorter ? fit.keepSec : undefined, fitNote, tokens: fit?.tokens ?? null,
  }, (cut, plan) => {
    const enc = audioEncodeFor(cut.keep, maxBytes, p);
    if (!enc) throw refuse.cannotFit(p.path, maxBytes);
    const e = { channels: enc.channels, kbps: enc.bitrateKbps };
    encodeReason(cut, apiFormat !== null, maxBytes, {
      convert: note('convertAudio', { from: p.formatLabel, ...e }),
      reencode: (sizeBytes, limitBytes) => note('reencodeAudio', { sizeBytes, limitBytes, ...e }),
      cut: note('cutReencodeAudio', e),
    });
    return { ...plan, actions: cut.actions, ...said(cut.notes), output: 'mp3', apiFormat: 'mp3', audio: enc };
  });
}

/** Frames that cover the whole video at one every `FRAME_EVERY_SEC` (the fewer the token budget allows). */
const FRAMES_PREFER_MIN = 16;

function planFrames(p: MediaProbe, limits: MediaLimits, budget: number, choices: VideoMode[], opts: PlanOptions): MediaPlan {
  const duration = p.durationSec ?? 0;
  let count = Math.min(limits.videoFramesMax, Math.max(limits.videoFramesMin, Math.ceil(duration / FRAME_EVERY_SEC)));
  const srcLong = Math.max(p.width ?? 0, p.height ?? 0);
  let longSide = Math.min(FRAME_LONG_SIDE, srcLong);
  const notes: MediaNote[] = [];
  let tokens: number | null = null;
  if (opts.tokens && srcLong > 0) {
    const fit = fitFramesTokens({ width: p.width ?? 0, height: p.height ?? 0 }, count, longSide,
      { min: limits.videoFramesMin, preferMin: FRAMES_PREFER_MIN }, opts.tokens);
    if (!fit) throw refuse.cannotFit(p.path, 0);
    tokens = fit.tokens;
    if (fit.change !== 'none') {
      notes.push(fit.change === 'fewer'
        ? note('fitFrames', { count: fit.count, everySec: duration / fit.count, tokens: fit.tokens, limit: opts.tokens.limit })
        : note('fitResolution', { side: fit.longSide, tokens: fit.tokens, limit: opts.tokens.limit }));
      if (fit.change === 'smaller' && fit.count < count) {
        notes.push(note('fitFrames', { count: fit.count, everySec: duration / fit.count, tokens: fit.tokens, limit: opts.tokens.limit }));
      }
    }
    count = fit.count;
    longSide = fit.longSide;
  }
  const scale = srcLong > 0 ? longSide / srcLong : 1;
  checkPicture(p, limits, Math.round((p.width ?? 0) * scale), Math.round((p.height ?? 0) * scale));
  const mime = 'image/jpeg';
  return {
    ...base(p), sendAs: 'frames', actions: ['frames'], choices, mime, output: 'jpeg', tokens,
    maxBytes: Math.min(limits.imageMaxBytes, maxRawBytesForBudget(budget, imagePrefix(mime))),
    frames: { count, longSide, min: limits.videoFramesMin },
    ...said([note('frames', { count, durationSec: duration }), ...notes]),
  };
}

export function planVideo(p: MediaProbe, limits: MediaLimits, budget: number, opts: PlanOptions): MediaPlan {
  const needTrim = (p.durationSec ?? 0) > limits.videoMaxSeconds;
  const choices: VideoMode[] = needTrim ? ['file', 'frames'] : ['file'];
  if (opts.videoMode === 'frames') return planFrames(p, limits, budget, choices, opts);

  const maxBytes = Math.min(limits.videoMaxBytes, maxRawBytesForBudget(budget, AUDIO_VIDEO_PREFIX));
  const container = videoApiContainer(p);
  const duration = p.durationSec ?? 0;
  const modelKeep = needTrim ? limits.videoMaxSeconds - TRIM_MARGIN_SEC : duration;
  const fit = opts.tokens && p.width && p.height
    ? fitVideoTokens({ width: p.width, height: p.height, hasAudio: p.hasAudio }, modelKeep, opts.tokens)
    : null;
  const limit = opts.tokens?.limit ?? 0;
  const fitNote = !fit || fit.change === 'none' ? null
    : fit.change === 'resolution' ? note('fitResolution', { side: fit.longSide, tokens: fit.tokens, limit })
      : note('fitShorter', { keepSec: fit.keepSec, tokens: fit.tokens, limit });
  const tokenSide = fit && fit.change !== 'none' ? fit.longSide : null;
  return planTimed(p, opts, {
    sendAs: 'video', maxBytes, maxSeconds: limits.videoMaxSeconds, copyAs: container, fields: { choices },
    keepSec: fit?.change === 'shorter' ? fit.keepSec : undefined, mustEncode: tokenSide !== null, fitNote, tokens: fit?.tokens ?? null,
  }, (cut, plan) => {
    const mp4Codecs = p.videoCodec === 'h264' && (!p.hasAudio || p.audioCodec === 'aac' || p.audioCodec === 'mp3');
    if (!container && !cut.trim && mp4Codecs && p.size <= maxBytes && tokenSide === null) {
      cut.actions.push('convert');
      cut.notes.push(note('remux', { from: p.formatLabel }));
      return { ...plan, actions: cut.actions, ...said(cut.notes), output: 'mp4', remux: true };
    }
    const byBytes = videoEncodeFor(cut.keep, maxBytes, p);
    if (!byBytes) throw refuse.cannotFit(p.path, maxBytes);
    const enc = tokenSide !== null ? { ...byBytes, longSide: Math.min(byBytes.longSide, tokenSide) } : byBytes;
    const side = enc.longSide;
    // The fit note names the side already; the encoding's own note says the rest.
    encodeReason(cut, container !== null, maxBytes, {
      convert: note('convertVideo', { from: p.formatLabel, side }),
      reencode: (sizeBytes, limitBytes) => note('reencodeVideo', { sizeBytes, limitBytes, side }),
      cut: note('cutReencodeVideo', { side }),
    });
    cut.notes.push(note('videoEncoding', { kbps: enc.videoKbps, fps: enc.fps }));
    if (p.hasAudio) cut.notes.push(note('soundEncoding', { kbps: enc.audioKbps }));
    return { ...plan, actions: cut.actions, ...said(cut.notes), output: 'mp4', video: enc };
  });
}
