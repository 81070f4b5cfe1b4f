// The browser shell's WebSocket (/<token>/ws): each page's requests go through the same dispatch() as Electron's
// IPC adapter, and core events are pushed to every connected page, in the format of shared/wire.ts.
// Reply audio also goes, as binary frames (shared/audio-frame.ts), to every page's audio channel (/audio,
// /<token>/audio, opened by a worker, issue 20); a page whose /ws says `audio=channel` gets audio events without samples.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { dispatch } from '../core/dispatch';
import type { Core } from '../core/core-interface';
import { errorInfo } from '../core/user-error';
import { errorText } from '../../shared/error-text';
import { decodeMessage, encodeMessage, INBOUND_LIMITS, tooLarge, WireError } from '../../shared/wire';
import { checkAccess, ownOrigin, originRefusal, type AccessRules } from './access';
import { audioFrameOf, withoutSamples } from '../shells-common/audio-stream';

/** Over this, a message waits for the core before the page's socket is read again (see onMessage). */
const BIG_MESSAGE = 1024 * 1024;
/** A page that stops reading is dropped (it reconnects) rather than buffering audio without end. */
const MAX_BUFFERED = 64 * 1024 * 1024;

export interface PageSockets {
  /** Takes an HTTP upgrade: <token>/ws or <token>/audio with the Host and the page's own Origin; anything else is refused. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Says goodbye to every page and stops taking connections. */
  close(): Promise<void>;
}

