// The 2026 catalog and Live voice's pure parts: the models Alibaba's pages confirm (and only what they say),
// each Realtime generation's session layout as data, the Realtime address beside each chat address, the live
// audio frames, and the rules that keep a text-only model from ever being asked for audio.
import { describe, expect, it } from 'vitest';
import { buildChatBody } from '../../electron/core/api/request';
import { sessionUpdate } from '../../electron/core/realtime/session-config';
import { findModel, voiceForModel } from '../../shared/catalog';
import { CustomModelFields, customModelInfo, modelFinder, realtimeFinder } from '../../shared/custom-models';
import { decodeLiveFrame, encodeLiveFrame, LIVE_FRAME_MIC, LIVE_FRAME_REPLY, LIVE_FRAME_STOP, LiveFrameError } from '../../shared/live-audio';
import { findRealtimeModel, isSharedDashScopeHost, REALTIME_MODELS, realtimeUrlFor, realtimeVoice } from '../../shared/realtime-catalog';
import { applyTurnChange, checkSettings, checkTurn } from '../../shared/rules';

const base = { voice: 'Cherry', speakReplies: true, thinking: false, systemPrompt: '' };
const vad = { threshold: 0.5, silenceMs: 800, prefixMs: 300 };
const realtime = (id: string) => findRealtimeModel(id)!;

describe('the 2026 Omni chat models', () => {
  it('Qwen3.8-Omni-Flash answers in text only, thinks by default, with its published limits', () => {
    const m = findModel('qwen3.8-omni-flash')!;
    expect(m).toMatchObject({ audioOut: false, voices: [], thinking: true, thinkingByDefault: true, input: ['text', 'image', 'audio', 'video'], realtime: 'qwen3.8-omni-flash-realtime' });
    expect(m.limits).toEqual({ contextWindow: 1_000_000, maxInput: 991_808, maxOutput: 131_072, maxReasoning: null });
    expect(m.thinkingLimits?.maxInput).toBe(983_616);
    // Never asked for audio: the rules refuse it, a change turns it off, the request body has none.
    expect(checkSettings({ ...base, model: 'qwen3.8-omni-flash' }).map((p) => p.code)).toEqual(['noSpokenReplies']);
    expect(applyTurnChange({ ...base, model: 'qwen3-omni-flash' }, { model: 'qwen3.8-omni-flash' })).toMatchObject({ speakReplies: false });
    const body = buildChatBody([{ role: 'user', content: 'hi' }], { model: 'qwen3.8-omni-flash', voice: 'Cherry', speakReplies: true, thinking: false });
    expect(body.modalities).toEqual(['text']);
    expect(body.audio).toBeUndefined();
    // Thinking off must be said to a model that thinks unless told not to.
    expect(body.enable_thinking).toBe(false);
    expect(buildChatBody([], { model: 'qwen3.8-omni-flash', voice: '', speakReplies: false, thinking: true }).enable_thinking).toBe(true);
    expect(buildChatBody([], { model: 'qwen3-omni-flash', voice: 'Cherry', speakReplies: true, thinking: false }).enable_thinking).toBeUndefined();
  });

  it('Qwen3.5-Omni-Plus speaks with Tina (its published voice) and takes other names; its limits are not invented', () => {
    const m = findModel('qwen3.5-omni-plus')!;
    expect(m).toMatchObject({ audioOut: true, otherVoices: true, limits: null, thinking: false, realtime: 'qwen3.5-omni-plus-realtime' });
    expect(m.voices.map((v) => v.id)).toEqual(['Tina']);
    expect(voiceForModel('qwen3.5-omni-plus', 'Cherry')).toBe('Tina');
    expect(checkSettings({ ...base, model: 'qwen3.5-omni-plus', voice: 'Ethan' })).toEqual([]);
    // Not published as chat models, so not in the catalog (a user adds them as their own).
    expect(findModel('qwen3.5-omni-flash')).toBeUndefined();
    expect(findModel('qwen3.5-omni-plus-2026-03-15')).toBeUndefined();
  });
});

