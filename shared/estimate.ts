// A count of the input tokens a request will use, made before sending: the composer holds Send with it, the
// core plans media with it (a plan never ends over the model's input limit) and trims the history with it.
// The server's count (the usage chunk) is the real one, so the core calibrates these rules against it.
//
// The rules, and where they come from:
// - Text: CJK characters (Han, kana, Hangul, full-width forms) about 1 token each; everything else about
//   4 characters per token (Qwen's tokenizer, like most BPE ones, on English-like text). Plus a few tokens
//   per message for the chat template's role markers.
// - Audio: the model's tokens per second from the reference (Qwen3-Omni-Flash 12.5, Turbo 25), in the catalog.
// - Pictures (an image, or each frame of a video sent as pictures): the reference only says pictures count
//   against the input limit. We use Alibaba's vision rule of one token per 28×28 pixels, at least 4 and at
//   most 1,280 per picture; a picture of unknown size counts as the most.
// - A video file: its sound (when it has one) at the audio rate, plus one picture every 2 seconds at its
//   size scaled to at most 640 px on the long side. An assumption, not a published figure: calibration
//   corrects it.
// - Calibration (`Calibration`): per model and kind (text, image, audio, video pictures), the ratio of what
//   the server reported (`prompt_tokens_details`) to what these rules said for the same request, learned by
//   the core from every reply's usage (electron/core/chat/calibration.ts) and applied to every estimate.
// Unknown durations count as nothing (the estimate then errs low, and the server has the last word).
import { findModel, type FindModel, type ModelInfo, type TokenLimits } from './catalog';

/** What a prepared attachment measures, as far as the estimate needs it. */
export interface MediaMeasure {
  sendAs: 'image' | 'audio' | 'video' | 'frames';
  durationSec: number | null;
  width: number | null;
  height: number | null;
  /** Pictures in a frames video (1 otherwise). */
  count: number;
  /** A video file with a sound track (absent: assumed, as for files stored before this was known). */
  hasAudio?: boolean;
}

/** The kinds the server counts apart (`prompt_tokens_details`: text_tokens, image_tokens, …). */
export type TokenKind = 'text' | 'image' | 'audio' | 'video';
export const TOKEN_KINDS: readonly TokenKind[] = ['text', 'image', 'audio', 'video'];
export type TokensByKind = Record<TokenKind, number>;

/** Factors learned from the server's counts, per kind (1: the rules as they are). */
export type Calibration = TokensByKind;
export const NO_CALIBRATION: Calibration = { text: 1, image: 1, audio: 1, video: 1 };
export const noTokens = (): TokensByKind => ({ text: 0, image: 0, audio: 0, video: 0 });

/** What a question's own text and the chat template need beside its media, kept free when media are planned. */
export const MEDIA_TEXT_RESERVE_TOKENS = 1024;

/** One message of a request, for the estimate. */
export interface EstimateMessage {
  text: string;
  media?: readonly MediaMeasure[];
}

export const MESSAGE_OVERHEAD_TOKENS = 4;
export const CHARS_PER_TOKEN = 4;
export const PICTURE_PIXELS_PER_TOKEN = 28 * 28;
export const PICTURE_MIN_TOKENS = 4;
export const PICTURE_MAX_TOKENS = 1280;
export const VIDEO_SECONDS_PER_PICTURE = 2;
export const VIDEO_PICTURE_LONG_SIDE = 640;

const WIDE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]/u;

const WIDE_ALL = new RegExp(WIDE.source, 'gu');
const SURROGATE_PAIR = /[\uD800-\uDBFF][\uDC00-\uDFFF]/g;

/**
 * Each wide character (CJK) a token, the other characters (code points) four to a token. Counted by two
 * whole-string regex scans rather than a test per character: the composer estimates a conversation's
 * whole history, and for 1,000 long replies (2 MB of text) the loop took ~17 ms of the conversation's open.
 */
export function estimateTextTokens(text: string): number {
  const wide = text.match(WIDE_ALL)?.length ?? 0;
  const codePoints = text.length - (text.match(SURROGATE_PAIR)?.length ?? 0);
  return wide + Math.ceil((codePoints - wide) / CHARS_PER_TOKEN);
}

export function pictureTokens(width: number | null, height: number | null): number {
  if (!width || !height || width <= 0 || height <= 0) return PICTURE_MAX_TOKENS;
  const n = Math.ceil(width / 28) * Math.ceil(height / 28);
  return Math.min(PICTURE_MAX_TOKENS, Math.max(PICTURE_MIN_TOKENS, n));
}

/** The model's audio tokens per second (the reference's figure); Flash's when the model is unknown. */
export function audioTokensPerSecond(model: Pick<ModelInfo, 'audioTokensPerSecond'> | undefined): number {
  return model?.audioTokensPerSecond ?? 12.5;
}

