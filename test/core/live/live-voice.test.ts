// Live voice through the real core: a real Realtime WebSocket to the stand-in on 127.0.0.1 (its VAD hears the
// energy of espeak-ng speech), a real SQLite file, the microphone's frames fed through the core's live audio port
// as a shell feeds them. Both turn modes, barge-in, the session kept in history (search, a later typed turn, the
// session as one WAV, ffprobe's word on the stored recordings).
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { storedPath } from '../../../electron/core/media/content-store';
import { createStore } from '../../../electron/core/store';
import { openDatabase } from '../../../electron/core/store/database';
import { LIVE_FRAME_END, LIVE_FRAME_REPLY, LIVE_FRAME_STOP } from '../../../shared/live-audio';
import { DEFAULT_REALTIME_SCENARIO, startStandin, type Standin } from '../../standin';
import { ffprobe } from '../../media/media-helpers';
import { must, startTestCore, type TestCore } from '../../support/test-core';
import { concat, liveEvents, openChannel, samplesOf, silence16k, speech16k } from './helpers';

let standin: Standin;
let t: TestCore;
beforeAll(async () => {
  standin = await startStandin();
});
afterAll(() => standin.close());
beforeEach(async () => {
  standin.realtime.setScenario({ ...DEFAULT_REALTIME_SCENARIO });
  t = await startTestCore({ standin, prefix: 'omni-live-' });
});
afterEach(() => t.close());

const conversation = async (id: string) => must(t.call('conversations.get', { id }));

