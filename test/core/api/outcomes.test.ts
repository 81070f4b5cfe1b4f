// Every way a reply can end, over real HTTP against the stand-in: the right status and error kind, and
// whatever arrived before the end is kept.
import { createServer } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildChatBody } from '../../../electron/core/api/request';
import { streamChat } from '../../../electron/core/api/stream';
import { DEFAULT_SCENARIO, DEFAULT_TEXT, startStandin, type Standin } from '../../standin';
import { collect, HELLO, SPEAK } from './helpers';

let standin: Standin;
beforeAll(async () => {
  standin = await startStandin();
});
afterAll(() => standin.close());
beforeEach(() => standin.setScenario(DEFAULT_SCENARIO));

/** What arrived is a real, non-empty beginning of the reply, not all of it. */
function expectPartial(text: string) {
  expect(text.length).toBeGreaterThan(0);
  expect(text.length).toBeLessThan(DEFAULT_TEXT.length);
  expect(DEFAULT_TEXT.startsWith(text)).toBe(true);
}

describe('cut off', () => {
  it('a dropped connection keeps the text and the exact audio that arrived', async () => {
    standin.setScenario({ dropAfterChunks: 12 });
    const got = await collect(standin);
    expect(got.result.status).toBe('cut_off');
    expect(got.result.error?.kind).toBe('cut_off');
    expect(got.result.error?.message).toMatch(/kept/);
    expectPartial(got.text);
    const sent = standin.lastAudio();
    expect(sent.length).toBeGreaterThan(0);
    expect(Buffer.from(got.audio).equals(Buffer.from(sent))).toBe(true);
    expect(got.result.usage).toBeNull();
    expect(got.result.finishReason).toBeNull();
  });

  it('a stream that ends without its usage is not complete', async () => {
    standin.setScenario({ omitUsage: true });
    const got = await collect(standin);
    expect(got.text).toBe(DEFAULT_TEXT);
    expect(got.result.finishReason).toBe('stop');
    expect(got.result.status).toBe('cut_off');
  });
});