export function createPageSockets(o: { core: Core; rules: AccessRules; maxMessageBytes: number; log: (line: string) => void }): PageSockets {
  const { log } = o;
  const wss = new WebSocketServer({ noServer: true, maxPayload: o.maxMessageBytes, perMessageDeflate: false });
  const clients = new Set<WebSocket>();
  /** Pages that take reply audio on the audio channel. */
  const slim = new WeakSet<WebSocket>();
  const audioClients = new Set<WebSocket>();

  /** Sends a frame, unless the page stopped reading (then it is dropped and reconnects). */
  function sendFrame(ws: WebSocket, frame: string | Uint8Array): void {
    if (ws.readyState !== ws.OPEN) return;
    if (ws.bufferedAmount > MAX_BUFFERED) {
      log('a page stopped reading; dropping its connection');
      ws.terminate();
      return;
    }
    ws.send(frame);
  }

  function send(ws: WebSocket, message: unknown): void {
    if (ws.readyState !== ws.OPEN) return;
    let frame: string | Uint8Array;
    try {
      frame = encodeMessage(message);
    } catch (err) {
      // A value the wire cannot carry is a bug of ours; the page still gets an answer, and we keep running.
      const why = errorText(err);
      log(`could not encode a message: ${why}`);
      const id = (message as { id?: unknown }).id ?? null;
      frame = encodeMessage({ id, reply: { ok: false, error: errorInfo('internal', `Omni Desk could not send this answer (${why}). Try again.`) } });
    }
    sendFrame(ws, frame);
  }

  function onMessage(ws: WebSocket, data: RawData, isBinary: boolean, bigInFlight: { count: number }): void {
    let msg: unknown;
    const bytes = toBytes(data);
    // A big message (a recording, up to the size cap) is held until the core has taken it, and this page's
    // socket is not read meanwhile: a page cannot pile up recordings in memory faster than they are written.
    const big = bytes.byteLength > BIG_MESSAGE;
    if (big && bigInFlight.count++ === 0) ws.pause();
    const settled = () => {
      if (big && --bigInFlight.count === 0) ws.resume();
    };
    try {
      // Parsed with limits (length, nesting) checked first: a hostile frame is refused in a moment, not
      // built in memory while every reply's stream waits. A text frame's length is known before decoding it.
      if (!isBinary && bytes.byteLength > INBOUND_LIMITS.maxJsonBytes) throw tooLarge(INBOUND_LIMITS);
      // A plain Uint8Array view, so the decoder's slices are copies (Buffer#slice would share memory).
      msg = decodeMessage(isBinary ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) : bytes.toString('utf8'), INBOUND_LIMITS);
    } catch (err) {
      const why = err instanceof WireError ? err.message : 'Unreadable message.';
      settled();
      send(ws, { id: null, reply: { ok: false, error: errorInfo('invalid_input', why) } });
      return;
    }
    const req = msg as { id?: unknown; name?: unknown; input?: unknown };
    if (typeof msg !== 'object' || msg === null || !Number.isSafeInteger(req.id)) {
      settled();
      send(ws, { id: null, reply: { ok: false, error: errorInfo('invalid_input', 'A request needs a numeric id, a name and an input.') } });
      return;
    }
    // Requests run concurrently: chat.send answers while an earlier reply may still be streaming.
    void dispatch(o.core.handlers, req.name, req.input, log).then((reply) => {
      settled();
      send(ws, { id: req.id, reply });
    });
  }

  const unsubscribe = o.core.subscribe((event, payload) => {
    if (audioClients.size > 0) {
      const audio = audioFrameOf(event, payload);
      if (audio) for (const ws of audioClients) sendFrame(ws, audio);
    }
    if (clients.size === 0) return;
    const frames = new Map<boolean, string | Uint8Array>();
    for (const ws of clients) {
      const withoutAudio = slim.has(ws);
      let frame = frames.get(withoutAudio);
      if (frame === undefined) {
        try {
          frame = encodeMessage({ event, payload: withoutAudio ? withoutSamples(event, payload) : payload });
        } catch (err) {
          log(`could not encode a ${event} event: ${errorText(err)}`);
          return;
        }
        frames.set(withoutAudio, frame);
      }
      sendFrame(ws, frame);
    }
  });

  return {
    upgrade(req, socket, head) {
      // The token's folder first (access.ts), then the path below it: /ws or /audio, both with the page's Origin.
      const verdict = checkAccess(req, o.rules);
      if (!verdict.ok) {
        log(`refused a WebSocket connection: ${verdict.reason}`);
        return refuseUpgrade(socket, verdict.status, verdict.reason);
      }
      const path = verdict.path;
      if (path !== '/ws' && path !== '/audio') return refuseUpgrade(socket, 404, 'Not found.');
      const query = new URL(req.url ?? '/', ownOrigin(o.rules.port)).searchParams;
      const badOrigin = originRefusal(req, o.rules, true);
      if (badOrigin) {
        log(`refused a WebSocket connection: ${badOrigin}`);
        return refuseUpgrade(socket, 403, badOrigin);
      }
      wss.handleUpgrade(req, socket, head, (ws) => {
        if (path === '/audio') {
          // Frames go one way: whatever the page sends here is ignored.
          audioClients.add(ws);
          ws.on('close', () => audioClients.delete(ws));
          ws.on('error', (err) => log(`audio channel error: ${err.message}`));
          return;
        }
        if (query.get('audio') === 'channel') slim.add(ws);
        clients.add(ws);
        ws.on('close', () => clients.delete(ws));
        ws.on('error', (err) => log(`websocket error: ${err.message}`));
        const bigInFlight = { count: 0 };
        ws.on('message', (data, isBinary) => onMessage(ws, data, isBinary, bigInFlight));
      });
    },
    async close() {
      unsubscribe();
      await Promise.all([...clients, ...audioClients].map(closeClient));
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

export function refuseUpgrade(socket: Duplex, status: number, text: string): void {
  const reason = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found' }[status] ?? 'Error';
  const body = `${text}\n`;
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

/** Says goodbye; a page that does not answer the close handshake is cut after a moment. */
function closeClient(ws: WebSocket): Promise<void> {
  return new Promise((resolve) => {
    if (ws.readyState === ws.CLOSED) return resolve();
    const cut = setTimeout(() => ws.terminate(), 1000);
    ws.once('close', () => {
      clearTimeout(cut);
      resolve();
    });
    ws.close(1001, 'Omni Desk is shutting down');
  });
}

function toBytes(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}
