// Media over the models' limits: 25-minute audio, a 25-minute 48 kHz stereo WAV, a 200-second video
// (trimmed, moved window, as frames, over budget), a video without sound, a WebM without a duration
// header and a rotated phone video. Each prepared output is checked with ffprobe.
import { join } from 'node:path';
import { readdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DASHSCOPE_DATA_URI_BUDGET, findModel } from '../../shared/catalog';
import { createMediaService, describeProbe, type MediaService } from '../../electron/core/media/service';
import { storedPath } from '../../electron/core/media/content-store';
import type { PreparedMedia } from '../../electron/core/media/parts';
import { colourOf, ffmpeg, ffmpegToPipe, ffprobe, isBlue, isRed, streamsOf, tempDir } from './media-helpers';

const flash = findModel('qwen3-omni-flash')!.media;
const turbo = findModel('qwen-omni-turbo')!.media;
const BUDGET = DASHSCOPE_DATA_URI_BUDGET;
/** The most raw bytes a `data:;base64,` item may hold within DashScope's budget. */
const RAW_AV = Math.floor((BUDGET - 'data:;base64,'.length) / 4) * 3;

let dir = '';
let cleanup: () => Promise<void> = async () => {};
let media: MediaService;
const f = (name: string) => join(dir, name);
const data = () => f('data');
const stored = (p: PreparedMedia, i = 0) => storedPath(data(), p.files[i]!.relPath);

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir('long'));
  media = createMediaService({ dataDir: data() });
  await Promise.all([
    ffmpeg('-f', 'lavfi', '-i', 'sine=frequency=300:sample_rate=8000:duration=1500', '-c:a', 'libmp3lame', '-b:a', '32k', f('25min.mp3')),
    ffmpeg('-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000:duration=1500', '-ac', '2', '-c:a', 'pcm_s16le', f('25min-48k-stereo.wav')),
  ]);
  await Promise.all([
    // Red for 160 s, then blue: frames "across the whole video" must include blue; a trim from 0 must not.
    ffmpeg('-f', 'lavfi', '-i', 'color=c=red:s=160x120:r=5:d=160', '-f', 'lavfi', '-i', 'color=c=blue:s=160x120:r=5:d=40',
      '-f', 'lavfi', '-i', 'sine=frequency=500:duration=200', '-filter_complex', '[0:v][1:v]concat=n=2:v=1:a=0[v]',
      '-map', '[v]', '-map', '2:a', '-c:v', 'libx264', '-preset', 'veryfast', '-c:a', 'aac', '-b:a', '64k', f('200s.mp4')),
    ffmpeg('-f', 'lavfi', '-i', 'testsrc2=size=320x240:rate=10:duration=10', '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '12', f('silent.mp4')),
    ffmpeg('-f', 'lavfi', '-i', 'testsrc=size=320x180:rate=10:duration=4', '-c:v', 'libx264', '-preset', 'veryfast', f('landscape.mp4')),
    // A slideshow: one picture every 4 s, so a stream-copy cut ends on a keyframe well past the limit.
    ffmpeg('-f', 'lavfi', '-i', 'testsrc=size=160x120:rate=1/4:duration=200', '-f', 'lavfi', '-i', 'sine=duration=200',
      '-c:v', 'libx264', '-preset', 'veryfast', '-c:a', 'aac', f('slideshow.mp4')),
  ]);
  // Recorders write WebM as a stream: no duration in the header.
  await ffmpegToPipe(f('recorder.webm'), '-f', 'lavfi', '-i', 'testsrc=size=160x120:rate=10:duration=8', '-f', 'lavfi', '-i', 'sine=duration=8',
    '-c:v', 'libvpx', '-c:a', 'libopus', '-f', 'webm', 'pipe:1');
  // A phone's portrait video: landscape pixels with a 90° display matrix.
  await ffmpeg('-i', f('landscape.mp4'), '-c', 'copy', '-metadata:s:v', 'rotate=90', f('portrait.mp4'));
}, 120_000);
afterAll(() => cleanup());

