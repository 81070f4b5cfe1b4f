// The input-token limit as a pre-send rule (shared/rules.ts checkInputLimit), the calibrated estimate it
// uses (shared/estimate.ts), and the notes the core says of media (shared/media-notes.ts) as both languages
// word them: each rule with a case that passes and one that breaks it.
import { describe, expect, it } from 'vitest';
import { findModel } from '../../shared/catalog';
import { calibratedTotal, estimateMediaTokens, mediaTokensByKind, NO_CALIBRATION, scaledSize } from '../../shared/estimate';
import { MEDIA_NOTE_PARAMS, MEDIA_TEXT_EN, note, noteText, type MediaNoteCode } from '../../shared/media-notes';
import { checkInputLimit, ruleMessage } from '../../shared/rules';
import { translator, wordNote } from '../../renderer/i18n/translate';

const base = { limit: 16_384, modelLabel: 'Qwen3-Omni-Flash', historyTokens: 0, leaveOutOldTurns: false };
const clip = { id: 'v', name: 'clip.mp4', tokens: 15_000, fittable: true };

describe('the input limit before sending', () => {
  it('within the limit, nothing; the message alone over it is held with "fit it into the room left" for its largest file', () => {
    expect(checkInputLimit({ ...base, draftTokens: 16_000, media: [clip] })).toEqual([]);
    const [p] = checkInputLimit({ ...base, draftTokens: 17_500, media: [clip, { ...clip, id: 'i', name: 'x.png', tokens: 400 }] });
    expect(p).toMatchObject({ code: 'inputTooLong', attachmentId: 'v', fixes: ['fitAttachment', 'removeAttachment'] });
    // The room its text and the other files leave it.
    expect(p!.params.room).toBe(16_384 - (17_500 - 15_000));
    expect(ruleMessage(p!)).toBe('This message is about 17,500 input tokens, over Qwen3-Omni-Flash’s limit of 16,384: it cannot go as it is. Shorten the text, or make an attachment take less.');
  });

  it('text alone over it has no one-click fix; a link cannot be made smaller; no room left means remove it', () => {
    expect(checkInputLimit({ ...base, draftTokens: 17_500, media: [] })[0]!.fixes).toEqual([]);
    expect(checkInputLimit({ ...base, draftTokens: 17_500, media: [{ ...clip, fittable: false }] })[0]!.fixes).toEqual(['removeAttachment']);
    expect(checkInputLimit({ ...base, draftTokens: 31_500, media: [clip] })[0]!.fixes).toEqual(['removeAttachment']);
  });

  it('over only with the history: held until the earliest turns may be left out (or a new conversation); no limit, no rule', () => {
    const [p] = checkInputLimit({ ...base, draftTokens: 6_000, historyTokens: 12_000, media: [] });
    expect(p).toMatchObject({ code: 'historyOverLimit', fixes: ['leaveOutOldTurns', 'newConversation'] });
    expect(checkInputLimit({ ...base, draftTokens: 6_000, historyTokens: 12_000, media: [], leaveOutOldTurns: true })).toEqual([]);
    expect(checkInputLimit({ ...base, limit: null, draftTokens: 99_999, media: [] })).toEqual([]);
  });
});

describe('the estimate by kind, calibrated', () => {
  const flash = findModel('qwen3-omni-flash');
  it('a video file counts its pictures as video and its sound as audio; without sound, none', () => {
    const v = { sendAs: 'video' as const, durationSec: 10, width: 640, height: 360, count: 1 };
    expect(mediaTokensByKind(v, flash)).toEqual({ text: 0, image: 0, audio: 125, video: 5 * 299 });
    expect(mediaTokensByKind({ ...v, hasAudio: false }, flash).audio).toBe(0);
  });

  it('factors multiply each kind, to the nearest token; factor 1 changes nothing', () => {
    const byKind = { text: 10, image: 638, audio: 0, video: 0 };
    expect(calibratedTotal(byKind)).toBe(648);
    expect(calibratedTotal(byKind, { ...NO_CALIBRATION, image: 477 / 638 })).toBe(10 + 477);
    expect(estimateMediaTokens({ sendAs: 'audio', durationSec: 60, width: null, height: null, count: 1 }, flash, { ...NO_CALIBRATION, audio: 1.2 })).toBe(900);
  });

  it('scaled sizes are even, as the fitting scales them', () => {
    expect(scaledSize(640, 480, 408)).toEqual({ width: 408, height: 306 });
    expect(scaledSize(1080, 1920, 640)).toEqual({ width: 360, height: 640 });
    expect(scaledSize(160, 120, 640)).toEqual({ width: 160, height: 120 });
  });
});

describe('media notes', () => {
  const codes = Object.keys(MEDIA_NOTE_PARAMS) as MediaNoteCode[];
  it('every code has its English, and every parameter it names is one the code carries', () => {
    for (const code of codes) {
      const template = MEDIA_TEXT_EN[`media.${code}`];
      const text = typeof template === 'string' ? template : template.other;
      const named = [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      const carried = Object.keys(MEDIA_NOTE_PARAMS[code].shape);
      for (const p of named) expect(carried, `${code}: {${p}}`).toContain(p);
    }
  });

  it('English from the core and from the window say the same; Chinese words the kind, the sizes and the plural', () => {
    const trim = note('trimPart', { kind: 'video', durationSec: 200, limitSec: 150, startSec: 40, endSec: 190 });
    expect(noteText(trim)).toBe('This video file is longer than the model accepts (3:20; the limit is 2:30): only 0:40–3:10 will be sent.');
    expect(wordNote(trim, 'en', translator('en'))).toBe(noteText(trim));
    expect(wordNote(trim, 'zh-CN', translator('zh-CN'))).toBe('这个视频文件超过了模型可接受的长度（3:20，上限为 2:30）：只发送 0:40–3:10。');
    const few = note('tooFewFrames', { name: 'a.gif', count: 1, min: 2 });
    expect(noteText(few)).toBe('Only 1 frame could be taken from “a.gif”; this model needs at least 2. Send it as a video file instead.');
    expect(wordNote(note('convertAudio', { from: 'FLAC', channels: 1, kbps: 48 }), 'zh-CN', translator('zh-CN'))).toBe('FLAC 不是 API 接受的格式：将转换为 48 kbps 的单声道 MP3。');
    expect(wordNote(note('fitResolution', { side: 408, tokens: 14_211, limit: 16_384 }), 'zh-CN', translator('zh-CN')))
      .toBe('为不超过模型的输入上限（16,384 个 token），画面以 408 像素发送（约 14,211 个 token）。');
  });
});
