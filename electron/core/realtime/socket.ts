// The Realtime API's WebSocket, behind a small interface so the transport can be swapped like `fetch` is: the
// core's default uses the `ws` package (plain Node, an Authorization header on the upgrade); a shell may give
// its own (Electron behind a proxy, say). The key goes only into the upgrade's headers, never into a URL or log.
import WebSocket from 'ws';

export interface RealtimeSocketHandlers {
  onOpen(): void;
  /** One JSON text frame from the server. */
  onMessage(text: string): void;
  /** The server answered the upgrade with an HTTP status instead (401, 404…) and this body. */
  onRefused(status: number, body: string): void;
  /** The socket closed (after onOpen, or a failed connection: code 1006). */
  onClose(code: number, reason: string): void;
  /** A network or protocol error; onClose follows. */
  onError(err: Error): void;
}

export interface RealtimeSocket {
  send(text: string): void;
  close(code?: number, reason?: string): void;
  /** Cut at once, without the closing handshake. */
  terminate(): void;
  /** Bytes queued but not yet written to the network. */
  readonly bufferedAmount: number;
}

export type RealtimeSocketFactory = (url: string, headers: Record<string, string>, handlers: RealtimeSocketHandlers) => RealtimeSocket;

const HANDSHAKE_TIMEOUT_MS = 15_000;
/** The most of a refused upgrade's body that is read (an error body is small; a proxy's page is not needed whole). */
const REFUSAL_BODY_MAX = 16 * 1024;

/** The default transport: `ws`, with permessage-deflate off (audio does not compress and it costs CPU). */
export const wsSocketFactory: RealtimeSocketFactory = (url, headers, h) => {
  const ws = new WebSocket(url, { headers, perMessageDeflate: false, handshakeTimeout: HANDSHAKE_TIMEOUT_MS });
  let refused = false;
  ws.on('open', () => h.onOpen());
  ws.on('message', (data, isBinary) => {
    if (!isBinary) h.onMessage(Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.concat(data as Buffer[]).toString('utf8'));
  });
  ws.on('unexpected-response', (req, res) => {
    refused = true;
    const parts: Buffer[] = [];
    let size = 0;
    res.on('data', (d: Buffer) => {
      if (size < REFUSAL_BODY_MAX) parts.push(d);
      size += d.length;
    });
    res.on('end', () => {
      h.onRefused(res.statusCode ?? 0, Buffer.concat(parts).toString('utf8').slice(0, REFUSAL_BODY_MAX));
      req.destroy();
    });
    res.on('error', () => h.onRefused(res.statusCode ?? 0, ''));
  });
  ws.on('error', (err) => {
    if (!refused) h.onError(err);
  });
  ws.on('close', (code, reason) => {
    if (!refused) h.onClose(code, reason.toString('utf8'));
  });
  return {
    send: (text) => ws.send(text),
    close: (code, reason) => ws.close(code, reason),
    terminate: () => ws.terminate(),
    get bufferedAmount() {
      return ws.bufferedAmount;
    },
  };
};
