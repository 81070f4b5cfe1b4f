// The pre-send rules of shared/rules.ts, each with a turn that passes and one that breaks it. The limits
// come from the catalog (itself tested against the reference's tables), so a changed limit moves both.
import { describe, expect, it } from 'vitest';
import { findModel } from '../../shared/catalog';
import {
  checkMediaLimits, checkMixing, checkSettings, checkTurn, normalizeTurnSettings, ruleMessage, type DraftMedia, type TurnSettings,
} from '../../shared/rules';

const flash: TurnSettings = { model: 'qwen3-omni-flash', voice: 'Cherry', speakReplies: true, thinking: false, systemPrompt: '' };
const turbo: TurnSettings = { ...flash, model: 'qwen-omni-turbo' };
const codes = (s: TurnSettings, media: DraftMedia[] = []) => checkTurn(s, media).map((p) => p.code);
const media = (over: Partial<DraftMedia> & Pick<DraftMedia, 'sendAs'>): DraftMedia => ({
  id: `a-${over.sendAs}`, name: `file.${over.sendAs}`, bytes: 1000, seconds: null, frames: null, width: null, height: null, ...over,
});
const MB = 1024 * 1024;

describe('settings rules', () => {
  it('a known model passes; an unknown one is refused with "pick a model"', () => {
    expect(codes(flash)).toEqual([]);
    const [p] = checkSettings({ ...flash, model: 'gpt-4o' });
    expect(p?.code).toBe('unknownModel');
    expect(p?.fixes).toEqual(['pickModel']);
    expect(ruleMessage(p!)).toBe('gpt-4o is not a model this app knows. Pick a model in the conversation settings.');
  });

  it('voice per model: Serena speaks with turbo and 2025-12-01, not with qwen3-omni-flash (17 voices)', () => {
    expect(codes({ ...turbo, voice: 'Serena' })).toEqual([]);
    expect(codes({ ...flash, model: 'qwen3-omni-flash-2025-12-01', voice: 'Serena' })).toEqual([]);
    const [p] = checkSettings({ ...flash, voice: 'Serena' });
    expect(p?.code).toBe('voiceNotForModel');
    expect(p?.fixes).toEqual(['pickVoice', 'turnOffSpeak']);
    expect(ruleMessage(p!)).toBe('Qwen3-Omni-Flash has no voice called Serena. Pick one of its voices, or turn Speak replies off.');
    // Text replies carry no voice, so any voice passes then.
    expect(codes({ ...flash, voice: 'Serena', speakReplies: false })).toEqual([]);
  });

  it('thinking with audio output: thinking with text replies passes, with Speak replies it is refused', () => {
    expect(codes({ ...flash, thinking: true, speakReplies: false })).toEqual([]);
    const [p] = checkSettings({ ...flash, thinking: true, speakReplies: true });
    expect(p?.code).toBe('thinkingWithAudio');
    expect(p?.fixes).toEqual(['turnOffSpeak', 'turnOffThinking']);
    expect(ruleMessage(p!)).toMatch(/Turn Speak replies off, or turn Thinking off\.$/);
  });

  it('thinking only on the qwen3-omni-flash models', () => {
    for (const id of ['qwen3-omni-flash', 'qwen3-omni-flash-2025-12-01', 'qwen3-omni-flash-2025-09-15', 'qwen3-omni-flash-0915']) {
      expect(codes({ ...flash, model: id, thinking: true, speakReplies: false }), id).toEqual([]);
    }
    for (const id of ['qwen-omni-turbo', 'qwen2.5-omni-7b']) {
      const s = { ...flash, model: id, voice: 'Ethan', thinking: true, speakReplies: false };
      expect(codes(s), id).toEqual(['thinkingUnsupported']);
    }
  });

  it('system prompt with turbo and spoken replies is refused, naming both fixes; every other combination passes', () => {
    const prompt = 'Answer like a pirate.';
    const [p] = checkSettings({ ...turbo, systemPrompt: prompt });
    expect(p?.code).toBe('systemPromptWithAudio');
    expect(p?.fixes).toEqual(['turnOffSpeak', 'removeSystemPrompt']);
    expect(ruleMessage(p!)).toBe('Qwen-Omni-Turbo does not accept a system prompt when replies are spoken. Turn Speak replies off, or remove the system prompt.');
    expect(codes({ ...turbo, systemPrompt: prompt, speakReplies: false })).toEqual([]);
    expect(codes({ ...turbo, systemPrompt: '   ' })).toEqual([]);
    expect(codes({ ...flash, systemPrompt: prompt })).toEqual([]);
    expect(codes({ ...flash, model: 'qwen2.5-omni-7b', voice: 'Ethan', systemPrompt: prompt })).toEqual([]);
  });
});

describe('modality mixing', () => {
  const img = (id: string) => ({ id, name: `${id}.png`, sendAs: 'image' as const });
  it('several pictures pass; a picture with a recording is refused (the later one)', () => {
    expect(checkMixing([img('a'), img('b'), img('c')])).toEqual([]);
    const [p, ...rest] = checkMixing([img('a'), { id: 's', name: 'song.mp3', sendAs: 'audio' }]);
    expect(rest).toEqual([]);
    expect(p?.attachmentId).toBe('s');
    expect(p?.fixes).toEqual(['removeAttachment']);
    expect(ruleMessage(p!)).toBe(
      'A message can carry several pictures, or one audio file, or one video. “song.mp3” (audio) cannot go with “a.png” (image): remove one of them, or send it in the next message.',
    );
  });
  it('one video passes; two videos (a file and frames count as video) are refused', () => {
    expect(checkMixing([{ id: 'v', name: 'clip.mp4', sendAs: 'video' }])).toEqual([]);
    const [p] = checkMixing([{ id: 'v', name: 'clip.mp4', sendAs: 'video' }, { id: 'f', name: 'long.mp4', sendAs: 'frames' }]);
    expect(p?.code).toBe('oneAudioOrVideo');
    expect(ruleMessage(p!)).toContain('Only one video fits in a message: remove “long.mp4” or “clip.mp4”');
  });
  it('checkTurn carries the mixing problem', () => {
    expect(codes(flash, [media({ sendAs: 'image' }), media({ sendAs: 'video' })])).toEqual(['mixModalities']);
  });
});

