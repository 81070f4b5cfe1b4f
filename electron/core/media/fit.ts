// Carries out a plan with ffmpeg: trim (stream copy when it is exact, else re-encode), re-encode to fit,
// convert, scale a picture, sample frames. Every output is probed again and checked against the plan's
// limits; a copy that overshoots or an encode that comes out too big is redone, never sent. The job's
// plumbing is fit-job.ts; audio and video fit-timed.ts; pictures and frames fit-pictures.ts.
import { stat } from 'node:fs/promises';
import { MUXERS } from './formats';
import { MediaCancelledError, refuse } from './messages';
import { fsRefusal, withSafeInput } from './probe';
import { AUDIO_OUTPUT, videoApiContainer, type MediaPlan } from './rules';
import { Job, type FitContext, type FitResult } from './fit-job';
import { fitFrames, fitImage } from './fit-pictures';
import { fitAudio, fitVideo } from './fit-timed';

export { DEFAULT_FIT_TIMEOUTS, type FitContext, type FitFile, type FitResult, type FitTimeouts } from './fit-job';

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
