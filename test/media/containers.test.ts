// Every container the guide names, the common ones it does not, and pictures at the edges of every
// rule: what the probe finds, what the plan says, and what ffprobe says of the prepared file.
import { copyFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DASHSCOPE_DATA_URI_BUDGET, findModel } from '../../shared/catalog';
import { createMediaService, type MediaService } from '../../electron/core/media/service';
import { storedPath } from '../../electron/core/media/content-store';
import type { UserError } from '../../electron/core/user-error';
import { ffmpeg, ffprobe, sh, speech, streamsOf, tempDir, tools } from './media-helpers';

const flash = findModel('qwen3-omni-flash')!.media;
const BUDGET = DASHSCOPE_DATA_URI_BUDGET;

let dir = '';
let cleanup: () => Promise<void> = async () => {};
let media: MediaService;
const f = (name: string) => join(dir, name);

const V = ['-f', 'lavfi', '-i', 'testsrc=size=160x120:rate=10:duration=3', '-f', 'lavfi', '-i', 'sine=frequency=330:duration=3'];

async function inParallel(jobs: (() => Promise<void>)[], width = 3): Promise<void> {
  const queue = [...jobs];
  await Promise.all(Array.from({ length: width }, async () => {
    for (let job = queue.shift(); job; job = queue.shift()) await job();
  }));
}

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir('containers'));
  media = createMediaService({ dataDir: f('data') });
  await speech(f('speech.wav'));
  await inParallel([
    () => ffmpeg('-i', f('speech.wav'), '-c:a', 'libmp3lame', '-b:a', '64k', f('speech.mp3')),
    () => ffmpeg('-i', f('speech.wav'), '-c:a', 'aac', '-f', 'adts', f('speech.aac')),
    async () => {
      await sh('sox', [f('speech.wav'), '-r', '8000', '-c', '1', '-t', 'amr-nb', f('speech.amr')]);
      await ffmpeg('-i', f('speech.amr'), '-c', 'copy', '-f', '3gp', f('speech.3gp'));
      await copyFile(f('speech.3gp'), f('speech.3gpp'));
    },
    () => ffmpeg('-i', f('speech.wav'), '-c:a', 'flac', f('speech.flac')),
    () => ffmpeg('-i', f('speech.wav'), '-c:a', 'libvorbis', f('speech.ogg')),
    () => ffmpeg('-i', f('speech.wav'), '-c:a', 'libopus', '-f', 'webm', f('speech.webm')),
    () => ffmpeg('-i', f('speech.wav'), '-c:a', 'aac', f('speech.m4a')),
    // Named for what it is not: an MP3 called .wav must still be read as an MP3.
    () => ffmpeg('-i', f('speech.wav'), '-c:a', 'libmp3lame', '-f', 'mp3', f('really-mp3.wav')),
    () => ffmpeg(...V, '-c:v', 'libx264', '-c:a', 'aac', f('clip.mp4')),
    () => ffmpeg(...V, '-c:v', 'mpeg4', '-c:a', 'libmp3lame', f('clip.avi')),
    () => ffmpeg(...V, '-c:v', 'libx264', '-c:a', 'aac', f('clip.mkv')),
    () => ffmpeg(...V, '-c:v', 'libx264', '-c:a', 'aac', '-f', 'mov', f('clip.mov')),
    () => ffmpeg(...V, '-c:v', 'libx264', '-c:a', 'aac', '-f', 'flv', f('clip.flv')),
    () => ffmpeg(...V, '-c:v', 'wmv2', '-c:a', 'wmav2', '-f', 'asf', f('clip.wmv')),
    () => ffmpeg(...V, '-c:v', 'libx264', '-c:a', 'aac', '-f', 'mpegts', f('clip.ts')),
    // Pictures at the edges of the rules.
    () => ffmpeg('-f', 'lavfi', '-i', 'testsrc=size=11x11', '-frames:v', '1', f('11px.png')),
    () => ffmpeg('-f', 'lavfi', '-i', 'testsrc=size=10x10', '-frames:v', '1', f('10px.png')),
    () => ffmpeg('-f', 'lavfi', '-i', 'testsrc=size=10x600', '-frames:v', '1', f('10-wide.png')),
    () => ffmpeg('-f', 'lavfi', '-i', 'testsrc=size=2200x11', '-frames:v', '1', f('200to1.png')),
    () => ffmpeg('-f', 'lavfi', '-i', 'testsrc=size=11x2211', '-frames:v', '1', f('1to201.png')),
    () => ffmpeg('-f', 'lavfi', '-i', 'testsrc=size=320x240', '-frames:v', '1', f('photo.jpg')),
    () => ffmpeg('-f', 'lavfi', '-i', 'testsrc=size=320x240', '-frames:v', '1', f('pic.webp')),
    () => ffmpeg('-f', 'lavfi', '-i', 'testsrc=size=320x240', '-frames:v', '1', f('pic.bmp')),
    () => ffmpeg('-f', 'lavfi', '-i', 'testsrc=size=320x240', '-frames:v', '1', f('pic.tiff')),
    () => ffmpeg('-f', 'lavfi', '-i', 'testsrc=size=320x240', '-frames:v', '1', f('pic.gif')),
    // Noise does not compress: a PNG of over 10 MB.
    () => ffmpeg('-f', 'rawvideo', '-pix_fmt', 'rgb24', '-s', '2000x1900', '-i', '/dev/urandom', '-frames:v', '1', f('noise.png')),
    // A picture stored as a one-frame video.
    () => ffmpeg('-f', 'lavfi', '-i', 'testsrc=size=64x48', '-frames:v', '1', '-c:v', 'libx264', f('one-frame.mp4')),
  ]);
  await copyFile(f('photo.jpg'), f('photo-named.mp4'));
  await copyFile(f('11px.png'), f('png-named.jpg'));
}, 120_000);
afterAll(() => cleanup());

