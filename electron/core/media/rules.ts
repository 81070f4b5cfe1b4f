// The model's limits applied to a probed file: what will be done before sending (nothing, trim,
// re-encode, convert, scale, sample frames) as notes for the chip (codes with parameters, shared/media-notes.ts)
// — or a refusal that says why. The model's input-token limit is one of the limits: a plan never ends over it
// (token-fit.ts). Pure: no ffmpeg here; fit.ts carries the plan out.
import type { ErrorInfo } from '../../../shared/domain';
import type { MediaLimits } from '../../../shared/catalog';
import { pictureTokens, scaledSize } from '../../../shared/estimate';
import { note, noteText, type MediaNote } from '../../../shared/media-notes';
import { UserError } from '../user-error';
import {
  AUDIO_VIDEO_PREFIX, DEMUXERS_BY_KIND, IMAGE_DEMUXERS, IMAGE_MIME_BY_CODEC, demuxerIn, demuxerNames, imagePrefix,
  maxRawBytesForBudget, type ApiAudioFormat, type OutputContainer,
} from './formats';
import { refuse } from './messages';
import type { MediaProbe } from './probe';
import { fitAudioTokens, fitFramesTokens, fitVideoTokens, measureTokens, type TokenBudget } from './token-fit';

export type VideoMode = 'file' | 'frames';

export interface PlanOptions {
  /** Where the kept window starts when the file is too long, in seconds (default 0: from the start). */
  windowStartSec?: number;
  /** A video goes as one file (trimmed if needed) or as frames sampled across the whole of it. */
  videoMode?: VideoMode;
  /** The input tokens this attachment may take (the model's limit less the text's share); absent: no limit known. */
  tokens?: TokenBudget;
}

export type PlanAction = 'trim' | 'reencode' | 'convert' | 'scale' | 'frames';

export interface AudioEncode {
  bitrateKbps: number;
  channels: number;
  sampleRate: number;
}

export interface VideoEncode {
  /** Video bitrate ceiling (x264 maxrate), kbps. */
  videoKbps: number;
  audioKbps: number;
  audioChannels: number;
  /** The longer side of the output picture, px (never larger than the source). */
  longSide: number;
  fps: number;
}

export interface MediaPlan {
  source: MediaProbe;
  /** How it travels in the request. */
  sendAs: 'image' | 'audio' | 'video' | 'frames';
  /** Empty: the file goes as it is. */
  actions: PlanAction[];
  /** For the chip: what will be done, as codes with parameters. */
  notes: MediaNote[];
  /** The same in English, one sentence after another. */
  summary: string;
  /** The estimate of its input tokens once fitted (null: no token budget was given). */
  tokens: number | null;
  /** A picture scaled to at most this long side to stay within the token budget (null: by bytes only). */
  imageLongSide: number | null;
  /** The kept window when the file is too long; `maxStartSec` bounds where the user may move it. */
  trim: { startSec: number; durationSec: number; maxStartSec: number } | null;
  /** The output container; null when the original is sent unchanged. */
  output: OutputContainer | null;
  /** Try a stream copy first (cut from the start, same container); fit re-encodes if the copy misses. */
  copyFirst: boolean;
  /** Remux without re-encoding (a container the API does not name holding codecs MP4 takes). */
  remux: boolean;
  /** `input_audio.format` for audio. */
  apiFormat: ApiAudioFormat | null;
  /** The picture's MIME type for an image or for frames. */
  mime: string | null;
  /** Raw bytes allowed per item: the model's limit or the data-URL budget, whichever is smaller. */
  maxBytes: number;
  /** Seconds allowed (audio and video files). */
  maxSeconds: number | null;
  audio: AudioEncode | null;
  video: VideoEncode | null;
  frames: { count: number; longSide: number; /** The model's minimum. */ min: number } | null;
  /** Ways the chip may offer to send this file (a video over the limit: a trimmed file, or frames). */
  choices: VideoMode[];
  /** The ffmpeg `-format_whitelist` for fitting: the demuxer the probe found, nothing else. */
  formatWhitelist: string;
}

