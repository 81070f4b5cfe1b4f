// One recording from the microphone: MediaRecorder captures compressed audio (WebM/Opus in Chromium)
// while an AnalyserNode on the same stream gives the level for the meter and for hands-free's silence
// detection. Ends with the recorded bytes and their length; the microphone is released either way.
import { MicError, micProblemOf } from './mic-errors';
import { rmsDb } from './silence';

/** What MediaRecorder should make, best first; the core converts any of them to a format the API lists. */
const TYPES = ['audio/webm;codecs=opus', 'audio/webm', 'audio/ogg;codecs=opus', 'audio/mp4'];

/** Plenty for speech, and 20 minutes stay far under the contract's byte cap. */
const BITS_PER_SECOND = 64_000;

export interface Recorded {
  blob: Blob;
  mimeType: string;
  /** From the recorder's start to its stop, by the page's clock. */
  durationMs: number;
}

export class RecordingSession {
  private constructor(
    private readonly stream: MediaStream,
    private readonly recorder: MediaRecorder,
    private readonly audio: AudioContext | null,
    private readonly analyser: AnalyserNode | null,
    private readonly chunks: Blob[],
    readonly startedAt: number,
  ) {}

  private readonly buffer = new Float32Array(2048);
  private stopped: Promise<Recorded> | null = null;

  /** Asks for the microphone and starts recording; rejects with a MicError that says why not. */
  static async start(): Promise<RecordingSession> {
    const media = typeof navigator !== 'undefined' ? navigator.mediaDevices : undefined;
    if (!media?.getUserMedia || typeof MediaRecorder === 'undefined') {
      throw new MicError('unsupported', 'no getUserMedia or MediaRecorder');
    }
    let stream: MediaStream;
    try {
      // Echo cancellation keeps a reply still sounding from the speakers out of the question.
      stream = await media.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true } });
    } catch (err) {
      throw micProblemOf(err);
    }
    try {
      const mimeType = TYPES.find((t) => MediaRecorder.isTypeSupported(t)) ?? '';
      const recorder = new MediaRecorder(stream, { ...(mimeType ? { mimeType } : {}), audioBitsPerSecond: BITS_PER_SECOND });
      const chunks: Blob[] = [];
      recorder.addEventListener('dataavailable', (e) => {
        if (e.data.size > 0) chunks.push(e.data);
      });
      const { audio, analyser } = levelTap(stream);
      const started = new Promise<void>((resolve, reject) => {
        recorder.addEventListener('start', () => resolve(), { once: true });
        recorder.addEventListener('error', (e) => reject((e as unknown as { error?: unknown }).error ?? new Error('the recorder failed')), { once: true });
      });
      // Chunks every second: a long recording is not held in one piece by the recorder.
      recorder.start(1_000);
      await started;
      return new RecordingSession(stream, recorder, audio, analyser, chunks, performance.now());
    } catch (err) {
      for (const t of stream.getTracks()) t.stop();
      throw micProblemOf(err);
    }
  }

  /** The input level now, dBFS (-Infinity when unknown or silent). */
  levelDb(): number {
    if (!this.analyser) return -Infinity;
    this.analyser.getFloatTimeDomainData(this.buffer);
    return rmsDb(this.buffer);
  }

  elapsedMs(): number {
    return performance.now() - this.startedAt;
  }

  /** Stops (once) and releases the microphone; resolves with what was recorded. */
  stop(): Promise<Recorded> {
    this.stopped ??= new Promise<Recorded>((resolve) => {
      const durationMs = this.elapsedMs();
      const finish = () => {
        for (const t of this.stream.getTracks()) t.stop();
        void this.audio?.close().catch(() => {});
        const mimeType = (this.recorder.mimeType || this.chunks[0]?.type || 'audio/webm').trim();
        resolve({ blob: new Blob(this.chunks, { type: mimeType }), mimeType, durationMs });
      };
      if (this.recorder.state === 'inactive') finish();
      else {
        this.recorder.addEventListener('stop', finish, { once: true });
        this.recorder.stop();
      }
    });
    return this.stopped;
  }
}

/** An analyser on the stream for the meter; recording still works without one (no AudioContext). */
function levelTap(stream: MediaStream): { audio: AudioContext | null; analyser: AnalyserNode | null } {
  try {
    const audio = new AudioContext();
    const analyser = audio.createAnalyser();
    analyser.fftSize = 2048;
    audio.createMediaStreamSource(stream).connect(analyser);
    if (audio.state === 'suspended') void audio.resume().catch(() => {});
    return { audio, analyser };
  } catch {
    return { audio: null, analyser: null };
  }
}
