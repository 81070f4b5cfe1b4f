// Voice samples through the assembled core against the stand-in over real HTTP: one tiny request in the
// voice, the audio kept on disk and served by opaque id (Range → 206), asked for once however often and
// however many at a time, playable offline afterwards; failures explained.
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SAMPLE_MAX_TOKENS, sampleFilePath } from '../../../electron/core/voices/voice-samples';
import type { MediaAnswer } from '../../../electron/core/media-serve';
import { DEFAULT_SCENARIO, startStandin, type Standin } from '../../standin';
import { must, refused, startTestCore, type TestCore } from '../../support/test-core';

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
  standin.setScenario({ ...DEFAULT_SCENARIO, text: "Hi, I'm Cherry.", audioSeconds: 1.5, firstChunkDelayMs: 150 });
  standin.requests.length = 0;
  dir = await mkdtemp(join(tmpdir(), 'omni-voice-sample-'));
  tc = await startTestCore({ standin, dataDir: dir });
});
afterEach(async () => {
  await tc.close();
  await rm(dir, { recursive: true, force: true });
});

async function bytesOf(answer: MediaAnswer): Promise<Buffer> {
  if ('text' in answer || !answer.open) throw new Error(`no body: ${answer.status}`);
  const parts: Buffer[] = [];
  for await (const c of answer.open() as Readable) parts.push(c as Buffer);
  return Buffer.concat(parts);
}