describe('Live voice with server VAD', () => {
  it('hears a spoken question, stores it with its recording and transcript, and keeps the spoken answer', async () => {
    standin.realtime.setScenario({ transcripts: ['What is the capital of Norway'], replyText: 'Oslo is the capital of Norway.', audioSeconds: 1.2, pace: 2 });
    const live = liveEvents(t.core);
    const session = await must(t.call('live.start', { conversationId: null, mode: 'vad', vad: { silenceMs: 500 } }));
    expect(session).toMatchObject({ state: 'listening', mode: 'vad', model: 'qwen3-omni-flash-realtime', voice: 'Cherry', inputSampleRate: 16_000, outputSampleRate: 24_000 });

    // The session as the model's generation (Qwen3-Omni-Flash-Realtime) lays it out, sent once session.created came.
    const rec = standin.realtime.sessions.at(-1)!;
    expect(rec.headers.authorization).toBe(`Bearer ${standin.apiKey}`);
    expect(rec.updates[0]).toEqual({
      modalities: ['text', 'audio'], voice: 'Cherry', input_audio_format: 'pcm16', output_audio_format: 'pcm24',
      input_audio_transcription: { model: 'gummy-realtime-v1' },
      turn_detection: { type: 'server_vad', threshold: 0.5, prefix_padding_ms: 300, silence_duration_ms: 500 },
    });

    const page = openChannel(t.core, session.sessionId);
    const words = await speech16k('What is the capital of Norway?');
    await page.speak(concat(silence16k(400), words, silence16k(800)), { speed: 4 });
    const done = await live.wait('reply_done');

    // What the page saw, in order (the transcript is made beside the reply, so it may come before or after it starts).
    const kinds = live.events.map((e) => e.kind).filter((k) => k !== 'reply_text');
    const heard = kinds.slice(kinds.indexOf('speech_started'));
    expect(heard.filter((k) => k !== 'transcript')).toEqual(['speech_started', 'state', 'speech_stopped', 'user_turn', 'state', 'reply_started', 'state', 'reply_done', 'state']);
    expect(heard.indexOf('transcript')).toBeGreaterThan(heard.indexOf('user_turn'));

    const { messages, conversation: summary } = await conversation(session.conversationId);
    expect(summary.title).toBe('What is the capital of Norway');
    expect(messages.map((m) => [m.role, m.text, m.status, m.liveSessionId])).toEqual([
      ['user', 'What is the capital of Norway', 'complete', session.sessionId],
      ['assistant', 'Oslo is the capital of Norway.', 'complete', session.sessionId],
    ]);

    // The spoken turn is a 16 kHz WAV in the media store, as long as the speech (plus VAD's padding and tail).
    const [question, answer] = messages;
    expect(question!.attachments).toEqual([expect.objectContaining({ kind: 'audio', shown: 'audio' })]);
    const store = createStore(openDatabase(join(t.dataDir, 'omni-desk.sqlite')));
    const record = store.preparedMedia(question!.id)[0] as { files: { relPath: string }[]; durationSec: number };
    const wavFile = storedPath(t.dataDir, record.files[0]!.relPath);
    const probe = await ffprobe(wavFile);
    expect(probe.streams[0]).toMatchObject({ codec_name: 'pcm_s16le', channels: 1, sample_rate: '16000' });
    const spoken = samplesOf(words) / 16_000;
    expect(Number(probe.format.duration)).toBeGreaterThan(spoken - 0.3);
    expect(Number(probe.format.duration)).toBeLessThan(spoken + 1.2);
    // The server committed the same speech the core kept (both end where the VAD said it ended).
    expect(standin.realtime.sessions.at(-1)!.turns).toHaveLength(1);

    // The reply's audio: every sample the stand-in sent, stored and passed to the page on the live channel.
    const sent = concat(...standin.realtime.sessions.at(-1)!.responses[0]!.audio);
    const stored = store.readReplyAudio(answer!.id);
    expect(stored.byteLength).toBe(sent.byteLength);
    expect(Buffer.from(stored).equals(Buffer.from(sent))).toBe(true);
    expect(Buffer.from(page.replyAudio(answer!.id)).equals(Buffer.from(sent))).toBe(true);
    // Its audio frames, then one end frame after the last of them (the playback worklet plays out and ends).
    expect(page.frames.every((f) => (f.kind === LIVE_FRAME_REPLY || f.kind === LIVE_FRAME_END) && f.messageId === answer!.id)).toBe(true);
    expect(page.frames.map((f) => f.kind).filter((k) => k === LIVE_FRAME_END)).toEqual([LIVE_FRAME_END]);
    expect(page.frames.at(-1)!.kind).toBe(LIVE_FRAME_END);
    expect(done.message.audio?.samples).toBe(samplesOf(sent));
    expect(answer!.usage).toMatchObject({ promptTokens: 80, completionTokens: 40 });
    store.db.close();

    // Searchable like any turn: a word of the transcript finds the spoken question.
    const found = await must(t.call('search.conversations', { query: 'Norway' }));
    expect(found.groups.flatMap((g) => g.hits.map((h) => h.messageId))).toContain(question!.id);

    const ended = await must(t.call('live.end', { sessionId: session.sessionId }));
    expect(ended).toMatchObject({ state: 'ended', endReason: 'user' });
    expect(page.ended).toBe(true);
    await live.wait('ended', (e) => e.reason === 'user');
  });

  it('cuts the reply when the user speaks over it: cancel sent, late deltas dropped, the stored reply is what was heard', async () => {
    standin.realtime.setScenario({
      transcripts: ['Tell me a long story', 'Stop, thank you'], replies: ['Once upon a time there was a very long story.', 'Alright.'],
      audioSeconds: 4, pace: 1, lateDeltasAfterCancel: 3,
    });
    // Both made first: on a loaded machine espeak-ng and ffmpeg can take longer than the 4 s reply lasts.
    const ask = concat(await speech16k('Tell me a long story.'), silence16k(700));
    const stopWords = await speech16k('Stop, thank you.');
    const live = liveEvents(t.core);
    const session = await must(t.call('live.start', { conversationId: null, mode: 'vad', vad: { silenceMs: 400 } }));
    const page = openChannel(t.core, session.sessionId);
    await page.speak(ask, { speed: 4 });
    const started = await live.wait('reply_started');
    const first = started.message.id;
    // Half a second of the reply arrives, then the user talks over it (the microphone at real time).
    await waitFor(() => page.frames.filter((f) => f.kind === LIVE_FRAME_REPLY).length >= 5, 'five reply frames');
    await page.speak(concat(stopWords, silence16k(600)), { speed: 1 });
    const cut = await live.wait('reply_done', (e) => e.message.id === first);
    expect(cut.message.status).toBe('interrupted');

    // The core cancelled it; the stand-in still sent three deltas after that, and none of them was kept or passed on.
    const rec = standin.realtime.sessions.at(-1)!;
    const types = rec.events.map((e) => e.type);
    expect(types).toContain('response.cancel');
    await waitFor(() => rec.responses[0]!.cancelled, 'the stand-in to end the cancelled response');
    expect(rec.responses[0]!.afterCancel).toBe(3);
    const sent = concat(...rec.responses[0]!.audio);
    const store = createStore(openDatabase(join(t.dataDir, 'omni-desk.sqlite')));
    const stored = store.readReplyAudio(first);
    expect(stored.byteLength).toBeLessThan(sent.byteLength);
    expect(Buffer.from(stored).equals(Buffer.from(sent.subarray(0, stored.byteLength)))).toBe(true);
    expect(Buffer.from(page.replyAudio(first)).equals(Buffer.from(stored))).toBe(true);
    // The page was told to stop playing it, on the audio channel itself.
    expect(page.frames.some((f) => f.kind === LIVE_FRAME_STOP && f.messageId === first)).toBe(true);
    const status = await must(t.call('live.status', {}));
    expect(status[0]!.stats.lateDeltasDropped).toBeGreaterThanOrEqual(3);

    // The page says how much it had played: the stored reply keeps exactly that, marked interrupted.
    const heardSamples = 2_400;
    const heard = await must(t.call('live.heard', { sessionId: session.sessionId, messageId: first, samples: heardSamples }));
    expect(heard.message).toMatchObject({ status: 'interrupted', audio: { samples: heardSamples } });
    const kept = store.readReplyAudio(first);
    expect(kept.byteLength).toBe(heardSamples * 2);
    expect(Buffer.from(kept).equals(Buffer.from(stored.subarray(0, heardSamples * 2)))).toBe(true);

    // The interruption was itself a turn, and it is answered.
    const second = await live.wait('reply_done', (e) => e.message.id !== first);
    expect(second.message).toMatchObject({ status: 'complete', text: 'Alright.' });
    const { messages } = await conversation(session.conversationId);
    expect(messages.map((m) => [m.role, m.text, m.status])).toEqual([
      ['user', 'Tell me a long story', 'complete'],
      ['assistant', 'Once upon a time there was a very long story.'.slice(0, messages[1]!.text.length), 'interrupted'],
      ['user', 'Stop, thank you', 'complete'],
      ['assistant', 'Alright.', 'complete'],
    ]);
    store.db.close();
  });
});

