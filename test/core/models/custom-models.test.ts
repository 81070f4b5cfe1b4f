// A model the catalog does not know, entered with the capabilities the user gives it: kept across restarts
// (schema v8), used for chat and Live voice, and held to what it can do — a text-only model is never asked for
// audio, its input limit trims the history. The stand-in serves it through its `extraModels` knob.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CustomModelInput } from '../../../shared/custom-models';
import { DEFAULT_REALTIME_SCENARIO, DEFAULT_SCENARIO, startStandin, type Standin } from '../../standin';
import { must, refused, startTestCore, type TestCore } from '../../support/test-core';
import { concat, liveEvents, openChannel, silence16k, speech16k } from '../live/helpers';

const TEXT_ONLY: CustomModelInput = { id: 'qwen-omni-next', label: 'Qwen Omni Next', input: ['image', 'audio', 'video'], audioOut: false, maxInputTokens: 400 };
const LIVE_TEXT_ONLY: CustomModelInput = { id: 'qwen-omni-next-realtime', api: 'realtime', input: ['audio'], audioOut: false, generation: 'qwen3.5' };

let standin: Standin;
let t: TestCore;
beforeAll(async () => {
  standin = await startStandin();
});
afterAll(() => standin.close());
beforeEach(async () => {
  standin.setScenario({ ...DEFAULT_SCENARIO, extraModels: [TEXT_ONLY], text: 'A plain answer.' });
  standin.realtime.setScenario({ ...DEFAULT_REALTIME_SCENARIO, extraModels: [LIVE_TEXT_ONLY], pace: 4 });
  t = await startTestCore({ standin, prefix: 'omni-custom-models-' });
});
afterEach(() => t.close());