export type PlanResult = { ok: true; plan: MediaPlan } | { ok: false; error: ErrorInfo };

/** Cut this much under a time limit: container rounding must not tip the result over it. */
export const TRIM_MARGIN_SEC = 0.5;
/** Frames: one every this many seconds, within the model's count limits. */
export const FRAME_EVERY_SEC = 2;
export const FRAME_LONG_SIDE = 640;

const MP3_SPEECH_KBPS = [64, 56, 48, 40, 32, 24, 16, 8];

export function audioApiFormat(p: MediaProbe): ApiAudioFormat | null {
  const names = demuxerNames(p.formatName);
  const codec = p.audioCodec ?? '';
  if (names.includes('mp3') && codec === 'mp3') return 'mp3';
  if (names.includes('wav') && codec.startsWith('pcm_')) return 'wav';
  if (names.some((n) => n === 'amr' || n === 'amrnb' || n === 'amrwb')) return 'amr';
  if (names.includes('aac') && codec === 'aac') return 'aac';
  if (p.formatLabel === '3GP' && !p.hasVideo && ['amr_nb', 'amr_wb', 'aac'].includes(codec)) return '3gp';
  return null;
}

export const AUDIO_OUTPUT: Record<ApiAudioFormat, OutputContainer> = { mp3: 'mp3', wav: 'wav', amr: 'amr', aac: 'aac', '3gp': '3gp' };

/** The containers the guide names for video files, when the probe found one of them. */
export function videoApiContainer(p: MediaProbe): OutputContainer | null {
  switch (p.formatLabel) {
    case 'MP4': return 'mp4';
    case 'MOV': return 'mov';
    case 'MKV': return 'mkv';
    case 'AVI': return 'avi';
    case 'FLV': return 'flv';
    case 'WMV': return 'wmv';
    default: return null;
  }
}

export function audioEncodeFor(seconds: number, maxBytes: number, p: MediaProbe): AudioEncode | null {
  const fitKbps = Math.floor((maxBytes * 8 * 0.95) / Math.max(seconds, 1) / 1000);
  const srcRate = p.audioSampleRate ?? 44_100;
  if (fitKbps >= 128 && srcRate >= 32_000) {
    return { bitrateKbps: 128, channels: Math.min(2, p.audioChannels ?? 2), sampleRate: [32_000, 44_100, 48_000].includes(srcRate) ? srcRate : 44_100 };
  }
  // Speech rate: mono, 16 kHz (what speech models listen at), the highest MP3 bitrate that fits.
  const kbps = MP3_SPEECH_KBPS.find((k) => k <= fitKbps);
  return kbps === undefined ? null : { bitrateKbps: kbps, channels: 1, sampleRate: 16_000 };
}

export function videoEncodeFor(seconds: number, maxBytes: number, p: MediaProbe): VideoEncode | null {
  const totalKbps = Math.floor((maxBytes * 8 * 0.88) / Math.max(seconds, 1) / 1000);
  const audioKbps = !p.hasAudio ? 0
    : totalKbps >= 1500 ? 128 : totalKbps >= 600 ? 96 : totalKbps >= 250 ? 64 : totalKbps >= 120 ? 32 : 16;
  const videoKbps = Math.min(5000, totalKbps - audioKbps);
  if (videoKbps < 30) return null;
  const bySide = videoKbps >= 3000 ? 1920 : videoKbps >= 1500 ? 1280 : videoKbps >= 800 ? 960
    : videoKbps >= 400 ? 640 : videoKbps >= 200 ? 480 : 320;
  const srcLong = Math.max(p.width ?? 0, p.height ?? 0) || bySide;
  const srcFps = p.frameRate && p.frameRate > 0 ? p.frameRate : 30;
  return {
    videoKbps,
    audioKbps,
    audioChannels: audioKbps >= 96 ? Math.min(2, p.audioChannels ?? 2) : 1,
    longSide: Math.min(bySide, srcLong),
    fps: Math.max(2, Math.min(Math.round(srcFps * 1000) / 1000, videoKbps < 400 ? 15 : 30)),
  };
}

