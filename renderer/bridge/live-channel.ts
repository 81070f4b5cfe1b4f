// A live session's audio channel (shared/live-audio.ts' LiveAudioChannel) over what each shell hands the page:
// Electron a MessagePort (through the preload and window.postMessage), the browser shell a WebSocket at
// /live/<sessionId>. Both carry the same binary frames; the renderer cannot tell them apart.
// Typed structurally: this module is also compiled (and run in the shell tests) under Node, without DOM types.
import { liveFrameBytes, type LiveAudioChannel } from '../../shared/live-audio';

/** The part of a DOM (or Node worker_threads) MessagePort the channel uses. */
export interface PortLike {
  postMessage(message: unknown, transfer?: unknown[]): void;
  start?(): void;
  close(): void;
  addEventListener(type: 'message', listener: (e: { data: unknown }) => void): void;
  addEventListener(type: 'close', listener: () => void): void;
}

/** The part of a WebSocket the channel uses. */
export interface SocketLike {
  binaryType: string;
  readonly readyState: number;
  send(data: Uint8Array): void;
  close(code?: number): void;
  addEventListener(type: 'message', listener: (e: { data: unknown }) => void): void;
  addEventListener(type: 'close' | 'error', listener: () => void): void;
}

/** Listeners and the once-only close both channels share. */
function frameHub() {
  const frames = new Set<(frame: Uint8Array) => void>();
  const closes = new Set<() => void>();
  let closed = false;
  return {
    get closed() {
      return closed;
    },
    frame(data: unknown) {
      const bytes = liveFrameBytes(data);
      if (!bytes || closed) return;
      for (const l of frames) l(bytes);
    },
    close() {
      if (closed) return;
      closed = true;
      for (const l of closes) l();
      frames.clear();
      closes.clear();
    },
    onFrame(l: (frame: Uint8Array) => void) {
      frames.add(l);
      return () => void frames.delete(l);
    },
    onClose(l: () => void) {
      if (closed) {
        l();
        return () => {};
      }
      closes.add(l);
      return () => void closes.delete(l);
    },
  };
}

export function portChannel(port: PortLike): LiveAudioChannel {
  const hub = frameHub();
  port.addEventListener('message', (e) => hub.frame(e.data));
  port.addEventListener('close', () => hub.close());
  port.start?.();
  return {
    send(frame) {
      if (hub.closed) return;
      // A copy of its own, so the buffer can be transferred (no copy on the way to the main process).
      const copy = frame.slice();
      port.postMessage(copy, [copy.buffer]);
    },
    onFrame: (l) => hub.onFrame(l),
    onClose: (l) => hub.onClose(l),
    close() {
      port.close();
      hub.close();
    },
  };
}

const OPEN = 1;

export function socketChannel(ws: SocketLike): LiveAudioChannel {
  const hub = frameHub();
  ws.binaryType = 'arraybuffer';
  ws.addEventListener('message', (e) => hub.frame(e.data));
  ws.addEventListener('close', () => hub.close());
  ws.addEventListener('error', () => hub.close());
  return {
    send(frame) {
      if (!hub.closed && ws.readyState === OPEN) ws.send(frame);
    },
    onFrame: (l) => hub.onFrame(l),
    onClose: (l) => hub.onClose(l),
    close() {
      ws.close(1000);
      hub.close();
    },
  };
}
