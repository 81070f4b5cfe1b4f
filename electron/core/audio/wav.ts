// The canonical 44-byte RIFF/WAVE header for integer PCM, so stored reply audio can be saved or played
// by anything that reads .wav.
import { REPLY_SAMPLE_RATE } from './pcm';

export const WAV_HEADER_BYTES = 44;
/** RIFF sizes are 32-bit; the RIFF chunk size adds 36 bytes of header to the data. */
const MAX_DATA_BYTES = 0xffff_ffff - 36;

export function wavHeader(dataBytes: number, sampleRate = REPLY_SAMPLE_RATE, channels = 1, bits = 16): Uint8Array<ArrayBuffer> {
  if (!Number.isInteger(dataBytes) || dataBytes < 0 || dataBytes > MAX_DATA_BYTES) {
    throw new RangeError(`A WAV file holds 0 to ${MAX_DATA_BYTES} bytes of audio, not ${dataBytes}.`);
  }
  if (!Number.isInteger(sampleRate) || sampleRate <= 0) throw new RangeError(`Bad sample rate: ${sampleRate}.`);
  if (!Number.isInteger(channels) || channels < 1 || channels > 0xffff) throw new RangeError(`Bad channel count: ${channels}.`);
  if (bits !== 8 && bits !== 16 && bits !== 24 && bits !== 32) throw new RangeError(`Bad bits per sample: ${bits}.`);

  const blockAlign = channels * (bits / 8);
  const byteRate = sampleRate * blockAlign;
  const header = new Uint8Array(WAV_HEADER_BYTES);
  const v = new DataView(header.buffer);
  const ascii = (at: number, s: string) => {
    for (let i = 0; i < s.length; i++) header[at + i] = s.charCodeAt(i);
  };
  ascii(0, 'RIFF');
  v.setUint32(4, 36 + dataBytes, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  v.setUint32(16, 16, true); // fmt chunk size for plain PCM
  v.setUint16(20, 1, true); // format tag 1 = integer PCM
  v.setUint16(22, channels, true);
  v.setUint32(24, sampleRate, true);
  v.setUint32(28, byteRate, true);
  v.setUint16(32, blockAlign, true);
  v.setUint16(34, bits, true);
  ascii(36, 'data');
  v.setUint32(40, dataBytes, true);
  return header;
}

/**
 * PCM16 LE mono → a complete .wav file. A stray odd last byte is dropped: it is not a sample, and an odd
 * data chunk would need RIFF padding that some readers mishandle.
 */
export function pcmToWav(pcm: Uint8Array, sampleRate = REPLY_SAMPLE_RATE): Uint8Array<ArrayBuffer> {
  const data = pcm.byteLength % 2 === 0 ? pcm : pcm.subarray(0, pcm.byteLength - 1);
  const out = new Uint8Array(WAV_HEADER_BYTES + data.byteLength);
  out.set(wavHeader(data.byteLength, sampleRate, 1, 16), 0);
  out.set(data, WAV_HEADER_BYTES);
  return out;
}
