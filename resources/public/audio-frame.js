// Reads one audio frame (shared/audio-frame.ts writes them; keep the two in step) inside the AudioWorklet,
// which has no TextDecoder: ids are ASCII. Returns null for anything that is not a frame.
// Accepts an ArrayBuffer (a WebSocket's binary frame) or a Uint8Array (Electron's MessagePortMain posts one);
// returns the frame's fields, its buffer and where the PCM starts in it.
export function readAudioFrame(data) {
  let buf = data;
  if (ArrayBuffer.isView(data)) {
    buf = data.byteOffset === 0 && data.byteLength === data.buffer.byteLength ? data.buffer : data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength);
  }
  if (!(buf instanceof ArrayBuffer) || buf.byteLength < 18) return null;
  const b = new Uint8Array(buf);
  if (b[0] !== 1 || b[1] < 1 || b[1] > 3 || b[2] > 1) return null;
  const v = new DataView(buf);
  let at = 16;
  const idLen = b[at++];
  const messageId = String.fromCharCode.apply(null, b.subarray(at, at + idLen));
  at += idLen;
  const convLen = b[at++];
  const conversationId = String.fromCharCode.apply(null, b.subarray(at, at + convLen));
  at += convLen;
  if (at > buf.byteLength) return null;
  return {
    kind: b[1] === 1 ? 'samples' : b[1] === 2 ? 'end' : 'stop',
    direction: b[2] === 0 ? 'reply' : 'question',
    seq: v.getUint32(4, true),
    sentAt: v.getFloat64(8, true),
    messageId,
    conversationId,
    buffer: buf,
    pcmOffset: at,
  };
}
