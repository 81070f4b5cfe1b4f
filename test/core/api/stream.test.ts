// A healthy reply over real HTTP: text in order, audio byte-exact, usage, status complete; and the wire's
// oddities (fragmented writes, \r\n, comments, multi-line data, odd audio cuts) change nothing.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO, DEFAULT_TEXT, startStandin, type Standin } from '../../standin';
import { textPieces } from '../../standin/reply';
import { collect, QUIET, SPEAK } from './helpers';

let standin: Standin;
beforeAll(async () => {
  standin = await startStandin();
});
afterAll(() => standin.close());
beforeEach(() => standin.setScenario(DEFAULT_SCENARIO));

describe('a complete spoken reply', () => {
  it('streams the text in order, the exact audio bytes, and the usage', async () => {
    const got = await collect(standin);
    expect(got.result).toMatchObject({ status: 'complete', error: null, finishReason: 'stop' });
    expect(got.text).toBe(DEFAULT_TEXT);
    const textEvents = got.events.filter((e) => e.type === 'text');
    expect(textEvents.length).toBe(textPieces(DEFAULT_TEXT).length);

    const sent = standin.lastAudio();
    expect(sent.length).toBe(3 * 24_000 * 2);
    expect(Buffer.from(got.audio).equals(Buffer.from(sent))).toBe(true);
    expect(got.audioEvents).toBe(30);
    for (const e of got.events) if (e.type === 'audio') expect(e.pcm.length % 2).toBe(0);

    // Text and audio really interleave (the player starts before the text is done).
    const firstAudio = got.events.findIndex((e) => e.type === 'audio');
    const lastText = got.events.findLastIndex((e) => e.type === 'text');
    expect(firstAudio).toBeLessThan(lastText);

    expect(got.usage).not.toBeNull();
    expect(got.result.usage).toEqual(got.usage);
    expect(got.usage!.completionDetails.audio_tokens).toBeGreaterThan(0);
    expect(got.usage!.completionDetails.text_tokens).toBeGreaterThan(0);
    expect(got.usage!.totalTokens).toBe(got.usage!.promptTokens + got.usage!.completionTokens);
    expect(got.result.requestId).toMatch(/[0-9a-f-]{36}/);
    expect(got.events.at(-1)).toMatchObject({ type: 'usage' });
    expect(got.events.filter((e) => e.type === 'finish')).toEqual([{ type: 'finish', reason: 'stop' }]);
  });

  it('stamps every audio event with the injected clock at its arrival', async () => {
    let t = 1_000;
    const events: number[] = [];
    const { streamChat } = await import('../../../electron/core/api/stream');
    const { buildChatBody } = await import('../../../electron/core/api/request');
    const r = await streamChat({
      fetch, baseUrl: standin.baseUrl, apiKey: standin.apiKey, body: buildChatBody([{ role: 'user', content: 'hi' }], SPEAK),
      stallTimeoutMs: 10_000, now: () => (t += 10),
      onEvent: (e) => e.type === 'audio' && events.push(e.receivedAt),
    });
    expect(r.status).toBe('complete');
    expect(events.length).toBe(30);
    // The injected clock, not the wall clock, and never ahead of it.
    expect(events.every((x) => x > 1_000 && x <= t)).toBe(true);
    expect([...events].sort((a, b) => a - b)).toEqual(events);
  });

  it('text only: no audio events at all', async () => {
    const got = await collect(standin, { turn: QUIET });
    expect(got.result.status).toBe('complete');
    expect(got.text).toBe(DEFAULT_TEXT);
    expect(got.audioEvents).toBe(0);
    expect(got.usage!.completionDetails.audio_tokens).toBeUndefined();
  });

  it('thinking: reasoning arrives first, separately from the text', async () => {
    standin.setScenario({ reasoning: 'Let me think about greetings.' });
    const got = await collect(standin, { turn: { ...SPEAK, thinking: true } });
    expect(got.result.status).toBe('complete');
    expect(got.reasoning).toBe('Let me think about greetings.');
    expect(got.text).toBe(DEFAULT_TEXT);
    expect(got.audioEvents).toBe(0);
    const lastReasoning = got.events.findLastIndex((e) => e.type === 'reasoning');
    const firstText = got.events.findIndex((e) => e.type === 'text');
    expect(lastReasoning).toBeLessThan(firstText);
  });
});

describe('the wire may be awkward; the result is the same', () => {
  const chinese = '你好！我是本地的通义千问替身。这段回复同时传送文字和声音，用来测试应用。';

  it('fragmented writes, \\r\\n line ends, comments and multi-line data with Chinese text', async () => {
    standin.setScenario({ text: chinese, fragmentWrites: true, lineEnding: '\r\n', comments: true, multilineData: true, audioSeconds: 1 });
    const got = await collect(standin);
    expect(got.result.status).toBe('complete');
    expect(got.text).toBe(chinese);
    expect(Buffer.from(got.audio).equals(Buffer.from(standin.lastAudio()))).toBe(true);
    expect(got.audio.length).toBe(24_000 * 2);
    expect(got.usage).not.toBeNull();
  });

  it('audio cut at odd byte offsets still gives the exact bytes, in whole samples', async () => {
    standin.setScenario({ oddSplit: true, audioSeconds: 1.5, chunkMs: 40 });
    const got = await collect(standin);
    expect(got.result.status).toBe('complete');
    const sent = standin.lastAudio();
    expect(sent.length).toBe(1.5 * 24_000 * 2);
    expect(Buffer.from(got.audio).equals(Buffer.from(sent))).toBe(true);
    for (const e of got.events) if (e.type === 'audio') expect(e.pcm.length % 2).toBe(0);
  });

  it('all audio in one delta at the end (a self-hosted server) is received whole', async () => {
    standin.setScenario({ audioAtEnd: true, audioSeconds: 4 });
    const got = await collect(standin);
    expect(got.result.status).toBe('complete');
    expect(got.audioEvents).toBe(1);
    expect(Buffer.from(got.audio).equals(Buffer.from(standin.lastAudio()))).toBe(true);
  });

  it('old-style deltas with only audio.transcript give transcript events', async () => {
    standin.setScenario({ transcriptOnly: true });
    const got = await collect(standin);
    expect(got.result.status).toBe('complete');
    expect(got.transcript).toBe(DEFAULT_TEXT);
    expect(got.text).toBe('');
    expect(Buffer.from(got.audio).equals(Buffer.from(standin.lastAudio()))).toBe(true);
  });

  it('without an x-request-id header the id comes from the stream', async () => {
    standin.setScenario({ omitRequestIdHeader: true });
    const got = await collect(standin);
    expect(got.result.status).toBe('complete');
    expect(got.result.requestId).toMatch(/^chatcmpl-/);
  });

  it('real speech from espeak-ng arrives byte-exact', async () => {
    standin.setScenario({ speech: true, text: 'Testing one two three.' });
    const got = await collect(standin);
    expect(got.result.status).toBe('complete');
    expect(got.audio.length).toBeGreaterThan(24_000); // more than half a second of speech
    expect(Buffer.from(got.audio).equals(Buffer.from(standin.lastAudio()))).toBe(true);
  });
});
