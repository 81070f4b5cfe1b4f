// One playback of PCM16 mono audio through the pcm-player AudioWorklet: a live reply streamed straight into
// the worklet through the audio inlet (options.stream: its samples never cross this thread), or audio this
// side holds (a stored reply replayed) pushed in parts. For pushed audio the worklet holds a small ring;
// this side holds everything that does not fit yet and tops the ring up as the worklet reports what it has
// played. When sound starts is the worklet's adaptive jitter buffer's call (resources/public/jitter-buffer.js).
import { PLAYBACK_REPORT_MAX_CHUNKS } from '../../shared/defaults';
import { errorText } from '../../shared/error-text';

export type PlaybackState = 'idle' | 'buffering' | 'playing' | 'paused' | 'ended' | 'stopped';

export interface PlaybackStats {
  state: PlaybackState;
  /** Samples handed to push(). */
  pushedSamples: number;
  /** Samples of the reply played (consumed by the worklet): its position, whatever the speed. */
  playedSamples: number;
  /** Samples sent to the speakers: fewer than playedSamples above 1×, more below. */
  outputSamples: number;
  /** The playback speed (1 = as recorded). */
  rate: number;
  /** Render quanta (128 samples) that went out silent or short in the middle of the audio. */
  underruns: number;
  /** From the first chunk arriving here to the first sound leaving the worklet. */
  firstSoundMs: number | null;
  /** Per chunk pushed with a receivedAt: ms from receivedAt to the worklet holding its samples. */
  queueLatencyMs: number[];
  /** Why playback could not happen at all (no audio output, worklet failed to load). */
  error: string | null;
  /** How late the latest chunk reached the worklet against when its first sample was due (negative: early). */
  worstLateMs: number | null;
  /** What the jitter buffer did when sound last (re)started. */
  jitter: JitterReport | null;
}

export interface JitterReport {
  /** A restart after an underrun (false: the first start). */
  restart: boolean;
  /** What was buffered, and what the buffer asked for, in ms of audio. */
  bufferedMs: number;
  targetMs: number;
  /** Its margin over the longest gap between chunks (null with a fixed threshold). */
  safetyMs: number | null;
  gapMs: number | null;
  /** Audio arriving per second of real time (1 = real time), when measured. */
  pace: number | null;
  /** Times it grew after an underrun. */
  grows: number;
}

export interface PcmPlayerOptions {
  /** Ring size in the worklet, in samples (default 4 s). */
  capacitySamples?: number;
  /**
   * A fixed start threshold (the policy before issue 20: 250 ms, doubling after an underrun); by default
   * the adaptive jitter buffer decides.
   */
  startThresholdSamples?: number;
  /** A live stream's id: its samples come through the audio inlet, not push() (see audio-inlet.ts). */
  stream?: string;
  /** Clock for latency figures; the core's receivedAt is Date.now() based. */
  now?: () => number;
  /** Where the sound goes (default: the context's destination). */
  destination?: AudioNode;
  /** Playback speed, 0.75–2 (default 1); the pitch is kept. */
  rate?: number;
}

export const MIN_RATE = 0.75;
export const MAX_RATE = 2;

export function clampRate(rate: number): number {
  return Number.isFinite(rate) ? Math.min(MAX_RATE, Math.max(MIN_RATE, rate)) : 1;
}

export const WORKLET_NAME = 'pcm-player';
export const WORKLET_FILE = 'pcm-player.worklet.js';

/** Fewer samples than this are not sent to the worklet on their own unless they end a chunk. */
const MIN_PART = 1024;

interface Queued {
  seq: number;
  pcm: Int16Array;
  offset: number;
}

type WorkletMessage =
  | { type: 'ack'; seq: number; last: boolean }
  | { type: 'started'; firstSoundMs?: number | null }
  | ({ type: 'jitter' } & JitterReport)
  | ({ type: 'progress'; state: PlaybackState } & Counters)
  | ({ type: 'done'; reason: 'ended' | 'stopped'; state: PlaybackState } & Counters);

interface Counters {
  played: number;
  output: number;
  rate: number;
  buffered: number;
  underruns: number;
  received?: number;
  queued?: number[];
  lateMs?: number | null;
}

/** Loads the worklet module once per context. The file is served next to index.html (publicDir). */
const loaded = new WeakMap<BaseAudioContext, Promise<void>>();
export function loadPlayerWorklet(ctx: BaseAudioContext, url?: string | URL): Promise<void> {
  let p = loaded.get(ctx);
  if (!p) {
    p = ctx.audioWorklet.addModule(url ?? new URL(WORKLET_FILE, document.baseURI).href);
    loaded.set(ctx, p);
    p.catch(() => loaded.delete(ctx));
  }
  return p;
}

