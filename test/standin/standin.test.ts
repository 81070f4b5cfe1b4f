// The stand-in itself: it must behave like the service where the client cannot check it for us (real
// audio, clean shutdown with a hanging reply, the standalone CLI, request recording).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { buildChatBody } from '../../electron/core/api/request';
import { startStandin, toneSequence } from './index';

const body = buildChatBody([{ role: 'user', content: 'hi' }], { model: 'qwen3-omni-flash', voice: 'Cherry', speakReplies: true, thinking: false });

function rms(pcm: Uint8Array): number {
  const v = new DataView(pcm.buffer, pcm.byteOffset, pcm.length);
  let sum = 0;
  for (let i = 0; i + 1 < pcm.length; i += 2) sum += v.getInt16(i, true) ** 2;
  return Math.sqrt(sum / (pcm.length / 2)) / 32768;
}

/** Counts sign changes per second: a rough pitch that tells a tone from silence or noise. */
function zeroCrossingsPerSecond(pcm: Uint8Array): number {
  const v = new DataView(pcm.buffer, pcm.byteOffset, pcm.length);
  let n = 0;
  let prev = 0;
  for (let i = 0; i + 1 < pcm.length; i += 2) {
    const s = v.getInt16(i, true);
    if ((s >= 0) !== (prev >= 0)) n++;
    prev = s;
  }
  return n / (pcm.length / 2 / 24_000);
}

async function post(baseUrl: string, key: string, b: unknown): Promise<Response> {
  return fetch(`${baseUrl}/chat/completions`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(b),
  });
}

describe('stand-in', () => {
  it('the default audio is an audible tone sequence, with no click at the start', () => {
    const pcm = toneSequence(2, 'seed');
    expect(pcm.length).toBe(2 * 24_000 * 2);
    expect(rms(pcm)).toBeGreaterThan(0.05);
    expect(rms(pcm)).toBeLessThan(0.5);
    const zc = zeroCrossingsPerSecond(pcm);
    // Notes between 220 and 590 Hz cross zero twice per cycle.
    expect(zc).toBeGreaterThan(2 * 200);
    expect(zc).toBeLessThan(2 * 1200);
    expect(new DataView(pcm.buffer, pcm.byteOffset).getInt16(0, true)).toBe(0);
  });

  it('close() ends promptly even with a reply hanging open, and the port is free afterwards', async () => {
    const s = await startStandin({ scenario: { stallAfterChunks: 3 } });
    const res = await post(s.baseUrl, s.apiKey, body);
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    await reader.read();
    await s.close();
    await expect((async () => {
      for (;;) if ((await reader.read()).done) return 'ended';
    })()).rejects.toThrow();
    await expect(post(s.baseUrl, s.apiKey, body)).rejects.toThrow();
  });

  it('records requests with their parsed bodies, and checks the key it was given', async () => {
    const s = await startStandin({ apiKey: 'sk-custom-key' });
    try {
      expect((await post(s.baseUrl, 'sk-standin-test', body)).status).toBe(401);
      const ok = await post(s.baseUrl, 'sk-custom-key', body);
      expect(ok.status).toBe(200);
      expect(ok.headers.get('content-type')).toMatch(/text\/event-stream/);
      const text = await ok.text();
      expect(text.trimEnd().endsWith('data: [DONE]')).toBe(true);
      expect(s.requests.map((r) => r.headers.authorization)).toEqual(['Bearer sk-standin-test', 'Bearer sk-custom-key']);
      expect(s.requests[1]!.body).toEqual(body);
    } finally {
      await s.close();
    }
  });

  it('the CLI prints its base URL on one line and serves the wire format; the control endpoint changes the scenario', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/standin/cli.ts', '--port', '0', '--key', 'sk-cli', '--realtime'], {
      cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const [first] = (await once(child.stdout, 'data')) as [Buffer];
      const url = first.toString().trim();
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/compatible-mode\/v1$/);
      const origin = new URL(url).origin;
      const set = await fetch(`${origin}/__standin/scenario`, { method: 'POST', body: JSON.stringify({ http500: true }) });
      expect(((await set.json()) as { scenario: unknown }).scenario).toMatchObject({ http500: true, realtime: true });
      const res = await post(url, 'sk-cli', body);
      expect(res.status).toBe(500);
      expect(await res.json()).toMatchObject({ error: { code: 'internal_error', param: null }, request_id: expect.any(String) });
    } finally {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  });
});
