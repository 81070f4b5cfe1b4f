// Live voice's audio between the capture worklet, the core and the playback worklet, off the page's main
// thread (issue 21). It runs where the session's channel to the core is: in the browser shell the worker that
// holds the <token>/live/<id> socket (live-channel.worker.js), in Electron the microphone's AudioWorklet, which
// holds the main process's MessagePort (live-mic.worklet.js). Microphone chunks become live frames
// (shared/live-audio.ts: keep the two in step) for the core; the reply's frames become audio frames
// (shared/audio-frame.ts, read by audio-frame.js) for the playback worklet's inlet. The page is sent only what
// it must know: the first frame of each reply without its samples (what plays), stop (barge-in: the playback
// worklet is silenced directly too), levels.
// Plain JS, served as a file (the CSP allows no blob:).

const MIC = 1;
const REPLY = 2;
const STOP = 3;
const END = 4;
const LIVE_HEADER = 16;
const AUDIO_HEADER = 16;

/** A microphone chunk (PCM16 LE, an ArrayBuffer) as a live frame. */
export function micFrame(pcm, seq, capturedAt) {
  const out = new Uint8Array(LIVE_HEADER + pcm.byteLength);
  const v = new DataView(out.buffer);
  v.setUint8(0, MIC);
  v.setUint8(1, 1);
  v.setUint32(4, seq >>> 0, true);
  v.setFloat64(8, capturedAt, true);
  out.set(new Uint8Array(pcm), LIVE_HEADER);
  return out;
}

/** The loudest sample of a PCM16 chunk, 0–1 (the page shows it as the microphone's level). */
export function peakOf(pcm) {
  const s = new Int16Array(pcm);
  let peak = 0;
  for (let i = 0; i < s.length; i++) {
    const a = s[i] < 0 ? -s[i] : s[i];
    if (a > peak) peak = a;
  }
  return peak / 0x8000;
}

function audioFrame(kind, messageId, conversationId, seq, sentAt, pcm) {
  const out = new Uint8Array(AUDIO_HEADER + 2 + messageId.length + conversationId.length + (pcm ? pcm.byteLength : 0));
  const v = new DataView(out.buffer);
  v.setUint8(0, 1);
  v.setUint8(1, kind === 'end' ? 2 : kind === 'stop' ? 3 : 1);
  v.setUint8(2, 0); // reply
  v.setUint32(4, seq >>> 0, true);
  v.setFloat64(8, sentAt, true);
  let at = AUDIO_HEADER;
  out[at++] = messageId.length;
  for (let i = 0; i < messageId.length; i++) out[at++] = messageId.charCodeAt(i);
  out[at++] = conversationId.length;
  for (let i = 0; i < conversationId.length; i++) out[at++] = conversationId.charCodeAt(i);
  if (pcm) out.set(pcm, at);
  return out;
}

/**
 * toCore(bytes: Uint8Array) sends a frame to the core (its buffer may be transferred);
 * toPage(message, transfer?) tells the page: {type:'frame', frame: ArrayBuffer} (a live frame), {type:'level', peak}.
 */
export function createLiveRouter({ toCore, toPage }) {
  let inlet = null;
  let conversationId = '';
  let seq = 0;
  const announced = new Set();

  const forPage = (bytes) => {
    const copy = bytes.slice().buffer;
    toPage({ type: 'frame', frame: copy }, [copy]);
  };

  return {
    /** Reply audio goes to the playback worklet from now on (null: to the page). */
    setInlet(port, conversation) {
      inlet = port || null;
      conversationId = typeof conversation === 'string' ? conversation : '';
    },
    /** A microphone chunk from the capture worklet. */
    mic(pcm, capturedAt) {
      const peak = peakOf(pcm);
      toCore(micFrame(pcm, seq++, capturedAt));
      toPage({ type: 'level', peak });
    },
    /** A frame from the core (an ArrayBuffer or a Uint8Array). */
    fromCore(data) {
      const bytes = data instanceof Uint8Array ? data : data instanceof ArrayBuffer ? new Uint8Array(data) : null;
      if (!bytes || bytes.byteLength < LIVE_HEADER) return;
      const kind = bytes[0];
      if (!inlet || (kind !== REPLY && kind !== END && kind !== STOP)) {
        forPage(bytes);
        return;
      }
      const n = bytes[2];
      let messageId = '';
      for (let i = 0; i < n; i++) messageId += String.fromCharCode(bytes[LIVE_HEADER + i]);
      const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      const frameSeq = v.getUint32(4, true);
      const time = v.getFloat64(8, true);
      if (kind === STOP) {
        // Silenced in the playback worklet at once; the page still hears of it (how much was heard, live.heard).
        const stop = audioFrame('stop', messageId, conversationId, 0, time, null);
        inlet.postMessage(stop.buffer, [stop.buffer]);
        forPage(bytes);
        return;
      }
      if (kind === END) {
        announced.delete(messageId);
        const end = audioFrame('end', messageId, conversationId, frameSeq, time, null);
        inlet.postMessage(end.buffer, [end.buffer]);
        return;
      }
      if (!announced.has(messageId)) {
        announced.add(messageId);
        // What plays now, without its samples: the page follows the reply (barge-in, the player's figures).
        forPage(bytes.subarray(0, LIVE_HEADER + n + (n % 2)));
      }
      const pcm = bytes.subarray(LIVE_HEADER + n + (n % 2));
      const frame = audioFrame('samples', messageId, conversationId, frameSeq, time, pcm);
      inlet.postMessage(frame.buffer, [frame.buffer]);
    },
    close() {
      if (inlet) inlet.close();
      inlet = null;
    },
  };
}