describe('the Realtime models and their session layouts', () => {
  it('lists the documented Realtime models with their generation, voices and the 120-minute cap', () => {
    expect(REALTIME_MODELS.map((m) => [m.id, m.generation])).toEqual([
      ['qwen3-omni-flash-realtime', 'qwen3-flash'], ['qwen3-omni-flash-realtime-2025-12-01', 'qwen3-flash'],
      ['qwen3-omni-flash-realtime-2025-09-15', 'qwen3-flash'], ['qwen-omni-turbo-realtime', 'turbo'],
      ['qwen3.5-omni-plus-realtime', 'qwen3.5'], ['qwen3.5-omni-flash-realtime', 'qwen3.5'], ['qwen3.8-omni-flash-realtime', 'qwen3.8'],
    ]);
    expect(REALTIME_MODELS.every((m) => m.maxSessionMs === 120 * 60_000)).toBe(true);
    expect(findRealtimeModel('qwen-omni-turbo-realtime-latest')?.id).toBe('qwen-omni-turbo-realtime');
    expect(realtime('qwen3-omni-flash-realtime-2025-12-01').voices).toHaveLength(49);
    expect(realtime('qwen-omni-turbo-realtime').defaultVoice).toBe('Chelsie');
    expect(realtime('qwen3.8-omni-flash-realtime').needsWorkspaceHost).toBe(true);
    // Every chat model that has a Realtime sibling names one the catalog has.
    for (const id of ['qwen3-omni-flash', 'qwen3-omni-flash-2025-12-01', 'qwen3-omni-flash-2025-09-15', 'qwen-omni-turbo', 'qwen3.5-omni-plus', 'qwen3.8-omni-flash']) {
      expect(findRealtimeModel(findModel(id)!.realtime!), id).toBeDefined();
    }
  });

  it('lays each generation\'s session out in its own fields, never mixing them', () => {
    const cfg = { voice: 'Cherry', instructions: 'Be brief.', mode: 'vad' as const, vad };
    expect(sessionUpdate(realtime('qwen3-omni-flash-realtime'), cfg, null).session).toEqual({
      modalities: ['text', 'audio'], voice: 'Cherry', instructions: 'Be brief.', input_audio_format: 'pcm16', output_audio_format: 'pcm24',
      input_audio_transcription: { model: 'gummy-realtime-v1' },
      turn_detection: { type: 'server_vad', threshold: 0.5, prefix_padding_ms: 300, silence_duration_ms: 800 },
    });
    expect(sessionUpdate(realtime('qwen-omni-turbo-realtime'), { ...cfg, voice: 'Chelsie' }, null).session).toMatchObject({ input_audio_format: 'pcm16', output_audio_format: 'pcm16' });
    const created = { input_audio_transcription: { model: 'qwen3-asr-flash-realtime' } };
    expect(sessionUpdate(realtime('qwen3.5-omni-plus-realtime'), { ...cfg, voice: 'Tina' }, created).session).toEqual({
      modalities: ['text', 'audio'], voice: 'Tina', instructions: 'Be brief.', input_audio_format: 'pcm', output_audio_format: 'pcm',
      input_audio_transcription: { model: 'qwen3-asr-flash-realtime' }, turn_detection: { type: 'server_vad', threshold: 0.5, silence_duration_ms: 800 },
    });
    // Qwen3.8: only what its page documents; no transcription sent when the server announced none.
    expect(sessionUpdate(realtime('qwen3.8-omni-flash-realtime'), { ...cfg, voice: 'Tina', instructions: '' }, {}).session).toEqual({
      modalities: ['text', 'audio'], voice: 'Tina', turn_detection: { type: 'server_vad' },
    });
    // Push-to-talk: turn detection off ("null disables VAD").
    expect(sessionUpdate(realtime('qwen3-omni-flash-realtime'), { ...cfg, mode: 'ptt' }, null).session.turn_detection).toBeNull();
  });

  it('speaks with the conversation\'s voice where the model has it, else its own default; a typed name only where any is taken', () => {
    expect(realtimeVoice(realtime('qwen3-omni-flash-realtime'), 'Ethan')).toBe('Ethan');
    expect(realtimeVoice(realtime('qwen3-omni-flash-realtime'), 'Momo')).toBe('Cherry');
    expect(realtimeVoice(realtime('qwen3.5-omni-plus-realtime'), 'Cherry')).toBe('Tina');
    expect(realtimeVoice(realtime('qwen3.5-omni-plus-realtime'), 'Ethan', true)).toBe('Ethan');
    expect(realtimeVoice(realtime('qwen3-omni-flash-realtime'), 'Nobody', true)).toBe('Cherry');
  });

  it('finds the Realtime address beside each chat address', () => {
    expect(realtimeUrlFor('https://dashscope-intl.aliyuncs.com/compatible-mode/v1')).toBe('wss://dashscope-intl.aliyuncs.com/api-ws/v1/realtime');
    expect(realtimeUrlFor('https://dashscope.aliyuncs.com/compatible-mode/v1')).toBe('wss://dashscope.aliyuncs.com/api-ws/v1/realtime');
    expect(realtimeUrlFor('https://ws123.ap-southeast-1.maas.aliyuncs.com/compatible-mode/v1')).toBe('wss://ws123.ap-southeast-1.maas.aliyuncs.com/api-ws/v1/realtime');
    expect(realtimeUrlFor('http://127.0.0.1:8000/v1')).toBeNull();
    expect(isSharedDashScopeHost('wss://dashscope-intl.aliyuncs.com/api-ws/v1/realtime')).toBe(true);
    expect(isSharedDashScopeHost('wss://ws123.ap-southeast-1.maas.aliyuncs.com/api-ws/v1/realtime')).toBe(false);
  });
});

