// What a plan is: what will be done to a probed file before sending, as notes for the chip (codes with
// parameters, shared/media-notes.ts) with their English, and the settings fit.ts carries out; and the pieces
// every kind's planner shares (plan-image.ts, plan-timed.ts; rules.ts chooses between them).
import type { ErrorInfo } from '../../../shared/domain';
import type { MediaLimits } from '../../../shared/catalog';
import { note, noteText, type MediaNote } from '../../../shared/media-notes';
import type { OutputContainer, ApiAudioFormat } from './formats';
import { refuse } from './messages';
import type { MediaProbe } from './probe';
import type { TokenBudget } from './token-fit';

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

/** The window kept of a file longer than the model takes: the model's length less the spare, inside the file. */
export function modelWindow(duration: number, maxSeconds: number, requestedStart: number | undefined) {
  const keep = maxSeconds - TRIM_MARGIN_SEC;
  const maxStartSec = Math.max(0, duration - keep);
  const startSec = Math.min(Math.max(0, requestedStart ?? 0), maxStartSec);
  return { startSec, durationSec: keep, maxStartSec };
}

export function trimNote(kind: 'audio' | 'video', duration: number, maxSeconds: number, startSec: number, keepSec: number): MediaNote {
  return startSec > 0
    ? note('trimPart', { kind, durationSec: duration, limitSec: maxSeconds, startSec, endSec: startSec + keepSec })
    : note('trimFirst', { kind, durationSec: duration, limitSec: maxSeconds, keepSec });
}

/** A plan's notes with their English sentence. */
export function said(notes: MediaNote[]): { notes: MediaNote[]; summary: string } {
  return { notes, summary: notes.map(noteText).join(' ') };
}

export function checkPicture(p: MediaProbe, limits: MediaLimits, width: number, height: number): void {
  if (Math.min(width, height) < limits.imageMinSidePx) {
    throw refuse.imageTooSmall(p.path, width, height, limits.imageMinSidePx);
  }
  const ratio = Math.max(width, height) / Math.min(width, height);
  if (ratio > limits.imageMaxAspect) throw refuse.imageTooThin(p.path, width, height, ratio, limits.imageMaxAspect);
}

export function base(p: MediaProbe): Omit<MediaPlan, 'sendAs' | 'actions' | 'summary' | 'notes' | 'maxBytes'> {
  return {
    source: p, trim: null, output: null, copyFirst: false, remux: false, apiFormat: null, mime: null,
    maxSeconds: null, audio: null, video: null, frames: null, choices: [], formatWhitelist: p.formatName,
    tokens: null, imageLongSide: null,
  };
}

export const AS_IS = said([note('asIs', {})]);
