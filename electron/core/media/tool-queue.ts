// How many ffmpeg and ffprobe processes run at once: a small fixed number per lane, the rest wait their
// turn in order. Twenty files dropped at once used to start twenty encoders on a two-core machine (each
// slower, all of them with their memory); now two look at files and two convert them, and a chip whose
// work waits says so.
//
// Every run of a tool passes through here (runTool in run.ts takes a slot first), whatever code asked for
// it — a probe, a fit, a video's frames, a thumbnail. Who is waiting is told through AsyncLocalStorage
// rather than an argument threaded through every function between a chip and the tool: the attachment
// registry runs a chip's work inside watchToolQueue(), and any tool started inside it reports there.
import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * 'probe': ffprobe and the measuring passes (short); 'convert': the encodes that fit a file (long);
 * 'preview': a chip's thumbnail, filmstrip or waveform (background work at a lower priority).
 */
export type ToolLane = 'probe' | 'convert' | 'preview';

/** Tools running at once, per lane. */
export const LANE_SLOTS: Readonly<Record<ToolLane, number>> = { probe: 2, convert: 2, preview: 1 };

type Watcher = (waitingJobs: number) => void;
const watchers = new AsyncLocalStorage<Watcher>();

/**
 * Runs `fn`; while any tool it starts (directly or in what it awaits) waits for a slot, `onWaiting(true)`,
 * and `onWaiting(false)` once none does.
 */
export function watchToolQueue<T>(onWaiting: (waiting: boolean) => void, fn: () => T): T {
  let jobs = 0;
  return watchers.run((delta) => {
    const before = jobs > 0;
    jobs += delta;
    if (before !== jobs > 0) onWaiting(jobs > 0);
  }, fn);
}

interface Waiter {
  grant: () => void;
}

class Lane {
  running = 0;
  /** The most that ever ran at once (for tests and benchmarks). */
  most = 0;
  readonly queue: Waiter[] = [];
  constructor(readonly slots: number) {}
}

const lanes: Record<ToolLane, Lane> = {
  probe: new Lane(LANE_SLOTS.probe), convert: new Lane(LANE_SLOTS.convert), preview: new Lane(LANE_SLOTS.preview),
};

export class QueueAbortedError extends Error {
  constructor() {
    super('Cancelled while waiting for its turn.');
    this.name = 'QueueAbortedError';
  }
}

/**
 * Takes a slot in `lane` (at once when one is free, else in turn); resolves with the function that gives
 * it back. Rejects with QueueAbortedError when `signal` aborts while it waits.
 */
export function takeToolSlot(lane: ToolLane, signal?: AbortSignal): Promise<() => void> {
  const l = lanes[lane];
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    l.running -= 1;
    const next = l.queue.shift();
    next?.grant();
  };
  const start = () => {
    l.running += 1;
    l.most = Math.max(l.most, l.running);
    return release;
  };
  if (signal?.aborted) return Promise.reject(new QueueAbortedError());
  if (l.running < l.slots && l.queue.length === 0) return Promise.resolve(start());
  // A preview that waits does not hold up the chip: it is ready to send without it.
  const watcher = lane === 'preview' ? undefined : watchers.getStore();
  watcher?.(1);
  return new Promise((resolve, reject) => {
    const waiter: Waiter = {
      grant: () => {
        signal?.removeEventListener('abort', onAbort);
        watcher?.(-1);
        resolve(start());
      },
    };
    const onAbort = () => {
      const i = l.queue.indexOf(waiter);
      if (i >= 0) l.queue.splice(i, 1);
      watcher?.(-1);
      reject(new QueueAbortedError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    l.queue.push(waiter);
  });
}

/** What each lane is doing now, and the most it ever ran at once. */
export function toolQueueState(): Record<ToolLane, { running: number; waiting: number; most: number }> {
  const of = (l: Lane) => ({ running: l.running, waiting: l.queue.length, most: l.most });
  return { probe: of(lanes.probe), convert: of(lanes.convert), preview: of(lanes.preview) };
}
