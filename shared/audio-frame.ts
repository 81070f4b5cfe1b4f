// One binary frame of a PCM16 audio stream on its own channel (issue 20): the Electron main process posts
// these on a MessagePort, the browser shell sends them as WebSocket binary frames; either way they reach the
// AudioWorklet without the page's main thread, and no JSON or base64 is on the way. The same frame carries
// a recorded question's audio the other way (direction 'question'), for live voice later.
//
// Layout (little-endian): u8 version (1) · u8 kind (1 samples, 2 end, 3 stop) · u8 direction (0 reply, 1 question) ·
// u8 0 · u32 seq · f64 sentAt (ms since epoch: when the core received it) · u8 id length · id (ASCII) ·
// u8 conversation id length · conversation id (ASCII) · PCM16 LE mono 24 kHz (may be empty).
// The worklet's reader is resources/public/audio-frame.js (plain JS, served as a file): keep the two in step
// (test/renderer/audio-channel.test.ts decodes this encoder's frames with it).

export const AUDIO_FRAME_VERSION = 1;
/** 'stop': silence this stream now (a live reply spoken over: barge-in), without waiting for the page. */
export type AudioFrameKind = 'samples' | 'end' | 'stop';
export type AudioDirection = 'reply' | 'question';

export interface AudioFrame {
  kind: AudioFrameKind;
  direction: AudioDirection;
  /** The stream: a reply's message id (or a recording's id). */
  messageId: string;
  conversationId: string;
  seq: number;
  sentAt: number;
  pcm: Uint8Array;
}

const HEAD = 16;
const KINDS: Record<AudioFrameKind, number> = { samples: 1, end: 2, stop: 3 };
const DIRECTIONS: Record<AudioDirection, number> = { reply: 0, question: 1 };

function ascii(s: string): number[] {
  if (s.length > 255 || !/^[\x20-\x7e]*$/.test(s)) throw new TypeError('An audio frame id must be printable ASCII, at most 255 characters.');
  return Array.from(s, (c) => c.charCodeAt(0));
}

export function encodeAudioFrame(f: AudioFrame): Uint8Array<ArrayBuffer> {
  const id = ascii(f.messageId);
  const conv = ascii(f.conversationId);
  const out = new Uint8Array(HEAD + 2 + id.length + conv.length + f.pcm.byteLength);
  const v = new DataView(out.buffer);
  v.setUint8(0, AUDIO_FRAME_VERSION);
  v.setUint8(1, KINDS[f.kind]);
  v.setUint8(2, DIRECTIONS[f.direction]);
  v.setUint32(4, f.seq >>> 0, true);
  v.setFloat64(8, f.sentAt, true);
  let at = HEAD;
  out[at++] = id.length;
  out.set(id, at);
  at += id.length;
  out[at++] = conv.length;
  out.set(conv, at);
  at += conv.length;
  out.set(f.pcm, at);
  return out;
}

export function decodeAudioFrame(bytes: Uint8Array): AudioFrame | null {
  if (bytes.byteLength < HEAD + 2 || bytes[0] !== AUDIO_FRAME_VERSION) return null;
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const kind = (Object.keys(KINDS) as AudioFrameKind[]).find((k) => KINDS[k] === bytes[1]);
  const direction = (Object.keys(DIRECTIONS) as AudioDirection[]).find((k) => DIRECTIONS[k] === bytes[2]);
  if (!kind || !direction) return null;
  let at = HEAD;
  const idLen = bytes[at++]!;
  const messageId = String.fromCharCode(...bytes.subarray(at, at + idLen));
  at += idLen;
  const convLen = bytes[at++] ?? 0;
  const conversationId = String.fromCharCode(...bytes.subarray(at, at + convLen));
  at += convLen;
  if (at > bytes.byteLength) return null;
  return { kind, direction, messageId, conversationId, seq: v.getUint32(4, true), sentAt: v.getFloat64(8, true), pcm: bytes.slice(at) };
}