async function preparedInfo(file: string) {
  const prepared = await media.prepare(f(file), { limits: flash, budget: BUDGET });
  const stored = storedPath(f('data'), prepared.files[0]!.relPath);
  return { prepared, stored, info: await ffprobe(stored) };
}

describe('audio in the formats the API names', () => {
  it.each([
    ['speech.mp3', 'MP3', 'mp3', 'mp3'],
    ['speech.wav', 'WAV', 'wav', 'wav'],
    ['speech.aac', 'AAC', 'aac', 'aac'],
    ['speech.amr', 'AMR', 'amr', 'amr'],
    ['speech.3gp', '3GP', '3gp', '3gp'],
    ['speech.3gpp', '3GP', '3gp', '3gp'],
    ['really-mp3.wav', 'MP3', 'mp3', 'mp3'],
  ])('%s is found as %s audio and sent as it is (format %s)', async (file, label, format, ext) => {
    const p = await media.probe(f(file));
    expect(p).toMatchObject({ kind: 'audio', formatLabel: label, hasAudio: true, width: null });
    expect(p.durationSec).toBeGreaterThan(3);
    expect(p.durationSec).toBeLessThan(8);
    const plan = media.plan(p, flash, BUDGET);
    expect(plan.ok && plan.plan).toMatchObject({ sendAs: 'audio', actions: [], apiFormat: format, summary: 'It will be sent as it is.' });

    const { prepared, info } = await preparedInfo(file);
    expect(prepared.files[0]!.ext).toBe(ext);
    expect(prepared.files[0]!.size).toBe(p.size);
    expect(streamsOf(info, 'audio')).toHaveLength(1);
    const part = await media.part(prepared, BUDGET);
    expect(part.type).toBe('input_audio');
    if (part.type !== 'input_audio') return;
    expect(part.input_audio.format).toBe(format);
    expect(part.input_audio.data.startsWith('data:;base64,')).toBe(true);
    expect(Buffer.from(part.input_audio.data.slice('data:;base64,'.length), 'base64').length).toBe(p.size);
  });
});