describe('voices.sample', () => {
  it('asks the model once with a tiny text+audio request in that voice, keeps the WAV on disk and serves it by id', async () => {
    const first = await must(tc.call('voices.sample', { model: 'qwen3-omni-flash-2025-12-01', voice: 'Eldric Sage', language: 'en' }));
    expect(first.cached).toBe(false);
    expect(first.sampleId).toMatch(/^vs-[0-9a-f]{32}$/);
    expect(first.text).toBe("Hi, I'm Eldric Sage. This is how I sound when I answer you.");
    expect(first.durationMs).toBe(1500);

    expect(standin.requests).toHaveLength(1);
    const body = standin.requests[0]!.body;
    expect(body.model).toBe('qwen3-omni-flash-2025-12-01');
    expect(body.modalities).toEqual(['text', 'audio']);
    expect(body.audio).toEqual({ voice: 'Eldric Sage', format: 'wav' });
    expect(body.max_tokens).toBe(SAMPLE_MAX_TOKENS);
    expect(body.enable_thinking).toBeUndefined();
    expect(body.messages).toHaveLength(1);
    expect(body.messages[0].content).toContain(first.text);

    // On disk, where it is documented to be, as a WAV holding exactly the audio that was sent.
    const file = sampleFilePath(dir, 'qwen3-omni-flash-2025-12-01', 'Eldric Sage', 'en');
    const wav = readFileSync(file);
    expect(wav.toString('ascii', 0, 4)).toBe('RIFF');
    expect(wav.subarray(44).equals(Buffer.from(standin.lastAudio()))).toBe(true);

    // Served like stored media: by id only, whole or by range.
    const whole = await tc.core.media({ path: `voice-sample/${first.sampleId}.wav`, method: 'GET' });
    expect(whole.status).toBe(200);
    expect(whole.headers['Content-Type']).toBe('audio/wav');
    expect((await bytesOf(whole)).equals(wav)).toBe(true);
    const part = await tc.core.media({ path: `voice-sample/${first.sampleId}.wav`, method: 'GET', range: 'bytes=44-1043' });
    expect(part.status).toBe(206);
    expect((await bytesOf(part)).equals(wav.subarray(44, 1044))).toBe(true);
    expect((await tc.core.media({ path: 'voice-sample/vs-0000.wav', method: 'GET' })).status).toBe(404);

    // Asked again: from disk, no second request, the same id.
    const again = await must(tc.call('voices.sample', { model: 'qwen3-omni-flash-2025-12-01', voice: 'Eldric Sage', language: 'en' }));
    expect(again).toEqual({ ...first, cached: true });
    expect(standin.requests).toHaveLength(1);
  });

  it('several asks at once for one sample make one request; each language is a sample of its own (the app language by default)', async () => {
    const ask = () => tc.call('voices.sample', { model: 'qwen3-omni-flash', voice: 'Cherry' });
    const answers = await Promise.all([ask(), ask(), ask()]);
    expect(answers.every((a) => a.ok)).toBe(true);
    expect(new Set(answers.map((a) => a.ok && a.value.sampleId)).size).toBe(1);
    expect(standin.requests).toHaveLength(1);
    expect(existsSync(sampleFilePath(dir, 'qwen3-omni-flash', 'Cherry', 'en'))).toBe(true);

    await must(tc.call('settings.update', { language: 'zh-CN' }));
    const zh = await must(tc.call('voices.sample', { model: 'qwen3-omni-flash', voice: 'Cherry' }));
    expect(zh.cached).toBe(false);
    expect(zh.text).toBe('你好，我是Cherry。我回答你的时候，就是这个声音。');
    expect(standin.requests).toHaveLength(2);
    expect(standin.requests[1]!.body.messages[0].content).toContain(zh.text);
  });

  it('offline: a kept sample still plays (after a restart too); one never made says the server cannot be reached', async () => {
    const made = await must(tc.call('voices.sample', { model: 'qwen3-omni-flash', voice: 'Ethan', language: 'en' }));
    await tc.close();
    // The same data folder, but the API unreachable (nothing listens at this address).
    tc = await startTestCore({ dataDir: dir, baseUrl: 'http://127.0.0.1:9/compatible-mode/v1', envKey: 'sk-offline' });
    const kept = await must(tc.call('voices.sample', { model: 'qwen3-omni-flash', voice: 'Ethan', language: 'en' }));
    expect([kept.cached, kept.sampleId]).toEqual([true, made.sampleId]);
    expect((await tc.core.media({ path: `voice-sample/${kept.sampleId}.wav`, method: 'GET' })).status).toBe(200);

    const never = await refused(tc.call('voices.sample', { model: 'qwen3-omni-flash', voice: 'Jennifer', language: 'en' }));
    expect(never.kind).toBe('network');
    expect(never.message).toMatch(/^The sample of Jennifer could not be made\. /);
    expect(existsSync(sampleFilePath(dir, 'qwen3-omni-flash', 'Jennifer', 'en'))).toBe(false);
  });

  it('explains a missing key, a voice the model lacks, a refused key and an answer without sound; nothing is kept', async () => {
    await tc.close();
    tc = await startTestCore({ standin, dataDir: dir, envKey: null });
    const noKey = await refused(tc.call('voices.sample', { model: 'qwen3-omni-flash', voice: 'Cherry' }));
    expect([noKey.kind, noKey.message]).toEqual(['no_key', expect.stringMatching(/No API key for Singapore \(International\) yet/)]);
    expect(standin.requests).toHaveLength(0);

    await must(tc.call('key.set', { key: standin.apiKey }));
    const noVoice = await refused(tc.call('voices.sample', { model: 'qwen-omni-turbo', voice: 'Eldric Sage' }));
    expect([noVoice.kind, noVoice.message]).toEqual(['invalid_input', 'Qwen-Omni-Turbo has no voice called Eldric Sage. Pick one of its voices.']);

    standin.setScenario({ noAudio: true });
    const silent = await refused(tc.call('voices.sample', { model: 'qwen3-omni-flash', voice: 'Cherry' }));
    expect(silent.kind).toBe('no_audio');
    expect(silent.message).toMatch(/answered without sound, so there is no sample of Cherry/);

    standin.setScenario({ noAudio: false });
    await must(tc.call('key.set', { key: 'sk-wrong' }));
    const wrong = await refused(tc.call('voices.sample', { model: 'qwen3-omni-flash', voice: 'Cherry' }));
    expect(wrong.kind).toBe('auth');
    expect(wrong.message).not.toContain('sk-wrong');
    expect(existsSync(join(dir, 'voice-samples', 'qwen3-omni-flash'))).toBe(false);
  });
});
