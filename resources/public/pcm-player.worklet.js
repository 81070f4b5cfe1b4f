// The AudioWorklet processor that plays a reply's PCM16 (mono, at the context's rate: 24 kHz), at a chosen
// speed (0.75×–2×) with its pitch kept. Plain JS because it is served as a file: a strict CSP forbids blob:
// modules, so it cannot be bundled.
//
// The PCM arrives one of two ways. A live reply streams straight in (processorOptions.stream = its id): its
// frames come through the audio inlet (audio-inlet.js) from the main process or a worker, never through the
// page's main thread, and wait in `pending` as the ring drains. A stored reply the page holds is pushed on
// this node's port, in parts the page sends only when they fit (flow control by `played` reports). Either
// way nothing is ever dropped. When sound starts is the jitter buffer's call (jitter-buffer.js).
//
// Speed: at 1× the samples go out as they came, bit for bit. At any other speed a WSOLA time-stretch
// (Verhelst & Roelands, 1993: overlap-add of Hann-windowed 32 ms frames, each taken where it best matches
// the natural continuation of the one before) reads the ring at `rate` input samples per output sample;
// the pitch stays, the tempo changes. Written here rather than taken from a library: SoundTouch's ports are
// LGPL, Rubber Band is GPL, and Signalsmith Stretch is WebAssembly, which the app's CSP does not allow
// (no 'wasm-unsafe-eval'); WSOLA for speech is a few dozen lines.
//
// Messages in:  {type:'push', seq, last, pcm: Int16Array} (stored replies)  {type:'end'}  {type:'pause'}  {type:'resume'}
//               {type:'stop'}  {type:'rate', rate}
// Messages out: {type:'ack', seq, last}            when a chunk's samples are in the ring
//               {type:'progress', ...counters}     every few render quanta and on state changes
//               {type:'started', firstSoundMs}     the first quantum that carried sound (ms after the first chunk came in)
//               {type:'jitter', ...report}         the jitter buffer started or restarted playback, and why
//               {type:'done', reason, ...counters} 'ended' (all played) or 'stopped'
// Counters: played = input samples consumed (the reply's position), output = samples sent to the speakers,
// received = samples that came in, queued = ms from the core to the ring of each streamed chunk since the last
// report, lateMs = how late the latest chunk came against when its first sample was due (negative: early).

import { claimStream, closeStream } from './audio-inlet.js';
import { JitterBuffer } from './jitter-buffer.js';

/** What the jitter buffer learned from this page's live streams (one AudioWorkletGlobalScope per context). */
const JITTER_MEMORY = { safetyMs: null };

const QUANTA_PER_REPORT = 8; // ~43 ms at 24 kHz: often enough for flow control, cheap on the port
const MIN_RATE = 0.5;
const MAX_RATE = 2;

/** WSOLA frame: 32 ms at 24 kHz, half of it overlapped; the next frame may start up to 8 ms either side. */
const HALF = 384;
const FRAME = 2 * HALF;
const SEEK = 192;
/** Samples kept readable behind the read position: a frame may start before it (SEEK + HALF back at most). */
const GUARD = 2048;

/** Periodic Hann: w[i] + w[i + HALF] = 1, so overlapped halves add up to the signal itself. */
const WINDOW = new Float32Array(FRAME);
for (let i = 0; i < FRAME; i++) WINDOW[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / FRAME);

