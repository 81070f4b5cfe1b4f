// Real media for the media tests, made on the spot with ffmpeg's lavfi sources, espeak-ng and sox, and
// ffprobe's own word on what came out (read straight from ffprobe, not through the code under test).
import { execFile, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { resolveMediaTools } from '../../electron/core/media/binaries';

const run = promisify(execFile);
export const tools = resolveMediaTools();

export async function tempDir(prefix: string): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), `omni-media-${prefix}-`));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** ffmpeg with an argument array; `out` is the last argument. */
export async function ffmpeg(...args: string[]): Promise<void> {
  await run(tools.ffmpeg, ['-nostdin', '-hide_banner', '-v', 'error', '-y', ...args], { maxBuffer: 64 * 1024 * 1024 });
}

/** ffmpeg writing to its stdout, redirected to `out`: a muxer that cannot seek back leaves no duration. */
export async function ffmpegToPipe(out: string, ...args: string[]): Promise<void> {
  const child = spawn(tools.ffmpeg, ['-nostdin', '-hide_banner', '-v', 'error', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  await pipeline(child.stdout, createWriteStream(out));
  const code = await exited;
  if (code !== 0) throw new Error(`ffmpeg exited with ${code}`);
}

export async function sh(cmd: string, args: string[]): Promise<void> {
  await run(cmd, args, { maxBuffer: 64 * 1024 * 1024 });
}

export interface FfprobeStream {
  codec_type: string;
  codec_name: string;
  width?: number;
  height?: number;
  channels?: number;
  sample_rate?: string;
  disposition?: { attached_pic?: number };
  side_data_list?: { rotation?: number }[];
}

export interface FfprobeInfo {
  format: { format_name: string; duration?: string; size: string };
  streams: FfprobeStream[];
}

export async function ffprobe(file: string): Promise<FfprobeInfo> {
  const { stdout } = await run(tools.ffprobe, ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', file]);
  return JSON.parse(stdout) as FfprobeInfo;
}

/** The duration ffprobe gives, or (when the container has none) the decoded length. */
export async function durationOf(file: string): Promise<number> {
  const info = await ffprobe(file);
  return Number(info.format.duration);
}

export const streamsOf = (info: FfprobeInfo, type: string) =>
  info.streams.filter((s) => s.codec_type === type && s.disposition?.attached_pic !== 1);

/** The average colour of a picture (or a video's frame at `atSec`), as [r, g, b]. */
export async function colourOf(file: string, atSec?: number): Promise<[number, number, number]> {
  const { stdout } = await run(
    tools.ffmpeg,
    ['-nostdin', '-v', 'error', ...(atSec !== undefined ? ['-ss', String(atSec)] : []), '-i', file, '-frames:v', '1',
      '-vf', 'scale=1:1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1'],
    { encoding: 'buffer' },
  );
  const b = stdout as unknown as Buffer;
  return [b[0] ?? 0, b[1] ?? 0, b[2] ?? 0];
}

export const isRed = ([r, g, b]: [number, number, number]) => r > 180 && g < 80 && b < 80;
export const isBlue = ([r, g, b]: [number, number, number]) => b > 180 && r < 80 && g < 80;

/** Speech from espeak-ng as a WAV (22.05 kHz mono). */
export async function speech(out: string, text = 'Hello from Omni Desk. This is a short recording used to test audio attachments.'): Promise<void> {
  await sh('espeak-ng', ['-w', out, text]);
}