describe('long audio', () => {
  it('a 25-minute MP3 is cut to the first 20 minutes by stream copy', async () => {
    const p = await media.probe(f('25min.mp3'));
    expect(p.durationSec).toBeGreaterThan(1499);
    const plan = media.plan(p, flash, BUDGET);
    expect(plan.ok && plan.plan).toMatchObject({
      actions: ['trim'], copyFirst: true, apiFormat: 'mp3',
      summary: 'This audio file is longer than the model accepts (25:00; the limit is 20:00): only the first 20:00 will be sent.',
    });
    const prepared = await media.prepare(p, { limits: flash, budget: BUDGET });
    const info = await ffprobe(stored(prepared));
    expect(Number(info.format.duration)).toBeLessThanOrEqual(1200);
    expect(Number(info.format.duration)).toBeGreaterThan(1195);
    expect(Number(info.format.size)).toBeLessThanOrEqual(RAW_AV);
    // Copied, not re-encoded: the source's 8 kHz stream is still there.
    expect(streamsOf(info, 'audio').map((s) => [s.codec_name, s.sample_rate])).toEqual([['mp3', '8000']]);
    const part = await media.part(prepared, BUDGET);
    expect(part.type === 'input_audio' && part.input_audio.format).toBe('mp3');
    expect(part.type === 'input_audio' && part.input_audio.data.length).toBeLessThanOrEqual(BUDGET);
  });

  it('for Qwen-Omni-Turbo the same file is cut to 3 minutes', async () => {
    const prepared = await media.prepare(f('25min.mp3'), { limits: turbo, budget: BUDGET });
    const info = await ffprobe(stored(prepared));
    expect(Number(info.format.duration)).toBeLessThanOrEqual(180);
    expect(Number(info.format.duration)).toBeGreaterThan(175);
  });

  it('a 25-minute 48 kHz stereo WAV (over both limits) becomes ≤ 20 minutes of mono speech-rate MP3 within budget', async () => {
    const p = await media.probe(f('25min-48k-stereo.wav'));
    expect(p).toMatchObject({ kind: 'audio', formatLabel: 'WAV', audioChannels: 2, audioSampleRate: 48_000 });
    const plan = media.plan(p, flash, BUDGET);
    expect(plan.ok && plan.plan.summary).toBe(
      'This audio file is longer than the model accepts (25:00; the limit is 20:00): only the first 20:00 will be sent. '
      + 'It is larger than one request allows (219.6 MB; the limit is 7.5 MB): it will be re-encoded as mono MP3 at 48 kbps.',
    );
    const progress: number[] = [];
    const prepared = await media.prepare(p, { limits: flash, budget: BUDGET, onProgress: (x) => progress.push(x) });
    const info = await ffprobe(stored(prepared));
    expect(Number(info.format.duration)).toBeLessThanOrEqual(1200);
    expect(Number(info.format.duration)).toBeGreaterThan(1195);
    expect(Number(info.format.size)).toBeLessThanOrEqual(RAW_AV);
    expect(streamsOf(info, 'audio').map((s) => [s.codec_name, s.channels, s.sample_rate])).toEqual([['mp3', 1, '16000']]);
    expect(progress.length).toBeGreaterThan(2);
    expect(progress.every((x, i) => i === 0 || x >= progress[i - 1]!)).toBe(true);
    expect(progress[progress.length - 1]).toBe(1);
    expect(prepared).toMatchObject({ kind: 'audio', sendAs: 'audio', apiFormat: 'mp3' });
  });
});

