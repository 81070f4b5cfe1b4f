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

/** What the microphone worklet (or the worker) tells the page once routed: frames it must see, levels, the close. */
function fromRouter(hub: ReturnType<typeof frameHub>) {
  return (message: unknown) => {
    const m = message as { type?: unknown; frame?: unknown } | null;
    if (m?.type === 'frame') hub.frame(m.frame);
    else if (m?.type === 'closed') hub.close();
  };
}

/**
 * Electron: the main process's port. Routed (issue 21), the port itself moves into the microphone's AudioWorklet,
 * which sends the chunks to the core and the reply's frames to the playback worklet (live-router.js).
 */
export function portChannel(port: PortLike): LiveAudioChannel {
  const hub = frameHub();
  let routed = false;
  port.addEventListener('message', (e) => hub.frame(e.data));
  port.addEventListener('close', () => hub.close());
  port.start?.();
  return {
    route(toMic, inlet) {
      if (hub.closed || routed) return null;
      routed = true;
      toMic({ type: 'route', core: port, inlet }, inlet ? [port, inlet] : [port]);
      return fromRouter(hub);
    },
    send(frame) {
      if (hub.closed || routed) return;
      // A copy of its own, so the buffer can be transferred (no copy on the way to the main process).
      const copy = frame.slice();
      port.postMessage(copy, [copy.buffer]);
    },
    onFrame: (l) => hub.onFrame(l),
    onClose: (l) => hub.onClose(l),
    close() {
      // Routed, the port is the worklet's: stopping the microphone closes it there.
      if (!routed) port.close();
      hub.close();
    },
  };
}

/** The part of a DOM Worker the channel uses. */
export interface WorkerLike {
  postMessage(message: unknown, transfer?: unknown[]): void;
  addEventListener(type: 'message', listener: (e: { data: unknown }) => void): void;
  terminate(): void;
}

/** The part of the DOM's MessageChannel the channel uses. */
export type ChannelFactory = () => { port1: unknown; port2: unknown };

/**
 * The browser shell: a worker (resources/public/live-channel.worker.js) holds the session's socket, already
 * open (`{type:'open'}` seen). Routed (issue 21), the microphone worklet posts its chunks to the worker on a
 * port of their own, and the worker sends the reply's frames to the playback worklet.
 */
export function workerChannel(worker: WorkerLike, newChannel: ChannelFactory): LiveAudioChannel {
  const hub = frameHub();
  const told = fromRouter(hub);
  worker.addEventListener('message', (e) => told(e.data));
  return {
    route(toMic, inlet) {
      if (hub.closed) return null;
      const { port1, port2 } = newChannel();
      worker.postMessage({ type: 'route', mic: port2, inlet }, inlet ? [port2, inlet] : [port2]);
      toMic({ type: 'route', out: port1 }, [port1]);
      return () => {};
    },
    send(frame) {
      if (hub.closed) return;
      const copy = frame.slice();
      worker.postMessage({ type: 'send', frame: copy.buffer }, [copy.buffer]);
    },
    onFrame: (l) => hub.onFrame(l),
    onClose: (l) => hub.onClose(l),
    close() {
      worker.postMessage({ type: 'close' });
      hub.close();
      worker.terminate();
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
