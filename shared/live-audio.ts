// The binary frames of a live session's audio channel, both ways. Live audio never goes as JSON or base64:
// each shell gives every session a channel of its own for these frames — Electron a MessagePort from the main
// process, the browser shell a WebSocket at /live/<sessionId> — so the page can hand it to a worker or the
// AudioWorklet and the audio never waits on the page's main thread. Pure: the core, both shells and the page
// use this one file.
//
// Frame (little-endian):
//   offset 0   u8    kind      1 = microphone PCM16 16 kHz (page → core)
//                               2 = reply PCM16 24 kHz (core → page)
//                               3 = stop: the user spoke over this reply; stop playing it now (core → page, no PCM)
//                               4 = end: this reply's audio is all sent (core → page, no PCM; after its last kind 2)
//   offset 1   u8    version   1
//   offset 2   u8    id length n (ASCII message id of a reply; 0 for the microphone)
//   offset 3   u8    0
//   offset 4   u32   seq       counts frames of this kind (per reply for kind 2) from 0
//   offset 8   f64   time      ms since epoch: when the page captured it (1) / the core received it (2, 3)
//   offset 16  n     message id, then one 0 byte when n is odd (so the PCM starts on an even offset)
//   then             PCM16 LE mono samples (none for kind 3)

export const LIVE_FRAME_MIC = 1;
export const LIVE_FRAME_REPLY = 2;
export const LIVE_FRAME_STOP = 3;
export const LIVE_FRAME_END = 4;
export const LIVE_FRAME_VERSION = 1;
export const LIVE_FRAME_HEADER = 16;
/** The most a frame may carry: 1 s of 24 kHz audio and more than any sane chunk; bigger frames are refused. */
export const LIVE_FRAME_MAX_BYTES = 64 * 1024;

export type LiveFrameKind = typeof LIVE_FRAME_MIC | typeof LIVE_FRAME_REPLY | typeof LIVE_FRAME_STOP | typeof LIVE_FRAME_END;

export interface LiveFrame {
  kind: LiveFrameKind;
  seq: number;
  time: number;
  /** The reply's message id (kinds 2 and 3); '' for the microphone. */
  messageId: string;
  /** PCM16 LE mono; a fresh copy starting at offset 0 (so it can be viewed as Int16Array or transferred). */
  pcm: Uint8Array<ArrayBuffer>;
}

export class LiveFrameError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LiveFrameError';
  }
}

const ID = /^[A-Za-z0-9_-]{0,64}$/;

export function encodeLiveFrame(f: Omit<LiveFrame, 'pcm'> & { pcm?: Uint8Array }): Uint8Array<ArrayBuffer> {
  if (!ID.test(f.messageId)) throw new LiveFrameError('A live frame names a message by its id only.');
  const pcm = f.pcm ?? new Uint8Array(0);
  if (pcm.byteLength % 2 !== 0) throw new LiveFrameError('PCM16 has an even number of bytes.');
  const n = f.messageId.length;
  const start = LIVE_FRAME_HEADER + n + (n % 2);
  const out = new Uint8Array(start + pcm.byteLength);
  const v = new DataView(out.buffer);
  v.setUint8(0, f.kind);
  v.setUint8(1, LIVE_FRAME_VERSION);
  v.setUint8(2, n);
  v.setUint32(4, f.seq >>> 0, true);
  v.setFloat64(8, f.time, true);
  for (let i = 0; i < n; i++) out[LIVE_FRAME_HEADER + i] = f.messageId.charCodeAt(i);
  out.set(pcm, start);
  return out;
}

export function decodeLiveFrame(frame: ArrayBuffer | Uint8Array): LiveFrame {
  const bytes = frame instanceof Uint8Array ? frame : new Uint8Array(frame);
  if (bytes.byteLength < LIVE_FRAME_HEADER) throw new LiveFrameError('A live frame is at least 16 bytes.');
  if (bytes.byteLength > LIVE_FRAME_MAX_BYTES + LIVE_FRAME_HEADER + 64) throw new LiveFrameError('A live frame is too large.');
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const kind = v.getUint8(0);
  if (kind !== LIVE_FRAME_MIC && kind !== LIVE_FRAME_REPLY && kind !== LIVE_FRAME_STOP && kind !== LIVE_FRAME_END) throw new LiveFrameError(`Unknown live frame kind ${kind}.`);
  if (v.getUint8(1) !== LIVE_FRAME_VERSION) throw new LiveFrameError(`Unknown live frame version ${v.getUint8(1)}.`);
  const n = v.getUint8(2);
  const start = LIVE_FRAME_HEADER + n + (n % 2);
  if (start > bytes.byteLength) throw new LiveFrameError('A live frame\'s id runs past its end.');
  let messageId = '';
  for (let i = 0; i < n; i++) messageId += String.fromCharCode(bytes[LIVE_FRAME_HEADER + i]!);
  if (!ID.test(messageId)) throw new LiveFrameError('A live frame names a message by its id only.');
  const pcmBytes = bytes.byteLength - start;
  if (pcmBytes % 2 !== 0) throw new LiveFrameError('PCM16 has an even number of bytes.');
  return {
    kind: kind as LiveFrameKind, seq: v.getUint32(4, true), time: v.getFloat64(8, true), messageId,
    pcm: bytes.slice(start),
  };
}

/** What the preload posts to the page (window 'message', the port in event.ports[0]) for a session's channel. */
export const LIVE_PORT_MESSAGE = 'omni-live-audio-port';

/**
 * A live session's audio channel as the page's bridge gives it (OmniBridge.openLiveAudio): the frames above,
 * both ways. Electron: the session's MessagePort from the main process; the browser shell: a WebSocket at
 * /live/<sessionId>. The page cannot tell which.
 */
export interface LiveAudioChannel {
  /** Sends one frame (encodeLiveFrame: microphone PCM) to the core. */
  send(frame: Uint8Array): void;
  /** Every frame from the core (reply PCM, stop), as bytes; returns the unsubscribe. */
  onFrame(listener: (frame: Uint8Array) => void): () => void;
  /** Called once when the channel closes (the session ended, the connection went, or close() was called). */
  onClose(listener: () => void): () => void;
  close(): void;
  /**
   * The fast path (issue 21): the channel's audio moves between the capture worklet, the core and the playback
   * worklet without the page's main thread. `toMic` posts one message (and its transfers) into the microphone's
   * AudioWorklet (resources/public/live-mic.worklet.js); `inlet` is a port into the playback worklet's inlet
   * (null: reply audio keeps coming to onFrame). Frames the page still needs (a reply has begun, stop) keep
   * coming to onFrame, the close to onClose. Returns what takes the messages the microphone worklet sends back
   * to the page (route set up), or null when this channel has no such route (the page then sends each chunk).
   */
  route?(toMic: (message: unknown, transfer: unknown[]) => void, inlet: unknown): ((message: unknown) => void) | null;
}

/** The bytes of a frame as a MessagePort or WebSocket delivers them (a Uint8Array or an ArrayBuffer), else null. */
export function liveFrameBytes(data: unknown): Uint8Array | null {
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return null;
}