describe('audio in other formats is converted to MP3', () => {
  it.each([
    ['speech.flac', 'FLAC'],
    ['speech.ogg', 'Ogg'],
    ['speech.webm', 'WebM'],
    ['speech.m4a', 'M4A'],
  ])('%s (%s)', async (file, label) => {
    const p = await media.probe(f(file));
    expect(p.formatLabel).toBe(label);
    const plan = media.plan(p, flash, BUDGET);
    expect(plan.ok && plan.plan.actions).toEqual(['convert']);
    // Speech at 22.05 kHz goes to the speech rate; Opus (always 48 kHz) keeps a music rate.
    const kbps = p.audioSampleRate! >= 32_000 ? 128 : 64;
    expect(plan.ok && plan.plan.summary).toBe(`${label} is not one of the formats the API takes: it will be converted to mono MP3 at ${kbps} kbps.`);
    const { prepared, info } = await preparedInfo(file);
    expect(prepared.apiFormat).toBe('mp3');
    expect(info.format.format_name).toBe('mp3');
    expect(streamsOf(info, 'audio').map((s) => s.codec_name)).toEqual(['mp3']);
    expect(Math.abs(Number(info.format.duration) - p.durationSec!)).toBeLessThan(0.3);
  });
});

describe('video in the containers the API names', () => {
  it.each([
    ['clip.mp4', 'MP4', 'mp4'],
    ['clip.avi', 'AVI', 'avi'],
    ['clip.mkv', 'MKV', 'mkv'],
    ['clip.mov', 'MOV', 'mov'],
    ['clip.flv', 'FLV', 'flv'],
    ['clip.wmv', 'WMV', 'wmv'],
  ])('%s is found as %s video and sent as it is', async (file, label, ext) => {
    const p = await media.probe(f(file));
    expect(p).toMatchObject({ kind: 'video', formatLabel: label, width: 160, height: 120, hasAudio: true, hasVideo: true });
    expect(p.durationSec).toBeGreaterThan(2.9);
    expect(p.durationSec).toBeLessThanOrEqual(3.3);
    const plan = media.plan(p, flash, BUDGET);
    expect(plan.ok && plan.plan).toMatchObject({ sendAs: 'video', actions: [], choices: ['file'] });
    const { prepared, info } = await preparedInfo(file);
    expect(prepared.files[0]!.ext).toBe(ext);
    expect(streamsOf(info, 'video')).toHaveLength(1);
    expect(streamsOf(info, 'audio')).toHaveLength(1);
    const part = await media.part(prepared, BUDGET);
    expect(part.type === 'video_url' && part.video_url.url.startsWith('data:;base64,')).toBe(true);
  });

  it('a crashing ffprobe falls back to the system one, and says so when there is none', async () => {
    const crasher = f('crashing-ffprobe.sh');
    await writeFile(crasher, '#!/bin/sh\nkill -SEGV $$\n', { mode: 0o755 });
    const withFallback = createMediaService({ dataDir: f('data'), tools: { ...tools, ffprobe: crasher, ffprobeFallback: 'ffprobe' } });
    expect((await withFallback.probe(f('clip.mp4'))).kind).toBe('video');
    const without = createMediaService({ dataDir: f('data'), tools: { ...tools, ffprobe: crasher, ffprobeFallback: '/nonexistent/ffprobe' } });
    const err = (await without.probe(f('clip.mp4')).catch((e: unknown) => e)) as UserError;
    expect(err.message).toBe('crashing-ffprobe.sh crashed while reading “clip.mp4”. Convert it to a common format (MP4, MP3) and attach it again.');
  });

  it('an MPEG-TS with H.264/AAC is repackaged as MP4 without re-encoding', async () => {
    const p = await media.probe(f('clip.ts'));
    const plan = media.plan(p, flash, BUDGET);
    expect(plan.ok && plan.plan).toMatchObject({ actions: ['convert'], remux: true, output: 'mp4' });
    const { prepared, info } = await preparedInfo('clip.ts');
    expect(prepared.files[0]!.ext).toBe('mp4');
    expect(info.format.format_name).toContain('mp4');
    expect(streamsOf(info, 'video').map((s) => s.codec_name)).toEqual(['h264']);
    expect(streamsOf(info, 'audio').map((s) => s.codec_name)).toEqual(['aac']);
  });
});

