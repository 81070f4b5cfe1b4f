// The model's limits applied to a probed file: what will be done before sending (nothing, trim,
// re-encode, convert, scale, sample frames) with a sentence for the chip — or a refusal that says why.
// Pure: no ffmpeg here; fit.ts carries the plan out.
import type { ErrorInfo } from '../../../shared/domain';
import type { MediaLimits } from '../../../shared/catalog';
import { UserError } from '../user-error';
import {
  AUDIO_VIDEO_PREFIX, DEMUXERS_BY_KIND, IMAGE_DEMUXERS, IMAGE_MIME_BY_CODEC, demuxerIn, demuxerNames, imagePrefix,
  maxRawBytesForBudget, type ApiAudioFormat, type OutputContainer,
} from './formats';
import { formatBytes, formatDuration, refuse } from './messages';
import type { MediaProbe } from './probe';

export type VideoMode = 'file' | 'frames';

export interface PlanOptions {
  /** Where the kept window starts when the file is too long, in seconds (default 0: from the start). */
  windowStartSec?: number;
  /** A video goes as one file (trimmed if needed) or as frames sampled across the whole of it. */
  videoMode?: VideoMode;
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
  /** For the chip: what will be done, in a sentence or two. */
  summary: string;
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

function trimSentence(kind: string, duration: number, maxSeconds: number, startSec: number): string {
  const part = startSec > 0
    ? `only ${formatDuration(startSec)}–${formatDuration(startSec + maxSeconds)} will be sent`
    : `only the first ${formatDuration(maxSeconds)} will be sent`;
  return `This ${kind} is longer than the model accepts (${formatDuration(duration)}; the limit is ${formatDuration(maxSeconds)}): ${part}.`;
}

function checkPicture(p: MediaProbe, limits: MediaLimits, width: number, height: number): void {
  if (Math.min(width, height) < limits.imageMinSidePx) {
    throw refuse.imageTooSmall(p.path, width, height, limits.imageMinSidePx);
  }
  const ratio = Math.max(width, height) / Math.min(width, height);
  if (ratio > limits.imageMaxAspect) throw refuse.imageTooThin(p.path, width, height, ratio, limits.imageMaxAspect);
}

function base(p: MediaProbe): Omit<MediaPlan, 'sendAs' | 'actions' | 'summary' | 'maxBytes'> {
  return {
    source: p, trim: null, output: null, copyFirst: false, remux: false, apiFormat: null, mime: null,
    maxSeconds: null, audio: null, video: null, frames: null, choices: [], formatWhitelist: p.formatName,
  };
}

function planImage(p: MediaProbe, limits: MediaLimits, budget: number): MediaPlan {
  const w = p.width ?? 0;
  const h = p.height ?? 0;
  checkPicture(p, limits, w, h);
  const stillInVideo = !demuxerIn(p.formatName, IMAGE_DEMUXERS);
  const asIs = stillInVideo ? null : IMAGE_MIME_BY_CODEC[p.videoCodec ?? ''] ?? null;
  const mime = asIs ?? (p.hasAlpha ? 'image/png' : 'image/jpeg');
  const maxBytes = Math.min(limits.imageMaxBytes, maxRawBytesForBudget(budget, imagePrefix(mime)));
  const plan: MediaPlan = { ...base(p), sendAs: 'image', actions: [], summary: 'It will be sent as it is.', maxBytes, mime };
  if (asIs && p.size <= maxBytes) return plan;
  const target = p.hasAlpha ? 'png' : 'jpeg';
  const targetMime = target === 'png' ? 'image/png' : 'image/jpeg';
  const outMax = Math.min(limits.imageMaxBytes, maxRawBytesForBudget(budget, imagePrefix(targetMime)));
  const label = target === 'png' ? 'PNG' : 'JPEG';
  const sentences: string[] = [];
  const actions: PlanAction[] = [];
  if (!asIs) {
    actions.push('convert');
    sentences.push(`${stillInVideo ? `A one-frame ${p.formatLabel} video` : p.formatLabel} is not sent as it is: it will be converted to ${label}.`);
  }
  if (p.size > outMax && asIs) {
    actions.push('reencode');
    sentences.push(`It is larger than one request allows (${formatBytes(p.size)}; the limit is ${formatBytes(outMax)}): it will be re-encoded as ${label}, scaled down if needed.`);
  } else if (p.size > outMax) {
    sentences.push(`It will be scaled down if needed to fit one request (${formatBytes(outMax)}).`);
  }
  return { ...plan, actions, summary: sentences.join(' '), output: target, mime: targetMime, maxBytes: outMax };
}

/** What audio and video plans share: the window kept, its estimated size, and the sentence about the cut. */
function cutFor(p: MediaProbe, maxSeconds: number, opts: PlanOptions, noun: string) {
  const duration = p.durationSec ?? 0;
  const trim = duration > maxSeconds ? window(duration, maxSeconds, opts.windowStartSec) : null;
  const keep = trim?.durationSec ?? duration;
  const estimate = duration > 0 ? (p.size * keep) / duration : p.size;
  const actions: PlanAction[] = trim ? ['trim'] : [];
  const sentences = trim ? [trimSentence(noun, duration, maxSeconds, trim.startSec)] : [];
  return { trim, keep, estimate, actions, sentences };
}

/** Why a file is encoded again (`how` it will be), added to a cut's actions and sentences. */
function encodeReason(
  cut: { estimate: number; actions: PlanAction[]; sentences: string[] },
  p: MediaProbe, listed: boolean, maxBytes: number, how: string, notListed: string,
): void {
  if (!listed) {
    cut.actions.push('convert');
    cut.sentences.push(`${p.formatLabel} is not one of the formats ${notListed}: it will be converted to ${how}.`);
  } else if (cut.estimate > maxBytes) {
    cut.actions.push('reencode');
    cut.sentences.push(`It is larger than one request allows (${formatBytes(Math.round(cut.estimate))}; the limit is ${formatBytes(maxBytes)}): it will be re-encoded as ${how}.`);
  } else {
    cut.actions.push('reencode');
    cut.sentences.push(`The cut part will be re-encoded as ${how}.`);
  }
}

type Cut = ReturnType<typeof cutFor>;

/**
 * What audio and video plans share: the window kept; the file as it is when it is whole and fits in a
 * format the API takes (`copyAs`, else null); a stream-copy cut when the window starts at 0 and its
 * estimate fits (fit.ts checks the copy and encodes when it overshoots). Anything else is `encode`'s.
 */
function planTimed(
  p: MediaProbe, opts: PlanOptions,
  k: { sendAs: 'audio' | 'video'; maxBytes: number; maxSeconds: number; noun: string; copyAs: OutputContainer | null; fields: Partial<MediaPlan> },
  encode: (cut: Cut, plan: MediaPlan) => MediaPlan,
): MediaPlan {
  const cut = cutFor(p, k.maxSeconds, opts, k.noun);
  const plan: MediaPlan = {
    ...base(p), sendAs: k.sendAs, actions: [], summary: 'It will be sent as it is.', maxBytes: k.maxBytes,
    maxSeconds: k.maxSeconds, trim: cut.trim, ...k.fields,
  };
  if (!cut.trim && k.copyAs && p.size <= k.maxBytes) return plan;
  if (k.copyAs && cut.trim && cut.trim.startSec === 0 && cut.estimate <= k.maxBytes * 0.97) {
    return { ...plan, actions: cut.actions, summary: cut.sentences.join(' '), output: k.copyAs, copyFirst: true };
  }
  return encode(cut, plan);
}

function planAudio(p: MediaProbe, limits: MediaLimits, budget: number, opts: PlanOptions): MediaPlan {
  const maxBytes = Math.min(limits.audioMaxBytes, maxRawBytesForBudget(budget, AUDIO_VIDEO_PREFIX));
  const apiFormat = audioApiFormat(p);
  const copyAs = apiFormat && AUDIO_OUTPUT[apiFormat];
  return planTimed(p, opts, { sendAs: 'audio', maxBytes, maxSeconds: limits.audioMaxSeconds, noun: 'recording', copyAs, fields: { apiFormat } }, (cut, plan) => {
    const enc = audioEncodeFor(cut.keep, maxBytes, p);
    if (!enc) throw refuse.cannotFit(p.path, maxBytes);
    const how = `${enc.channels === 1 ? 'mono' : 'stereo'} MP3 at ${enc.bitrateKbps} kbps`;
    encodeReason(cut, p, apiFormat !== null, maxBytes, how, 'the API takes');
    return { ...plan, actions: cut.actions, summary: cut.sentences.join(' '), output: 'mp3', apiFormat: 'mp3', audio: enc };
  });
}

function planFrames(p: MediaProbe, limits: MediaLimits, budget: number, choices: VideoMode[]): MediaPlan {
  const duration = p.durationSec ?? 0;
  const count = Math.min(limits.videoFramesMax, Math.max(limits.videoFramesMin, Math.ceil(duration / FRAME_EVERY_SEC)));
  const srcLong = Math.max(p.width ?? 0, p.height ?? 0);
  const longSide = Math.min(FRAME_LONG_SIDE, srcLong);
  const scale = srcLong > 0 ? longSide / srcLong : 1;
  checkPicture(p, limits, Math.round((p.width ?? 0) * scale), Math.round((p.height ?? 0) * scale));
  const mime = 'image/jpeg';
  return {
    ...base(p), sendAs: 'frames', actions: ['frames'], choices, mime, output: 'jpeg',
    maxBytes: Math.min(limits.imageMaxBytes, maxRawBytesForBudget(budget, imagePrefix(mime))),
    frames: { count, longSide, min: limits.videoFramesMin },
    summary: `It will be sent as ${count} pictures taken evenly across all ${formatDuration(duration)} (no sound).`,
  };
}

function planVideo(p: MediaProbe, limits: MediaLimits, budget: number, opts: PlanOptions): MediaPlan {
  const needTrim = (p.durationSec ?? 0) > limits.videoMaxSeconds;
  const choices: VideoMode[] = needTrim ? ['file', 'frames'] : ['file'];
  if (opts.videoMode === 'frames') return planFrames(p, limits, budget, choices);

  const maxBytes = Math.min(limits.videoMaxBytes, maxRawBytesForBudget(budget, AUDIO_VIDEO_PREFIX));
  const container = videoApiContainer(p);
  return planTimed(p, opts, { sendAs: 'video', maxBytes, maxSeconds: limits.videoMaxSeconds, noun: 'video', copyAs: container, fields: { choices } }, (cut, plan) => {
    const { actions, sentences } = cut;
    const mp4Codecs = p.videoCodec === 'h264' && (!p.hasAudio || p.audioCodec === 'aac' || p.audioCodec === 'mp3');
    if (!container && !cut.trim && mp4Codecs && p.size <= maxBytes) {
      actions.push('convert');
      sentences.push(`${p.formatLabel} is not one of the formats the API names: it will be repackaged as MP4 (nothing is re-encoded).`);
      return { ...plan, actions, summary: sentences.join(' '), output: 'mp4', remux: true };
    }
    const enc = videoEncodeFor(cut.keep, maxBytes, p);
    if (!enc) throw refuse.cannotFit(p.path, maxBytes);
    const how = `MP4 (H.264, ${enc.longSide} px, up to ${enc.videoKbps} kbps${p.hasAudio ? `, sound ${enc.audioKbps} kbps` : ''})`;
    encodeReason(cut, p, container !== null, maxBytes, how, 'the API names');
    return { ...plan, actions, summary: sentences.join(' '), output: 'mp4', video: enc };
  });
}

/**
 * Decides what to do with a probed file for a model (`findModel(id).media`) and an endpoint's per-item
 * data-URL budget (`DASHSCOPE_DATA_URI_BUDGET` for DashScope; Infinity when media go by URL).
 */
export function planMedia(probe: MediaProbe, limits: MediaLimits, budget: number, opts: PlanOptions = {}): PlanResult {
  try {
    if (!demuxerIn(probe.formatName, DEMUXERS_BY_KIND[probe.kind])) throw refuse.formatNotAccepted(probe.path);
    const plan = probe.kind === 'image' ? planImage(probe, limits, budget)
      : probe.kind === 'audio' ? planAudio(probe, limits, budget, opts)
        : planVideo(probe, limits, budget, opts);
    return { ok: true, plan };
  } catch (err) {
    if (err instanceof UserError) return { ok: false, error: err.info };
    throw err;
  }
}
