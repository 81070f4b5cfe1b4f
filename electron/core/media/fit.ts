// Carries out a plan with ffmpeg: trim (stream copy when it is exact, else re-encode), re-encode to fit,
// convert, scale a picture, sample frames. Every output is probed again and checked against the plan's
// limits; a copy that overshoots or an encode that comes out too big is redone, never sent.
import { mkdir, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { scaledSize } from '../../../shared/estimate';
import type { MediaTools } from './binaries';
import { MUXERS, type OutputContainer } from './formats';
import { MediaCancelledError, refuse, toolFailure } from './messages';
import { fsRefusal, probeMedia, withSafeInput, type MediaProbe } from './probe';
import { AUDIO_OUTPUT, audioEncodeFor, videoApiContainer, videoEncodeFor, type AudioEncode, type MediaPlan, type VideoEncode } from './rules';
import { fileArg, inputGuard, runTool, ToolError } from './run';
import { UserError } from '../user-error';

export interface FitTimeouts {
  /** Fixed allowance per ffmpeg run. */
  baseMs: number;
  /** Added per second of media the run produces. */
  perMediaSecondMs: number;
}

export const DEFAULT_FIT_TIMEOUTS: FitTimeouts = { baseMs: 60_000, perMediaSecondMs: 2_000 };

export interface FitContext {
  tools: MediaTools;
  /** A private, existing folder for this job's outputs; the caller removes it afterwards. */
  workDir: string;
  signal?: AbortSignal;
  /** 0…1 while ffmpeg works. */
  onProgress?: (fraction: number) => void;
  /** A hard ceiling on what any one ffmpeg run may write (default: a little over the plan's limit). */
  maxOutputBytes?: number;
  timeouts?: Partial<FitTimeouts>;
}

export interface FitFile {
  path: string;
  size: number;
  ext: string;
}

export interface FitResult {
  sendAs: MediaPlan['sendAs'];
  /** One file, or the frames in order. */
  files: FitFile[];
  /** The user's own file, unchanged (nothing needed doing): store a copy, never move it. */
  original: boolean;
  apiFormat: MediaPlan['apiFormat'];
  mime: string | null;
  durationSec: number | null;
  width: number | null;
  height: number | null;
  /** What ffprobe says of the prepared output (audio and video files). */
  outputProbe: MediaProbe | null;
}

const COMMON = ['-nostdin', '-hide_banner', '-v', 'error', '-y'];
const PROGRESS = ['-progress', 'pipe:1', '-nostats'];
const MP3_RATES = [128, 64, 56, 48, 40, 32, 24, 16, 8];

class Job {
  constructor(readonly plan: MediaPlan, readonly ctx: FitContext, readonly input: string) {}

  get path() {
    return this.plan.source.path;
  }

  inputArgs(startSec = 0): string[] {
    return [
      ...inputGuard(this.plan.formatWhitelist),
      ...(startSec > 0 ? ['-ss', startSec.toFixed(3)] : []),
      '-i', fileArg(this.input),
    ];
  }

  cap(): number {
    return this.ctx.maxOutputBytes ?? Math.ceil(this.plan.maxBytes * 1.1) + 64 * 1024;
  }

  timeoutFor(seconds: number): number {
    const t = { ...DEFAULT_FIT_TIMEOUTS, ...this.ctx.timeouts };
    return t.baseMs + t.perMediaSecondMs * Math.max(1, seconds);
  }

  /** Runs ffmpeg writing `out`; progress is reported against `seconds` of expected output. */
  async ffmpeg(args: string[], out: string, seconds: number): Promise<void> {
    try {
      await runTool(this.ctx.tools.ffmpeg, [...COMMON, ...args, ...PROGRESS, fileArg(out)], {
        timeoutMs: this.timeoutFor(seconds),
        signal: this.ctx.signal,
        watchOutput: out,
        maxOutputBytes: this.cap(),
        onOutTime: (t) => this.ctx.onProgress?.(Math.min(1, seconds > 0 ? t / seconds : 0)),
      });
    } catch (err) {
      if (err instanceof ToolError && err.reason === 'aborted') throw new MediaCancelledError();
      if (err instanceof ToolError && err.reason === 'exit') {
        // The source may have gone while ffmpeg ran.
        await stat(this.path).catch((e: unknown) => {
          throw fsRefusal(this.path, e);
        });
      }
      throw err;
    }
  }

  fail(err: unknown): never {
    if (err instanceof ToolError) throw toolFailure(this.path, err, this.ctx.tools.ffmpeg, this.cap());
    throw err;
  }

  async reprobe(out: string): Promise<MediaProbe> {
    return probeMedia(out, this.ctx.tools, { signal: this.ctx.signal });
  }

  /** The output must say what the plan promised: within limits, and not cut short by damage. */
  checkTimed(p: MediaProbe, expectedSec: number): 'ok' | 'too_long' | 'too_big' {
    const max = this.plan.maxSeconds;
    if (max !== null && (p.durationSec ?? 0) > max) return 'too_long';
    if (p.size > this.plan.maxBytes) return 'too_big';
    const got = p.durationSec ?? 0;
    if (got < expectedSec * 0.9 - 0.5) throw refuse.truncatedAt(this.path, got, expectedSec);
    return 'ok';
  }
}

function outName(job: Job, stem: string, container: OutputContainer): string {
  return join(job.ctx.workDir, `${stem}.${MUXERS[container].ext}`);
}

function keptSeconds(plan: MediaPlan): number {
  return plan.trim?.durationSec ?? plan.source.durationSec ?? 0;
}

function trimArgs(plan: MediaPlan, seconds = plan.trim?.durationSec): string[] {
  return plan.trim && seconds !== undefined ? ['-t', seconds.toFixed(3)] : [];
}

/** When an output ran past the limit, the next attempt asks for that much less (and a little more). */
function shorter(seconds: number, p: MediaProbe, max: number | null): number {
  return seconds - Math.max(0.25, (p.durationSec ?? 0) - (max ?? seconds) + 0.25);
}

function timedResult(job: Job, out: string, p: MediaProbe, container: OutputContainer): FitResult {
  return {
    sendAs: job.plan.sendAs,
    files: [{ path: out, size: p.size, ext: MUXERS[container].ext }],
    original: false,
    apiFormat: job.plan.apiFormat,
    mime: null,
    durationSec: p.durationSec,
    width: p.width,
    height: p.height,
    outputProbe: p,
  };
}

/** A stream-copy cut from the start; null when it missed (overshot, too big, or stopped by the cap). */
async function tryCopy(job: Job, container: OutputContainer, maps: string[]): Promise<FitResult | null> {
  const out = outName(job, 'copy', container);
  const seconds = keptSeconds(job.plan);
  const mux = MUXERS[container].muxer;
  try {
    await job.ffmpeg(
      [...job.inputArgs(), ...maps, '-c', 'copy', ...trimArgs(job.plan),
        ...(mux === 'mp4' || mux === 'mov' ? ['-movflags', '+faststart'] : []), '-f', mux],
      out, seconds);
  } catch (err) {
    if (err instanceof ToolError && (err.reason === 'output_cap' || err.reason === 'exit')) return null;
    job.fail(err);
  }
  const p = await job.reprobe(out);
  return job.checkTimed(p, seconds) === 'ok' ? timedResult(job, out, p, container) : null;
}

/** One way to encode a timed file: its ffmpeg arguments for given settings, and the next lower settings. */
interface Encoding<E> {
  stem: string;
  container: OutputContainer;
  maps: string[];
  args: (enc: E) => string[];
  lower: (enc: E) => E | null;
}

/**
 * Encodes the kept window and probes the output again, up to three times: an output that runs past the
 * limit is asked for that much less next time; one too big (or stopped by the size cap) is encoded lower.
 */
async function encodeToFit<E>(job: Job, first: E | null, e: Encoding<E>): Promise<FitResult> {
  const { plan } = job;
  let seconds = keptSeconds(plan);
  let enc = first;
  for (let attempt = 1; enc && attempt <= 3; attempt++) {
    const out = outName(job, `${e.stem}-${attempt}`, e.container);
    try {
      await job.ffmpeg([...job.inputArgs(plan.trim?.startSec), ...e.maps, ...trimArgs(plan, seconds), ...e.args(enc)], out, seconds);
    } catch (err) {
      if (!(err instanceof ToolError && err.reason === 'output_cap' && attempt < 3)) job.fail(err);
      enc = e.lower(enc);
      continue;
    }
    const p = await job.reprobe(out);
    const verdict = job.checkTimed(p, seconds);
    if (verdict === 'ok') return timedResult(job, out, p, e.container);
    if (verdict === 'too_long' && plan.trim) seconds = shorter(seconds, p, plan.maxSeconds);
    else enc = e.lower(enc);
  }
  throw refuse.cannotFit(job.path, plan.maxBytes);
}

async function fitAudio(job: Job): Promise<FitResult> {
  const { plan } = job;
  const maps = ['-map', '0:a:0', '-vn', '-sn', '-dn', '-map_metadata', '-1'];
  if (plan.copyFirst && plan.output) {
    const copied = await tryCopy(job, plan.output, maps);
    if (copied) return copied;
  }
  const fitted = await encodeToFit(job, plan.audio ?? audioEncodeFor(keptSeconds(plan), plan.maxBytes, plan.source), {
    stem: 'audio', container: 'mp3', maps, lower: lowerAudio,
    args: (enc) => ['-ac', String(enc.channels), '-ar', String(enc.sampleRate), '-c:a', 'libmp3lame', '-b:a', `${enc.bitrateKbps}k`, '-f', 'mp3'],
  });
  return { ...fitted, apiFormat: 'mp3' };
}

function lowerAudio(enc: AudioEncode): AudioEncode | null {
  const next = MP3_RATES.find((k) => k < enc.bitrateKbps);
  return next === undefined ? null : { bitrateKbps: Math.min(next, 64), channels: 1, sampleRate: 16_000 };
}

function scaleFilter(width: number | null, height: number | null, longSide: number): string {
  const w = width ?? 0;
  const h = height ?? 0;
  if (Math.max(w, h) <= 0) return 'scale=trunc(iw/2)*2:trunc(ih/2)*2';
  // The estimate (shared/estimate.ts) measures a picture by this same arithmetic.
  const s = scaledSize(w, h, longSide);
  return `scale=${s.width}:${s.height}`;
}

async function fitVideo(job: Job): Promise<FitResult> {
  const { plan } = job;
  const maps = ['-map', '0:V:0', '-map', '0:a:0?', '-sn', '-dn'];
  if ((plan.copyFirst || plan.remux) && plan.output) {
    const copied = await tryCopy(job, plan.output, maps);
    if (copied) return copied;
  }
  const src = plan.source;
  return encodeToFit(job, plan.video ?? videoEncodeFor(keptSeconds(plan), plan.maxBytes, src), {
    stem: 'video', container: 'mp4', maps, lower: lowerVideo,
    args: (enc) => [
      // A constant rate of at least 2 fps: a slideshow's last frame must not outlast the cut.
      '-vf', `fps=${enc.fps},${scaleFilter(src.width, src.height, enc.longSide)},format=yuv420p`,
      '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '23',
      '-maxrate', `${enc.videoKbps}k`, '-bufsize', `${enc.videoKbps}k`,
      ...(src.hasAudio ? ['-c:a', 'aac', '-b:a', `${enc.audioKbps}k`, '-ac', String(enc.audioChannels)] : ['-an']),
      '-map_metadata', '-1', '-movflags', '+faststart', '-f', 'mp4',
    ],
  });
}

function lowerVideo(enc: VideoEncode): VideoEncode | null {
  const videoKbps = Math.floor(enc.videoKbps * 0.7);
  if (videoKbps < 30) return null;
  return { ...enc, videoKbps, audioKbps: Math.min(enc.audioKbps, 32), audioChannels: 1, longSide: Math.max(320, Math.floor(enc.longSide * 0.8)) };
}

async function fitImage(job: Job): Promise<FitResult> {
  const { plan } = job;
  const src = plan.source;
  const png = plan.output === 'png';
  const w0 = src.width ?? 0;
  const h0 = src.height ?? 0;
  // A token budget asks for a smaller picture: scaled as the estimate measured it (even sides).
  const sized = plan.imageLongSide !== null ? scaledSize(w0, h0, plan.imageLongSide) : null;
  let scale = sized ? sized.width / Math.max(1, w0) : 1;
  for (let attempt = 1; attempt <= 5; attempt++) {
    const w = sized && attempt === 1 ? sized.width : Math.max(1, Math.round(w0 * scale));
    const h = sized && attempt === 1 ? sized.height : Math.max(1, Math.round(h0 * scale));
    const out = outName(job, `image-${attempt}`, png ? 'png' : 'jpeg');
    const codec = png ? ['-c:v', 'png'] : ['-pix_fmt', 'yuvj420p', '-c:v', 'mjpeg', '-q:v', '3'];
    try {
      await job.ffmpeg(
        [...job.inputArgs(), '-map', '0:V:0', '-frames:v', '1', '-an', '-sn', '-dn', '-map_metadata', '-1',
          '-vf', `scale=${w}:${h}`, ...codec, '-f', 'image2', '-update', '1'],
        out, 0);
    } catch (err) {
      if (!(err instanceof ToolError && err.reason === 'output_cap' && attempt < 5)) job.fail(err);
      scale *= 0.6;
      continue;
    }
    const size = (await stat(out)).size;
    if (size <= plan.maxBytes) {
      return {
        sendAs: 'image', files: [{ path: out, size, ext: MUXERS[png ? 'png' : 'jpeg'].ext }], original: false,
        apiFormat: null, mime: plan.mime, durationSec: null, width: w, height: h, outputProbe: null,
      };
    }
    scale *= Math.sqrt(plan.maxBytes / size) * 0.9;
  }
  throw refuse.cannotFit(job.path, plan.maxBytes);
}

async function fitFrames(job: Job): Promise<FitResult> {
  const { plan } = job;
  const frames = plan.frames;
  if (!frames) throw new UserError('internal', 'A frames plan without frames.');
  const src = plan.source;
  const duration = src.durationSec ?? 0;
  const dir = join(job.ctx.workDir, 'frames');
  await mkdir(dir, { recursive: true });
  const rate = `${frames.count}/${Math.max(duration, 0.001).toFixed(3)}`;
  try {
    await runFrames(job, dir, rate, frames, duration);
  } catch (err) {
    job.fail(err);
  }
  const names = (await readdir(dir)).filter((n) => n.endsWith('.jpg')).sort();
  const min = frames.min;
  if (names.length < min) throw refuse.tooFewFrames(src.path, names.length, min);
  const files: FitFile[] = [];
  for (const n of names) {
    const path = join(dir, n);
    const size = (await stat(path)).size;
    if (size > plan.maxBytes) throw refuse.cannotFit(src.path, plan.maxBytes);
    files.push({ path, size, ext: 'jpg' });
  }
  // The frames' size as the scale filter made it (even sides), so the estimate measures what goes.
  const size = scaledSize(src.width ?? 0, src.height ?? 0, frames.longSide);
  return {
    sendAs: 'frames', files, original: false, apiFormat: null, mime: 'image/jpeg', durationSec: src.durationSec,
    width: size.width, height: size.height, outputProbe: null,
  };
}

async function runFrames(job: Job, dir: string, rate: string, frames: NonNullable<MediaPlan['frames']>, duration: number) {
  const src = job.plan.source;
  const args = [
    ...COMMON, ...job.inputArgs(), '-map', '0:V:0', '-an', '-sn', '-dn', '-map_metadata', '-1',
    '-vf', `fps=${rate},${scaleFilter(src.width, src.height, frames.longSide)}`,
    '-frames:v', String(frames.count), '-pix_fmt', 'yuvj420p', '-q:v', '4', ...PROGRESS,
    '-f', 'image2', '-start_number', '1', fileArg(join(dir, 'frame-%04d.jpg')),
  ];
  try {
    await runTool(job.ctx.tools.ffmpeg, args, {
      timeoutMs: job.timeoutFor(duration),
      signal: job.ctx.signal,
      watchOutput: dir,
      maxOutputBytes: job.ctx.maxOutputBytes ?? frames.count * job.plan.maxBytes,
      onOutTime: (t) => job.ctx.onProgress?.(Math.min(1, duration > 0 ? t / duration : 0)),
    });
  } catch (err) {
    if (err instanceof ToolError && err.reason === 'aborted') throw new MediaCancelledError();
    throw err;
  }
}

const IMAGE_EXT: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'image/bmp': 'bmp' };