class PcmPlayerProcessor extends AudioWorkletProcessor {
  constructor(options) {
    super();
    const opts = (options && options.processorOptions) || {};
    this.capacity = opts.capacity > 0 ? opts.capacity : 4 * sampleRate;
    // A fixed startThreshold is the old policy (250 ms, doubling after an underrun), kept for comparisons.
    // A live stream learns from the page's earlier streams (JITTER_MEMORY); a stored reply needs no lesson.
    this.jitter = new JitterBuffer(sampleRate, {
      fixedSamples: opts.startThreshold > 0 ? Math.min(opts.startThreshold, this.capacity) : 0,
      memory: typeof opts.stream === 'string' ? JITTER_MEMORY : null,
    });
    this.received = 0;
    this.firstArrivalAt = null;
    this.startedAt = null;
    this.queued = [];
    this.lateMs = null;
    // The ring holds `capacity` unplayed samples and GUARD already-read ones behind them.
    this.size = this.capacity + GUARD;
    this.ring = new Int16Array(this.size);
    /** Absolute sample positions: the next to read (= played) and the next to write. */
    this.readAt = 0;
    this.writeAt = 0;
    /** Chunks (or their tails) that did not fit yet: [{seq, last, pcm, offset}] */
    this.pending = [];
    this.state = 'buffering'; // buffering | playing | paused | ended | stopped
    this.pausedFrom = null;
    this.started = false; // has ever made sound
    this.streamEnded = false;
    this.output = 0;
    this.underruns = 0;
    /** Silent quanta since the ring ran dry; they count as underruns only if more audio follows. */
    this.starvedQuanta = 0;
    this.sinceReport = 0;
    this.rate = clampRate(opts.rate);
    /** The time-stretch's state while the rate is not 1 (null at 1×). */
    this.stretch = null;
    this.port.onmessage = (e) => this.onMessage(e.data);
    this.streamId = typeof opts.stream === 'string' ? opts.stream : null;
    if (this.streamId) {
      claimStream(this.streamId, {
        samples: (item) => this.take(item.pcm, item.seq, true, item.arrivedAt, item.sentAt),
        end: () => this.onMessage({ type: 'end' }),
        stop: () => this.onMessage({ type: 'stop' }),
      });
    }
  }

  /** Samples in, from the page or the inlet: into the ring (or pending), the arrival noted for the jitter buffer. */
  take(pcm, seq, last, arrivedAt, sentAt) {
    if (this.state === 'stopped' || this.state === 'ended') return;
    // Audio kept coming after the ring ran dry: that silence was a real gap in the reply.
    this.commitStarved();
    if (this.firstArrivalAt === null) this.firstArrivalAt = arrivedAt;
    if (this.startedAt !== null) {
      const dueAt = this.startedAt + (this.received * 1000) / (sampleRate * this.rate);
      this.lateMs = Math.max(this.lateMs ?? -Infinity, arrivedAt - dueAt);
    }
    this.received += pcm.length;
    this.jitter.arrived(pcm.length, arrivedAt);
    this.pending.push({ seq, last, pcm, offset: 0, silent: this.streamId !== null });
    this.drainPending();
    // From the core to the worklet: arrivedAt is when the inlet took the frame (it may wait there for this node).
    if (sentAt !== undefined) this.queued.push(Math.max(0, arrivedAt - sentAt));
  }

  get buffered() {
    return this.writeAt - this.readAt;
  }

  onMessage(m) {
    if (!m || this.state === 'stopped' || this.state === 'ended') return;
    switch (m.type) {
      case 'push':
        if (m.pcm && m.pcm.length) {
          this.take(m.pcm, m.seq, m.last !== false, Date.now());
        } else {
          this.port.postMessage({ type: 'ack', seq: m.seq, last: m.last !== false });
        }
        break;
      case 'end':
        this.streamEnded = true;
        // A dry ring at the end is the end of the reply, not an underrun.
        if (this.buffered === 0 && this.pending.length === 0) this.starvedQuanta = 0;
        break;
      case 'pause':
        if (this.state !== 'paused') {
          this.pausedFrom = this.state;
          this.setState('paused');
        }
        break;
      case 'resume':
        if (this.state === 'paused') this.setState(this.pausedFrom || 'buffering');
        break;
      case 'rate':
        this.rate = clampRate(m.rate);
        this.sinceReport = QUANTA_PER_REPORT;
        break;
      case 'stop':
        this.setState('stopped');
        this.pending = [];
        this.writeAt = this.readAt;
        this.stretch = null;
        this.starvedQuanta = 0;
        // stoppedAt: when it went silent (the live benchmark's barge-in figure), on this thread's clock.
        this.port.postMessage({ type: 'done', reason: 'stopped', stoppedAt: Date.now(), ...this.counters() });
        if (this.streamId) closeStream(this.streamId);
        break;
    }
  }

  commitStarved() {
    if (this.starvedQuanta > 0) {
      this.underruns += this.starvedQuanta;
      this.starvedQuanta = 0;
    }
  }

  drainPending() {
    while (this.pending.length > 0 && this.buffered < this.capacity) {
      const head = this.pending[0];
      const n = Math.min(head.pcm.length - head.offset, this.capacity - this.buffered);
      const write = this.writeAt % this.size;
      const firstPart = Math.min(n, this.size - write);
      this.ring.set(head.pcm.subarray(head.offset, head.offset + firstPart), write);
      if (n > firstPart) this.ring.set(head.pcm.subarray(head.offset + firstPart, head.offset + n), 0);
      head.offset += n;
      this.writeAt += n;
      if (head.offset >= head.pcm.length) {
        this.pending.shift();
        if (!head.silent) this.port.postMessage({ type: 'ack', seq: head.seq, last: head.last });
      }
    }
  }