export class PcmPlayer {
  private node: AudioWorkletNode | null = null;
  private readonly queue: Queued[] = [];
  private readonly receivedAt = new Map<number, number>();
  private nextSeq = 0;
  private sentSamples = 0;
  private inWorkletPlayed = 0;
  private streamEnded = false;
  private paused = false;
  private readonly latencies: number[] = [];
  private endSent = false;
  private firstPushAt: number | null = null;
  private oddByte: number | null = null;
  private readonly listeners = new Set<() => void>();
  private readonly capacity: number;
  private readonly threshold: number | undefined;
  private readonly stream: string | undefined;
  private readonly now: () => number;
  private readonly destination: AudioNode | undefined;
  private resolveFinished!: (s: PlaybackStats) => void;
  private snapshot: PlaybackStats;
  /** Resolves once playback has ended (everything played) or was stopped. */
  readonly finished: Promise<PlaybackStats>;

  constructor(context: AudioContext | Promise<AudioContext>, options: PcmPlayerOptions = {}) {
    this.now = options.now ?? Date.now;
    this.destination = options.destination;
    const rate = context instanceof AudioContext ? context.sampleRate : 24_000;
    this.capacity = Math.max(4096, Math.round(options.capacitySamples ?? 4 * rate));
    this.threshold = options.startThresholdSamples === undefined ? undefined : Math.max(1, Math.round(options.startThresholdSamples));
    this.stream = options.stream;
    this.snapshot = {
      state: 'idle', pushedSamples: 0, playedSamples: 0, outputSamples: 0, rate: clampRate(options.rate ?? 1), underruns: 0,
      firstSoundMs: null, queueLatencyMs: this.latencies, error: null, worstLateMs: null, jitter: null,
    };
    if (this.stream !== undefined) this.snapshot.state = 'buffering';
    this.finished = new Promise((resolve) => (this.resolveFinished = resolve));
    void Promise.resolve(context).then(
      (ctx) => this.attach(ctx),
      (err: unknown) => this.fail(err),
    );
  }

  get stats(): PlaybackStats {
    return this.snapshot;
  }

  get isDone(): boolean {
    return this.snapshot.state === 'ended' || this.snapshot.state === 'stopped';
  }

  /** Listen for stats changes; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Queue PCM16 LE samples. Bytes may split a sample across chunks. `receivedAt` (ms, same clock as
   * `now`) is when the chunk reached the app, for the queue-latency figure.
   */
  push(pcm: Int16Array | Uint8Array, receivedAt?: number): void {
    if (this.isDone || this.streamEnded || this.stream !== undefined) return;
    const samples = pcm instanceof Int16Array ? pcm.slice() : this.bytesToSamples(pcm);
    if (this.firstPushAt === null) this.firstPushAt = this.now();
    if (samples.length === 0) return;
    const seq = this.nextSeq++;
    if (receivedAt !== undefined) this.receivedAt.set(seq, receivedAt);
    this.queue.push({ seq, pcm: samples, offset: 0 });
    this.update({
      pushedSamples: this.snapshot.pushedSamples + samples.length,
      state: this.snapshot.state === 'idle' ? 'buffering' : this.snapshot.state,
    });
    this.topUp();
  }

  /** No more audio will come: play out what is queued, then end. */
  end(): void {
    if (this.isDone || this.streamEnded || this.stream !== undefined) return;
    this.streamEnded = true;
    if (this.snapshot.pushedSamples === 0 && this.node === null) {
      this.finish('ended');
      return;
    }
    this.topUp();
  }

  stop(): void {
    if (this.isDone) return;
    this.queue.length = 0;
    if (this.node) this.node.port.postMessage({ type: 'stop' });
    else this.finish('stopped');
  }

  pause(): void {
    if (this.isDone || this.paused) return;
    this.paused = true;
    if (this.node) this.node.port.postMessage({ type: 'pause' });
    else this.update({ state: 'paused' });
  }

  resume(): void {
    if (this.isDone || !this.paused) return;
    this.paused = false;
    if (this.node) this.node.port.postMessage({ type: 'resume' });
    else this.update({ state: this.snapshot.pushedSamples > 0 ? 'buffering' : 'idle' });
  }

  /** Playback speed from now on (0.75–2, the pitch kept); applies to what is playing at once. */
  setRate(rate: number): void {
    const r = clampRate(rate);
    if (this.isDone || r === this.snapshot.rate) return;
    this.node?.port.postMessage({ type: 'rate', rate: r });
    this.update({ rate: r });
  }

  get isPaused(): boolean {
    return this.paused;
  }

  private bytesToSamples(bytes: Uint8Array): Int16Array {
    let src = bytes;
    if (this.oddByte !== null) {
      src = new Uint8Array(bytes.length + 1);
      src[0] = this.oddByte;
      src.set(bytes, 1);
      this.oddByte = null;
    }
    const even = src.length - (src.length % 2);
    if (even < src.length) this.oddByte = src[src.length - 1] ?? null;
    const out = new Int16Array(even / 2);
    const view = new DataView(src.buffer, src.byteOffset, even);
    for (let i = 0; i < out.length; i++) out[i] = view.getInt16(i * 2, true);
    return out;
  }

