// The arithmetic and decisions behind the plans, where no ffmpeg is needed: data-URL sizes, encoder
// settings that fit, the trim window, and which attachments may share a message.
import { describe, expect, it } from 'vitest';
import { DASHSCOPE_DATA_URI_BUDGET, findModel } from '../../shared/catalog';
import { AUDIO_VIDEO_PREFIX, dataUrlLength, imagePrefix, maxRawBytesForBudget } from '../../electron/core/media/formats';
import { checkMix, mixRefusal } from '../../electron/core/media/mix';
import type { MediaProbe } from '../../electron/core/media/probe';
import { audioEncodeFor, planMedia, videoEncodeFor } from '../../electron/core/media/rules';

const flash = findModel('qwen3-omni-flash')!.media;
const BUDGET = DASHSCOPE_DATA_URI_BUDGET;

function probe(over: Partial<MediaProbe>): MediaProbe {
  return {
    path: '/x/file.bin', name: 'file.bin', size: 1000, mtimeMs: 0, kind: 'video', formatName: 'mov,mp4,m4a,3gp,3g2,mj2',
    formatLabel: 'MP4', majorBrand: 'isom', durationSec: 10, durationSource: 'container', width: 1920, height: 1080,
    rotation: 0, videoCodec: 'h264', audioCodec: 'aac', hasVideo: true, hasAudio: true, audioChannels: 2,
    audioSampleRate: 48_000, frameRate: 30, frames: 300, hasAlpha: false, pixelFormat: 'yuv420p', ...over,
  };
}

describe('data-URL budget', () => {
  it('the largest raw item whose data URL fits, and one byte more does not', () => {
    for (const prefix of [AUDIO_VIDEO_PREFIX, imagePrefix('image/jpeg'), imagePrefix('image/png')]) {
      const max = maxRawBytesForBudget(BUDGET, prefix);
      expect(dataUrlLength(max, prefix)).toBeLessThanOrEqual(BUDGET);
      expect(dataUrlLength(max + 1, prefix)).toBeGreaterThan(BUDGET);
    }
    expect(maxRawBytesForBudget(BUDGET, AUDIO_VIDEO_PREFIX)).toBe(7_864_308);
    expect(maxRawBytesForBudget(Number.POSITIVE_INFINITY, AUDIO_VIDEO_PREFIX)).toBe(Number.MAX_SAFE_INTEGER);
  });
});

describe('encoder settings', () => {
  const maxBytes = maxRawBytesForBudget(BUDGET, AUDIO_VIDEO_PREFIX);

  it('20 minutes of audio: mono speech-rate MP3 whose size fits', () => {
    const enc = audioEncodeFor(1199.5, maxBytes, probe({ kind: 'audio' }))!;
    expect(enc).toEqual({ bitrateKbps: 48, channels: 1, sampleRate: 16_000 });
    expect((enc.bitrateKbps * 1000 * 1199.5) / 8).toBeLessThanOrEqual(maxBytes);
    expect(audioEncodeFor(60, maxBytes, probe({ kind: 'audio', audioSampleRate: 44_100 }))).toEqual({ bitrateKbps: 128, channels: 2, sampleRate: 44_100 });
    expect(audioEncodeFor(1200, 1000, probe({ kind: 'audio' }))).toBeNull();
  });

  it('150 s of 1080p: scaled down, frame rate capped, audio + video bitrates within the budget', () => {
    const enc = videoEncodeFor(149.5, maxBytes, probe({}))!;
    expect(enc.longSide).toBeLessThan(1920);
    expect(enc.longSide).toBeGreaterThanOrEqual(320);
    expect(enc.fps).toBeLessThanOrEqual(30);
    expect(((enc.videoKbps + enc.audioKbps) * 1000 * 149.5) / 8).toBeLessThanOrEqual(maxBytes * 0.9);
    // Never larger than the source.
    expect(videoEncodeFor(10, maxBytes, probe({ width: 160, height: 120 }))!.longSide).toBe(160);
    expect(videoEncodeFor(10, maxBytes, probe({ hasAudio: false }))!.audioKbps).toBe(0);
  });
});

describe('planMedia', () => {
  const long = probe({ durationSec: 200, size: 5_000_000 });

  it('keeps the trim window inside the video', () => {
    const late = planMedia(long, flash, BUDGET, { windowStartSec: 1000 });
    expect(late.ok && late.plan.trim).toEqual({ startSec: 50.5, durationSec: 149.5, maxStartSec: 50.5 });
    const early = planMedia(long, flash, BUDGET, { windowStartSec: -5 });
    expect(early.ok && early.plan.trim?.startSec).toBe(0);
    expect(early.ok && early.plan.copyFirst).toBe(true);
  });

  it('refuses what cannot be made to fit', () => {
    const r = planMedia(probe({ kind: 'audio', path: '/x/talk.wav', durationSec: 1200, formatName: 'wav', formatLabel: 'WAV', audioCodec: 'pcm_s16le', size: 200_000_000 }), flash, 1000);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatchObject({ kind: 'too_large', message: '“talk.wav” cannot be made small enough for one request (738 bytes). Trim it shorter or choose a smaller file.' });
  });

  it('a transparent picture over the limit stays PNG', () => {
    const r = planMedia(probe({ kind: 'image', formatName: 'png_pipe', formatLabel: 'PNG', videoCodec: 'png', hasAlpha: true, size: 20_000_000, durationSec: null }), flash, BUDGET);
    expect(r.ok && r.plan).toMatchObject({ output: 'png', mime: 'image/png', actions: ['reencode'] });
  });
});

describe('one modality per message', () => {
  const img = (id: string) => ({ id, name: `${id}.png`, sendAs: 'image' as const });
  it('many pictures, or one audio, or one video', () => {
    expect(mixRefusal([img('a'), img('b')], img('c'))).toBeNull();
    expect(mixRefusal([img('a')], { id: 's', name: 'song.mp3', sendAs: 'audio' })).toBe(
      'A message can carry several pictures, or one audio file, or one video. “song.mp3” (audio) cannot go with “a.png” (image): remove one of them, or send it in the next message.',
    );
    expect(mixRefusal([{ id: 'v', name: 'clip.mp4', sendAs: 'frames' }], { id: 'w', name: 'other.mp4', sendAs: 'video' })).toBe(
      'A message can carry several pictures, or one audio file, or one video. Only one video fits in a message: remove “other.mp4” or “clip.mp4”, or send it in the next message.',
    );
    expect(checkMix([img('a'), { id: 's', name: 's.mp3', sendAs: 'audio' }, img('b')]).map((x) => x.id)).toEqual(['s']);
  });
});
