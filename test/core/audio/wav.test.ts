// Reply audio saved as .wav must be a standard file that any player (here: ffprobe/ffmpeg) reads as
// 16-bit mono 24 kHz, with the right length and exactly our samples.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { concatPcm, pcmSamples, pcmToWav, WAV_HEADER_BYTES, wavHeader } from '../../../electron/core/audio';

const ascii = (b: Uint8Array, at: number, n: number) => String.fromCharCode(...b.subarray(at, at + n));
const view = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);

/** A 440 Hz tone, PCM16 LE mono. */
function tone(seconds: number, rate = 24_000): Uint8Array {
  const n = Math.round(seconds * rate);
  const pcm = new Uint8Array(n * 2);
  const v = view(pcm);
  for (let i = 0; i < n; i++) v.setInt16(i * 2, Math.round(12_000 * Math.sin((2 * Math.PI * 440 * i) / rate)), true);
  return pcm;
}

const hasFfprobe = spawnSync('ffprobe', ['-version']).status === 0;
const hasFfmpeg = spawnSync('ffmpeg', ['-version']).status === 0;
if (!hasFfprobe) console.warn('ffprobe not found on PATH: skipping the decode checks');

const dir = mkdtempSync(join(tmpdir(), 'omni-wav-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('wavHeader', () => {
  it('writes every field of the 44-byte RIFF/WAVE header for 24 kHz mono 16-bit', () => {
    const h = wavHeader(48_000);
    const v = view(h);
    expect(h.length).toBe(44);
    expect(ascii(h, 0, 4)).toBe('RIFF');
    expect(v.getUint32(4, true)).toBe(36 + 48_000);
    expect(ascii(h, 8, 4)).toBe('WAVE');
    expect(ascii(h, 12, 4)).toBe('fmt ');
    expect(v.getUint32(16, true)).toBe(16);
    expect(v.getUint16(20, true)).toBe(1); // PCM
    expect(v.getUint16(22, true)).toBe(1); // mono
    expect(v.getUint32(24, true)).toBe(24_000);
    expect(v.getUint32(28, true)).toBe(48_000); // byte rate
    expect(v.getUint16(32, true)).toBe(2); // block align
    expect(v.getUint16(34, true)).toBe(16);
    expect(ascii(h, 36, 4)).toBe('data');
    expect(v.getUint32(40, true)).toBe(48_000);
  });

  it('computes byte rate and block align from the format', () => {
    const v = view(wavHeader(1_000, 48_000, 2, 24));
    expect(v.getUint16(22, true)).toBe(2);
    expect(v.getUint32(24, true)).toBe(48_000);
    expect(v.getUint32(28, true)).toBe(48_000 * 2 * 3);
    expect(v.getUint16(32, true)).toBe(6);
    expect(v.getUint16(34, true)).toBe(24);
  });

  it('refuses sizes and formats a WAV file cannot hold', () => {
    expect(() => wavHeader(-1)).toThrow(RangeError);
    expect(() => wavHeader(2 ** 32)).toThrow(/WAV file holds/);
    expect(() => wavHeader(10, 0)).toThrow(RangeError);
    expect(() => wavHeader(10, 24_000, 0)).toThrow(RangeError);
    expect(() => wavHeader(10, 24_000, 1, 12)).toThrow(RangeError);
  });
});

describe('pcmToWav', () => {
  it('puts the samples right after the header and drops a stray odd byte', () => {
    const wav = pcmToWav(new Uint8Array([1, 2, 3, 4, 5]));
    expect(wav.length).toBe(WAV_HEADER_BYTES + 4);
    expect(Array.from(wav.subarray(44))).toEqual([1, 2, 3, 4]);
    expect(view(wav).getUint32(40, true)).toBe(4);
    expect(view(wav).getUint32(4, true)).toBe(40);
  });

  it.skipIf(!hasFfprobe)('makes a file ffprobe reads as pcm_s16le mono 24 kHz of the right duration', () => {
    const pcm = tone(2.5);
    const file = join(dir, 'tone.wav');
    writeFileSync(file, pcmToWav(pcm));
    const out = JSON.parse(
      execFileSync('ffprobe', ['-v', 'error', '-show_streams', '-show_format', '-of', 'json', file], { encoding: 'utf8' }),
    ) as { streams: Array<Record<string, unknown>>; format: Record<string, unknown> };
    expect(out.streams).toHaveLength(1);
    expect(out.streams[0]).toMatchObject({ codec_name: 'pcm_s16le', channels: 1, sample_rate: '24000', bits_per_sample: 16 });
    expect(Number(out.streams[0]?.duration)).toBeCloseTo(2.5, 6);
    expect(out.format.format_name).toBe('wav');
  });

  it.skipIf(!hasFfmpeg)('decodes back to exactly the same samples', () => {
    const pcm = tone(0.73);
    const file = join(dir, 'roundtrip.wav');
    writeFileSync(file, pcmToWav(pcm));
    const decoded = execFileSync('ffmpeg', ['-v', 'error', '-i', file, '-f', 's16le', '-acodec', 'pcm_s16le', '-'], { maxBuffer: 1 << 24 });
    expect(Buffer.compare(decoded, Buffer.from(pcm))).toBe(0);
  });
});

describe('concatPcm', () => {
  it('joins pieces in order into a new buffer', () => {
    const a = new Uint8Array([1, 2]);
    const b = new Uint8Array(0);
    const c = new Uint8Array([3, 4, 5, 6]).subarray(1, 3);
    const out = concatPcm([a, b, c]);
    expect(Array.from(out)).toEqual([1, 2, 4, 5]);
    a[0] = 9;
    expect(out[0]).toBe(1);
    expect(concatPcm([])).toEqual(new Uint8Array(0));
    expect(pcmSamples(5)).toBe(2);
  });
});