function window(duration: number, maxSeconds: number, requestedStart: number | undefined) {
  const keep = maxSeconds - TRIM_MARGIN_SEC;
  const maxStartSec = Math.max(0, duration - keep);
  const startSec = Math.min(Math.max(0, requestedStart ?? 0), maxStartSec);
  return { startSec, durationSec: keep, maxStartSec };
}

function trimNote(kind: 'audio' | 'video', duration: number, maxSeconds: number, startSec: number, keepSec: number): MediaNote {
  return startSec > 0
    ? note('trimPart', { kind, durationSec: duration, limitSec: maxSeconds, startSec, endSec: startSec + keepSec })
    : note('trimFirst', { kind, durationSec: duration, limitSec: maxSeconds, keepSec });
}

/** A plan's notes with their English sentence. */
function said(notes: MediaNote[]): { notes: MediaNote[]; summary: string } {
  return { notes, summary: notes.map(noteText).join(' ') };
}

function checkPicture(p: MediaProbe, limits: MediaLimits, width: number, height: number): void {
  if (Math.min(width, height) < limits.imageMinSidePx) {
    throw refuse.imageTooSmall(p.path, width, height, limits.imageMinSidePx);
  }
  const ratio = Math.max(width, height) / Math.min(width, height);
  if (ratio > limits.imageMaxAspect) throw refuse.imageTooThin(p.path, width, height, ratio, limits.imageMaxAspect);
}

function base(p: MediaProbe): Omit<MediaPlan, 'sendAs' | 'actions' | 'summary' | 'notes' | 'maxBytes'> {
  return {
    source: p, trim: null, output: null, copyFirst: false, remux: false, apiFormat: null, mime: null,
    maxSeconds: null, audio: null, video: null, frames: null, choices: [], formatWhitelist: p.formatName,
    tokens: null, imageLongSide: null,
  };
}

const AS_IS = said([note('asIs', {})]);

function planImage(p: MediaProbe, limits: MediaLimits, budget: number, opts: PlanOptions): MediaPlan {
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

/**
 * What audio and video plans share: the window kept (the model's longest, or `keepSec` when the token budget
 * allows less), its estimated size, and the note about the cut.
 */
function cutFor(p: MediaProbe, maxSeconds: number, opts: PlanOptions, kind: 'audio' | 'video', keepSec?: number) {
  const duration = p.durationSec ?? 0;
  const shorter = keepSec !== undefined && keepSec < Math.min(duration, maxSeconds - TRIM_MARGIN_SEC);
  const trim = shorter ? windowOf(duration, keepSec, opts.windowStartSec)
    : duration > maxSeconds ? window(duration, maxSeconds, opts.windowStartSec) : null;
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

function planAudio(p: MediaProbe, limits: MediaLimits, budget: number, opts: PlanOptions): MediaPlan {
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

function planVideo(p: MediaProbe, limits: MediaLimits, budget: number, opts: PlanOptions): MediaPlan {
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

/**
 * Decides what to do with a probed file for a model (`findModel(id).media`) and an endpoint's per-item
 * data-URL budget (`DASHSCOPE_DATA_URI_BUDGET` for DashScope; Infinity when media go by URL).
 */
export function planMedia(probe: MediaProbe, limits: MediaLimits, budget: number, opts: PlanOptions = {}): PlanResult {
  try {
    if (!demuxerIn(probe.formatName, DEMUXERS_BY_KIND[probe.kind])) throw refuse.formatNotAccepted(probe.path);
    const plan = probe.kind === 'image' ? planImage(probe, limits, budget, opts)
      : probe.kind === 'audio' ? planAudio(probe, limits, budget, opts)
        : planVideo(probe, limits, budget, opts);
    return { ok: true, plan };
  } catch (err) {
    if (err instanceof UserError) return { ok: false, error: err.info };
    throw err;
  }
}