describe('frame counts for a video sent as pictures', () => {
  const flashLimits = findModel('qwen3-omni-flash')!.media;
  const turboLimits = findModel('qwen-omni-turbo')!.media;
  const frames = (n: number) => media({ sendAs: 'frames', frames: n, name: 'walk.mp4' });
  it('qwen3-omni-flash takes 2–128 pictures', () => {
    expect(checkMediaLimits(frames(2), flashLimits, 'F')).toEqual([]);
    expect(checkMediaLimits(frames(128), flashLimits, 'F')).toEqual([]);
    expect(checkMediaLimits(frames(1), flashLimits, 'F').map((p) => p.code)).toEqual(['tooFewFrames']);
    expect(checkMediaLimits(frames(129), flashLimits, 'F').map((p) => p.code)).toEqual(['tooManyFrames']);
  });
  it('qwen-omni-turbo takes 4–80 pictures, and says so', () => {
    expect(checkMediaLimits(frames(4), turboLimits, 'T')).toEqual([]);
    expect(checkMediaLimits(frames(80), turboLimits, 'T')).toEqual([]);
    const [few] = checkMediaLimits(frames(3), turboLimits, 'Qwen-Omni-Turbo');
    expect(ruleMessage(few!)).toBe('“walk.mp4” goes as 3 pictures, but Qwen-Omni-Turbo needs at least 4. Remove it and send the video as a file, or attach a longer one.');
    expect(codes({ ...turbo }, [frames(81)])).toEqual(['tooManyFrames']);
  });
});

describe('sizes and durations per model', () => {
  it('audio: 100 MB / 20 min on flash, 10 MB / 3 min on turbo', () => {
    const a = media({ sendAs: 'audio', bytes: 20 * MB, seconds: 600 });
    expect(codes(flash, [a])).toEqual([]);
    expect(codes(turbo, [a])).toEqual(['tooLarge', 'tooLong']);
    const msgs = checkTurn(turbo, [a]).map(ruleMessage);
    expect(msgs[0]).toBe('“file.audio” is 20.0 MB, but Qwen-Omni-Turbo takes at most 10.0 MB per audio. Remove it and attach it again, so it is made smaller for Qwen-Omni-Turbo.');
    expect(msgs[1]).toBe('“file.audio” lasts 10:00, but Qwen-Omni-Turbo takes at most 3:00. Remove it and attach it again, so it is cut for Qwen-Omni-Turbo.');
    expect(codes(flash, [media({ sendAs: 'audio', bytes: 101 * MB, seconds: 1201 })])).toEqual(['tooLarge', 'tooLong']);
  });
  it('video file: 256 MB / 150 s on flash, 150 MB / 40 s on turbo', () => {
    const v = media({ sendAs: 'video', bytes: 200 * MB, seconds: 100 });
    expect(codes(flash, [v])).toEqual([]);
    expect(codes(turbo, [v])).toEqual(['tooLarge', 'tooLong']);
    expect(codes(turbo, [media({ sendAs: 'video', bytes: 10 * MB, seconds: 40 })])).toEqual([]);
  });
  it('a picture: at most 10 MB, more than 10 px a side, at most 200:1', () => {
    expect(codes(flash, [media({ sendAs: 'image', bytes: 10 * MB, width: 11, height: 2200 })])).toEqual([]);
    expect(codes(flash, [media({ sendAs: 'image', bytes: 10 * MB + 1 })])).toEqual(['tooLarge']);
    expect(codes(flash, [media({ sendAs: 'image', width: 10, height: 500 })])).toEqual(['imageTooSmall']);
    expect(codes(flash, [media({ sendAs: 'image', width: 20, height: 4001 })])).toEqual(['imageTooThin']);
  });
  it('unknown sizes (a link) are left to the server', () => {
    expect(codes(turbo, [media({ sendAs: 'video', bytes: null, seconds: null })])).toEqual([]);
  });
});

describe('normalizeTurnSettings', () => {
  const base = { model: 'qwen3-omni-flash', voice: 'Cherry', speakReplies: true, thinking: false };
  it('Thinking turned on turns Speak replies off; Speak replies turned on turns Thinking off', () => {
    expect(normalizeTurnSettings({ ...base, thinking: true }, { thinking: true })).toMatchObject({ thinking: true, speakReplies: false });
    expect(normalizeTurnSettings({ ...base, thinking: true, speakReplies: true }, { speakReplies: true })).toMatchObject({ thinking: false, speakReplies: true });
  });
  it('a model without thinking mode drops Thinking', () => {
    expect(normalizeTurnSettings({ ...base, model: 'qwen-omni-turbo', thinking: true, speakReplies: false }, { model: 'qwen-omni-turbo' }))
      .toMatchObject({ thinking: false, speakReplies: false });
  });
});