/** Named by what it is, not by what the user called it (an MP3 named .wav is stored as .mp3). */
function originalExt(plan: MediaPlan): string {
  if (plan.apiFormat) return MUXERS[AUDIO_OUTPUT[plan.apiFormat]].ext;
  if (plan.mime) return IMAGE_EXT[plan.mime] ?? 'img';
  const container = videoApiContainer(plan.source);
  return container ? MUXERS[container].ext : 'bin';
}

/**
 * Prepares the planned file in `ctx.workDir`. Returns the user's own path, untouched, when the plan
 * has nothing to do. Throws a UserError with the sentence for the chip, or MediaCancelledError.
 */
export async function fitMedia(plan: MediaPlan, ctx: FitContext): Promise<FitResult> {
  const src = plan.source;
  let now;
  try {
    now = await stat(src.path);
  } catch (err) {
    throw fsRefusal(src.path, err);
  }
  if (now.size !== src.size || Math.trunc(now.mtimeMs) !== Math.trunc(src.mtimeMs)) throw refuse.changed(src.path);
  if (ctx.signal?.aborted) throw new MediaCancelledError();

  if (plan.actions.length === 0) {
    if (src.size > plan.maxBytes) throw refuse.cannotFit(src.path, plan.maxBytes);
    const ext = originalExt(plan);
    return {
      sendAs: plan.sendAs, files: [{ path: src.path, size: src.size, ext }], original: true,
      apiFormat: plan.apiFormat, mime: plan.mime, durationSec: src.durationSec, width: src.width,
      height: src.height, outputProbe: null,
    };
  }
  return withSafeInput(src.path, async (input) => {
    const job = new Job(plan, ctx, input);
    const result = plan.sendAs === 'image' ? await fitImage(job)
      : plan.sendAs === 'audio' ? await fitAudio(job)
        : plan.sendAs === 'video' ? await fitVideo(job)
          : await fitFrames(job);
    ctx.onProgress?.(1);
    return result;
  });
}