describe('Live voice with push-to-talk', () => {
  it('turns detection off, sends nothing between turns, and commits and asks for the answer on release', async () => {
    standin.realtime.setScenario({ transcripts: ['Hello there'], replyText: 'Hello to you.', audioSeconds: 0.8, pace: 4 });
    const live = liveEvents(t.core);
    const session = await must(t.call('live.start', { conversationId: null, mode: 'ptt' }));
    const rec = standin.realtime.sessions.at(-1)!;
    expect(rec.updates[0]!.turn_detection).toBeNull();
    const page = openChannel(t.core, session.sessionId);
    const words = await speech16k('Hello there.');

    // Speaking without holding the key reaches nobody.
    await page.speak(words, { speed: 0 });
    expect(rec.input).toHaveLength(0);

    await must(t.call('live.talk', { sessionId: session.sessionId, action: 'start' }));
    await page.speak(words, { speed: 0 });
    await must(t.call('live.talk', { sessionId: session.sessionId, action: 'stop' }));
    const done = await live.wait('reply_done');
    expect(done.message).toMatchObject({ text: 'Hello to you.', status: 'complete' });

    const types = rec.events.map((e) => e.type).filter((x) => x !== 'input_audio_buffer.append');
    expect(types).toEqual(['session.update', 'input_audio_buffer.clear', 'input_audio_buffer.commit', 'response.create']);
    // Exactly what was said while the key was down: to the server, and into the stored recording.
    expect(Buffer.from(concat(...rec.input)).equals(Buffer.from(words))).toBe(true);
    const { messages } = await conversation(session.conversationId);
    expect(messages[0]).toMatchObject({ role: 'user', text: 'Hello there', liveSessionId: session.sessionId });
    const store = createStore(openDatabase(join(t.dataDir, 'omni-desk.sqlite')));
    const record = store.preparedMedia(messages[0]!.id)[0] as { files: { relPath: string }[] };
    const wav = await import('node:fs/promises').then((fs) => fs.readFile(storedPath(t.dataDir, record.files[0]!.relPath)));
    expect(Buffer.from(wav.subarray(44)).equals(Buffer.from(words))).toBe(true);
    store.db.close();

    // A press too short to hold words is dropped and said so; switching to VAD sends the whole session again.
    await must(t.call('live.talk', { sessionId: session.sessionId, action: 'start' }));
    await must(t.call('live.talk', { sessionId: session.sessionId, action: 'stop' }));
    const short = await live.wait('error');
    expect(short).toMatchObject({ fatal: false, error: { kind: 'invalid_input', code: 'live_too_short' } });
    const vad = await must(t.call('live.mode', { sessionId: session.sessionId, mode: 'vad' }));
    expect(vad.mode).toBe('vad');
    expect(rec.updates.at(-1)).toMatchObject({ modalities: ['text', 'audio'], voice: 'Cherry', turn_detection: { type: 'server_vad' } });
    await must(t.call('live.end', { sessionId: session.sessionId }));
  });
});