  counters() {
    return {
      state: this.state,
      played: this.readAt,
      output: this.output,
      rate: this.rate,
      buffered: this.buffered + this.pending.reduce((a, p) => a + p.pcm.length - p.offset, 0),
      underruns: this.underruns,
      received: this.received,
      queued: this.queued.splice(0),
      lateMs: this.lateMs,
    };
  }

  /** Ended: everything played. The stream (if any) is closed in the inlet. */
  end() {
    this.jitter.finished();
    this.setState('ended');
    this.port.postMessage({ type: 'done', reason: 'ended', ...this.counters() });
    if (this.streamId) closeStream(this.streamId);
  }

  setState(s) {
    if (this.state === s) return;
    this.state = s;
    this.sinceReport = QUANTA_PER_REPORT; // report at once
  }

  /** The sample at absolute position `at`, or 0 outside what the ring holds. */
  sample(at) {
    return at >= this.writeAt || at < this.writeAt - this.size || at < 0 ? 0 : this.ring[at % this.size] / 32768;
  }

  /** No more input will come: what is in the ring is all there is. */
  get inputComplete() {
    return this.streamEnded && this.pending.length === 0;
  }

  /** Fills out[0..want) with the next samples; returns how many it could (fewer: ran dry or reached the end). */
  produce(out, want) {
    let n = 0;
    if (this.stretch && this.rate === 1) {
      // Back to 1×: what was synthesized goes out first, then the samples as they are.
      n = this.drainStretchOutput(out, 0, want);
      if (this.stretch.outLen > 0) return n;
      this.leaveStretch();
    }
    if (this.rate !== 1 && !this.stretch && !this.enterStretch()) return n;
    if (this.stretch) return this.produceStretched(out, n, want);
    const m = Math.min(want - n, this.buffered);
    for (let i = 0; i < m; i++) out[n + i] = this.ring[(this.readAt + i) % this.size] / 32768;
    this.readAt += m;
    return n + m;
  }

  /** Starts stretching at the read position, as if a frame had just ended there (no seam). */
  enterStretch() {
    if (this.buffered < HALF && !this.inputComplete) return false;
    const tail = new Float32Array(HALF);
    for (let i = 0; i < HALF; i++) tail[i] = this.sample(this.readAt + i) * WINDOW[HALF + i];
    this.stretch = { prevStart: this.readAt - HALF, nominal: this.readAt - HALF, tail, out: new Float32Array(HALF * 2), outLen: 0, end: false };
    return true;
  }

  /** Back to 1×: the last frame's falling half is the signal itself from prevStart + HALF, so read on from there. */
  leaveStretch() {
    const s = this.stretch;
    this.stretch = null;
    if (s.end) return;
    this.readAt = Math.min(this.writeAt, Math.max(0, this.writeAt - this.size + 1, s.prevStart + HALF));
  }

  drainStretchOutput(out, from, want) {
    const s = this.stretch;
    if (!s || s.outLen === 0) return from;
    const n = Math.min(want - from, s.outLen);
    out.set(s.out.subarray(0, n), from);
    s.out.copyWithin(0, n, s.outLen);
    s.outLen -= n;
    return from + n;
  }

  produceStretched(out, from, want) {
    const s = this.stretch;
    let n = this.drainStretchOutput(out, from, want);
    while (n < want && !s.end && this.hop()) n = this.drainStretchOutput(out, n, want);
    return n;
  }

