// Where audio streams enter the AudioWorklet without the page's main thread (issue 20). The page hands one
// MessagePort to the 'audio-inlet' node once: in Electron the main process's end of a MessageChannelMain
// (through the preload), in the browser shell a worker's end that forwards the /audio WebSocket's binary
// frames. Each message on it is one frame (audio-frame.js). Frames are kept here per stream until a
// pcm-player node claims the stream by its id (a live voice session hands in a second port, key 'live'); the page learns of a new stream from the inlet node's port
// ({type: 'stream', messageId, conversationId, direction}) and makes the player node then. A stream the page
// stops or that ended is closed: later frames of it are dropped. Everything here lives in the one
// AudioWorkletGlobalScope of the context, which both processors share. The same way in, by direction, will
// carry a recorded question's audio for live voice.
import { readAudioFrame } from './audio-frame.js';

/** id → {queue: items and {end: true} not yet claimed, sink, odd byte carried between frames} */
const streams = new Map();
const closed = new Set();
/** Module-level so no port is collected while the context lives: the chat's channel, and a live session's. */
let control = null;
const framePorts = new Map();

/** A player takes the stream `id`: `sink.samples(item)` and `sink.end()` from now on, queued ones first. */
export function claimStream(id, sink) {
  let s = streams.get(id);
  if (!s) streams.set(id, (s = newStream()));
  s.sink = sink;
  for (const item of s.queue.splice(0)) {
    if (item.end) sink.end();
    else sink.samples(item);
  }
}

/** The stream is over for this page (played out, or stopped): drop what is left and whatever follows. */
export function closeStream(id) {
  streams.delete(id);
  closed.add(id);
}

function newStream() {
  return { queue: [], sink: null, odd: null };
}

function onFrame(buf) {
  const arrivedAt = Date.now();
  const f = readAudioFrame(buf);
  if (!f || closed.has(f.messageId)) return;
  let s = streams.get(f.messageId);
  // Barge-in on a live reply: its player goes silent now, on this thread, whatever the page is doing.
  if (f.kind === 'stop') {
    if (s && s.sink && s.sink.stop) s.sink.stop();
    closeStream(f.messageId);
    return;
  }
  // The end of a stream this page never saw a sample of (a reply without audio): nothing to play.
  if (!s && f.kind === 'end') return;
  if (!s) {
    streams.set(f.messageId, (s = newStream()));
    if (control) control.postMessage({ type: 'stream', messageId: f.messageId, conversationId: f.conversationId, direction: f.direction });
  }
  let item;
  if (f.kind === 'end') {
    item = { end: true };
  } else {
    let bytes = new Uint8Array(f.buffer, f.pcmOffset);
    if (s.odd !== null) {
      const joined = new Uint8Array(bytes.length + 1);
      joined[0] = s.odd;
      joined.set(bytes, 1);
      bytes = joined;
      s.odd = null;
    }
    const even = bytes.length - (bytes.length % 2);
    if (even < bytes.length) s.odd = bytes[bytes.length - 1];
    // A copy into its own buffer, aligned for Int16Array (PCM16 LE; every platform we ship is little-endian).
    const pcm = new Int16Array(bytes.slice(0, even).buffer);
    if (pcm.length === 0) return;
    item = { pcm, seq: f.seq, sentAt: f.sentAt, arrivedAt };
  }
  if (s.sink) {
    if (item.end) s.sink.end();
    else s.sink.samples(item);
  } else {
    s.queue.push(item);
  }
}

class AudioInletProcessor extends AudioWorkletProcessor {
  constructor() {
    super();
    control = this.port;
    this.port.onmessage = (e) => {
      const m = e.data;
      if (!m) return;
      if (m.type === 'connect' && m.port) {
        // One port per source ('chat' by default; a live session's is 'live'): a new one replaces its own kind.
        const key = typeof m.key === 'string' ? m.key : 'chat';
        const old = framePorts.get(key);
        if (old) old.close();
        framePorts.set(key, m.port);
        m.port.onmessage = (ev) => onFrame(ev.data);
      } else if (m.type === 'close' && typeof m.messageId === 'string') {
        closeStream(m.messageId);
      }
    };
  }

  process() {
    return true;
  }
}

registerProcessor('audio-inlet', AudioInletProcessor);
