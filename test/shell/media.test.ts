// Stored media through both shells' code: the browser shell's /media/, /reply/ and /voice-sample/ routes over real HTTP
// (the token's folder, Host and Origin checks, Range → 206), and Electron's app:// media handler, which is the
// same core function behind Node's own Request/Response (the Electron binary is not needed for its logic).
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../electron/core/app-core';
import { storeFile } from '../../electron/core/media/content-store';
import { openDatabase } from '../../electron/core/store/database';
import { createStore } from '../../electron/core/store/history-store';
import { pcmToWav } from '../../electron/core/audio/wav';
import { sampleFilePath } from '../../electron/core/voices/voice-samples';
import { mediaResponse } from '../../electron/main/media-protocol';
import { startWebShell, type WebShell } from '../../electron/web/server';
import { makeFixture, type ShellFixture } from './support/fixture';

let fx: ShellFixture;
let shell: WebShell;
let video: Buffer;
const VIDEO_ID = 'att-video-shell-1';
/** A voice sample kept from an earlier run (no key and no network are needed to play it) and its id. */
let sampleWav: Buffer;
let sampleId: string;

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function get(pathAndQuery: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: shell.port, path: pathAndQuery, method, headers: { host: `127.0.0.1:${shell.port}`, ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  fx = await makeFixture();
  // A user turn with a video attachment, written by a second connection as a past turn would have left it.
  video = randomBytes(70_001);
  const src = path.join(fx.dir, 'clip.mp4');
  await writeFile(src, video);
  const stored = await storeFile(fx.dataDir, src, 'mp4', { move: false });
  const db = openDatabase(path.join(fx.dataDir, DATABASE_FILE));
  try {
    createStore(db).addMessage({
      conversationId: fx.saved.conversationId, role: 'user', text: 'see', status: 'complete',
      attachments: [{
        id: VIDEO_ID, kind: 'video', name: 'clip.mp4', summary: 'Sent as it is.',
        prepared: { kind: 'video', sendAs: 'video', sourceName: 'clip.mp4', files: [stored], apiFormat: null, mime: null, durationSec: 1, width: 64, height: 64, summary: 's' },
      }],
    });
  } finally {
    db.close();
  }
  sampleWav = Buffer.from(pcmToWav(randomBytes(9_600)));
  const sampleFile = sampleFilePath(fx.dataDir, 'qwen3-omni-flash', 'Cherry', 'en');
  await mkdir(path.dirname(sampleFile), { recursive: true });
  await writeFile(sampleFile, sampleWav);
  sampleId = (await fx.core.handlers['voices.sample']({ model: 'qwen3-omni-flash', voice: 'Cherry', language: 'en' })).sampleId;
  shell = await startWebShell({ core: fx.core, staticDir: fx.staticDir, port: 0 });
});

afterAll(async () => {
  await shell?.close();
  await fx?.dispose();
});

