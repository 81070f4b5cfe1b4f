// PCM16 mono from one sample rate to another by linear interpolation: for joining a live session's 16 kHz
// spoken turns with its 24 kHz replies into one WAV. Speech survives this well; written here because it is
// a dozen lines and the export must not wait on an ffmpeg process per turn.

export function resamplePcm16(pcm: Uint8Array, from: number, to: number): Uint8Array<ArrayBuffer> {
  const n = Math.floor(pcm.byteLength / 2);
  if (from === to || n === 0) return pcm.slice(0, n * 2);
  const src = new DataView(pcm.buffer, pcm.byteOffset, n * 2);
  const m = Math.floor((n * to) / from);
  const out = new Uint8Array(m * 2);
  const dst = new DataView(out.buffer);
  const step = from / to;
  for (let i = 0; i < m; i++) {
    const x = i * step;
    const k = Math.floor(x);
    const f = x - k;
    const a = src.getInt16(k * 2, true);
    const b = k + 1 < n ? src.getInt16((k + 1) * 2, true) : a;
    dst.setInt16(i * 2, Math.round(a + (b - a) * f), true);
  }
  return out;
}
