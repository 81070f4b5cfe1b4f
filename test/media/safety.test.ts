// What ffmpeg may touch and how its work ends: a playlist disguised as a video reads nothing it lists,
// cancellation and the limits stop ffmpeg and leave nothing behind, a file that vanishes or changes is
// caught, the user's original is never changed, and no request item exceeds the budget.
import { constants, openSync, closeSync, statSync } from 'node:fs';
import { appendFile, copyFile, readdir, readFile, rm, unlink, utimes, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DASHSCOPE_DATA_URI_BUDGET, findModel } from '../../shared/catalog';
import { UserError } from '../../electron/core/user-error';
import { ALL_DEMUXERS } from '../../electron/core/media/formats';
import { MediaCancelledError } from '../../electron/core/media/messages';
import { fileArg, inputGuard, runTool, ToolError } from '../../electron/core/media/run';
import { createMediaService, type MediaService } from '../../electron/core/media/service';
import { storedPath } from '../../electron/core/media/content-store';
import { ffmpeg, sh, speech, tempDir, tools } from './media-helpers';

const flash = findModel('qwen3-omni-flash')!.media;
const turbo = findModel('qwen-omni-turbo')!.media;
const BUDGET = DASHSCOPE_DATA_URI_BUDGET;

let dir = '';
let cleanup: () => Promise<void> = async () => {};
let media: MediaService;
const f = (name: string) => join(dir, name);
const sha = async (p: string) => createHash('sha256').update(await readFile(p)).digest('hex');

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir('safety'));
  media = createMediaService({ dataDir: f('data') });
  await speech(f('speech.wav'));
  await Promise.all([
    ffmpeg('-i', f('speech.wav'), '-c:a', 'libmp3lame', '-b:a', '64k', f('speech.mp3')),
    ffmpeg('-f', 'lavfi', '-i', 'sine=frequency=440:duration=30', '-c:a', 'flac', f('tone.flac')),
    // Five minutes of 48 kHz stereo: over Turbo's 3 minutes and the budget, so it is re-encoded (about a second).
    ffmpeg('-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000:duration=300', '-ac', '2', f('5min.wav')),
    ffmpeg('-f', 'lavfi', '-i', 'testsrc=size=40x30', '-frames:v', '1', f('forty.png')),
    ffmpeg('-f', 'lavfi', '-i', 'testsrc=size=64x48', '-frames:v', '1', f('clip1.png')),
  ]);
  await copyFile(f('forty.png'), f('clip%d.png'));
}, 60_000);
afterAll(() => cleanup());

const storeFiles = async () =>
  (await readdir(join(f('data'), 'media'), { recursive: true }).catch(() => [] as string[]))
    .filter((p) => /^[0-9a-f]{2}\/[0-9a-f]{62}\.\w+$/.test(String(p).replaceAll('\\', '/')));

