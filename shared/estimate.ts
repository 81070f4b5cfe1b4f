// A rough count of the input tokens a request will use, made before sending: the composer warns with it
// and the core trims the history with it. The server's count (the usage chunk) is the real one; this only
// has to be close enough to tell "fits" from "clearly does not".
//
// The rules, and where they come from:
// - Text: CJK characters (Han, kana, Hangul, full-width forms) about 1 token each; everything else about
//   4 characters per token (Qwen's tokenizer, like most BPE ones, on English-like text). Plus a few tokens
//   per message for the chat template's role markers.
// - Audio: the model's tokens per second from the reference (Qwen3-Omni-Flash 12.5, Turbo 25), in the catalog.
// - Pictures (an image, or each frame of a video sent as pictures): the reference only says pictures count
//   against the input limit. We use Alibaba's vision rule of one token per 28×28 pixels, at least 4 and at
//   most 1,280 per picture; a picture of unknown size counts as the most.
// - A video file: its sound at the audio rate, plus one picture every 2 seconds (the app's own frame
//   spacing) at its size scaled to at most 640 px on the long side. An assumption, not a published figure.
// Unknown durations count as nothing (the estimate then errs low, and the server has the last word).
import { findModel, type ModelInfo, type TokenLimits } from './catalog';

/** What a prepared attachment measures, as far as the estimate needs it. */
export interface MediaMeasure {
  sendAs: 'image' | 'audio' | 'video' | 'frames';
  durationSec: number | null;
  width: number | null;
  height: number | null;
  /** Pictures in a frames video (1 otherwise). */
  count: number;
}

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

export function estimateTextTokens(text: string): number {
  let wide = 0;
  let other = 0;
  for (const ch of text) {
    if (WIDE.test(ch)) wide++;
    else other++;
  }
  return wide + Math.ceil(other / CHARS_PER_TOKEN);
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

export function estimateMediaTokens(m: MediaMeasure, model: Pick<ModelInfo, 'audioTokensPerSecond'> | undefined): number {
  const seconds = m.durationSec !== null && Number.isFinite(m.durationSec) && m.durationSec > 0 ? m.durationSec : 0;
  switch (m.sendAs) {
    case 'image':
      return pictureTokens(m.width, m.height);
    case 'frames':
      return Math.max(1, m.count) * pictureTokens(m.width, m.height);
    case 'audio':
      return Math.ceil(seconds * audioTokensPerSecond(model));
    case 'video': {
      const long = Math.max(m.width ?? 0, m.height ?? 0);
      const k = long > VIDEO_PICTURE_LONG_SIDE ? VIDEO_PICTURE_LONG_SIDE / long : 1;
      const picture = long > 0 ? pictureTokens(Math.round((m.width ?? 0) * k), Math.round((m.height ?? 0) * k)) : pictureTokens(360, 640);
      const pictures = Math.ceil(seconds / VIDEO_SECONDS_PER_PICTURE);
      return Math.ceil(seconds * audioTokensPerSecond(model)) + pictures * picture;
    }
  }
}

export function estimateMessageTokens(m: EstimateMessage, model: Pick<ModelInfo, 'audioTokensPerSecond'> | undefined): number {
  let n = MESSAGE_OVERHEAD_TOKENS + estimateTextTokens(m.text);
  for (const media of m.media ?? []) n += estimateMediaTokens(media, model);
  return n;
}

export function estimateInputTokens(messages: readonly EstimateMessage[], modelId: string): number {
  const model = findModel(modelId);
  return messages.reduce((n, m) => n + estimateMessageTokens(m, model), 0);
}

/** The limits that apply to a request (thinking mode has its own), or null when the catalog gives none. */
export function requestLimits(modelId: string, thinking: boolean): TokenLimits | null {
  const model = findModel(modelId);
  if (!model) return null;
  return (thinking && model.thinking ? model.thinkingLimits : null) ?? model.limits;
}

/** The most input tokens a request to this model may carry, or null when the guide gives no figure. */
export function maxInputTokens(modelId: string, thinking: boolean): number | null {
  return requestLimits(modelId, thinking)?.maxInput ?? null;
}
