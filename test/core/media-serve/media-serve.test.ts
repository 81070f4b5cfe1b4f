// Stored media by opaque id, as both shells serve it: the prepared file sent with a message and a reply's
// audio as WAV, over a real SQLite file and real files in the content-addressed store. Range requests give
// exactly the bytes asked for (206), a range past the end 416, no Range the whole file (200).
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, DATABASE_FILE } from '../../../electron/core/app-core';
import type { Core } from '../../../electron/core/core-interface';
import { storedPath, storeFile } from '../../../electron/core/media/content-store';
import { createMediaServer, parseRange, pcmPeaks, type MediaAnswer, type MediaServer } from '../../../electron/core/media-serve';
import { openDatabase } from '../../../electron/core/store/database';
import { createStore, type Store } from '../../../electron/core/store/history-store';

let dir: string;
let store: Store;
let media: MediaServer;
const ids = { audio: 'att-audio-1', frames: 'att-frames-1', link: 'att-link-1', gone: 'att-gone-1', reply: '', silent: '', user: '' };
let audioBytes: Buffer;
let frameBytes: Buffer[];
let pcm: Uint8Array;

async function put(bytes: Buffer, ext: string) {
  const src = join(dir, `src-${randomBytes(4).toString('hex')}.${ext}`);
  await writeFile(src, bytes);
  return storeFile(join(dir, 'data'), src, ext, { move: true });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'omni-media-serve-'));
  const dataDir = join(dir, 'data');
  store = createStore(openDatabase(join(dataDir, 'test.sqlite')));
  // An odd size that is no power of two, so off-by-one ends show.
  audioBytes = randomBytes(100_003);
  frameBytes = [randomBytes(5_001), randomBytes(5_002)];
  const audioFile = await put(audioBytes, 'mp3');
  const frames = [await put(frameBytes[0]!, 'jpg'), await put(frameBytes[1]!, 'jpg')];
  const goneFile = await put(randomBytes(10), 'mp4');
  await rm(storedPath(dataDir, goneFile.relPath));

  const c = store.createConversation({ title: 'Media', model: 'qwen3-omni-flash', voice: 'Cherry' });
  const base = { sourceName: 'x', apiFormat: null, durationSec: null, width: null, height: null, summary: 's' };
  const user = store.addMessage({
    conversationId: c.id, role: 'user', text: 'look', status: 'complete', attachments: [
      { id: ids.audio, kind: 'audio', name: 'talk.mp3', summary: 's', prepared: { ...base, kind: 'audio', sendAs: 'audio', files: [audioFile], mime: null } },
      { id: ids.frames, kind: 'video', name: 'clip.mp4', summary: 's', prepared: { ...base, kind: 'video', sendAs: 'frames', files: frames, mime: 'image/jpeg' } },
      { id: ids.link, kind: 'image', name: 'cat.png', summary: 's', prepared: { link: 'https://example.com/cat.png', kind: 'image', sendAs: 'image', format: null, sourceName: 'cat.png', summary: 's' } },
      { id: ids.gone, kind: 'video', name: 'gone.mp4', summary: 's', prepared: { ...base, kind: 'video', sendAs: 'video', files: [goneFile], mime: null } },
    ],
  });
  ids.user = user.id;
  const reply = store.addMessage({ conversationId: c.id, role: 'assistant', text: '', status: 'streaming', voice: 'Cherry' });
  pcm = new Uint8Array(randomBytes(48_002));
  store.appendReply(reply.id, { text: 'Hi.', audio: [pcm.subarray(0, 10_000), pcm.subarray(10_000)] });
  store.finishReply(reply.id, { status: 'complete', usage: null, error: null });
  ids.reply = reply.id;
  const silent = store.addMessage({ conversationId: c.id, role: 'assistant', text: 'no audio', status: 'complete' });
  ids.silent = silent.id;
  media = createMediaServer({ dataDir, store });
});

afterAll(async () => {
  store.db.close();
  await rm(dir, { recursive: true, force: true });
});

async function body(a: MediaAnswer): Promise<Buffer> {
  if ('text' in a) return Buffer.from(a.text);
  if (!a.open) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  for await (const c of a.open() as Readable) chunks.push(Buffer.from(c as Uint8Array));
  return Buffer.concat(chunks);
}

