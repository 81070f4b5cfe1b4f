// What both shells do with a reply's audio for a page that took the audio channel (issue 20): the samples
// go as binary frames (shared/audio-frame.ts) on the channel, straight to the page's AudioWorklet, and the
// page's chat.event keeps only how many there were; the reply's outcome ends its stream on the channel.
import type { ChatEvent } from '../../shared/contract';
import { encodeAudioFrame } from '../../shared/audio-frame';

const EMPTY = new Uint8Array(0);

/** The frame that carries this event on the audio channel, or null when it carries none. */
export function audioFrameOf(event: string, payload: unknown): Uint8Array<ArrayBuffer> | null {
  if (event !== 'chat.event') return null;
  const ev = payload as ChatEvent;
  if (ev.kind === 'audio') {
    return encodeAudioFrame({ kind: 'samples', direction: 'reply', messageId: ev.messageId, conversationId: ev.conversationId, seq: ev.seq, sentAt: ev.receivedAt, pcm: ev.pcm });
  }
  if (ev.kind === 'outcome') {
    return encodeAudioFrame({ kind: 'end', direction: 'reply', messageId: ev.messageId, conversationId: ev.conversationId, seq: 0, sentAt: Date.now(), pcm: EMPTY });
  }
  return null;
}

/** The event as a page with the audio channel gets it: an audio chunk without its samples, only their count. */
export function withoutSamples(event: string, payload: unknown): unknown {
  if (event !== 'chat.event') return payload;
  const ev = payload as ChatEvent;
  if (ev.kind !== 'audio') return payload;
  return { ...ev, pcm: EMPTY, samples: Math.floor(ev.pcm.byteLength / 2) };
}
