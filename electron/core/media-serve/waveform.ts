// A reply's waveform: the loudest sample of each of `buckets` equal slices of its PCM, as 0..1. The
// renderer draws these bars; computing them here means a reply's whole audio never has to cross to the
// page just to be drawn.
import { UserError } from '../user-error';
import type { Store } from '../store/history-store';

export const DEFAULT_PEAKS = 200;

export interface ReplyWaveform {
  /** 16-bit mono samples in the reply's audio. */
  samples: number;
  /** One value per slice, 0 (silence) to 1 (full scale); fewer than asked when there are fewer samples. */
  peaks: number[];
}

export function pcmPeaks(pcm: Uint8Array, buckets: number): number[] {
  const samples = Math.floor(pcm.byteLength / 2);
  const n = Math.max(0, Math.min(Math.floor(buckets), samples));
  if (n === 0) return [];
  const view = new DataView(pcm.buffer, pcm.byteOffset, samples * 2);
  const peaks: number[] = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const from = Math.floor((i * samples) / n);
    const to = Math.floor(((i + 1) * samples) / n);
    let max = 0;
    for (let s = from; s < to; s++) {
      const v = Math.abs(view.getInt16(s * 2, true));
      if (v > max) max = v;
    }
    // Three decimals are more than a drawn bar can show, and keep the answer small.
    peaks[i] = Math.round((Math.min(max, 32767) / 32767) * 1000) / 1000;
  }
  return peaks;
}

export function replyWaveform(store: Pick<Store, 'getMessage' | 'readReplyAudio'>, messageId: string, buckets = DEFAULT_PEAKS): ReplyWaveform {
  const message = store.getMessage(messageId);
  if (!message || message.role !== 'assistant') {
    throw new UserError('not_found', 'That reply no longer exists. It may have been deleted.');
  }
  const pcm = store.readReplyAudio(messageId);
  return { samples: Math.floor(pcm.byteLength / 2), peaks: pcmPeaks(pcm, buckets) };
}
