// A live session's two limits: its maximum length (the service closes a session at 120 minutes: the app ends
// it cleanly a little before) and idleness (nobody has spoken for a while: a forgotten session would go on
// streaming the microphone, and costing, until then). Each is announced `warnBeforeMs` ahead; speech or a
// reply puts the idle limit off again, nothing puts off the maximum length.

export type LiveLimit = 'max_length' | 'idle';

export interface LiveLimitsOptions {
  startedAt: number;
  maxMs: number;
  idleMs: number;
  warnBeforeMs: number;
  now: () => number;
  onWarn: (limit: LiveLimit, endsAt: number) => void;
  onEnd: (limit: LiveLimit) => void;
}

export interface LiveLimits {
  readonly endsAt: number;
  /** Someone spoke or a reply arrived: the idle limit starts again. */
  activity(): void;
  stop(): void;
}

export function createLiveLimits(o: LiveLimitsOptions): LiveLimits {
  const endsAt = o.startedAt + o.maxMs;
  const warnIdleAfter = Math.max(0, o.idleMs - o.warnBeforeMs);
  let lastActivity = o.now();
  let idleWarned = false;
  let stopped = false;
  const timers = new Set<ReturnType<typeof setTimeout>>();

  const at = (when: number, fn: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      if (!stopped) fn();
    }, Math.max(0, when - o.now()));
    timers.add(t);
    return t;
  };

  if (o.maxMs - o.warnBeforeMs > 0) at(endsAt - o.warnBeforeMs, () => o.onWarn('max_length', endsAt));
  at(endsAt, () => o.onEnd('max_length'));

  let idleTimer: ReturnType<typeof setTimeout> | null = null;
  const checkIdle = () => {
    idleTimer = null;
    const elapsed = o.now() - lastActivity;
    if (elapsed >= o.idleMs) {
      o.onEnd('idle');
      return;
    }
    if (elapsed >= warnIdleAfter && !idleWarned) {
      idleWarned = true;
      o.onWarn('idle', lastActivity + o.idleMs);
    }
    idleTimer = at(idleWarned ? lastActivity + o.idleMs : lastActivity + warnIdleAfter, checkIdle);
  };
  idleTimer = at(lastActivity + warnIdleAfter, checkIdle);

  return {
    endsAt,
    activity() {
      lastActivity = o.now();
      idleWarned = false;
      // The pending check finds the new time and waits again; no timer is re-armed per audio chunk.
      if (idleTimer === null && !stopped) idleTimer = at(lastActivity + warnIdleAfter, checkIdle);
    },
    stop() {
      stopped = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
    },
  };
}