  private attach(ctx: AudioContext): void {
    if (this.isDone) return;
    let node: AudioWorkletNode;
    try {
      node = new AudioWorkletNode(ctx, WORKLET_NAME, {
        numberOfInputs: 0,
        numberOfOutputs: 1,
        outputChannelCount: [1],
        processorOptions: { capacity: this.capacity, startThreshold: this.threshold, rate: this.snapshot.rate, stream: this.stream },
      });
    } catch (err) {
      this.fail(err);
      return;
    }
    node.port.onmessage = (e: MessageEvent<WorkletMessage>) => this.onMessage(e.data);
    node.connect(this.destination ?? ctx.destination);
    this.node = node;
    if (this.paused) node.port.postMessage({ type: 'pause' });
    this.topUp();
  }

  private fail(err: unknown): void {
    const message = errorText(err);
    this.update({ error: message });
    this.finish('stopped');
  }

  /** Send as much as the ring has room for; what is sent but not played is in the worklet. */
  private topUp(): void {
    const node = this.node;
    if (!node || this.isDone) return;
    let free = this.capacity - (this.sentSamples - this.inWorkletPlayed);
    while (this.queue.length > 0) {
      const head = this.queue[0]!;
      const left = head.pcm.length - head.offset;
      const n = Math.min(left, free);
      if (n <= 0 || (n < left && n < MIN_PART)) break;
      const part = head.pcm.slice(head.offset, head.offset + n);
      head.offset += n;
      const last = head.offset >= head.pcm.length;
      node.port.postMessage({ type: 'push', seq: head.seq, last, pcm: part }, [part.buffer]);
      this.sentSamples += n;
      free -= n;
      if (last) this.queue.shift();
    }
    if (this.streamEnded && this.queue.length === 0 && !this.endSent) {
      this.endSent = true;
      node.port.postMessage({ type: 'end' });
    }
  }

  private onMessage(m: WorkletMessage): void {
    switch (m.type) {
      case 'ack': {
        if (!m.last) return;
        const at = this.receivedAt.get(m.seq);
        if (at !== undefined) {
          this.receivedAt.delete(m.seq);
          // One growing array shared by every snapshot: readers copy it when they need to keep it.
          // The first chunks' figures only: a long reply's report stays bounded (playback.report's cap).
          if (this.latencies.length < PLAYBACK_REPORT_MAX_CHUNKS) this.latencies.push(Math.max(0, this.now() - at));
          this.update({});
        }
        return;
      }
      case 'started':
        if (this.snapshot.firstSoundMs !== null) return;
        // Measured in the worklet (first chunk in → first sound out) where it can; else on this thread.
        if (typeof m.firstSoundMs === 'number') this.update({ firstSoundMs: m.firstSoundMs });
        else if (this.firstPushAt !== null) this.update({ firstSoundMs: Math.max(0, this.now() - this.firstPushAt) });
        return;
      case 'jitter': {
        const { type: _type, ...report } = m;
        this.update({ jitter: report });
        return;
      }
      case 'progress':
        this.inWorkletPlayed = m.played;
        this.update({ state: m.state, ...this.counted(m) });
        this.topUp();
        return;
      case 'done':
        this.inWorkletPlayed = m.played;
        this.update(this.counted(m));
        this.finish(m.reason);
        return;
    }
  }

  /** The stats a worklet report carries; a streamed reply's queue latencies are measured in the worklet. */
  private counted(m: Counters): Partial<PlaybackStats> {
    // The first chunks' figures only: a long reply's report stays bounded (playback.report's cap).
    const room = PLAYBACK_REPORT_MAX_CHUNKS - this.latencies.length;
    if (m.queued?.length && room > 0) this.latencies.push(...m.queued.slice(0, room));
    return {
      playedSamples: m.played, outputSamples: m.output, underruns: m.underruns, worstLateMs: m.lateMs ?? null,
      ...(this.stream !== undefined && m.received !== undefined ? { pushedSamples: m.received } : {}),
    };
  }

  private finish(reason: 'ended' | 'stopped'): void {
    if (this.isDone) return;
    this.queue.length = 0;
    if (this.node) {
      this.node.port.onmessage = null;
      this.node.disconnect();
      this.node.port.close();
      this.node = null;
    }
    this.update({ state: reason });
    this.resolveFinished(this.snapshot);
  }

  private update(patch: Partial<PlaybackStats>): void {
    this.snapshot = { ...this.snapshot, ...patch };
    for (const l of this.listeners) l();
  }
}