describe('pictures', () => {
  it.each([
    ['photo.jpg', 'JPEG', 'image/jpeg'],
    ['pic.webp', 'WebP', 'image/webp'],
    ['pic.bmp', 'BMP', 'image/bmp'],
    ['11px.png', 'PNG', 'image/png'],
    ['200to1.png', 'PNG', 'image/png'],
    ['photo-named.mp4', 'JPEG', 'image/jpeg'],
    ['png-named.jpg', 'PNG', 'image/png'],
  ])('%s is a %s image sent as it is', async (file, label, mime) => {
    const p = await media.probe(f(file));
    expect(p).toMatchObject({ kind: 'image', formatLabel: label, durationSec: null });
    const plan = media.plan(p, flash, BUDGET);
    expect(plan.ok && plan.plan).toMatchObject({ sendAs: 'image', actions: [], mime });
    const prepared = await media.prepare(p, { limits: flash, budget: BUDGET });
    const part = await media.part(prepared, BUDGET);
    expect(part.type === 'image_url' && part.image_url.url.startsWith(`data:${mime};base64,`)).toBe(true);
  });

  it.each([
    ['10px.png', '“10px.png” is too small (10×10 px): images must be at least 11 px on each side. Use a larger image.'],
    ['10-wide.png', '“10-wide.png” is too small (10×600 px): images must be at least 11 px on each side. Use a larger image.'],
    ['1to201.png', '“1to201.png” is too long and thin (11×2211 px, 201.0:1): its sides may differ by at most 200:1. Crop it and attach it again.'],
  ])('%s is refused', async (file, message) => {
    const plan = media.plan(await media.probe(f(file)), flash, BUDGET);
    expect(plan.ok).toBe(false);
    expect(!plan.ok && plan.error).toMatchObject({ kind: 'media_refused', message });
    const err = (await media.prepare(f(file), { limits: flash, budget: BUDGET }).catch((e: unknown) => e)) as UserError;
    expect(err.message).toBe(message);
  });

  it.each([
    ['pic.tiff', 'TIFF is not sent as it is: it will be converted to JPEG.', 'mjpeg'],
    ['pic.gif', 'GIF is not sent as it is: it will be converted to PNG.', 'png'],
    ['one-frame.mp4', 'A one-frame MP4 video is not sent as it is: it will be converted to JPEG.', 'mjpeg'],
  ])('%s is converted', async (file, summary, codec) => {
    const p = await media.probe(f(file));
    expect(p.kind).toBe('image');
    const plan = media.plan(p, flash, BUDGET);
    expect(plan.ok && plan.plan.summary).toBe(summary);
    const { info } = await preparedInfo(file);
    expect(info.streams.map((s) => [s.codec_name, s.width, s.height])).toEqual([[codec, p.width, p.height]]);
  });

  it('a picture over 10 MB is re-encoded as JPEG within the limit', async () => {
    const p = await media.probe(f('noise.png'));
    expect(p.size).toBeGreaterThan(10 * 1024 * 1024);
    const plan = media.plan(p, flash, BUDGET);
    expect(plan.ok && plan.plan.summary).toBe(
      `It is larger than one request allows (${(p.size / 1048576).toFixed(1)} MB; the limit is 7.5 MB): it will be re-encoded as JPEG, scaled down if needed.`,
    );
    const { prepared, stored, info } = await preparedInfo('noise.png');
    expect(info.streams[0]?.codec_name).toBe('mjpeg');
    expect(prepared.files[0]!.size).toBeLessThanOrEqual(7_864_305);
    const part = await media.part(prepared, BUDGET);
    expect(part.type === 'image_url' && part.image_url.url.length).toBeLessThanOrEqual(BUDGET);
    expect(stored.endsWith('.jpg')).toBe(true);
  });

  it('a smaller budget (a custom endpoint) scales the picture down to fit', async () => {
    const budget = 400_000;
    const prepared = await media.prepare(f('noise.png'), { limits: flash, budget });
    const info = await ffprobe(storedPath(f('data'), prepared.files[0]!.relPath));
    expect(info.streams[0]!.width!).toBeLessThan(2000);
    expect(info.streams[0]!.width! / info.streams[0]!.height!).toBeCloseTo(2000 / 1900, 1);
    const part = await media.part(prepared, budget);
    expect(part.type === 'image_url' && part.image_url.url.length).toBeLessThanOrEqual(budget);
  });
});