describe('a live session in the history', () => {
  it('is carried as text by a typed turn that follows, and exports as one WAV of the whole session', async () => {
    standin.realtime.setScenario({ transcripts: ['What is the capital of Norway'], replyText: 'Oslo.', audioSeconds: 1, pace: 4 });
    const live = liveEvents(t.core);
    const session = await must(t.call('live.start', { conversationId: null, mode: 'vad', vad: { silenceMs: 400 } }));
    const page = openChannel(t.core, session.sessionId);
    const words = await speech16k('What is the capital of Norway?');
    await page.speak(concat(words, silence16k(600)), { speed: 4 });
    await live.wait('reply_done');
    // A typed turn waits while Live voice writes into the conversation.
    const busy = await t.call('chat.send', { conversationId: session.conversationId, text: 'And of Sweden?' });
    expect(busy).toMatchObject({ ok: false, error: { kind: 'busy' } });
    await must(t.call('live.end', { sessionId: session.sessionId }));

    const before = standin.requests.length;
    const { sent, outcome } = await t.send({ conversationId: session.conversationId, text: 'And of Sweden?' });
    expect(outcome.status).toBe('complete');
    expect(sent.conversationId).toBe(session.conversationId);
    const body = standin.requests.slice(before).find((r) => r.path.endsWith('/chat/completions'))!.body;
    // The session's transcript is the history: the spoken turn as its words (no recording), the reply as text.
    expect(body.messages).toEqual([
      { role: 'user', content: 'What is the capital of Norway' },
      { role: 'assistant', content: 'Oslo.' },
      { role: 'user', content: 'And of Sweden?' },
    ]);

    // The whole session as one 24 kHz WAV: the spoken turn brought up to 24 kHz, a pause, the reply.
    const { fileName, wav } = t.core.liveSessionWav(session.sessionId);
    expect(fileName).toMatch(/^What is the capital of Norway live \d{4}-\d\d-\d\d \d\d-\d\d\.wav$/);
    const file = join(t.dataDir, 'session.wav');
    await writeFile(file, wav);
    const probe = await ffprobe(file);
    expect(probe.streams[0]).toMatchObject({ codec_name: 'pcm_s16le', channels: 1, sample_rate: '24000' });
    const store = createStore(openDatabase(join(t.dataDir, 'omni-desk.sqlite')));
    const { messages } = await conversation(session.conversationId);
    const userSec = (store.preparedMedia(messages[0]!.id)[0] as { durationSec: number }).durationSec;
    const replySamples = samplesOf(store.readReplyAudio(messages[1]!.id));
    const expectedSamples = Math.floor(userSec * 24_000) + Math.round(0.3 * 24_000) + replySamples;
    expect(Math.abs((wav.byteLength - 44) / 2 - expectedSamples)).toBeLessThanOrEqual(2);
    // One spoken turn exports alone as its own recording (16 kHz).
    const one = t.core.replyWav(messages[0]!.id);
    expect(one.wav.byteLength).toBe(44 + Math.round(userSec * 16_000) * 2);
    store.db.close();
  });
});

async function waitFor(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
