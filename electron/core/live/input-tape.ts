// The microphone's PCM (16-bit mono 16 kHz) as it was sent, addressed by sample position, so a spoken turn can be
// cut out when the server says where it began and ended (speech_started/stopped) or the push-to-talk key was held.
// Only the most recent stretch is kept (a turn longer than that keeps its end).
import { concatPcm } from '../audio/pcm';

const BYTES = 2;

export class InputTape {
  private chunks: { start: number; pcm: Uint8Array }[] = [];
  private end = 0;
  private kept = 0;

  constructor(private readonly maxSamples: number) {}

  /** Samples written since the tape began. */
  get position(): number {
    return this.end;
  }

  append(pcm: Uint8Array): void {
    const samples = Math.floor(pcm.byteLength / BYTES);
    if (samples === 0) return;
    this.chunks.push({ start: this.end, pcm: pcm.byteLength % BYTES === 0 ? pcm : pcm.subarray(0, samples * BYTES) });
    this.end += samples;
    this.kept += samples;
    while (this.kept - this.chunks[0]!.pcm.byteLength / BYTES >= this.maxSamples) {
      this.kept -= this.chunks.shift()!.pcm.byteLength / BYTES;
    }
  }

  /** The samples in [from, to), as far as they are still kept. */
  slice(from: number, to: number): Uint8Array<ArrayBuffer> {
    const a = Math.max(0, Math.floor(from));
    const b = Math.min(this.end, Math.floor(to));
    if (b <= a) return new Uint8Array(0);
    const parts: Uint8Array[] = [];
    for (const c of this.chunks) {
      const cEnd = c.start + c.pcm.byteLength / BYTES;
      if (cEnd <= a || c.start >= b) continue;
      parts.push(c.pcm.subarray((Math.max(a, c.start) - c.start) * BYTES, (Math.min(b, cEnd) - c.start) * BYTES));
    }
    return concatPcm(parts);
  }

  /** Forgets what lies before `sample` (a committed turn's audio is stored). */
  dropBefore(sample: number): void {
    while (this.chunks.length > 0) {
      const c = this.chunks[0]!;
      if (c.start + c.pcm.byteLength / BYTES > sample) break;
      this.kept -= c.pcm.byteLength / BYTES;
      this.chunks.shift();
    }
  }
}
