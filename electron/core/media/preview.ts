// What a chip shows of a file before it is sent, made with ffmpeg through run.ts (so every run is bounded
// and queued like the fitting): a small picture (the image itself, or a frame of the video), a video's
// filmstrip (frames evenly across the whole file, side by side in one JPEG) and a recording's waveform
// (the loudest sample of each slice, 0..1). Cheap on purpose: a video's frames are key frames only (no
// decoding between them), a waveform decodes mono at 4 kHz; each runs beside the file's fitting and must
// not hold it up: they run at a lower priority (test/bench/previews.bench.ts measures by how much they do).
import type { MediaTools } from './binaries';
import { fileArg, inputGuard, runTool } from './run';
import type { MediaProbe } from './probe';

/** The long side of a chip's picture: a 56-px thumbnail on a 2× screen, with room. */
export const THUMB_SIDE = 160;
/** Filmstrip frames and their height (px). */
export const STRIP_FRAMES = 10;
export const STRIP_HEIGHT = 54;
/** Waveform bars across the whole recording. */
export const PEAK_BUCKETS = 240;
const PEAK_RATE = 4000;

export interface PreviewContext {
  tools: MediaTools;
  signal?: AbortSignal;
  timeoutMs?: number;
}

const COMMON = ['-nostdin', '-hide_banner', '-v', 'error', '-y'];

/** Where to take a video's thumbnail: a second in (past a fade from black), never past a tenth of it. */
function thumbAt(p: MediaProbe): number {
  const d = p.durationSec ?? 0;
  return d > 0 ? Math.min(1, d * 0.1) : 0;
}

/** One input seeking to `at` and decoding key frames only: the nearest one before it is the frame. */
function keyFrameInput(p: MediaProbe, input: string, at: number): string[] {
  return [
    ...inputGuard(p.formatName),
    '-skip_frame', 'nokey', '-noaccurate_seek', ...(at > 0 ? ['-ss', at.toFixed(3)] : []),
    '-i', fileArg(input),
  ];
}

/** A JPEG (PNG for a transparent picture) whose long side is at most THUMB_SIDE. */
export async function makeThumbnail(p: MediaProbe, input: string, out: string, ctx: PreviewContext): Promise<void> {
  // The key frame found may come before the point sought (a negative time): put it at 0, or it is dropped.
  const scale = `setpts=PTS-STARTPTS,scale=w=${THUMB_SIDE}:h=${THUMB_SIDE}:force_original_aspect_ratio=decrease:force_divisible_by=2`;
  const inputArgs = p.kind === 'video' ? keyFrameInput(p, input, thumbAt(p)) : [...inputGuard(p.formatName), '-i', fileArg(input)];
  const codec = p.hasAlpha ? ['-c:v', 'png'] : ['-pix_fmt', 'yuvj420p', '-c:v', 'mjpeg', '-q:v', '4'];
  await runTool(ctx.tools.ffmpeg, [
    ...COMMON, ...inputArgs, '-map', '0:V:0', '-frames:v', '1', '-an', '-sn', '-dn', '-vf', scale, ...codec,
    '-f', 'image2', '-update', '1', fileArg(out),
  ], { timeoutMs: ctx.timeoutMs ?? 30_000, signal: ctx.signal, watchOutput: out, maxOutputBytes: 2 * 1024 * 1024, background: true });
}

/**
 * A video's filmstrip: `frames` key frames taken evenly across the file (one input per frame, each seeking
 * on its own, so nothing between them is decoded), scaled to STRIP_HEIGHT and put side by side.
 */
export async function makeFilmstrip(p: MediaProbe, input: string, out: string, ctx: PreviewContext, frames = STRIP_FRAMES): Promise<void> {
  const d = p.durationSec ?? 0;
  if (d <= 0 || frames < 1) throw new Error('A filmstrip needs a video with a length.');
  const inputs: string[] = [];
  const chains: string[] = [];
  for (let i = 0; i < frames; i++) {
    inputs.push(...keyFrameInput(p, input, (d * (i + 0.5)) / frames));
    // The first frame only (at time 0: the key frame may come before the point sought), each the same size
    // (a phone video's rotation is applied before scaling).
    chains.push(`[${i}:V:0]trim=end_frame=1,setpts=PTS-STARTPTS,scale=-2:${STRIP_HEIGHT},setsar=1,format=yuvj420p[f${i}]`);
  }
  const stack = frames > 1
    ? `${Array.from({ length: frames }, (_, i) => `[f${i}]`).join('')}hstack=inputs=${frames}[strip]`
    : '[f0]copy[strip]';
  await runTool(ctx.tools.ffmpeg, [
    ...COMMON, ...inputs, '-filter_complex', `${chains.join(';')};${stack}`, '-map', '[strip]', '-frames:v', '1',
    '-c:v', 'mjpeg', '-q:v', '5', '-f', 'image2', '-update', '1', fileArg(out),
  ], { timeoutMs: ctx.timeoutMs ?? 60_000, signal: ctx.signal, watchOutput: out, maxOutputBytes: 4 * 1024 * 1024, background: true });
}

/** A recording's waveform: the loudest sample of each of `buckets` slices of its first audio track, 0..1. */
export async function makePeaks(p: MediaProbe, input: string, ctx: PreviewContext, buckets = PEAK_BUCKETS): Promise<number[]> {
  const d = p.durationSec ?? 0;
  if (d <= 0) return [];
  const total = Math.max(1, Math.round(d * PEAK_RATE));
  const peaks = new Array<number>(buckets).fill(0);
  let sample = 0;
  let carry: Buffer | null = null;
  await runTool(ctx.tools.ffmpeg, [
    ...COMMON, ...inputGuard(p.formatName), '-i', fileArg(input), '-map', '0:a:0', '-vn', '-sn', '-dn',
    '-ac', '1', '-ar', String(PEAK_RATE), '-f', 's16le', '-c:a', 'pcm_s16le', 'pipe:1',
  ], {
    timeoutMs: ctx.timeoutMs ?? Math.max(30_000, d * 200), signal: ctx.signal, background: true,
    onStdoutData: (chunk) => {
      const buf: Buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
      const whole = buf.length - (buf.length % 2);
      for (let i = 0; i < whole; i += 2) {
        const v = Math.abs(buf.readInt16LE(i)) / 32767;
        const b = Math.min(buckets - 1, Math.floor((sample * buckets) / total));
        if (v > peaks[b]!) peaks[b] = v;
        sample++;
      }
      carry = whole < buf.length ? buf.subarray(whole) : null;
    },
  });
  // Two decimals are more than a bar drawn a few pixels high can show, and keep the chip's updates small.
  return peaks.map((v) => Math.round(Math.min(1, v) * 100) / 100);
}