describe('failed', () => {
  it('401: the message is about the key, and never contains it', async () => {
    const key = 'sk-wrong0123456789abcdef';
    const got = await collect(standin, { apiKey: key });
    expect(got.result.status).toBe('failed');
    const e = got.result.error!;
    expect(e.kind).toBe('auth');
    expect(e.httpStatus).toBe(401);
    expect(e.code).toBe('invalid_api_key');
    expect(e.message).toMatch(/API key/);
    expect(e.message).toMatch(/Singapore/);
    expect(e.serverMessage).toMatch(/Incorrect API key/);
    expect(e.requestId).toBeTruthy();
    expect(JSON.stringify(got.result)).not.toContain(key);
    expect(got.events).toEqual([]);
  });

  it('400 when stream is not true', async () => {
    const body = { ...buildChatBody(HELLO, SPEAK), stream: false } as unknown as ReturnType<typeof buildChatBody>;
    const r = await streamChat({ fetch, baseUrl: standin.baseUrl, apiKey: standin.apiKey, body, stallTimeoutMs: 5_000, onEvent() {} });
    expect(r.status).toBe('failed');
    expect(r.error).toMatchObject({ kind: 'bad_request', httpStatus: 400, code: 'invalid_parameter_error' });
    expect(r.error!.serverMessage).toMatch(/stream=true/);
  });

  it('429 rate limit says how long to wait (Retry-After)', async () => {
    standin.setScenario({ http429: true, retryAfterSeconds: 7 });
    const got = await collect(standin);
    expect(got.result.status).toBe('failed');
    expect(got.result.error).toMatchObject({ kind: 'rate_limit', httpStatus: 429, code: 'limit_requests' });
    expect(got.result.error!.message).toMatch(/7 seconds/);
  });

  it('500 is a server problem', async () => {
    standin.setScenario({ http500: true });
    const got = await collect(standin);
    expect(got.result.status).toBe('failed');
    expect(got.result.error).toMatchObject({ kind: 'server', httpStatus: 500 });
  });

  it('failNext: the failure applies to the next n requests, then replies succeed', async () => {
    standin.setScenario({ http500: true, failNext: 2 });
    expect((await collect(standin)).result.status).toBe('failed');
    expect((await collect(standin)).result.status).toBe('failed');
    const third = await collect(standin);
    expect(third.result.status).toBe('complete');
    expect(third.text).toBe(DEFAULT_TEXT);
  });

  it('an error frame mid-stream is moderation; the partial text is kept', async () => {
    standin.setScenario({ errorFrameAfterChunks: 10 });
    const got = await collect(standin);
    expect(got.result.status).toBe('failed');
    expect(got.result.error).toMatchObject({ kind: 'moderation', code: 'data_inspection_failed' });
    expect(got.result.error!.requestId).toBeTruthy();
    expectPartial(got.text);
    expect(Buffer.from(got.audio).equals(Buffer.from(standin.lastAudio()))).toBe(true);
  });

  it('an unknown model is model_not_found; a voice the model lacks is a bad request naming the voices', async () => {
    const model = await collect(standin, { turn: { ...SPEAK, model: 'qwen9-omni-ultra' } });
    expect(model.result.error).toMatchObject({ kind: 'model_not_found', httpStatus: 404, code: 'model_not_found' });
    const voice = await collect(standin, { turn: { model: 'qwen-omni-turbo', voice: 'Ryan', speakReplies: true, thinking: false } });
    expect(voice.result.error).toMatchObject({ kind: 'bad_request', httpStatus: 400 });
    expect(voice.result.error!.serverMessage).toBe("Input should be 'Cherry', 'Serena', 'Ethan' or 'Chelsie': parameters.audio.voice");
    expect(voice.result.error!.message).toMatch(/voice/);
  });

  it('an inline item over 10 MB is too_large', async () => {
    const big = `data:;base64,${'A'.repeat(10_485_761)}`;
    const got = await collect(standin, {
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Listen' }, { type: 'input_audio', input_audio: { data: big, format: 'mp3' } }] }],
    });
    expect(got.result.error).toMatchObject({ kind: 'too_large', httpStatus: 400 });
  });

  it('errors of the reference table sent by the server map to their kinds', async () => {
    const cases = [
      { status: 400, code: 'Arrearage', message: 'Access denied, please make sure your account is in good standing.', kind: 'arrearage' },
      { status: 403, code: 'AllocationQuota.FreeTierOnly', message: 'The free tier of the model has been exhausted.', kind: 'quota' },
      { status: 400, code: 'InvalidParameter', message: 'The video modality input does not meet the requirements because: The video file is too long.', kind: 'media_refused' },
      { status: 400, code: 'InvalidParameter', message: 'Failed to download multimodal content.', kind: 'media_refused' },
    ] as const;
    for (const c of cases) {
      standin.setScenario({ httpError: { status: c.status, code: c.code, message: c.message } });
      const got = await collect(standin);
      expect(got.result.status).toBe('failed');
      expect(got.result.error, c.code).toMatchObject({ kind: c.kind, httpStatus: c.status, code: c.code, serverMessage: c.message });
    }
  });

  it('nothing listening: a network error', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const got = await collect(standin, { baseUrl: `http://127.0.0.1:${port}/compatible-mode/v1` });
    expect(got.result.status).toBe('failed');
    expect(got.result.error).toMatchObject({ kind: 'network', httpStatus: null, code: 'ECONNREFUSED' });
    expect(got.result.error!.message).toMatch(/connection was refused/);
  });
});

describe('cancelled and stalled', () => {
  it('Stop (abort) mid-stream: cancelled, no error, the partial reply kept', async () => {
    standin.setScenario({ realtime: true });
    const stop = new AbortController();
    const got = await collect(standin, {
      signal: stop.signal,
      onEvent: (_e, sofar) => {
        if (sofar.filter((x) => x.type === 'audio').length === 3) stop.abort();
      },
    });
    expect(got.result).toMatchObject({ status: 'cancelled', error: null, usage: null });
    expectPartial(got.text);
    expect(got.audioEvents).toBe(3);
    // The server saw the client go: it stopped sending audio soon after the abort.
    expect(standin.lastAudio().length).toBeLessThan(3 * 24_000 * 2);
  });

  it('aborted before it starts: cancelled, and no request is sent', async () => {
    const before = standin.requests.length;
    const got = await collect(standin, { signal: AbortSignal.abort() });
    expect(got.result.status).toBe('cancelled');
    expect(standin.requests.length).toBe(before);
  });

  it('no bytes for stallTimeoutMs: stalled, the partial reply kept', async () => {
    standin.setScenario({ stallAfterChunks: 8 });
    const got = await collect(standin, { stallTimeoutMs: 300 });
    expect(got.result.status).toBe('stalled');
    expect(got.result.error).toMatchObject({ kind: 'stalled' });
    expect(got.result.error!.message).toMatch(/0\.3 s/);
    expectPartial(got.text);
    expect(Buffer.from(got.audio).equals(Buffer.from(standin.lastAudio()))).toBe(true);
  });

  it('a consumer that throws ends the stream as failed, without an unhandled error', async () => {
    const got = await collect(standin, {
      onEvent: (e) => {
        if (e.type === 'audio') throw new Error('disk full');
      },
    });
    expect(got.result.status).toBe('failed');
    expect(got.result.error).toMatchObject({ kind: 'internal' });
    expect(got.result.error!.message).toMatch(/disk full/);
  });
});
