// Server VAD for the stand-in, from the energy of the PCM it receives (16-bit mono 16 kHz): 20 ms frames, a
// frame is speech when its RMS reaches the level the session's `threshold` sets, speech starts after two speech
// frames in a row and stops after `silence_duration_ms` without one. Deterministic, so a spoken WAV followed by
// silence gives the same events every run.

export const VAD_FRAME_MS = 20;
const FRAME_SAMPLES = 320;

/** The RMS (dBFS) a frame must reach to count as speech: threshold -1 → -60 dBFS … 0.5 → -40 … 1 → -30. */
export function speechLevelDbfs(threshold: number): number {
  return -50 + 20 * Math.max(-1, Math.min(1, threshold));
}

export interface VadEvent {
  kind: 'started' | 'stopped';
  /** From the start of the session's input audio. */
  ms: number;
}

export class EnergyVad {
  private carry = new Uint8Array(0);
  private frames = 0;
  private speaking = false;
  private speechRun = 0;
  private silentMs = 0;
  private lastSpeechEndMs = 0;

  constructor(private threshold: number, private silenceMs: number) {}

  configure(threshold: number, silenceMs: number): void {
    this.threshold = threshold;
    this.silenceMs = silenceMs;
  }

  /** A committed or cleared buffer: a turn in progress is forgotten. */
  reset(): void {
    this.speaking = false;
    this.speechRun = 0;
    this.silentMs = 0;
  }

  get inSpeech(): boolean {
    return this.speaking;
  }

  push(pcm: Uint8Array): VadEvent[] {
    const bytes = new Uint8Array(this.carry.byteLength + pcm.byteLength);
    bytes.set(this.carry, 0);
    bytes.set(pcm, this.carry.byteLength);
    const out: VadEvent[] = [];
    const level = speechLevelDbfs(this.threshold);
    const view = new DataView(bytes.buffer);
    let at = 0;
    for (; at + FRAME_SAMPLES * 2 <= bytes.byteLength; at += FRAME_SAMPLES * 2) {
      let sum = 0;
      for (let i = 0; i < FRAME_SAMPLES; i++) {
        const s = view.getInt16(at + i * 2, true) / 32768;
        sum += s * s;
      }
      const dbfs = sum === 0 ? -Infinity : 10 * Math.log10(sum / FRAME_SAMPLES);
      const start = this.frames * VAD_FRAME_MS;
      this.frames++;
      const speech = dbfs >= level;
      if (!this.speaking) {
        this.speechRun = speech ? this.speechRun + 1 : 0;
        if (this.speechRun >= 2) {
          this.speaking = true;
          this.silentMs = 0;
          this.lastSpeechEndMs = start + VAD_FRAME_MS;
          out.push({ kind: 'started', ms: start - VAD_FRAME_MS });
        }
      } else if (speech) {
        this.silentMs = 0;
        this.lastSpeechEndMs = start + VAD_FRAME_MS;
      } else {
        this.silentMs += VAD_FRAME_MS;
        if (this.silentMs >= this.silenceMs) {
          this.speaking = false;
          this.speechRun = 0;
          out.push({ kind: 'stopped', ms: this.lastSpeechEndMs });
        }
      }
    }
    this.carry = bytes.slice(at);
    return out;
  }
}
