// One fitting job's ffmpeg plumbing, shared by the timed (fit-timed.ts) and picture (fit-pictures.ts) fits:
// its input arguments, its size cap and timeout, its runs with progress, and the check of what came out.
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { scaledSize } from '../../../shared/estimate';
import type { MediaTools } from './binaries';
import { MUXERS, type OutputContainer } from './formats';
import { MediaCancelledError, refuse, toolFailure } from './messages';
import { fsRefusal, probeMedia, type MediaProbe } from './probe';
import type { MediaPlan } from './rules';
import { fileArg, inputGuard, runTool, ToolError } from './run';

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

export const COMMON = ['-nostdin', '-hide_banner', '-v', 'error', '-y'];
export const PROGRESS = ['-progress', 'pipe:1', '-nostats'];

export class Job {
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

export function outName(job: Job, stem: string, container: OutputContainer): string {
  return join(job.ctx.workDir, `${stem}.${MUXERS[container].ext}`);
}

export function scaleFilter(width: number | null, height: number | null, longSide: number): string {
  const w = width ?? 0;
  const h = height ?? 0;
  if (Math.max(w, h) <= 0) return 'scale=trunc(iw/2)*2:trunc(ih/2)*2';
  // The estimate (shared/estimate.ts) measures a picture by this same arithmetic.
  const s = scaledSize(w, h, longSide);
  return `scale=${s.width}:${s.height}`;
}