describe('a 200-second video', () => {
  it('is trimmed to the first 150 s by stream copy, both streams kept', async () => {
    const p = await media.probe(f('200s.mp4'));
    expect(describeProbe(p)).toMatch(/^Video \(MP4\) · 3:20 · .* · 160×120$/);
    const plan = media.plan(p, flash, BUDGET);
    expect(plan.ok && plan.plan).toMatchObject({
      sendAs: 'video', actions: ['trim'], copyFirst: true, choices: ['file', 'frames'],
      trim: { startSec: 0, durationSec: 149.5, maxStartSec: 50.5 },
      summary: 'This video file is longer than the model accepts (3:20; the limit is 2:30): only the first 2:30 will be sent.',
    });
    const prepared = await media.prepare(p, { limits: flash, budget: BUDGET });
    const file = stored(prepared);
    const info = await ffprobe(file);
    expect(Number(info.format.duration)).toBeLessThanOrEqual(150);
    expect(Number(info.format.duration)).toBeGreaterThan(145);
    expect(streamsOf(info, 'video').map((s) => [s.codec_name, s.width, s.height])).toEqual([['h264', 160, 120]]);
    expect(streamsOf(info, 'audio').map((s) => s.codec_name)).toEqual(['aac']);
    expect(isRed(await colourOf(file, 140))).toBe(true);
    const part = await media.part(prepared, BUDGET);
    expect(part.type === 'video_url' && part.video_url.url.length).toBeLessThanOrEqual(BUDGET);
  });

  it('with the window moved to 0:45, the last 150 s are re-encoded (a copy cut mid-file keeps hidden pre-roll)', async () => {
    const p = await media.probe(f('200s.mp4'));
    const plan = media.plan(p, flash, BUDGET, { windowStartSec: 45 });
    expect(plan.ok && plan.plan).toMatchObject({ actions: ['trim', 'reencode'], copyFirst: false, trim: { startSec: 45 } });
    expect(plan.ok && plan.plan.summary).toMatch(/^This video file is longer than the model accepts \(3:20; the limit is 2:30\): only 0:45–3:15 will be sent\. The kept part will be re-encoded as MP4 at \d+ px\./);
    const prepared = await media.prepare(p, { limits: flash, budget: BUDGET, windowStartSec: 45 });
    const file = stored(prepared);
    const info = await ffprobe(file);
    expect(Number(info.format.duration)).toBeLessThanOrEqual(150);
    expect(Number(info.format.duration)).toBeGreaterThan(148);
    expect(streamsOf(info, 'audio')).toHaveLength(1);
    expect(isRed(await colourOf(file, 1))).toBe(true);
    expect(isBlue(await colourOf(file, 148))).toBe(true);
  });

  it('as frames: 100 JPEGs sampled across the whole video, each within budget', async () => {
    const p = await media.probe(f('200s.mp4'));
    const plan = media.plan(p, flash, BUDGET, { videoMode: 'frames' });
    expect(plan.ok && plan.plan).toMatchObject({
      sendAs: 'frames', frames: { count: 100, longSide: 160, min: 2 },
      summary: 'It will be sent as 100 pictures taken evenly across all 3:20 (no sound).',
    });
    const prepared = await media.prepare(p, { limits: flash, budget: BUDGET, videoMode: 'frames' });
    expect(prepared.files).toHaveLength(100);
    // Frame i shows second 2·i: red up to 160 s, blue after.
    for (const i of [0, 10, 20, 30, 40, 50, 60, 70, 78]) expect(isRed(await colourOf(stored(prepared, i))), `frame ${i}`).toBe(true);
    for (const i of [82, 90, 99]) expect(isBlue(await colourOf(stored(prepared, i))), `frame ${i}`).toBe(true);
    const part = await media.part(prepared, BUDGET);
    expect(part.type).toBe('video');
    if (part.type !== 'video') return;
    expect(part.video).toHaveLength(100);
    expect(part.video.every((u) => u.startsWith('data:image/jpeg;base64,') && u.length <= BUDGET)).toBe(true);
  });

  it('a stream-copy cut that overshoots the limit is caught and re-encoded', async () => {
    const p = await media.probe(f('slideshow.mp4'));
    const plan = media.plan(p, flash, BUDGET);
    expect(plan.ok && plan.plan.copyFirst).toBe(true);
    // What the copy alone gives: more than the model accepts.
    await ffmpeg('-i', f('slideshow.mp4'), '-map', '0:V:0', '-map', '0:a:0?', '-c', 'copy', '-t', '149.5', f('slideshow-copy.mp4'));
    expect(Number((await ffprobe(f('slideshow-copy.mp4'))).format.duration)).toBeGreaterThan(150);
    const prepared = await media.prepare(p, { limits: flash, budget: BUDGET });
    const info = await ffprobe(stored(prepared));
    expect(Number(info.format.duration)).toBeLessThanOrEqual(150);
    expect(Number(info.format.duration)).toBeGreaterThan(145);
    expect(streamsOf(info, 'video')).toHaveLength(1);
    expect(streamsOf(info, 'audio')).toHaveLength(1);
  });

  it('for Qwen-Omni-Turbo: 40 s as a file, or 80 frames', async () => {
    const asFile = await media.prepare(f('200s.mp4'), { limits: turbo, budget: BUDGET });
    const info = await ffprobe(stored(asFile));
    expect(Number(info.format.duration)).toBeLessThanOrEqual(40);
    expect(Number(info.format.duration)).toBeGreaterThan(38);
    const frames = await media.prepare(f('200s.mp4'), { limits: turbo, budget: BUDGET, videoMode: 'frames' });
    expect(frames.files).toHaveLength(80);
  });

  it('over a small endpoint budget it is re-encoded smaller, both streams kept', async () => {
    const budget = 2_000_000;
    const prepared = await media.prepare(f('200s.mp4'), { limits: flash, budget });
    const info = await ffprobe(stored(prepared));
    expect(Number(info.format.duration)).toBeLessThanOrEqual(150);
    expect(Number(info.format.size)).toBeLessThanOrEqual(Math.floor((budget - 13) / 4) * 3);
    expect(streamsOf(info, 'video')).toHaveLength(1);
    expect(streamsOf(info, 'audio')).toHaveLength(1);
    const part = await media.part(prepared, budget);
    expect(part.type === 'video_url' && part.video_url.url.length).toBeLessThanOrEqual(budget);
  });
});

