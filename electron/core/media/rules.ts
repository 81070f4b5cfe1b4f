// The model's limits applied to a probed file: what will be done before sending (nothing, trim,
// re-encode, convert, scale, sample frames) as notes for the chip (codes with parameters, shared/media-notes.ts)
// — or a refusal that says why. The model's input-token limit is one of the limits: a plan never ends over it
// (token-fit.ts). Pure: no ffmpeg here; fit.ts carries the plan out. The planners live by kind in
// plan-image.ts and plan-timed.ts, what a plan is in plan.ts, the encoder settings in encoders.ts.
import type { MediaLimits } from '../../../shared/catalog';
import { UserError } from '../user-error';
import { DEMUXERS_BY_KIND, demuxerIn } from './formats';
import { refuse } from './messages';
import type { PlanOptions, PlanResult } from './plan';
import { planImage } from './plan-image';
import { planAudio, planVideo } from './plan-timed';
import type { MediaProbe } from './probe';

export * from './plan';
export { AUDIO_OUTPUT, audioApiFormat, audioEncodeFor, videoApiContainer, videoEncodeFor } from './encoders';

/**
 * Decides what to do with a probed file for a model (`findModel(id).media`) and an endpoint's per-item
 * data-URL budget (`DASHSCOPE_DATA_URI_BUDGET` for DashScope; Infinity when media go by URL).
 */
export function planMedia(probe: MediaProbe, limits: MediaLimits, budget: number, opts: PlanOptions = {}): PlanResult {
  try {
    if (!demuxerIn(probe.formatName, DEMUXERS_BY_KIND[probe.kind])) throw refuse.formatNotAccepted(probe.path);
    const plan = probe.kind === 'image' ? planImage(probe, limits, budget, opts)
      : probe.kind === 'audio' ? planAudio(probe, limits, budget, opts)
        : planVideo(probe, limits, budget, opts);
    return { ok: true, plan };
  } catch (err) {
    if (err instanceof UserError) return { ok: false, error: err.info };
    throw err;
  }
}