/**
 * A picture scaled so its long side is at most `longSide`, each side even (as the app's ffmpeg scale filter
 * does it, so an estimate made before fitting is the one measured after).
 */
export function scaledSize(width: number, height: number, longSide: number): { width: number; height: number } {
  const long = Math.max(width, height);
  if (long <= 0) return { width: 0, height: 0 };
  const k = Math.min(1, longSide / long);
  const even = (x: number) => Math.max(2, 2 * Math.round((x * k) / 2));
  return { width: even(width), height: even(height) };
}

/** One picture of a video file as the server is assumed to see it (scaled to at most 640 px). */
export function videoPictureTokens(width: number | null, height: number | null): number {
  const long = Math.max(width ?? 0, height ?? 0);
  if (long <= 0) return pictureTokens(360, 640);
  const k = long > VIDEO_PICTURE_LONG_SIDE ? VIDEO_PICTURE_LONG_SIDE / long : 1;
  return pictureTokens(Math.round((width ?? 0) * k), Math.round((height ?? 0) * k));
}

/** How many pictures a video file of `seconds` counts as. */
export function videoPictures(seconds: number): number {
  return Math.ceil(Math.max(0, seconds) / VIDEO_SECONDS_PER_PICTURE);
}

/** The rules' count for one attachment, split by the kinds the server reports apart (no calibration). */
export function mediaTokensByKind(m: MediaMeasure, model: Pick<ModelInfo, 'audioTokensPerSecond'> | undefined): TokensByKind {
  const seconds = m.durationSec !== null && Number.isFinite(m.durationSec) && m.durationSec > 0 ? m.durationSec : 0;
  const out = noTokens();
  switch (m.sendAs) {
    case 'image':
      out.image = pictureTokens(m.width, m.height);
      break;
    case 'frames':
      out.image = Math.max(1, m.count) * pictureTokens(m.width, m.height);
      break;
    case 'audio':
      out.audio = Math.ceil(seconds * audioTokensPerSecond(model));
      break;
    case 'video':
      out.audio = m.hasAudio === false ? 0 : Math.ceil(seconds * audioTokensPerSecond(model));
      out.video = videoPictures(seconds) * videoPictureTokens(m.width, m.height);
      break;
  }
  return out;
}

/** Counts by kind with the calibration's factors applied (to the nearest token), summed. */
export function calibratedTotal(byKind: TokensByKind, cal: Calibration = NO_CALIBRATION): number {
  let n = 0;
  for (const k of TOKEN_KINDS) n += byKind[k] > 0 ? Math.round(byKind[k] * cal[k]) : 0;
  return n;
}

export function estimateMediaTokens(m: MediaMeasure, model: Pick<ModelInfo, 'audioTokensPerSecond'> | undefined, cal: Calibration = NO_CALIBRATION): number {
  return calibratedTotal(mediaTokensByKind(m, model), cal);
}

/** The rules' count for one message by kind (its text with the template's markers, then its media). */
export function messageTokensByKind(m: EstimateMessage, model: Pick<ModelInfo, 'audioTokensPerSecond'> | undefined): TokensByKind {
  const out = noTokens();
  out.text = MESSAGE_OVERHEAD_TOKENS + estimateTextTokens(m.text);
  for (const media of m.media ?? []) {
    const t = mediaTokensByKind(media, model);
    for (const k of TOKEN_KINDS) out[k] += t[k];
  }
  return out;
}

export function estimateMessageTokens(m: EstimateMessage, model: Pick<ModelInfo, 'audioTokensPerSecond'> | undefined, cal: Calibration = NO_CALIBRATION): number {
  return calibratedTotal(messageTokensByKind(m, model), cal);
}

export function estimateInputTokens(messages: readonly EstimateMessage[], modelId: string, cal: Calibration = NO_CALIBRATION): number {
  const model = findModel(modelId);
  return messages.reduce((n, m) => n + estimateMessageTokens(m, model, cal), 0);
}

/**
 * The limits that apply to a request (thinking mode has its own), or null when none is known. `find` also knows
 * the user's own models where they count (the core's model registry).
 */
export function requestLimits(modelId: string, thinking: boolean, find: FindModel = findModel): TokenLimits | null {
  const model = find(modelId);
  if (!model) return null;
  return (thinking && model.thinking ? model.thinkingLimits : null) ?? model.limits;
}

/** The most input tokens a request to this model may carry, or null when no figure is known. */
export function maxInputTokens(modelId: string, thinking: boolean, find: FindModel = findModel): number | null {
  return requestLimits(modelId, thinking, find)?.maxInput ?? null;
}
