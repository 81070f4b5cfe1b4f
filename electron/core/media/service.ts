// The media pipeline as the core uses it: probe a file for its chip, plan it against a model's limits,
// prepare it (fit + store) with progress and cancellation, and turn the stored result into a request part.
import type { MediaLimits } from '../../../shared/catalog';
import type { MediaFacts } from '../../../shared/domain';
import { UserError } from '../user-error';
import { resolveMediaTools, type MediaTools } from './binaries';
import { fitMedia, type FitTimeouts } from './fit';
import { formatBytes, formatDuration } from './messages';
import { mediaPart, type MediaPart, type PreparedMedia } from './parts';
import { probeMedia, type MediaProbe } from './probe';
import { planMedia, type MediaPlan, type PlanOptions, type PlanResult } from './rules';
import { createWorkDir, removeStaleWork, removeWorkDir, storeFile } from './content-store';

export interface MediaServiceDeps {
  dataDir: string;
  /** Default: resolveMediaTools() (env, then the npm packages, then PATH). */
  tools?: MediaTools;
  timeouts?: Partial<FitTimeouts>;
  probeTimeoutMs?: number;
  measureTimeoutMs?: number;
  /** A hard ceiling on any one ffmpeg output (default: a little over each plan's byte limit). */
  maxOutputBytes?: number;
}

export interface PrepareOptions extends PlanOptions {
  /** `findModel(id).media`. */
  limits: MediaLimits;
  /** The endpoint's per-item data-URL budget in characters (`DASHSCOPE_DATA_URI_BUDGET`). */
  budget: number;
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
}

export interface MediaService {
  readonly tools: MediaTools;
  probe(file: string, opts?: { signal?: AbortSignal }): Promise<MediaProbe>;
  plan(probe: MediaProbe, limits: MediaLimits, budget: number, opts?: PlanOptions): PlanResult;
  /** Probe (unless given), plan, fit, store. Throws UserError with the chip's sentence, or MediaCancelledError. */
  prepare(file: string | MediaProbe, opts: PrepareOptions): Promise<PreparedMedia>;
  part(prepared: PreparedMedia, budget: number): Promise<MediaPart>;
  /** Drops work folders left by a previous run (call once at start-up). */
  removeStaleWork(): Promise<void>;
}

/** "Video (MP4) · 3:20 · 12.4 MB · 1920×1080" — what the probe found, in English (logs, the view's `found`). */
export function describeProbe(p: MediaProbe): string {
  const kind = p.kind === 'image' ? 'Image' : p.kind === 'audio' ? 'Audio' : 'Video';
  const parts = [`${kind} (${p.formatLabel})`];
  if (p.durationSec !== null) parts.push(formatDuration(p.durationSec));
  parts.push(formatBytes(p.size));
  if (p.width && p.height) parts.push(`${p.width}×${p.height}`);
  if (p.kind === 'video' && !p.hasAudio) parts.push('no sound');
  return parts.join(' · ');
}

/** What the probe found, as the chip words it in the window's language. */
export function probeFacts(p: MediaProbe): MediaFacts {
  return {
    format: p.formatLabel, durationSec: p.durationSec, bytes: p.size,
    width: p.width, height: p.height, hasAudio: p.hasAudio, linkHost: null,
  };
}

export type { MediaPlan };

export function createMediaService(deps: MediaServiceDeps): MediaService {
  const tools = deps.tools ?? resolveMediaTools();
  const probe = (file: string, opts: { signal?: AbortSignal } = {}) =>
    probeMedia(file, tools, { signal: opts.signal, probeTimeoutMs: deps.probeTimeoutMs, measureTimeoutMs: deps.measureTimeoutMs });

  async function prepare(file: string | MediaProbe, opts: PrepareOptions): Promise<PreparedMedia> {
    const found = typeof file === 'string' ? await probe(file, { signal: opts.signal }) : file;
    const planned = planMedia(found, opts.limits, opts.budget, opts);
    if (!planned.ok) throw new UserError(planned.error.kind, planned.error.message, { note: planned.error.note ?? null });
    const plan: MediaPlan = planned.plan;
    const workDir = await createWorkDir(deps.dataDir);
    try {
      const fitted = await fitMedia(plan, {
        tools, workDir, signal: opts.signal, onProgress: opts.onProgress,
        maxOutputBytes: deps.maxOutputBytes, timeouts: deps.timeouts,
      });
      const files = [];
      for (const f of fitted.files) {
        files.push(await storeFile(deps.dataDir, f.path, f.ext, { move: !fitted.original }));
      }
      return {
        kind: found.kind, sendAs: plan.sendAs, sourceName: found.name, files,
        apiFormat: fitted.apiFormat, mime: fitted.mime, durationSec: fitted.durationSec,
        width: fitted.width, height: fitted.height, summary: plan.summary, notes: plan.notes,
        hasAudio: plan.sendAs === 'video' ? (fitted.outputProbe?.hasAudio ?? found.hasAudio) : plan.sendAs === 'audio',
      };
    } finally {
      await removeWorkDir(workDir);
    }
  }

  return {
    tools,
    probe,
    plan: (p, limits, budget, opts) => planMedia(p, limits, budget, opts),
    prepare,
    part: (prepared, budget) => mediaPart(prepared, deps.dataDir, budget),
    removeStaleWork: () => removeStaleWork(deps.dataDir),
  };
}