describe('other videos', () => {
  it('a video without sound stays without sound, sent as is or re-encoded', async () => {
    const p = await media.probe(f('silent.mp4'));
    expect(p).toMatchObject({ kind: 'video', hasAudio: false, audioCodec: null });
    expect(describeProbe(p)).toMatch(/· no sound$/);
    const asIs = await media.prepare(p, { limits: flash, budget: BUDGET });
    expect(streamsOf(await ffprobe(stored(asIs)), 'audio')).toHaveLength(0);
    const budget = Math.ceil(p.size * 0.8);
    const smaller = await media.prepare(p, { limits: flash, budget });
    const info = await ffprobe(stored(smaller));
    expect(streamsOf(info, 'video')).toHaveLength(1);
    expect(streamsOf(info, 'audio')).toHaveLength(0);
    expect(Number(info.format.size)).toBeLessThanOrEqual(Math.floor((budget - 13) / 4) * 3);
  });

  it('a WebM without a duration header is measured, then converted to MP4 that has one', async () => {
    const raw = await ffprobe(f('recorder.webm'));
    expect(raw.format.duration).toBeUndefined();
    const p = await media.probe(f('recorder.webm'));
    expect(p).toMatchObject({ kind: 'video', formatLabel: 'WebM', durationSource: 'measured' });
    expect(p.durationSec).toBeGreaterThan(7.8);
    expect(p.durationSec).toBeLessThan(8.2);
    const plan = media.plan(p, flash, BUDGET);
    expect(plan.ok && plan.plan.actions).toEqual(['convert']);
    const prepared = await media.prepare(p, { limits: flash, budget: BUDGET });
    const info = await ffprobe(stored(prepared));
    expect(info.format.format_name).toContain('mp4');
    expect(Number(info.format.duration)).toBeGreaterThan(7.8);
    expect(Number(info.format.duration)).toBeLessThan(8.2);
    expect(streamsOf(info, 'video').map((s) => s.codec_name)).toEqual(['h264']);
    expect(streamsOf(info, 'audio').map((s) => s.codec_name)).toEqual(['aac']);
  });

  it('a rotated phone video reports its upright size, and keeps it when sent or re-encoded', async () => {
    const p = await media.probe(f('portrait.mp4'));
    expect(p).toMatchObject({ width: 180, height: 320 });
    expect(Math.abs(p.rotation)).toBe(90);
    const asIs = await media.prepare(p, { limits: flash, budget: BUDGET });
    const kept = await ffprobe(stored(asIs));
    expect(Math.abs(kept.streams[0]?.side_data_list?.find((d) => d.rotation !== undefined)?.rotation ?? 0)).toBe(90);
    // Re-encoded (a window from 1 s), the rotation is applied to the pixels.
    const cut = await media.prepare(p, { limits: { ...flash, videoMaxSeconds: 3 }, budget: BUDGET, windowStartSec: 1 });
    const info = await ffprobe(stored(cut));
    const v = streamsOf(info, 'video')[0]!;
    expect([v.width, v.height]).toEqual([180, 320]);
    expect(Number(info.format.duration)).toBeLessThanOrEqual(3);
  });

  it('leaves no work files behind', async () => {
    expect(await readdir(join(data(), 'media', '.work')).catch(() => [])).toEqual([]);
  });
});
