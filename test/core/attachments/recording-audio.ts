// Test audio for recordings: real speech from espeak-ng, and what a sent input_audio item decodes to
// (its decoded length and loudness, measured by ffmpeg on the decoded samples, not the container's word).
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ffmpeg, tools } from '../../media/media-helpers';

const run = promisify(execFile);

/**
 * A mono 48 kHz WAV of `text` spoken by espeak-ng, followed by `silenceSec` of silence (what Chromium's
 * fake capture device loops, so hands-free hears a question and then a pause).
 */
export async function speechWav(dir: string, name: string, text: string, silenceSec = 0): Promise<string> {
  const raw = join(dir, `${name}.espeak.wav`);
  const out = join(dir, `${name}.wav`);
  await run('espeak-ng', ['-v', 'en', '-s', '150', '-w', raw, text]);
  await ffmpeg('-i', raw, '-af', `apad=pad_dur=${silenceSec}`, '-ar', '48000', '-ac', '1', '-c:a', 'pcm_s16le', out);
  return out;
}

/** A WebM/Opus file like Chromium's MediaRecorder makes (streamed: no duration in its header). */
export async function webmOpus(dir: string, wav: string, name = 'recording.webm'): Promise<string> {
  const out = join(dir, name);
  await ffmpeg('-i', wav, '-c:a', 'libopus', '-b:a', '48k', '-f', 'webm', '-live', '1', out);
  return out;
}

export interface DecodedFacts {
  /** Decoded samples ÷ rate: what a listener hears, whatever the container claims. */
  durationSec: number;
  /** ffmpeg volumedetect's mean volume, dB (digital silence is about -91 dB). */
  meanVolumeDb: number;
}

export async function decodedFacts(file: string): Promise<DecodedFacts> {
  const { stdout } = await run(tools.ffmpeg, ['-nostdin', '-v', 'error', '-i', file, '-f', 's16le', '-ac', '1', '-ar', '16000', 'pipe:1'], {
    encoding: 'buffer', maxBuffer: 256 * 1024 * 1024,
  });
  const { stderr } = await run(tools.ffmpeg, ['-nostdin', '-hide_banner', '-i', file, '-af', 'volumedetect', '-f', 'null', '-']);
  const mean = /mean_volume:\s*(-?[\d.]+|-inf) dB/.exec(stderr)?.[1];
  return { durationSec: stdout.length / 2 / 16_000, meanVolumeDb: mean === undefined || mean === '-inf' ? -Infinity : Number(mean) };
}
