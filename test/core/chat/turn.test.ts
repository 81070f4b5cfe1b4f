// A chat turn through the assembled core (createCore), against the stand-in over real HTTP, stored in a
// real SQLite file: what the renderer is pushed, what is stored, and how each ending is recorded —
// keeping whatever arrived before it.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChatEvent } from '../../../shared/contract';
import { DEFAULT_SCENARIO, startStandin, type Standin, type StandinScenario } from '../../standin';
import { startTestCore, type TestCore } from '../../support/test-core';

let standin: Standin;
let dir: string;
let tc: TestCore;

beforeAll(async () => {
  standin = await startStandin();
});
afterAll(async () => {
  await standin.close();
});
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'omni-turn-'));
  tc = await startTestCore({ standin, dataDir: dir });
});
afterEach(async () => {
  await tc.close();
  await rm(dir, { recursive: true, force: true });
});

function scenario(s: Partial<StandinScenario>): void {
  standin.setScenario({ ...DEFAULT_SCENARIO, ...s });
}

const outcome = (messageId: string) => tc.outcome(messageId);
const audioArrived = (id: string) => tc.event((e) => e.kind === 'audio' && e.messageId === id, `audio of reply ${id}`);

const pushedText = (id: string) => tc.pushedText(id);
function pushedAudio(id: string): Uint8Array {
  const parts = tc.events.filter((e): e is Extract<ChatEvent, { kind: 'audio' }> => e.kind === 'audio' && e.messageId === id);
  expect(parts.map((p) => p.seq)).toEqual(parts.map((_, i) => i));
  return Buffer.concat(parts.map((p) => p.pcm));
}

async function send(text: string, conversationId: string | null = null) {
  return tc.core.handlers['chat.send']({ conversationId, text, attachmentIds: [], options: {} });
}

async function stored(conversationId: string, messageId: string) {
  const detail = await tc.core.handlers['conversations.get']({ id: conversationId });
  return detail.messages.find((m) => m.id === messageId)!;
}

