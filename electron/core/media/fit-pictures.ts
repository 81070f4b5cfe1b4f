// Pictures fitted to the plan: one scaled (smaller again until its bytes fit), or a video's frames sampled
// at an even rate and scaled as the estimate measured them.
import { mkdir, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { scaledSize } from '../../../shared/estimate';
import { MUXERS } from './formats';
import { MediaCancelledError, refuse } from './messages';
import type { MediaPlan } from './rules';
import { fileArg, runTool, ToolError } from './run';
import { UserError } from '../user-error';
import { COMMON, outName, PROGRESS, scaleFilter, type FitFile, type FitResult, type Job } from './fit-job';

export async function fitImage(job: Job): Promise<FitResult> {
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

export async function fitFrames(job: Job): Promise<FitResult> {
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
