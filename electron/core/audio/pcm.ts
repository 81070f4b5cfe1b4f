// Reply audio is raw PCM16 LE, mono, 24 kHz, exactly as the API sends it (base64-decoded, no header).

export const REPLY_SAMPLE_RATE = 24_000;
export const BYTES_PER_SAMPLE = 2;

/** Joins PCM pieces into one new buffer, in order. Always a fresh plain Uint8Array (never a pooled Buffer). */
export function concatPcm(parts: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  let total = 0;
  for (const p of parts) total += p.byteLength;
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

/** Whole 16-bit mono samples in `bytes` of PCM (a stray odd byte is not a sample). */
export function pcmSamples(bytes: number): number {
  return Math.floor(bytes / BYTES_PER_SAMPLE);
}