describe('a chat turn in the core', () => {
  it('complete: text and exact audio bytes pushed and stored, usage recorded; the next turn sends the reply as text only', async () => {
    scenario({ text: 'Paris is the capital of France.', audioSeconds: 2 });
    const first = await send('What is the capital of France?');
    const o = await outcome(first.assistantMessage.id);
    expect(o.status).toBe('complete');
    expect(o.error).toBeNull();
    const id = first.assistantMessage.id;
    expect(pushedText(id)).toBe('Paris is the capital of France.');
    const audio = pushedAudio(id);
    expect(Buffer.from(audio).equals(Buffer.from(standin.lastAudio()))).toBe(true);
    expect(tc.events.some((e) => e.kind === 'usage' && e.messageId === id)).toBe(true);

    const m = await stored(first.conversationId, id);
    expect(m.status).toBe('complete');
    expect(m.text).toBe('Paris is the capital of France.');
    expect(m.usage?.completionDetails.audio_tokens).toBeGreaterThan(0);
    expect(m.audio?.samples).toBe(audio.byteLength / 2);
    const saved = await tc.core.handlers['reply.audio']({ messageId: id });
    expect(Buffer.from(saved.pcm).equals(Buffer.from(audio))).toBe(true);

    scenario({ text: 'About two million people live there.', audioSeconds: 1 });
    const second = await send('How many people live there?', first.conversationId);
    expect((await outcome(second.assistantMessage.id)).status).toBe('complete');
    const body = standin.requests.at(-1)!.body;
    expect(body.stream).toBe(true);
    expect(body.stream_options).toEqual({ include_usage: true });
    expect(body.modalities).toEqual(['text', 'audio']);
    expect(body.audio).toEqual({ voice: 'Cherry', format: 'wav' });
    expect(body.messages).toEqual([
      { role: 'user', content: 'What is the capital of France?' },
      { role: 'assistant', content: 'Paris is the capital of France.' },
      { role: 'user', content: 'How many people live there?' },
    ]);
  });

  it('Speak replies off: text only is asked for, and no audio is stored', async () => {
    scenario({ text: 'Just text.' });
    await tc.core.handlers['settings.update']({ speakReplies: false });
    const r = await send('Answer in text');
    expect((await outcome(r.assistantMessage.id)).status).toBe('complete');
    const body = standin.requests.at(-1)!.body;
    expect(body.modalities).toEqual(['text']);
    expect(body.audio).toBeUndefined();
    expect((await stored(r.conversationId, r.assistantMessage.id)).audio).toBeNull();
  });

  it('cut off: the connection drops; the reply keeps what arrived and says so', async () => {
    scenario({ audioSeconds: 3, dropAfterChunks: 12 });
    const r = await send('Tell me a story');
    const o = await outcome(r.assistantMessage.id);
    expect(o.status).toBe('cut_off');
    const m = await stored(r.conversationId, r.assistantMessage.id);
    expect(m.status).toBe('cut_off');
    expect(m.text).toBe(pushedText(r.assistantMessage.id));
    const saved = await tc.core.handlers['reply.audio']({ messageId: r.assistantMessage.id });
    expect(Buffer.from(saved.pcm).equals(Buffer.from(pushedAudio(r.assistantMessage.id)))).toBe(true);
    expect(m.text.length + saved.pcm.byteLength).toBeGreaterThan(0);
  });

  it('failed: an error frame mid-stream (content moderation) keeps the partial reply and explains', async () => {
    scenario({ errorFrameAfterChunks: 8 });
    const r = await send('Something risky');
    const o = await outcome(r.assistantMessage.id);
    expect(o.status).toBe('failed');
    expect(o.error?.kind).toBe('moderation');
    const m = await stored(r.conversationId, r.assistantMessage.id);
    expect(m.error?.kind).toBe('moderation');
    expect(m.text).toBe(pushedText(r.assistantMessage.id));
  });

  it('failed: a refused key is explained without showing the key', async () => {
    await tc.core.handlers['key.set']({ key: 'sk-wrong-key-12345' });
    const r = await send('Hello?');
    const o = await outcome(r.assistantMessage.id);
    expect(o.status).toBe('failed');
    expect(o.error?.kind).toBe('auth');
    expect(JSON.stringify(o.error)).not.toContain('sk-wrong-key-12345');
  });

  it('cancelled: Stop ends the reply and keeps what arrived', async () => {
    scenario({ audioSeconds: 10, realtime: true });
    const r = await send('Talk for a while');
    const id = r.assistantMessage.id;
    await audioArrived(id);
    expect(await tc.core.handlers['chat.stop']({ messageId: id })).toEqual({ stopped: true });
    const o = await outcome(id);
    expect(o.status).toBe('cancelled');
    const saved = await tc.core.handlers['reply.audio']({ messageId: id });
    expect(saved.pcm.byteLength).toBeGreaterThan(0);
    expect(saved.pcm.byteLength).toBeLessThan(10 * 48_000);
    expect(Buffer.from(saved.pcm).equals(Buffer.from(pushedAudio(id)))).toBe(true);
    expect(await tc.core.handlers['chat.stop']({ messageId: id })).toEqual({ stopped: false });
  });

  it('stalled: no chunk for the configured time; the core aborts and keeps what arrived', async () => {
    await tc.core.handlers['settings.update']({ stallTimeoutMs: 1_000 });
    scenario({ stallAfterChunks: 6 });
    const r = await send('Are you there?');
    const o = await outcome(r.assistantMessage.id);
    expect(o.status).toBe('stalled');
    expect(o.error?.kind).toBe('stalled');
    const m = await stored(r.conversationId, r.assistantMessage.id);
    expect(m.status).toBe('stalled');
    expect(m.text).toBe(pushedText(r.assistantMessage.id));
  });

  it('a server that sends the words only as the audio transcript still gives the reply its text', async () => {
    scenario({ text: 'Words from the transcript.', transcriptOnly: true });
    const r = await send('Old style please');
    expect((await outcome(r.assistantMessage.id)).status).toBe('complete');
    expect((await stored(r.conversationId, r.assistantMessage.id)).text).toBe('Words from the transcript.');
  });

  it('closing the app mid-reply marks it interrupted, with what arrived', async () => {
    scenario({ audioSeconds: 10, realtime: true });
    const r = await send('A long one');
    const id = r.assistantMessage.id;
    await audioArrived(id);
    await tc.close();
    tc = await startTestCore({ standin, dataDir: dir });
    const m = await stored(r.conversationId, id);
    expect(m.status).toBe('interrupted');
    expect(m.audio?.samples).toBeGreaterThan(0);
  });

  it('without a key, sending is refused with what to do, and nothing is stored', async () => {
    await tc.close();
    tc = await startTestCore({ standin, dataDir: dir, envKey: null });
    await expect(send('Hi')).rejects.toMatchObject({ info: { kind: 'no_key' } });
    expect(await tc.core.handlers['conversations.list']({ limit: 10 })).toEqual([]);
  });
});