describe('a model the user enters', () => {
  it('falls back to the safe side for what is not given, and obeys the same rules as a catalog model', () => {
    const spec = CustomModelFields.parse({ id: 'qwen-omni-next', input: ['audio'] });
    const m = customModelInfo(spec);
    expect(m).toMatchObject({ kind: 'custom', label: 'qwen-omni-next', audioOut: false, thinking: false, limits: null, input: ['text', 'audio'] });
    expect(m.media).toEqual(findModel('qwen-omni-turbo')!.media);
    const find = modelFinder([spec]);
    expect(checkSettings({ ...base, model: 'qwen-omni-next' }, find).map((p) => p.code)).toEqual(['noSpokenReplies']);
    expect(checkSettings({ ...base, model: 'qwen-omni-next' }).map((p) => p.code)).toEqual(['unknownModel']);
    const picture = { id: 'a1', name: 'cat.png', sendAs: 'image' as const, bytes: 1000, seconds: null, frames: null, width: 100, height: 100 };
    expect(checkTurn({ ...base, model: 'qwen-omni-next', speakReplies: false }, [picture], find)).toEqual([
      { code: 'inputNotAccepted', params: { model: 'qwen-omni-next', kind: 'image', name: 'cat.png' }, fixes: ['removeAttachment', 'pickModel'], attachmentId: 'a1' },
    ]);
    // A speaking one with a free voice list keeps a typed voice.
    const speaker = CustomModelFields.parse({ id: 'omni-speaker', audioOut: true, otherVoices: true, media: { audioMaxSeconds: 600 } });
    expect(checkSettings({ ...base, model: 'omni-speaker', voice: 'Anyone' }, modelFinder([speaker]))).toEqual([]);
    expect(customModelInfo(speaker).media.audioMaxSeconds).toBe(600);
    // Realtime ones are found only as Realtime models, laid out like the newest fully documented generation.
    const liveSpec = CustomModelFields.parse({ id: 'omni-live', api: 'realtime', input: ['audio'], audioOut: true, voices: ['Tina'] });
    expect(modelFinder([liveSpec])('omni-live')).toBeUndefined();
    expect(realtimeFinder([liveSpec])('omni-live')).toMatchObject({ generation: 'qwen3.5', defaultVoice: 'Tina', custom: true });
  });
});

describe('live audio frames', () => {
  it('carry PCM with a header both ways, an id padded to an even offset, and refuse what is not a frame', () => {
    const pcm = new Uint8Array([1, 2, 3, 4, 5, 6]);
    for (const messageId of ['', 'abc', 'abcd']) {
      const frame = encodeLiveFrame({ kind: LIVE_FRAME_REPLY, seq: 7, time: 1234.5, messageId, pcm });
      expect((frame.byteLength - pcm.byteLength) % 2).toBe(0);
      const back = decodeLiveFrame(frame);
      expect(back).toMatchObject({ kind: LIVE_FRAME_REPLY, seq: 7, time: 1234.5, messageId });
      expect([...back.pcm]).toEqual([...pcm]);
      expect(back.pcm.byteOffset).toBe(0);
    }
    expect(decodeLiveFrame(encodeLiveFrame({ kind: LIVE_FRAME_STOP, seq: 0, time: 1, messageId: 'm1' })).pcm.byteLength).toBe(0);
    expect(decodeLiveFrame(encodeLiveFrame({ kind: LIVE_FRAME_MIC, seq: 1, time: 2, messageId: '', pcm })).kind).toBe(LIVE_FRAME_MIC);
    expect(() => decodeLiveFrame(new Uint8Array(8))).toThrow(LiveFrameError);
    const bad = encodeLiveFrame({ kind: LIVE_FRAME_MIC, seq: 1, time: 2, messageId: '', pcm });
    bad[0] = 9;
    expect(() => decodeLiveFrame(bad)).toThrow(/Unknown live frame kind 9/);
    expect(() => encodeLiveFrame({ kind: LIVE_FRAME_MIC, seq: 1, time: 2, messageId: '../x', pcm })).toThrow(LiveFrameError);
    expect(() => encodeLiveFrame({ kind: LIVE_FRAME_MIC, seq: 1, time: 2, messageId: '', pcm: new Uint8Array(3) })).toThrow(/even/);
  });
});
