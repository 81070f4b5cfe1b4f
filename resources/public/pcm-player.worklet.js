// The AudioWorklet processor that plays a reply's PCM16 (mono, at the context's rate: 24 kHz).
// Plain JS because it is served as a file: a strict CSP forbids blob: modules, so it cannot be bundled.
//
// The main thread sends chunks only when it knows they fit in the ring (flow control by `played`
// reports), so the ring stays small while a whole reply may arrive at once. Should a chunk not fit
// anyway, the remainder waits in `pending` and is written as the ring drains: nothing is ever dropped.
//
// Messages in:  {type:'push', seq, last, pcm: Int16Array}  {type:'end'}  {type:'pause'}  {type:'resume'}  {type:'stop'}
// Messages out: {type:'ack', seq, last}            when a chunk's samples are in the ring
//               {type:'progress', ...counters}     every few render quanta and on state changes
//               {type:'started'}                   the first quantum that carried sound
//               {type:'done', reason, ...counters} 'ended' (all played) or 'stopped'

const QUANTA_PER_REPORT = 8; // ~43 ms at 24 kHz: often enough for flow control, cheap on the port

class PcmPlayerProcessor extends AudioWorkletProcessor {
  constructor(options) {
    super();
    const opts = (options && options.processorOptions) || {};
    this.capacity = opts.capacity > 0 ? opts.capacity : 4 * sampleRate;
    this.startThreshold = Math.min(opts.startThreshold > 0 ? opts.startThreshold : Math.round(0.25 * sampleRate), this.capacity);
    // After running dry the refill target doubles (up to 1 s): a connection that stalled once tends to
    // stall again, and one longer wait beats many short gaps.
    this.refillThreshold = this.startThreshold;
    this.maxRefill = Math.min(Math.max(this.startThreshold, sampleRate), this.capacity);
    this.ring = new Int16Array(this.capacity);
    this.read = 0;
    this.buffered = 0;
    /** Chunks (or their tails) that did not fit yet: [{seq, last, pcm, offset}] */
    this.pending = [];
    this.state = 'buffering'; // buffering | playing | paused | ended | stopped
    this.pausedFrom = null;
    this.started = false; // has ever made sound
    this.streamEnded = false;
    this.played = 0;
    this.underruns = 0;
    /** Silent quanta since the ring ran dry; they count as underruns only if more audio follows. */
    this.starvedQuanta = 0;
    this.sinceReport = 0;
    this.port.onmessage = (e) => this.onMessage(e.data);
  }

  onMessage(m) {
    if (!m || this.state === 'stopped' || this.state === 'ended') return;
    switch (m.type) {
      case 'push':
        if (m.pcm && m.pcm.length) {
          // Audio kept coming after the ring ran dry: that silence was a real gap in the reply.
          this.commitStarved();
          this.pending.push({ seq: m.seq, last: m.last !== false, pcm: m.pcm, offset: 0 });
          this.drainPending();
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
      case 'stop':
        this.setState('stopped');
        this.pending = [];
        this.buffered = 0;
        this.starvedQuanta = 0;
        this.port.postMessage({ type: 'done', reason: 'stopped', ...this.counters() });
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
      let write = (this.read + this.buffered) % this.capacity;
      const firstPart = Math.min(n, this.capacity - write);
      this.ring.set(head.pcm.subarray(head.offset, head.offset + firstPart), write);
      if (n > firstPart) this.ring.set(head.pcm.subarray(head.offset + firstPart, head.offset + n), 0);
      head.offset += n;
      this.buffered += n;
      if (head.offset >= head.pcm.length) {
        this.pending.shift();
        this.port.postMessage({ type: 'ack', seq: head.seq, last: head.last });
      }
    }
  }

  counters() {
    return {
      state: this.state,
      played: this.played,
      buffered: this.buffered + this.pending.reduce((a, p) => a + p.pcm.length - p.offset, 0),
      underruns: this.underruns,
    };
  }

  setState(s) {
    if (this.state === s) return;
    this.state = s;
    this.sinceReport = QUANTA_PER_REPORT; // report at once
  }

  process(_inputs, outputs) {
    const out = outputs[0] && outputs[0][0];
    if (this.state === 'stopped' || this.state === 'ended') return false;
    if (!out) return true;
    const want = out.length;

    const target = this.started ? this.refillThreshold : this.startThreshold;
    if (this.state === 'buffering' && (this.buffered >= target || (this.streamEnded && this.buffered > 0))) {
      this.commitStarved(); // resuming after a gap: the silence was real
      this.setState('playing');
    }

    if (this.state === 'playing') {
      const n = Math.min(want, this.buffered);
      const ring = this.ring;
      for (let i = 0; i < n; i++) {
        out[i] = ring[this.read] / 32768;
        this.read = this.read + 1 === this.capacity ? 0 : this.read + 1;
      }
      for (let i = n; i < want; i++) out[i] = 0;
      this.buffered -= n;
      this.played += n;
      if (n > 0 && !this.started) {
        this.started = true;
        this.port.postMessage({ type: 'started' });
      }
      if (n < want) {
        if (this.streamEnded && this.pending.length === 0) {
          this.setState('ended');
          this.port.postMessage({ type: 'done', reason: 'ended', ...this.counters() });
          return false;
        }
        // Ran dry mid-stream: wait for a (bigger) jitter buffer's worth before playing on.
        this.starvedQuanta += 1;
        this.refillThreshold = Math.min(this.refillThreshold * 2, this.maxRefill);
        this.setState('buffering');
      }
    } else {
      out.fill(0);
      if (this.state === 'buffering') {
        if (this.started && !this.streamEnded) this.starvedQuanta += 1;
        if (this.streamEnded && this.buffered === 0 && this.pending.length === 0) {
          this.starvedQuanta = 0;
          this.setState('ended');
          this.port.postMessage({ type: 'done', reason: 'ended', ...this.counters() });
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

registerProcessor('pcm-player', PcmPlayerProcessor);