describe('a playlist disguised as a video', () => {
  let server: Server;
  let port = 0;
  const requests: string[] = [];
  let fifo = '';
  let fifoOpened = false;
  let poll: NodeJS.Timeout;

  beforeAll(async () => {
    server = createServer((req, res) => {
      requests.push(req.url ?? '');
      res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
    // A local "segment" that tells us if anyone opens it: opening a FIFO's write end without blocking
    // only succeeds while some process has it open for reading.
    fifo = f('secret.ts');
    await sh('mkfifo', [fifo]);
    poll = setInterval(() => {
      try {
        const fd = openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK);
        fifoOpened = true;
        closeSync(fd);
      } catch {
        // ENXIO: nobody is reading it.
      }
    }, 5);
    const playlist = ['#EXTM3U', '#EXT-X-TARGETDURATION:10', '#EXTINF:10,', `http://127.0.0.1:${port}/segment0.ts`,
      '#EXTINF:10,', fifo, '#EXT-X-ENDLIST', ''].join('\n');
    await writeFile(f('holiday.mp4'), playlist);
    await writeFile(f('control.m3u8'), playlist);
  });
  afterAll(async () => {
    clearInterval(poll);
    await new Promise((r) => server.close(r));
  });

  const reset = () => {
    requests.length = 0;
    fifoOpened = false;
  };
  const settle = () => new Promise((r) => setTimeout(r, 100));

  it('the detectors work: unguarded ffmpeg fetches the URL and opens the local file', async () => {
    reset();
    await runTool(tools.ffmpeg, ['-v', 'error', '-protocol_whitelist', 'file,http,tcp', '-i', fileArg(f('control.m3u8')), '-f', 'null', '-'],
      { timeoutMs: 15_000 }).catch(() => undefined);
    await settle();
    expect(requests).toEqual(['/segment0.ts']);
    expect(fifoOpened).toBe(true);
  });

  it('is refused with a clear message, and nothing it lists is read', async () => {
    reset();
    const err = (await media.probe(f('holiday.mp4')).catch((e: unknown) => e)) as UserError;
    expect(err.info).toMatchObject({
      kind: 'media_refused',
      message: '“holiday.mp4” is a playlist (a list of links), not a media file. Attach the audio or video file itself.',
    });
    await settle();
    expect(requests).toEqual([]);
    expect(fifoOpened).toBe(false);
  });

  it('the input guard alone stops ffprobe and ffmpeg from following it, even with http allowed', async () => {
    for (const file of ['holiday.mp4', 'control.m3u8']) {
      for (const guard of [inputGuard(ALL_DEMUXERS), ['-protocol_whitelist', 'file,http,tcp', '-format_whitelist', ALL_DEMUXERS.join(',')]]) {
        reset();
        const probe = await runTool(tools.ffprobe, ['-v', 'error', ...guard, '-show_format', fileArg(f(file))], { timeoutMs: 15_000, captureStdout: true })
          .catch((e: unknown) => e);
        const convert = await runTool(tools.ffmpeg, ['-v', 'error', ...guard, '-i', fileArg(f(file)), '-f', 'null', '-'], { timeoutMs: 15_000 })
          .catch((e: unknown) => e);
        await settle();
        expect((probe as ToolError).reason, `ffprobe ${file}`).toBe('exit');
        expect((convert as ToolError).reason, `ffmpeg ${file}`).toBe('exit');
        expect(requests, file).toEqual([]);
        expect(fifoOpened, file).toBe(false);
      }
    }
  });
});

describe('stopping and limits', () => {
  it('cancelling stops ffmpeg and leaves no partial output', async () => {
    const before = await storeFiles();
    const ac = new AbortController();
    const err = await media.prepare(f('5min.wav'), {
      limits: turbo, budget: BUDGET, signal: ac.signal,
      onProgress: (x) => x > 0 && x < 1 && ac.abort(),
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MediaCancelledError);
    expect((err as Error).name).toBe('AbortError');
    expect(await readdir(join(f('data'), 'media', '.work'))).toEqual([]);
    expect(await storeFiles()).toEqual(before);
  });

  it('an output that grows past the cap is stopped with a clear message', async () => {
    const capped = createMediaService({ dataDir: f('data'), maxOutputBytes: 20_000 });
    const err = (await capped.prepare(f('tone.flac'), { limits: flash, budget: BUDGET }).catch((e: unknown) => e)) as UserError;
    expect(err.info).toMatchObject({
      kind: 'too_large',
      message: 'Preparing “tone.flac” was stopped: the converted file grew past 19.5 KB. Trim it shorter or choose a smaller file.',
    });
    expect(await readdir(join(f('data'), 'media', '.work'))).toEqual([]);
  });

  it('ffmpeg running past its time limit is stopped with a clear message', async () => {
    const hasty = createMediaService({ dataDir: f('data'), timeouts: { baseMs: 150, perMediaSecondMs: 0 } });
    const err = (await hasty.prepare(f('5min.wav'), { limits: turbo, budget: BUDGET }).catch((e: unknown) => e)) as UserError;
    expect(err.info).toMatchObject({
      kind: 'media_refused',
      message: 'Preparing “5min.wav” took too long and was stopped. Try a shorter or smaller file.',
    });
  });

  it('a file that disappears between probe and fit', async () => {
    await copyFile(f('5min.wav'), f('going.wav'));
    const p = await media.probe(f('going.wav'));
    await unlink(f('going.wav'));
    const err = (await media.prepare(p, { limits: turbo, budget: BUDGET }).catch((e: unknown) => e)) as UserError;
    expect(err.info).toMatchObject({ kind: 'not_found', message: '“going.wav” is no longer there: it was moved, renamed or deleted. Attach it again.' });
  });

  it('a file that changes between probe and fit', async () => {
    await copyFile(f('speech.mp3'), f('edited.mp3'));
    const p = await media.probe(f('edited.mp3'));
    await appendFile(f('edited.mp3'), Buffer.alloc(1000));
    const err = (await media.prepare(p, { limits: flash, budget: BUDGET }).catch((e: unknown) => e)) as UserError;
    expect(err.message).toBe('“edited.mp3” changed after it was attached. Remove it and attach it again.');
  });

  it('ffmpeg failing on a file swapped behind our back: a clear message and no partial output', async () => {
    // Same size and time as the probed MP3, but WAV inside: only a change that dodges our own check
    // reaches ffmpeg, which is held to the demuxer the probe found and refuses it.
    await copyFile(f('speech.mp3'), f('swapped.mp3'));
    const p = await media.probe(f('swapped.mp3'));
    const wav = await readFile(f('speech.wav'));
    await writeFile(f('swapped.mp3'), wav.subarray(0, p.size));
    await utimes(f('swapped.mp3'), p.mtimeMs / 1000, p.mtimeMs / 1000);
    const err = (await media.prepare(p, { limits: { ...flash, audioMaxSeconds: 2 }, budget: BUDGET }).catch((e: unknown) => e)) as UserError;
    expect(err.info).toMatchObject({
      kind: 'media_refused',
      message: "ffmpeg could not convert “swapped.mp3” (Format not on whitelist 'mp3'). The file may be damaged; try another copy.",
    });
    expect(await readdir(join(f('data'), 'media', '.work'))).toEqual([]);
  });

  it('a name with % is read as that one file, not as a numbered sequence', async () => {
    const p = await media.probe(f('clip%d.png'));
    expect([p.width, p.height]).toEqual([40, 30]);
    const prepared = await media.prepare(p, { limits: flash, budget: BUDGET });
    expect(await sha(storedPath(f('data'), prepared.files[0]!.relPath))).toBe(await sha(f('clip%d.png')));
  });
});

describe('storage and request items', () => {
  it('keeps prepared media by content and never changes the original', async () => {
    const flacSha = await sha(f('tone.flac'));
    const flacTime = statSync(f('tone.flac')).mtimeMs;
    const a = await media.prepare(f('tone.flac'), { limits: flash, budget: BUDGET });
    const b = await media.prepare(f('tone.flac'), { limits: flash, budget: BUDGET });
    expect(await sha(f('tone.flac'))).toBe(flacSha);
    expect(statSync(f('tone.flac')).mtimeMs).toBe(flacTime);
    const file = a.files[0]!;
    expect(file.relPath).toMatch(/^media\/[0-9a-f]{2}\/[0-9a-f]{62}\.mp3$/);
    expect(file.relPath).toBe(`media/${file.sha256.slice(0, 2)}/${file.sha256.slice(2)}.mp3`);
    expect(await sha(storedPath(f('data'), file.relPath))).toBe(file.sha256);
    expect(b.files[0]!.relPath).toBe(file.relPath);
    // Sent as is: a copy is stored, the original stays where it was.
    const mp3 = await media.prepare(f('speech.mp3'), { limits: flash, budget: BUDGET });
    expect(mp3.files[0]!.sha256).toBe(await sha(f('speech.mp3')));
    expect(statSync(f('speech.mp3')).isFile()).toBe(true);
  });

  it('refuses to build an item over the budget, and says when a stored file is missing', async () => {
    const prepared = await media.prepare(f('speech.mp3'), { limits: flash, budget: BUDGET });
    const length = 'data:;base64,'.length + 4 * Math.ceil(prepared.files[0]!.size / 3);
    const err = (await media.part(prepared, 1000).catch((e: unknown) => e)) as UserError;
    expect(err.info).toMatchObject({
      kind: 'too_large',
      message: `“speech.mp3” is too large to send (${length.toLocaleString('en-US')} characters as a data URL; the limit is 1,000). Remove it and attach a smaller file.`,
    });
    const exact = await media.part(prepared, length);
    expect(exact.type === 'input_audio' && exact.input_audio.data.length).toBe(length);
    await expect(media.part(prepared, length - 1)).rejects.toBeInstanceOf(UserError);

    await rm(storedPath(f('data'), prepared.files[0]!.relPath));
    const missing = (await media.part(prepared, BUDGET).catch((e: unknown) => e)) as UserError;
    expect(missing.message).toBe("“speech.mp3” is missing from the app's media folder. Remove the attachment and attach the file again.");
  });

  it('removes work folders left by a previous run', async () => {
    const { mkdir } = await import('node:fs/promises');
    await mkdir(join(f('data'), 'media', '.work', 'job-left'), { recursive: true });
    await writeFile(join(f('data'), 'media', '.work', 'job-left', 'partial.mp4'), 'x');
    await media.removeStaleWork();
    expect(await readdir(join(f('data'), 'media')).then((l) => l.includes('.work'))).toBe(false);
  });
});
