// The input-token estimate (shared/estimate.ts): the documented rules, each with a case that fits and one
// that does not, against the catalog's input limits.
import { describe, expect, it } from 'vitest';
import {
  estimateInputTokens, estimateMediaTokens, estimateTextTokens, maxInputTokens, pictureTokens, MESSAGE_OVERHEAD_TOKENS,
} from '../../shared/estimate';
import { findModel } from '../../shared/catalog';

describe('estimateTextTokens', () => {
  it('counts about 4 characters per token for English and 1 per CJK character', () => {
    expect(estimateTextTokens('')).toBe(0);
    expect(estimateTextTokens('abcd')).toBe(1);
    expect(estimateTextTokens('Hello, world!')).toBe(4);
    expect(estimateTextTokens('你好世界')).toBe(4);
    expect(estimateTextTokens('こんにちは')).toBe(5);
    expect(estimateTextTokens('안녕하세요')).toBe(5);
    expect(estimateTextTokens('北京 is big')).toBe(2 + 2);
    // A character outside the BMP is one character, not two halves.
    expect(estimateTextTokens('𠀀')).toBe(1);
    // An emoji is one other character (four to a token), not two; a lone surrogate is one character.
    expect(estimateTextTokens('😀😀😀😀')).toBe(1);
    expect(estimateTextTokens('ab😀\uD800')).toBe(1);
    expect(estimateTextTokens('ab😀\uD800c')).toBe(2);
  });
});

describe('estimateMediaTokens', () => {
  const flash = findModel('qwen3-omni-flash');
  const turbo = findModel('qwen-omni-turbo');
  const audio = (durationSec: number | null) => ({ sendAs: 'audio' as const, durationSec, width: null, height: null, count: 1 });

  it("audio at the reference's tokens per second: Flash 12.5, Turbo 25", () => {
    expect(estimateMediaTokens(audio(60), flash)).toBe(750);
    expect(estimateMediaTokens(audio(60), turbo)).toBe(1500);
    expect(estimateMediaTokens(audio(null), flash)).toBe(0);
  });

  it('pictures by 28×28-pixel tiles, at least 4 and at most 1,280; frames count each picture', () => {
    expect(pictureTokens(280, 280)).toBe(100);
    expect(pictureTokens(10, 10)).toBe(4);
    expect(pictureTokens(4000, 3000)).toBe(1280);
    expect(pictureTokens(null, null)).toBe(1280);
    expect(estimateMediaTokens({ sendAs: 'frames', durationSec: 60, width: 280, height: 280, count: 30 }, flash)).toBe(3000);
  });

  it('a video file: its sound at the audio rate plus a picture every 2 s at up to 640 px', () => {
    const v = { sendAs: 'video' as const, durationSec: 10, width: 1280, height: 720, count: 1 };
    // 640×360 → 23 × 13 tiles = 299 per picture, 5 pictures; sound 125.
    expect(estimateMediaTokens(v, flash)).toBe(125 + 5 * 299);
  });
});

describe('against the model input limit', () => {
  it('the catalog limit applies, per mode; Turbo has none in the guide', () => {
    expect(maxInputTokens('qwen3-omni-flash', false)).toBe(16_384);
    expect(maxInputTokens('qwen3-omni-flash', true)).toBe(16_384);
    expect(maxInputTokens('qwen2.5-omni-7b', false)).toBe(30_720);
    expect(maxInputTokens('qwen-omni-turbo', false)).toBeNull();
  });

  it('a 20-minute recording with a question fits Flash; a 22-minute one does not', () => {
    const q = (minutes: number) => [{ text: 'Summarise this talk.', media: [{ sendAs: 'audio' as const, durationSec: minutes * 60, width: null, height: null, count: 1 }] }];
    const fits = estimateInputTokens(q(20), 'qwen3-omni-flash');
    expect(fits).toBe(15_000 + 5 + MESSAGE_OVERHEAD_TOKENS);
    expect(fits).toBeLessThanOrEqual(16_384);
    expect(estimateInputTokens(q(22), 'qwen3-omni-flash')).toBeGreaterThan(16_384);
  });

  it('Chinese text passes the limit with four times fewer characters than English', () => {
    const zh = [{ text: '字'.repeat(17_000) }];
    const en = [{ text: 'a'.repeat(17_000) }];
    expect(estimateInputTokens(zh, 'qwen3-omni-flash')).toBeGreaterThan(16_384);
    expect(estimateInputTokens(en, 'qwen3-omni-flash')).toBeLessThan(16_384);
  });
});
