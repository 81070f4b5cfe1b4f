// Raw HTTP and WebSocket clients for the shell tests: node:http lets a test send any Host, Origin or
// Cookie header (fetch refuses to), and `ws` lets it send any Origin on the upgrade.
import { request } from 'node:http';
import WebSocket from 'ws';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export function get(port: number, pathAndQuery: string, headers: Record<string, string> = {}, method = 'GET'): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      // `path` goes out exactly as written: no normalising of `..` on the way.
      { host: '127.0.0.1', port, path: pathAndQuery, method, headers: { host: `127.0.0.1:${port}`, ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

export type WsOutcome = { opened: true; ws: WebSocket } | { opened: false; status: number; body: string };

/** Opens a WebSocket with the given headers; resolves with the socket or the HTTP refusal. */
export function openWs(port: number, pathAndQuery: string, headers: { origin?: string; host?: string; cookie?: string } = {}): Promise<WsOutcome> {
  return new Promise((resolve, reject) => {
    const extra: Record<string, string> = {};
    if (headers.host) extra.host = headers.host;
    if (headers.cookie) extra.cookie = headers.cookie;
    const ws = new WebSocket(`ws://127.0.0.1:${port}${pathAndQuery}`, {
      ...(headers.origin !== undefined ? { origin: headers.origin } : {}),
      headers: extra,
    });
    ws.once('open', () => resolve({ opened: true, ws }));
    ws.once('unexpected-response', (_req, res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ opened: false, status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    ws.once('error', (err) => {
      if (ws.readyState !== ws.CLOSED && ws.readyState !== ws.CLOSING) reject(err);
    });
  });
}

/** Collects every frame a socket receives, decoded as (text | bytes). */
export function collect(ws: WebSocket): { frames: Array<{ binary: boolean; data: Buffer }>; next(): Promise<{ binary: boolean; data: Buffer }> } {
  const frames: Array<{ binary: boolean; data: Buffer }> = [];
  const waiters: Array<(f: { binary: boolean; data: Buffer }) => void> = [];
  let read = 0;
  ws.on('message', (data: Buffer, isBinary: boolean) => {
    const f = { binary: isBinary, data: Buffer.from(data) };
    frames.push(f);
    const w = waiters.shift();
    if (w) {
      read += 1;
      w(f);
    }
  });
  return {
    frames,
    next() {
      if (read < frames.length) return Promise.resolve(frames[read++]!);
      return new Promise((resolve) => waiters.push(resolve));
    },
  };
}