describe('a model the user entered', () => {
  it('is kept across a restart, chosen like a catalog model, and never asked for audio when it answers in text only', async () => {
    // A data folder this test keeps across the restart (the helper removes only the folders it made).
    const own = await mkdtemp(join(tmpdir(), 'omni-custom-models-own-'));
    await t.close();
    t = await startTestCore({ standin, dataDir: own });
    const saved = await must(t.call('customModels.save', TEXT_ONLY));
    expect(saved).toMatchObject({ id: 'qwen-omni-next', label: 'Qwen Omni Next', api: 'chat', audioOut: false, voices: [], maxInputTokens: 400 });
    // Chosen with spoken replies on: the settings turn them off, since it cannot speak.
    const settings = await must(t.call('settings.update', { model: 'qwen-omni-next', speakReplies: true }));
    expect(settings).toMatchObject({ model: 'qwen-omni-next', speakReplies: false });

    // Asked to speak for one turn anyway: the request still goes as text only.
    const before = standin.requests.length;
    const { sent, outcome } = await t.send({ text: 'Hello?', options: { speakReplies: true } });
    expect(outcome.status).toBe('complete');
    const body = standin.requests.slice(before).find((r) => r.path.endsWith('/chat/completions'))!.body;
    expect(body).toMatchObject({ model: 'qwen-omni-next', modalities: ['text'] });
    expect(body.audio).toBeUndefined();
    expect(sent.assistantMessage.voice).toBeNull();
    // The conversation's own settings obey the same rule.
    const conv = await must(t.call('conversations.updateSettings', { id: sent.conversationId, settings: { speakReplies: true } }));
    expect(conv.speakReplies).toBe(false);

    // Its input limit is the user's figure: two long turns (each fits alone, about 250 of its 400 tokens) do not
    // fit together, so the older one is left out; a message over the limit on its own is refused (shared/rules.ts).
    await t.send({ conversationId: sent.conversationId, text: 'alpha '.repeat(200) });
    const trimmed = await t.send({ conversationId: sent.conversationId, text: 'bravo '.repeat(200) });
    expect(trimmed.outcome.status).toBe('complete');
    const last = standin.requests.filter((r) => r.path.endsWith('/chat/completions')).at(-1)!.body;
    expect(last.messages.at(-1)).toEqual({ role: 'user', content: 'bravo '.repeat(200) });
    expect(JSON.stringify(last.messages)).not.toContain('alpha alpha');
    const tooLong = await refused(t.call('chat.send', { conversationId: sent.conversationId, text: 'word '.repeat(1_200), attachmentIds: [], options: {} }));
    expect([tooLong.kind, tooLong.message]).toEqual(['invalid_input', expect.stringMatching(/over Qwen Omni Next’s limit of 400/)]);

    // A restart: the model, the settings naming it, the conversation using it are all still there.
    await t.close();
    t = await startTestCore({ standin, dataDir: own, prefix: 'omni-custom-models-' });
    expect(await must(t.call('customModels.list', {}))).toEqual([expect.objectContaining({ id: 'qwen-omni-next', createdAt: saved.createdAt })]);
    expect((await must(t.call('settings.get', {}))).model).toBe('qwen-omni-next');
    const again = await t.send({ conversationId: sent.conversationId, text: 'Still there?' });
    expect(again.outcome.status).toBe('complete');
    await t.close();
    await rm(own, { recursive: true, force: true });
  });

  it('refuses ids it does not know, ids the catalog has, and what a model could not do', async () => {
    const unknown = await refused(t.call('settings.update', { model: 'qwen-omni-someday' }));
    expect(unknown.message).toBe('qwen-omni-someday is not a model this app knows. Pick one from the model list, or add it under Settings → Models with what it can do.');
    const known = await refused(t.call('customModels.save', { id: 'qwen3-omni-flash', audioOut: false }));
    expect(known.message).toMatch(/^qwen3-omni-flash is already in the app's catalog/);
    const mute = await refused(t.call('customModels.save', { id: 'speaks-nothing', audioOut: true }));
    expect(mute.message).toMatch(/^A model that speaks needs at least one voice name/);
    const deaf = await refused(t.call('customModels.save', { id: 'deaf-live', api: 'realtime', audioOut: false }));
    expect(deaf.message).toMatch(/^A Realtime model listens/);
    const shape = await refused(t.call('customModels.save', { id: 'has spaces', audioOut: false }));
    expect(shape.message).toMatch(/^A model id is letters, digits/);

    // Removed, it is gone from the list and from what can be chosen.
    await must(t.call('customModels.save', TEXT_ONLY));
    await must(t.call('customModels.remove', { id: 'qwen-omni-next' }));
    expect(await must(t.call('customModels.list', {}))).toEqual([]);
    expect((await refused(t.call('settings.update', { model: 'qwen-omni-next' }))).kind).toBe('invalid_input');
  });

  it('serves Live voice as a text-only Realtime model: a text session, laid out like its generation, answers in words', async () => {
    await must(t.call('customModels.save', LIVE_TEXT_ONLY));
    const live = liveEvents(t.core);
    const session = await must(t.call('live.start', { conversationId: null, model: 'qwen-omni-next-realtime', vad: { silenceMs: 300 } }));
    expect(session).toMatchObject({ model: 'qwen-omni-next-realtime', voice: null });
    // Asked for text only, no voice, no output format; the generation's own formats; the transcription model the
    // server announced sent back.
    expect(standin.realtime.sessions.at(-1)!.updates[0]).toEqual({
      modalities: ['text'], input_audio_format: 'pcm', input_audio_transcription: { model: 'qwen3-asr-flash-realtime' },
      turn_detection: { type: 'server_vad', threshold: 0.5, silence_duration_ms: 300 },
    });
    const page = openChannel(t.core, session.sessionId);
    await page.speak(concat(await speech16k('Are you there?'), silence16k(400)), { speed: 0 });
    const done = await live.wait('reply_done');
    expect(done.message).toMatchObject({ text: standin.realtime.scenario().replyText, audio: null, voice: null, status: 'complete' });
    expect(page.frames).toEqual([]);
    await must(t.call('live.end', { sessionId: session.sessionId }));
  });
});