describe('parseRange', () => {
  it('reads the three single-range forms and clips the end to the file', () => {
    expect(parseRange('bytes=0-99', 1000)).toEqual({ kind: 'part', start: 0, end: 99 });
    expect(parseRange('bytes=900-', 1000)).toEqual({ kind: 'part', start: 900, end: 999 });
    expect(parseRange('bytes=-100', 1000)).toEqual({ kind: 'part', start: 900, end: 999 });
    expect(parseRange('bytes=-5000', 1000)).toEqual({ kind: 'part', start: 0, end: 999 });
    expect(parseRange('bytes=990-5000', 1000)).toEqual({ kind: 'part', start: 990, end: 999 });
  });

  it('says unsatisfiable for a start past the end or an empty suffix, and ignores what it cannot read', () => {
    expect(parseRange('bytes=1000-', 1000)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=-0', 1000)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange(null, 1000)).toEqual({ kind: 'whole' });
    expect(parseRange('items=0-1', 1000)).toEqual({ kind: 'whole' });
    expect(parseRange('bytes=0-1,5-9', 1000)).toEqual({ kind: 'whole' });
    expect(parseRange('bytes=9-5', 1000)).toEqual({ kind: 'whole' });
    expect(parseRange('bytes=abc', 1000)).toEqual({ kind: 'whole' });
  });
});

describe('media/<attachmentId>', () => {
  it('answers the whole stored file with 200, its type, its length and Accept-Ranges', async () => {
    const a = await media({ path: `media/${ids.audio}`, method: 'GET' });
    expect(a.status).toBe(200);
    expect(a.headers).toMatchObject({ 'Content-Type': 'audio/mpeg', 'Content-Length': String(audioBytes.length), 'Accept-Ranges': 'bytes' });
    expect((await body(a)).equals(audioBytes)).toBe(true);
  });

  it('answers a range with 206, Content-Range and exactly those bytes of the file', async () => {
    for (const [range, start, end] of [
      ['bytes=0-0', 0, 0],
      ['bytes=1000-50999', 1000, 50_999],
      ['bytes=60000-', 60_000, audioBytes.length - 1],
      ['bytes=-777', audioBytes.length - 777, audioBytes.length - 1],
      ['bytes=99999-999999999', 99_999, audioBytes.length - 1],
    ] as const) {
      const a = await media({ path: `media/${ids.audio}`, method: 'GET', range });
      expect(a.status, range).toBe(206);
      expect(a.headers['Content-Range']).toBe(`bytes ${start}-${end}/${audioBytes.length}`);
      expect(a.headers['Content-Length']).toBe(String(end - start + 1));
      expect((await body(a)).equals(audioBytes.subarray(start, end + 1)), range).toBe(true);
    }
  });

  it('answers a range past the end with 416 and the file size', async () => {
    const a = await media({ path: `media/${ids.audio}`, method: 'GET', range: `bytes=${audioBytes.length}-` });
    expect(a.status).toBe(416);
    expect(a.headers['Content-Range']).toBe(`bytes */${audioBytes.length}`);
  });

  it('answers HEAD with the headers and no body', async () => {
    const a = await media({ path: `media/${ids.audio}`, method: 'HEAD', range: 'bytes=10-19' });
    expect(a.status).toBe(206);
    expect(a.headers['Content-Length']).toBe('10');
    expect('open' in a && a.open).toBeNull();
    expect((await media({ path: `media/${ids.audio}`, method: 'POST' })).status).toBe(405);
  });

  it('serves a video sent as frames frame by frame, as images', async () => {
    const first = await media({ path: `media/${ids.frames}`, method: 'GET' });
    expect(first.headers['Content-Type']).toBe('image/jpeg');
    expect((await body(first)).equals(frameBytes[0]!)).toBe(true);
    expect((await body(await media({ path: `media/${ids.frames}/1`, method: 'GET' }))).equals(frameBytes[1]!)).toBe(true);
    expect((await media({ path: `media/${ids.frames}/2`, method: 'GET' })).status).toBe(404);
  });

  it('is 404 for a link (never fetched), a file gone from the store, unknown ids and anything path-like, and never names a path', async () => {
    for (const path of [
      `media/${ids.link}`, `media/${ids.gone}`, 'media/no-such-id', `media/${ids.audio}/../../${DATABASE_FILE}`,
      'media/..%2F..%2Fetc%2Fpasswd', 'media/%2e%2e', 'media/', 'media/../test.sqlite', `reply/${ids.user}.wav`,
      `reply/${ids.silent}.wav`, 'reply/nothing.wav', `reply/${ids.reply}`, 'media/a/b/c', 'etc/passwd',
    ]) {
      const a = await media({ path, method: 'GET' });
      expect(a.status, path).toBe(404);
      const text = (await body(a)).toString();
      expect(text).not.toContain(dir);
      expect(text).not.toMatch(/media\/[0-9a-f]{2}\//);
    }
  });
});

describe('how the conversation shows each attachment', () => {
  it('says per attachment whether a file is kept (as sent) or it was a link', () => {
    const user = store.getMessage(ids.user)!;
    expect(user.attachments.map((a) => [a.id, a.shown])).toEqual([
      [ids.audio, 'audio'], [ids.frames, 'frames'], [ids.link, 'link'], [ids.gone, 'video'],
    ]);
    const detail = store.getConversation(user.conversationId)!;
    expect(detail.messages[0]!.attachments.map((a) => a.shown)).toEqual(['audio', 'frames', 'link', 'video']);
  });
});

describe('reply/<messageId>.wav', () => {
  it('is the stored PCM behind a 44-byte 16-bit mono 24 kHz WAV header, and seeks', async () => {
    const a = await media({ path: `reply/${ids.reply}.wav`, method: 'GET' });
    expect(a.status).toBe(200);
    expect(a.headers['Content-Type']).toBe('audio/wav');
    const wav = await body(a);
    expect(wav.length).toBe(44 + pcm.length);
    expect(wav.toString('ascii', 0, 4)).toBe('RIFF');
    expect(wav.readUInt32LE(4)).toBe(36 + pcm.length);
    expect(wav.toString('ascii', 8, 16)).toBe('WAVEfmt ');
    expect(wav.readUInt16LE(20)).toBe(1);
    expect(wav.readUInt16LE(22)).toBe(1);
    expect(wav.readUInt32LE(24)).toBe(24_000);
    expect(wav.readUInt16LE(34)).toBe(16);
    expect(wav.toString('ascii', 36, 40)).toBe('data');
    expect(wav.readUInt32LE(40)).toBe(pcm.length);
    expect(wav.subarray(44).equals(Buffer.from(pcm))).toBe(true);

    const part = await media({ path: `reply/${ids.reply}.wav`, method: 'GET', range: 'bytes=24044-' });
    expect(part.status).toBe(206);
    expect((await body(part)).equals(Buffer.from(pcm.subarray(24_000)))).toBe(true);
  });
});

describe('waveform peaks', () => {
  it('gives the loudest sample of each slice, 0..1', () => {
    const s = new Int16Array([0, 100, -32767, 5, 16384, -3, 0, 0]);
    expect(pcmPeaks(new Uint8Array(s.buffer), 4)).toEqual([0.003, 1, 0.5, 0]);
    expect(pcmPeaks(new Uint8Array(s.buffer), 100)).toHaveLength(8);
    expect(pcmPeaks(new Uint8Array(0), 200)).toEqual([]);
  });
});

describe('through the core', () => {
  let core: Core;
  let coreDir: string;
  beforeAll(async () => {
    coreDir = await mkdtemp(join(tmpdir(), 'omni-media-core-'));
    // The same database file, opened by the app's core as on a later start.
    const db = openDatabase(join(coreDir, DATABASE_FILE));
    const s = createStore(db);
    const c = s.createConversation({ title: 'T', model: 'qwen3-omni-flash', voice: 'Cherry' });
    const m = s.addMessage({ conversationId: c.id, role: 'assistant', text: '', status: 'streaming' });
    const tone = new Int16Array(24_000);
    for (let i = 0; i < tone.length; i++) tone[i] = Math.round(Math.sin(i / 10) * (i < 12_000 ? 8000 : 30000));
    s.appendReply(m.id, { audio: [new Uint8Array(tone.buffer)] });
    s.finishReply(m.id, { status: 'complete', usage: null, error: null });
    db.close();
    ids.reply = m.id;
    core = await createCore({ dataDir: coreDir, shell: 'web', version: 't', envKey: null, cipher: null });
  });
  afterAll(async () => {
    await core.close();
    await rm(coreDir, { recursive: true, force: true });
  });

  it('core.media serves the reply WAV and reply.waveform draws its loud second half louder', async () => {
    const a = await core.media({ path: `reply/${ids.reply}.wav`, method: 'GET', range: 'bytes=0-43' });
    expect(a.status).toBe(206);
    expect((await body(a)).toString('ascii', 0, 4)).toBe('RIFF');
    const w = await core.handlers['reply.waveform']({ messageId: ids.reply, buckets: 200 });
    expect(w.samples).toBe(24_000);
    expect(w.peaks).toHaveLength(200);
    expect(Math.max(...w.peaks.slice(0, 100))).toBeCloseTo(8000 / 32767, 2);
    expect(Math.min(...w.peaks.slice(100))).toBeGreaterThan(0.85);
    await expect(Promise.resolve().then(() => core.handlers['reply.waveform']({ messageId: 'nope', buckets: 200 }))).rejects.toThrow(/no longer exists/);
  });
});