  /** One WSOLA step: HALF output samples. False when the input needed has not arrived yet. */
  hop() {
    const s = this.stretch;
    const analysisHop = this.rate * HALF;
    const nominal = s.nominal + analysisHop;
    const base = Math.round(nominal);
    const complete = this.inputComplete;
    if (complete && base >= this.writeAt) {
      // The end: the last frame's falling half, then nothing.
      s.out.set(s.tail, s.outLen);
      s.outLen += HALF;
      s.end = true;
      this.readAt = this.writeAt;
      return true;
    }
    if (!complete && base + SEEK + FRAME > this.writeAt) return false;
    // Where the previous frame would have gone on: the next frame should match it there.
    const ref = s.prevStart + HALF;
    const lowest = Math.max(this.writeAt - this.size + 1, this.readAt - GUARD + 1, 0);
    let best = Math.max(base, lowest);
    let bestScore = -Infinity;
    // Coarse: every other offset, every other sample; then the neighbours of the best at full resolution.
    for (let d = -SEEK; d <= SEEK; d += 2) {
      const at = base + d;
      if (at < lowest) continue;
      const score = this.similarity(at, ref, 2);
      if (score > bestScore) {
        bestScore = score;
        best = at;
      }
    }
    const coarse = best;
    let bestFull = this.similarity(coarse, ref, 1);
    for (const at of [coarse - 1, coarse + 1]) {
      if (at < lowest) continue;
      const score = this.similarity(at, ref, 1);
      if (score > bestFull) {
        bestFull = score;
        best = at;
      }
    }
    for (let i = 0; i < HALF; i++) s.out[s.outLen + i] = s.tail[i] + this.sample(best + i) * WINDOW[i];
    s.outLen += HALF;
    for (let i = 0; i < HALF; i++) s.tail[i] = this.sample(best + HALF + i) * WINDOW[HALF + i];
    s.prevStart = best;
    s.nominal = nominal;
    // Consumed: up to the nominal position (what lies behind it stays readable in the guard).
    this.readAt = Math.min(this.writeAt, Math.max(this.readAt, Math.floor(nominal)));
    return true;
  }

  /** Normalised cross-correlation of HALF samples at `at` with HALF samples at `ref`. */
  similarity(at, ref, step) {
    let dot = 0;
    let energy = 1e-9;
    for (let i = 0; i < HALF; i += step) {
      const x = this.sample(at + i);
      dot += x * this.sample(ref + i);
      energy += x * x;
    }
    return dot / Math.sqrt(energy);
  }

  /** Nothing left to play: the ring, pending and any synthesized output are empty. */
  get drained() {
    const s = this.stretch;
    if (s) return s.end && s.outLen === 0;
    return this.buffered === 0;
  }

  /** Enough buffered to (re)start: the jitter buffer says so, or the stream has ended and something remains. */
  readyToPlay() {
    return this.jitter.ready(this.buffered, this.rate) || (this.streamEnded && (this.buffered > 0 || (this.stretch !== null && !this.drained)));
  }

  process(_inputs, outputs) {
    const out = outputs[0] && outputs[0][0];
    if (this.state === 'stopped' || this.state === 'ended') return false;
    if (!out) return true;
    const want = out.length;

    if (this.state === 'buffering' && this.readyToPlay()) {
      this.commitStarved(); // resuming after a gap: the silence was real
      this.setState('playing');
      this.port.postMessage({ type: 'jitter', restart: this.started, bufferedMs: Math.round((this.buffered * 1000) / sampleRate), ...this.jitter.report() });
    }

    if (this.state === 'playing') {
      const n = this.produce(out, want);
      for (let i = n; i < want; i++) out[i] = 0;
      this.output += n;
      if (n > 0 && !this.started) {
        this.started = true;
        // This quantum is being rendered now: its first sample leaves for the device one output buffer later.
        this.startedAt = Date.now();
        this.port.postMessage({ type: 'started', firstSoundMs: this.firstArrivalAt === null ? null : Math.max(0, this.startedAt - this.firstArrivalAt) });
      }
      if (n < want) {
        if (this.inputComplete && (this.stretch ? this.drained : this.buffered === 0)) {
          this.end();
          return false;
        }
        // Ran dry mid-stream: wait for a (bigger) jitter buffer's worth before playing on.
        this.starvedQuanta += 1;
        this.jitter.underrun();
        this.setState('buffering');
      }
    } else {
      out.fill(0);
      if (this.state === 'buffering') {
        if (this.started && !this.streamEnded) this.starvedQuanta += 1;
        if (this.inputComplete && this.buffered === 0 && (!this.stretch || this.drained)) {
          this.starvedQuanta = 0;
          this.end();
          return false;
        }
      }
    }

    if (this.pending.length > 0) this.drainPending();
    if (++this.sinceReport >= QUANTA_PER_REPORT) {
      this.sinceReport = 0;
      this.port.postMessage({ type: 'progress', ...this.counters() });
    }
    return true;
  }
}

function clampRate(r) {
  return typeof r === 'number' && Number.isFinite(r) ? Math.min(MAX_RATE, Math.max(MIN_RATE, r)) : 1;
}

registerProcessor('pcm-player', PcmPlayerProcessor);
