// Audio and video fitted to the plan's limits: a stream-copy cut first when the plan allows it, else an
// encode that is probed again and redone lower (or shorter) until it fits, never sent over the limit.
import { MUXERS, type OutputContainer } from './formats';
import { refuse } from './messages';
import type { MediaProbe } from './probe';
import { audioEncodeFor, videoEncodeFor, type AudioEncode, type MediaPlan, type VideoEncode } from './rules';
import { ToolError } from './run';
import { outName, scaleFilter, type FitResult, type Job } from './fit-job';

const MP3_RATES = [128, 64, 56, 48, 40, 32, 24, 16, 8];

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

export async function fitAudio(job: Job): Promise<FitResult> {
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

export async function fitVideo(job: Job): Promise<FitResult> {
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
