// Runs ffmpeg or ffprobe: an argument array (never a shell), a time limit, an output size cap, progress
// from `-progress pipe:1`, and cancellation. Every way it can end early is a ToolError with a reason the
// callers turn into a sentence for the user. Each run first takes its turn in the tool queue
// (tool-queue.ts: a few at once per lane); its time limit counts from when it starts, not while it waits.
import { spawn } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import { setPriority } from 'node:os';
import { basename, resolve } from 'node:path';
import { QueueAbortedError, takeToolSlot, type ToolLane } from './tool-queue';

export type ToolFailure = 'spawn' | 'exit' | 'crash' | 'timeout' | 'output_cap' | 'aborted';

export class ToolError extends Error {
  constructor(
    readonly reason: ToolFailure,
    message: string,
    readonly stderr: string,
    readonly code: number | null = null,
  ) {
    super(message);
    this.name = 'ToolError';
  }
}

export interface RunOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  /** A file (or folder: the sum of its files) watched while the tool writes; killed past maxOutputBytes. */
  watchOutput?: string;
  maxOutputBytes?: number;
  /** Seconds of output written so far, from `out_time_us` lines (pass `-progress pipe:1` in args). */
  onOutTime?: (seconds: number) => void;
  /** Keep stdout (ffprobe's JSON); capped so a runaway tool cannot fill memory. */
  captureStdout?: boolean;
  /** Which queue it waits in (default: background work 'preview', ffprobe 'probe', anything else 'convert'). */
  lane?: ToolLane;
  /** Raw stdout as it comes (decoded samples for a waveform); nothing of it is kept here. */
  onStdoutData?: (chunk: Buffer) => void;
  /** Work that must not slow what the user waits for (a chip's previews): the OS runs it at a lower priority. */
  background?: boolean;
}

export interface RunResult {
  stdout: string;
  stderr: string;
  /** Last values seen in the progress output (`out_time_us`, `frame`), when any. */
  progress: { outTimeSec: number | null; frames: number | null };
}

const STDOUT_MAX = 16 * 1024 * 1024;
const STDERR_KEEP = 64 * 1024;
const WATCH_EVERY_MS = 100;
/** A nice value of 10 (Windows: below normal). */
const BACKGROUND_PRIORITY = 10;

/**
 * The options every ffmpeg/ffprobe input gets: local files only, and only the demuxers in `demuxers`
 * (so a playlist or concat script cannot make it open what it lists). Goes before `-i` for ffmpeg.
 */
export function inputGuard(demuxers: string | readonly string[]): string[] {
  return ['-protocol_whitelist', 'file', '-format_whitelist', typeof demuxers === 'string' ? demuxers : demuxers.join(',')];
}

/** ffmpeg reads names like `concat:a|b` or `-x` as something else: always hand it `file:/absolute/path`. */
export function fileArg(path: string): string {
  return `file:${resolve(path)}`;
}

async function sizeOf(path: string): Promise<number> {
  try {
    const s = await stat(path);
    if (!s.isDirectory()) return s.size;
    let total = 0;
    for (const name of await readdir(path)) total += await sizeOf(resolve(path, name));
    return total;
  } catch {
    return 0;
  }
}

export async function runTool(bin: string, args: readonly string[], opts: RunOptions): Promise<RunResult> {
  const lane = opts.lane ?? (opts.background ? 'preview' : /ffprobe/i.test(basename(bin)) ? 'probe' : 'convert');
  let release: () => void;
  try {
    release = await takeToolSlot(lane, opts.signal);
  } catch (err) {
    if (err instanceof QueueAbortedError) throw new ToolError('aborted', 'Cancelled.', '');
    throw err;
  }
  try {
    return await spawnTool(bin, args, opts);
  } finally {
    release();
  }
}

