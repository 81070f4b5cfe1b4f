// Hands-free's ear: decides, from the microphone's level over time, when the user has spoken and then
// paused long enough for the question to be over. Pure (levels and times in, a verdict out), so the same
// rule runs on real audio and in tests.

export interface SilenceOptions {
  /** This long below `quietDb` after speech ends the question. */
  silenceMs: number;
  /** Louder than this counts as speech (dBFS). */
  speechDb?: number;
  /** Quieter than this counts as a pause (dBFS); between the two, nothing changes. */
  quietDb?: number;
  /** Speech must last this long in all before a pause counts (a cough or a click is not a question). */
  minSpeechMs?: number;
}

export type SilenceVerdict = 'waiting' | 'speaking' | 'done';

export class SilenceDetector {
  private readonly speechDb: number;
  private readonly quietDb: number;
  private readonly minSpeechMs: number;
  private spokenMs = 0;
  private quietSince: number | null = null;
  private lastAt: number | null = null;

  constructor(private readonly opts: SilenceOptions) {
    this.speechDb = opts.speechDb ?? -45;
    this.quietDb = opts.quietDb ?? -52;
    this.minSpeechMs = opts.minSpeechMs ?? 300;
  }

  get heardSpeech(): boolean {
    return this.spokenMs >= this.minSpeechMs;
  }

  /** One level reading (dBFS) at `atMs` (any monotonic clock). */
  feed(db: number, atMs: number): SilenceVerdict {
    const step = this.lastAt === null ? 0 : Math.max(0, atMs - this.lastAt);
    this.lastAt = atMs;
    if (db >= this.speechDb) {
      this.spokenMs += step;
      this.quietSince = null;
    } else if (db < this.quietDb) {
      this.quietSince ??= atMs;
    }
    if (!this.heardSpeech) return 'waiting';
    if (this.quietSince !== null && atMs - this.quietSince >= this.opts.silenceMs) return 'done';
    return 'speaking';
  }
}

/** The RMS level of float samples, in dBFS (-Infinity for digital silence). */
export function rmsDb(samples: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < samples.length; i += 1) {
    const s = samples[i]!;
    sum += s * s;
  }
  const rms = Math.sqrt(sum / Math.max(1, samples.length));
  return rms > 0 ? 20 * Math.log10(rms) : -Infinity;
}

/** A level for the meter: -60 dBFS and below is empty, 0 dBFS full. */
export function meterValue(db: number): number {
  if (!Number.isFinite(db)) return 0;
  return Math.min(1, Math.max(0, (db + 60) / 60));
}