describe('bad input gets a clear message', () => {
  beforeAll(async () => {
    await writeFile(f('empty.mp3'), '');
    const { randomBytes } = await import('node:crypto');
    await writeFile(f('random.mp4'), randomBytes(200_000));
    await writeFile(f('random.bin'), randomBytes(200_000));
    // moov at the end (the default): cut in half, the index is gone.
    const { readFile } = await import('node:fs/promises');
    const whole = await readFile(f('clip.mp4'));
    await writeFile(f('cut.mp4'), whole.subarray(0, Math.floor(whole.length / 2)));
    // Index first (faststart): cut in half, the index promises more than is there.
    await ffmpeg('-f', 'lavfi', '-i', 'testsrc=size=160x120:rate=10:duration=20', '-f', 'lavfi', '-i', 'sine=duration=20',
      '-c:v', 'libx264', '-c:a', 'aac', '-movflags', '+faststart', f('fast.mp4'));
    const fast = await readFile(f('fast.mp4'));
    await writeFile(f('cut-fast.mp4'), fast.subarray(0, Math.floor(fast.length / 2)));
    // Only subtitles: nothing to see or hear.
    await writeFile(f('subs.srt'), '1\n00:00:00,000 --> 00:00:02,000\nHello\n');
    await ffmpeg('-i', f('subs.srt'), '-c:s', 'srt', '-f', 'matroska', f('subs-only.mkv'));
  });

  it.each([
    ['empty.mp3', 'media_refused', '“empty.mp3” is empty (0 bytes). Choose a file that has content.'],
    ['random.mp4', 'media_refused', '“random.mp4” is not an image, audio or video file that can be read. Choose a picture, a sound recording or a video.'],
    ['random.bin', 'media_refused', '“random.bin” is not an image, audio or video file that can be read. Choose a picture, a sound recording or a video.'],
    ['cut.mp4', 'media_refused', '“cut.mp4” is incomplete: the end of the file is missing (was it still downloading or recording?). Attach a complete copy.'],
    ['subs-only.mkv', 'media_refused', '“subs-only.mkv” has no picture, sound or video in it that can be used. Choose another file.'],
    ['not-there.mp4', 'not_found', '“not-there.mp4” is no longer there: it was moved, renamed or deleted. Attach it again.'],
    ['data', 'media_refused', '“data” is a folder, not a file. Attach a file inside it instead.'],
  ])('%s', async (file, kind, message) => {
    const err = (await media.probe(f(file)).catch((e: unknown) => e)) as UserError;
    expect(err.info).toMatchObject({ kind, message });
  });

  it('a file whose index promises more than it holds', async () => {
    const err = (await media.probe(f('cut-fast.mp4')).catch((e: unknown) => e)) as UserError;
    expect(err.message).toMatch(/^“cut-fast\.mp4” is incomplete: only 0:\d\d of its 0:20 can be read \(was it still downloading or recording\?\)\. Attach a complete copy\.$/);
    const readable = Number(/only 0:(\d\d)/.exec(err.message)?.[1]);
    expect(readable).toBeGreaterThan(3);
    expect(readable).toBeLessThan(15);
  });
});