function spawnTool(bin: string, args: readonly string[], opts: RunOptions): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    if (opts.signal?.aborted) {
      reject(new ToolError('aborted', 'Cancelled.', ''));
      return;
    }
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'], shell: false, windowsHide: true });
    if (opts.background && child.pid !== undefined) {
      try {
        setPriority(child.pid, BACKGROUND_PRIORITY);
      } catch {
        // Not allowed here (or gone already): it runs at the normal priority.
      }
    }
    let stdout = '';
    let stdoutBytes = 0;
    let stderr = '';
    let lineBuf = '';
    const progress: RunResult['progress'] = { outTimeSec: null, frames: null };
    let ending: ToolError | null = null;
    let watching = false;

    const kill = (why: ToolError) => {
      if (ending) return;
      ending = why;
      child.kill('SIGKILL');
    };

    const onLine = (line: string) => {
      const eq = line.indexOf('=');
      if (eq < 0) return;
      const key = line.slice(0, eq);
      const value = line.slice(eq + 1).trim();
      if (key === 'out_time_us' || key === 'out_time_ms') {
        // Both keys carry microseconds (out_time_ms is misnamed in ffmpeg).
        const us = Number(value);
        if (Number.isFinite(us) && us >= 0) {
          progress.outTimeSec = us / 1e6;
          opts.onOutTime?.(progress.outTimeSec);
        }
      } else if (key === 'frame') {
        const n = Number(value);
        if (Number.isFinite(n)) progress.frames = n;
      }
    };

    child.stdout.on('data', (chunk: Buffer) => {
      if (opts.onStdoutData) {
        opts.onStdoutData(chunk);
        return;
      }
      if (opts.captureStdout) {
        stdoutBytes += chunk.length;
        if (stdoutBytes > STDOUT_MAX) {
          kill(new ToolError('output_cap', 'The tool printed far more than expected.', stderr));
          return;
        }
        stdout += chunk.toString('utf8');
        return;
      }
      lineBuf += chunk.toString('utf8');
      let nl: number;
      while ((nl = lineBuf.indexOf('\n')) >= 0) {
        onLine(lineBuf.slice(0, nl));
        lineBuf = lineBuf.slice(nl + 1);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      if (stderr.length > STDERR_KEEP * 2) stderr = stderr.slice(-STDERR_KEEP);
    });

    const timer = setTimeout(
      () => kill(new ToolError('timeout', `Stopped after ${Math.round(opts.timeoutMs / 1000)} s.`, stderr)),
      opts.timeoutMs,
    );
    const onAbort = () => kill(new ToolError('aborted', 'Cancelled.', stderr));
    opts.signal?.addEventListener('abort', onAbort, { once: true });

    const cap = opts.maxOutputBytes;
    const watched = opts.watchOutput;
    const checkSize = async () => {
      if (!watched || cap === undefined || watching || ending) return;
      watching = true;
      const size = await sizeOf(watched);
      watching = false;
      if (size > cap) kill(new ToolError('output_cap', `The output grew past ${cap} bytes.`, stderr));
    };
    const watcher = watched && cap !== undefined ? setInterval(() => void checkSize(), WATCH_EVERY_MS) : null;

    const finish = () => {
      clearTimeout(timer);
      if (watcher) clearInterval(watcher);
      opts.signal?.removeEventListener('abort', onAbort);
    };

    child.on('error', (err: NodeJS.ErrnoException) => {
      finish();
      const missing = err.code === 'ENOENT';
      reject(new ToolError('spawn', missing ? `${bin} was not found.` : `${bin} could not start: ${err.message}`, ''));
    });

    child.on('close', async (code, signal) => {
      finish();
      if (lineBuf) onLine(lineBuf);
      if (ending) {
        reject(new ToolError(ending.reason, ending.message, stderr, code));
        return;
      }
      // A fast tool can finish between two size checks: look once more.
      if (watched && cap !== undefined && (await sizeOf(watched)) > cap) {
        reject(new ToolError('output_cap', `The output grew past ${cap} bytes.`, stderr, code));
        return;
      }
      if (code === null) {
        reject(new ToolError('crash', `${bin} crashed (${signal ?? 'killed'}).`, stderr, null));
        return;
      }
      if (code !== 0) {
        reject(new ToolError('exit', `${bin} exited with code ${code}.`, stderr, code));
        return;
      }
      resolvePromise({ stdout, stderr, progress });
    });
  });
}
