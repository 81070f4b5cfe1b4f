// The adaptive jitter buffer's policy, for the pcm-player worklet (plain JS: served as a file, see there).
// It decides when playback may (re)start: as soon as the audio already buffered covers the longest wait for
// the next chunk seen so far, plus a safety margin, plus what a stream slower than real time would lose over
// a short horizon. So a reply streamed at 1× in 100 ms chunks starts once the second chunk has shown the pace
// (~100 ms), a burst faster than real time starts at once, and a connection that stalls waits longer. After
// an underrun the margin doubles (up to 1 s): a stream that stalled once tends to stall again, and one longer
// wait beats many short gaps. A `memory` shared by the streams of one page carries that lesson to the next
// reply (the connection and the machine are the same): a stream starts with the margin the last one ended
// with, and each stream that plays through without an underrun halves what was added. It holds no audio,
// only arrival times, so it can be tested on its own.

/** How many recent arrivals the pace and the longest gap are measured over. */
const WINDOW = 24;

export class JitterBuffer {
  /**
   * @param {number} sampleRate samples a second at 1×
   * @param {{safetyMs?: number, maxSafetyMs?: number, horizonMs?: number, firstChunkMs?: number, fixedSamples?: number, memory?: {safetyMs: number | null}}} [o]
   *   fixedSamples: the old fixed threshold instead of the adaptive one (for comparisons and tests).
   *   memory: shared by the streams of one page (see above).
   */
  constructor(sampleRate, o = {}) {
    this.sampleRate = sampleRate;
    this.baseSafetyMs = o.safetyMs ?? 70;
    this.memory = o.memory ?? null;
    this.safetyMs = Math.max(this.baseSafetyMs, (this.memory && this.memory.safetyMs) || 0);
    this.maxSafetyMs = o.maxSafetyMs ?? 1000;
    this.horizonMs = o.horizonMs ?? 500;
    /** With a single chunk there is no pace yet: start on it alone only when it holds this much. */
    this.firstChunkMs = o.firstChunkMs ?? 300;
    this.fixedSamples = o.fixedSamples > 0 ? o.fixedSamples : 0;
    /** [ms, samples] of recent arrivals. */
    this.arrivals = [];
    this.grows = 0;
    this.lastTargetSamples = 0;
  }

  /** A chunk of `samples` arrived at `atMs` (any monotonic-enough ms clock). */
  arrived(samples, atMs) {
    this.arrivals.push([atMs, samples]);
    if (this.arrivals.length > WINDOW) this.arrivals.shift();
  }

  /**
   * The longest wait for a chunk to expect (ms), or null with fewer than two arrivals: the longest gap seen
   * in the window, and at least the longest chunk's own length — a stream sent at real time waits that long
   * between chunks, so chunks that came bunched (a busy machine) do not make it start on too little.
   */
  get gapMs() {
    if (this.arrivals.length < 2) return null;
    let gap = 0;
    let longest = 0;
    for (let i = 0; i < this.arrivals.length; i++) {
      longest = Math.max(longest, this.arrivals[i][1]);
      if (i > 0) gap = Math.max(gap, this.arrivals[i][0] - this.arrivals[i - 1][0]);
    }
    return Math.max(gap, (longest * 1000) / this.sampleRate);
  }

  /** Samples a second arriving over the window (the first arrival's own samples left out), or null. */
  get arrivalRate() {
    const a = this.arrivals;
    if (a.length < 2) return null;
    const span = a[a.length - 1][0] - a[0][0];
    let samples = 0;
    for (let i = 1; i < a.length; i++) samples += a[i][1];
    // Date.now() counts whole milliseconds: chunks that came together count as a millisecond apart.
    return (samples * 1000) / Math.max(1, span);
  }

  /**
   * The samples that must be buffered before sound (re)starts, at playback speed `rate`; Infinity while
   * nothing says yet (a single small chunk).
   */
  targetSamples(rate = 1) {
    if (this.fixedSamples) return this.fixedSamples;
    const perMs = (this.sampleRate * rate) / 1000;
    const gap = this.gapMs;
    if (gap === null) return Math.round(this.firstChunkMs * perMs);
    let need = (gap + this.safetyMs) * perMs;
    const pace = this.arrivalRate / (this.sampleRate * rate);
    if (pace < 1) need += (1 - pace) * this.horizonMs * perMs;
    return Math.round(need);
  }

  /** Whether `buffered` samples are enough to start (or restart after an underrun) at speed `rate`. */
  ready(buffered, rate = 1) {
    const target = this.targetSamples(rate);
    this.lastTargetSamples = target;
    return buffered > 0 && buffered >= target;
  }

  /** The buffer ran dry mid-stream: wait for more next time (in this stream, and the next ones). */
  underrun() {
    if (this.fixedSamples) {
      this.fixedSamples = Math.min(this.fixedSamples * 2, this.sampleRate);
    } else {
      this.safetyMs = Math.min(this.safetyMs * 2, this.maxSafetyMs);
      if (this.memory) this.memory.safetyMs = this.safetyMs;
    }
    this.grows += 1;
  }

  /** The stream played to its end: without an underrun, the next one may start with half the added margin. */
  finished() {
    if (!this.memory || this.grows > 0) return;
    const added = Math.max(0, this.safetyMs - this.baseSafetyMs);
    this.memory.safetyMs = added < 10 ? null : this.baseSafetyMs + added / 2;
  }

  /** What it did, for the page: the margin now, the pace and longest gap it measured, times it grew. */
  report() {
    const rate = this.arrivalRate;
    return {
      targetMs: Math.round((this.lastTargetSamples * 1000) / this.sampleRate),
      safetyMs: this.fixedSamples ? null : this.safetyMs,
      gapMs: this.gapMs,
      pace: rate === null ? null : Math.round((rate / this.sampleRate) * 100) / 100,
      grows: this.grows,
    };
  }
}