describe('the browser shell: /media/, /reply/ and /voice-sample/', () => {
  it('answers nothing without the token, with a wrong one, from another host name or another page', async () => {
    for (const [folder, headers, status] of [
      ['', {}, 401],
      [`/${'B'.repeat(43)}`, {}, 403],
      [`/${shell.token}`, { host: `localhost:${shell.port}` }, 403],
      [`/${shell.token}`, { origin: 'http://evil.example' }, 403],
    ] as const) {
      for (const p of [`${folder}/media/${VIDEO_ID}`, `${folder}/reply/${fx.saved.messageId}.wav`, `${folder}/voice-sample/${sampleId}.wav`]) {
        const r = await get(p, headers);
        expect(r.status, `${p} ${JSON.stringify(headers)}`).toBe(status);
        expect(r.body.includes(video.subarray(0, 64))).toBe(false);
        expect(r.headers['accept-ranges']).toBeUndefined();
      }
    }
  });

  it('serves the stored file whole below the token\'s folder (200, type, length, Accept-Ranges)', async () => {
    const r = await get(`/${shell.token}/media/${VIDEO_ID}`, {});
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('video/mp4');
    expect(r.headers['content-length']).toBe(String(video.length));
    expect(r.headers['accept-ranges']).toBe('bytes');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.body.equals(video)).toBe(true);
  });

  it('answers a Range with 206 and exactly those bytes, and a range past the end with 416', async () => {
    const r = await get(`/${shell.token}/media/${VIDEO_ID}`, { range: 'bytes=35000-35999' });
    expect(r.status).toBe(206);
    expect(r.headers['content-range']).toBe(`bytes 35000-35999/${video.length}`);
    expect(r.body.equals(video.subarray(35_000, 36_000))).toBe(true);
    const tail = await get(`/${shell.token}/media/${VIDEO_ID}`, { range: 'bytes=-10' });
    expect(tail.body.equals(video.subarray(-10))).toBe(true);
    const past = await get(`/${shell.token}/media/${VIDEO_ID}`, { range: `bytes=${video.length}-` });
    expect(past.status).toBe(416);
    expect(past.headers['content-range']).toBe(`bytes */${video.length}`);
  });

  it('serves a reply as WAV: the stored PCM behind a 44-byte header, seekable', async () => {
    const whole = await get(`/${shell.token}/reply/${fx.saved.messageId}.wav`, {});
    expect(whole.status).toBe(200);
    expect(whole.headers['content-type']).toBe('audio/wav');
    expect(whole.body.toString('ascii', 0, 4)).toBe('RIFF');
    expect(whole.body.readUInt32LE(40)).toBe(fx.saved.pcm.length);
    expect(whole.body.subarray(44).equals(Buffer.from(fx.saved.pcm))).toBe(true);
    const part = await get(`/${shell.token}/reply/${fx.saved.messageId}.wav`, { range: 'bytes=1044-2043' });
    expect(part.status).toBe(206);
    expect(part.body.equals(Buffer.from(fx.saved.pcm.subarray(1000, 2000)))).toBe(true);
  });

  it('serves a voice sample by the id voices.sample answered, seekable', async () => {
    const whole = await get(`/${shell.token}/voice-sample/${sampleId}.wav`, {});
    expect(whole.status).toBe(200);
    expect(whole.headers['content-type']).toBe('audio/wav');
    expect(whole.body.equals(sampleWav)).toBe(true);
    const part = await get(`/${shell.token}/voice-sample/${sampleId}.wav`, { range: 'bytes=100-199' });
    expect(part.status).toBe(206);
    expect(part.body.equals(sampleWav.subarray(100, 200))).toBe(true);
  });

  it('is 404 for unknown ids and any path-like spelling, and no answer names a path', async () => {
    for (const p of [
      '/media/no-such-id', '/media/../data/omni-desk.sqlite', `/media/..%2F..%2F${DATABASE_FILE}`, '/media/%2e%2e%2fsecret.txt',
      `/media/${VIDEO_ID}/..%2f..%2f..%2fsecret.txt`, '/media/', '/reply/no-such.wav', '/reply/..%2fsecret.txt',
      `/reply/${fx.saved.messageId}`, `/media/${VIDEO_ID}%00`, '/media/a%5c..%5csecret.txt', '/voice-sample/vs-unknown.wav',
      `/voice-sample/${sampleId}`, '/voice-sample/..%2fqwen3-omni-flash%2fCherry.en.wav', '/voice-sample/qwen3-omni-flash/Cherry.en.wav',
    ]) {
      const r = await get(`/${shell.token}${p}`, {});
      expect(r.status, p).toBe(404);
      const text = r.body.toString();
      expect(text).not.toContain(fx.dir);
      expect(text).not.toContain('secret');
      expect(text).not.toMatch(/media\/[0-9a-f]{2}\//);
    }
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await get(`/${shell.token}/media/${VIDEO_ID}`, {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(String(video.length));
    expect(head.body.length).toBe(0);
    const del = await get(`/${shell.token}/media/${VIDEO_ID}`, {}, 'DELETE');
    expect(del.status).toBe(405);
  });
});

describe("Electron's app:// media handler (same code as in the app, Node's Request/Response)", () => {
  it('answers app://omni/media/<id> with 206 and the asked bytes, app://omni/reply/<id>.wav as WAV, a voice sample by id, unknowns with 404', async () => {
    const part = await mediaResponse(fx.core.media, new Request(`app://omni/media/${VIDEO_ID}`, { headers: { range: 'bytes=100-199' } }));
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-199/${video.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(video.subarray(100, 200))).toBe(true);

    const wav = await mediaResponse(fx.core.media, new Request(`app://omni/reply/${fx.saved.messageId}.wav`));
    expect(wav.status).toBe(200);
    expect(wav.headers.get('content-type')).toBe('audio/wav');
    expect(Buffer.from(await wav.arrayBuffer()).subarray(44).equals(Buffer.from(fx.saved.pcm))).toBe(true);

    const sample = await mediaResponse(fx.core.media, new Request(`app://omni/voice-sample/${sampleId}.wav`, { headers: { range: 'bytes=44-' } }));
    expect(sample.status).toBe(206);
    expect(Buffer.from(await sample.arrayBuffer()).equals(sampleWav.subarray(44))).toBe(true);

    for (const url of ['app://omni/media/nope', 'app://omni/media/..%2f..%2fomni-desk.sqlite', 'app://omni/reply/x.wav', 'app://omni/voice-sample/vs-x.wav']) {
      const r = await mediaResponse(fx.core.media, new Request(url));
      expect(r.status, url).toBe(404);
      expect(await r.text()).not.toContain(fx.dir);
    }
    const past = await mediaResponse(fx.core.media, new Request(`app://omni/media/${VIDEO_ID}`, { headers: { range: 'bytes=999999-' } }));
    expect(past.status).toBe(416);
  });
});
