// The browser shell: the core bound to the contract over HTTP + WebSocket on 127.0.0.1. One HTTP server
// serves the built renderer and upgrades /ws to a WebSocket that speaks shared/wire.ts. Requests go
// through the same dispatch() as Electron's IPC adapter; core events are pushed to every connected page.
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { decodeMessage, encodeMessage, WireError } from '../../shared/wire';
import { RECORDING_MAX_BYTES } from '../../shared/contract';
import { dispatch } from '../core/dispatch';
import { errorInfo, UserError } from '../core/user-error';
import type { Core } from '../core/core-interface';
import { checkAccess, isWellFormedToken, newToken, ownOrigin, sessionCookie, type AccessRules } from './access';
import { RENDERER_HEADERS } from '../shells-common/csp';
import { isMediaPath } from '../core/media-serve/serve';
import { resolveStaticFile } from '../shells-common/static-files';
import { errorText } from '../../shared/error-text';

export interface WebShellOptions {
  core: Core;
  /** The built renderer (out/renderer). */
  staticDir: string;
  /** Only the loopback address: the shell is for this machine's user alone. */
  host?: '127.0.0.1';
  /** 0 picks a free port. */
  port?: number;
  /** A fixed token (tests); a fresh random one by default. */
  token?: string;
  log?: (line: string) => void;
  /** Largest incoming WebSocket message; bigger ones close the connection (1009). */
  maxMessageBytes?: number;
  /**
   * Where uploaded attachments are written (<dataDir>/uploads). Without it the shell takes no uploads.
   * A dropped file's bytes are POSTed to /upload?name=… (same token rules as every request); the copy is
   * attached like a local file and deleted once sent or removed.
   */
  uploadDir?: string;
  /** Largest upload (default 300 MB). */
  maxUploadBytes?: number;
}

export interface WebShell {
  /** The URL to open: http://127.0.0.1:PORT/?token=… */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/** A microphone recording (attachments.addRecording) is the largest thing a page sends over the socket. */
const DEFAULT_MAX_MESSAGE = RECORDING_MAX_BYTES + 1024 * 1024;
const DEFAULT_MAX_UPLOAD = 300 * 1024 * 1024;
/** Over this, a message waits for the core before the page's socket is read again (see onMessage). */
const BIG_MESSAGE = 1024 * 1024;
/** A page that stops reading is dropped (it reconnects) rather than buffering audio without end. */
const MAX_BUFFERED = 64 * 1024 * 1024;

export async function startWebShell(o: WebShellOptions): Promise<WebShell> {
  const host = o.host ?? '127.0.0.1';
  if (host !== '127.0.0.1') throw new Error('The browser shell only listens on 127.0.0.1.');
  const token = o.token ?? newToken();
  if (!isWellFormedToken(token)) throw new Error('The access token must be 32–128 URL-safe characters.');
  const log = o.log ?? (() => {});
  const rules: AccessRules = { token, port: 0 };
  // Copies left by a run that ended before sending or removing them.
  if (o.uploadDir) await rm(o.uploadDir, { recursive: true, force: true });

  const server = createServer((req, res) => {
    const isUpload = req.method === 'POST' && pathOnly(req.url) === '/upload';
    const isWav = req.method === 'GET' && pathOnly(req.url).startsWith(WAV_ROUTE);
    const isZip = req.method === 'GET' && (pathOnly(req.url).startsWith(CONVERSATION_ROUTE) || pathOnly(req.url) === RECOVERY_ROUTE);
    const isMedia = isMediaPath(pathOnly(req.url));
    (isUpload ? handleUpload(req, res, rules, o, log)
      : isWav ? handleWavExport(req, res, rules, o, log)
      : isZip ? handleZipExport(req, res, rules, o, log)
        : isMedia ? handleMedia(req, res, rules, o, log)
          : handleHttp(req, res, rules, o.staticDir, log)).catch((err: unknown) => {
      log(`http ${req.method} failed: ${errorText(err)}`);
      if (!res.headersSent) plain(res, 500, 'Internal error.');
      else res.destroy();
    });
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: o.maxMessageBytes ?? DEFAULT_MAX_MESSAGE, perMessageDeflate: false });
  const clients = new Set<WebSocket>();

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(req.url ?? '/', ownOrigin(rules.port)).pathname;
    if (path !== '/ws') return refuseUpgrade(socket, 404, 'Not found.');
    const verdict = checkAccess(req, rules, { requireOrigin: true });
    if (!verdict.ok) {
      log(`refused a WebSocket connection: ${verdict.reason}`);
      return refuseUpgrade(socket, verdict.status, verdict.reason);
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      clients.add(ws);
      ws.on('close', () => clients.delete(ws));
      ws.on('error', (err) => log(`websocket error: ${err.message}`));
      const bigInFlight = { count: 0 };
      ws.on('message', (data, isBinary) => onMessage(ws, data, isBinary, bigInFlight));
    });
  });

  function send(ws: WebSocket, message: unknown): void {
    if (ws.readyState !== ws.OPEN) return;
    if (ws.bufferedAmount > MAX_BUFFERED) {
      log('a page stopped reading; dropping its connection');
      ws.terminate();
      return;
    }
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
    ws.send(frame);
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
      // A plain Uint8Array view, so the decoder's slices are copies (Buffer#slice would share memory).
      msg = decodeMessage(isBinary ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) : bytes.toString('utf8'));
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
    if (clients.size === 0) return;
    let frame: string | Uint8Array;
    try {
      frame = encodeMessage({ event, payload });
    } catch (err) {
      log(`could not encode a ${event} event: ${errorText(err)}`);
      return;
    }
    for (const ws of clients) {
      if (ws.readyState !== ws.OPEN) continue;
      if (ws.bufferedAmount > MAX_BUFFERED) {
        log('a page stopped reading; dropping its connection');
        ws.terminate();
        continue;
      }
      ws.send(frame);
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  rules.port = (server.address() as AddressInfo).port;
  const url = `${ownOrigin(rules.port)}/?token=${token}`;

  let closed: Promise<void> | null = null;
  return {
    url,
    port: rules.port,
    token,
    close() {
      closed ??= (async () => {
        unsubscribe();
        await Promise.all([...clients].map(closeClient));
        await new Promise<void>((resolve) => wss.close(() => resolve()));
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
      })();
      return closed;
    },
  };
}

async function handleHttp(req: IncomingMessage, res: ServerResponse, rules: AccessRules, staticDir: string, log: (l: string) => void): Promise<void> {
  const verdict = checkAccess(req, rules, { requireOrigin: false });
  if (!verdict.ok) {
    log(`refused ${req.method} ${pathOnly(req.url)}: ${verdict.reason}`);
    return plain(res, verdict.status, verdict.reason);
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    return plain(res, 405, 'Only GET and HEAD.');
  }
  const pathname = new URL(req.url ?? '/', ownOrigin(rules.port)).pathname;
  if (pathname === '/ws') return plain(res, 426, 'This address is for the page\'s WebSocket.');
  const found = await resolveStaticFile(staticDir, pathname);
  if (!found) return plain(res, 404, 'Not found.');

  for (const [k, v] of Object.entries(RENDERER_HEADERS)) res.setHeader(k, v);
  if (verdict.setCookie) res.setHeader('Set-Cookie', sessionCookie(rules));
  res.setHeader('Content-Type', found.contentType);
  res.setHeader('Content-Length', String(found.size));
  res.setHeader('Cache-Control', 'no-cache');
  res.statusCode = 200;
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  await new Promise<void>((resolve, reject) => {
    const stream = createReadStream(found.file);
    stream.on('error', reject);
    res.on('close', () => {
      stream.destroy();
      resolve();
    });
    stream.pipe(res);
  });
}

/** Export WAV in the browser: GET /export/wav/<messageId> answers the reply's .wav as an attachment. */
const WAV_ROUTE = '/export/wav/';

async function handleWavExport(req: IncomingMessage, res: ServerResponse, rules: AccessRules, o: WebShellOptions, log: (l: string) => void): Promise<void> {
  const verdict = checkAccess(req, rules, { requireOrigin: false });
  if (!verdict.ok) {
    log(`refused a WAV export: ${verdict.reason}`);
    return plain(res, verdict.status, verdict.reason);
  }
  // A message id only, never a path: anything else is not a reply this route knows.
  const id = pathOnly(req.url).slice(WAV_ROUTE.length);
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) return plain(res, 404, 'No such reply.');
  let file: { fileName: string; wav: Uint8Array };
  try {
    file = o.core.replyWav(id);
  } catch (err) {
    return refuseWith(res, err);
  }
  sendDownload(res, file.fileName, 'audio/wav', file.wav);
}

/** A file the page downloads: its name in both header forms (ASCII fallback and UTF-8), never cached. */
function sendDownload(res: ServerResponse, fileName: string, contentType: string, bytes: Uint8Array, headers: Record<string, string> = {}): void {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  res.setHeader('Content-Type', contentType);
  res.setHeader('Content-Length', String(bytes.byteLength));
  res.setHeader('Content-Disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`);
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.statusCode = 200;
  res.end(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}

/** A refusal the core explained (UserError) as a plain answer; anything else is a real failure. */
function refuseWith(res: ServerResponse, err: unknown): void {
  if (!(err instanceof UserError)) throw err;
  plain(res, err.info.kind === 'not_found' ? 404 : 400, err.info.message);
}

/**
 * Export conversation in the browser: GET /export/conversation/<id> answers one .zip (Markdown, media, the
 * joined WAV); GET /recovery/export answers what can be read of a damaged history (Markdown in a .zip).
 */
const CONVERSATION_ROUTE = '/export/conversation/';
const RECOVERY_ROUTE = '/recovery/export';

async function handleZipExport(req: IncomingMessage, res: ServerResponse, rules: AccessRules, o: WebShellOptions, log: (l: string) => void): Promise<void> {
  const verdict = checkAccess(req, rules, { requireOrigin: false });
  if (!verdict.ok) {
    log(`refused an export: ${verdict.reason}`);
    return plain(res, verdict.status, verdict.reason);
  }
  const path = pathOnly(req.url);
  let file: { fileName: string; zip: Uint8Array; conversations?: number };
  try {
    if (path === RECOVERY_ROUTE) {
      file = await o.core.recoveryZip();
    } else {
      // A conversation id only, never a path.
      const id = path.slice(CONVERSATION_ROUTE.length);
      if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) return plain(res, 404, 'No such conversation.');
      file = await o.core.conversationZip(id);
    }
  } catch (err) {
    return refuseWith(res, err);
  }
  sendDownload(res, file.fileName, 'application/zip', file.zip,
    file.conversations !== undefined ? { 'X-Omni-Conversations': String(file.conversations) } : {});
}

/**
 * Stored media for the page: GET/HEAD /media/<attachmentId>, /reply/<messageId>.wav, behind the token
 * cookie like every request, answered by the core (Range → 206, so players seek).
 */
async function handleMedia(req: IncomingMessage, res: ServerResponse, rules: AccessRules, o: WebShellOptions, log: (l: string) => void): Promise<void> {
  const verdict = checkAccess(req, rules, { requireOrigin: false });
  if (!verdict.ok) {
    log(`refused a media request: ${verdict.reason}`);
    return plain(res, verdict.status, verdict.reason);
  }
  const answer = await o.core.media({ path: pathOnly(req.url).slice(1), method: req.method ?? 'GET', range: req.headers.range ?? null });
  res.statusCode = answer.status;
  for (const [k, v] of Object.entries(answer.headers)) res.setHeader(k, v);
  // Only this page may embed the bytes (no other site's <img>/<video> with the user's cookie).
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  if ('text' in answer) {
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.end(`${answer.text}\n`);
    return;
  }
  const open = answer.open;
  if (!open) {
    res.end();
    return;
  }
  await new Promise<void>((resolve, reject) => {
    const stream = open();
    stream.on('error', reject);
    res.on('close', () => {
      stream.destroy();
      resolve();
    });
    stream.pipe(res);
  });
}

/** One dropped/picked file's bytes → a temporary file → an attachment; answers {id} as JSON. */
async function handleUpload(req: IncomingMessage, res: ServerResponse, rules: AccessRules, o: WebShellOptions, log: (l: string) => void): Promise<void> {
  // Origin required: another site's page must not be able to push files in with the user's cookie.
  const verdict = checkAccess(req, rules, { requireOrigin: true });
  if (!verdict.ok) {
    log(`refused an upload: ${verdict.reason}`);
    return plain(res, verdict.status, verdict.reason);
  }
  if (!o.uploadDir) return plain(res, 404, 'This server takes no uploads.');
  const name = (new URL(req.url ?? '/', ownOrigin(rules.port)).searchParams.get('name') ?? '').trim();
  if (!name || name.length > 255 || /[/\\\0]/.test(name)) return plain(res, 400, 'An upload needs ?name= with the file name (no slashes).');
  const max = o.maxUploadBytes ?? DEFAULT_MAX_UPLOAD;
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > max) {
    req.resume();
    return plain(res, 413, `“${name}” is larger than ${Math.round(max / 1024 / 1024)} MB, the most this window takes. Pick a smaller file.`);
  }
  await mkdir(o.uploadDir, { recursive: true });
  // A random name, the extension kept only as a hint: ffprobe decides what the file is, not its name.
  const ext = /\.[A-Za-z0-9]{1,8}$/.exec(name)?.[0] ?? '';
  const file = join(o.uploadDir, `${randomBytes(12).toString('hex')}${ext.toLowerCase()}`);
  let received = 0;
  const ok = await new Promise<boolean>((resolve) => {
    const out = createWriteStream(file, { flags: 'wx' });
    const fail = () => {
      out.destroy();
      resolve(false);
    };
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > max) {
        req.unpipe(out);
        req.resume();
        fail();
      }
    });
    req.on('error', fail);
    out.on('error', fail);
    out.on('finish', () => resolve(received <= max));
    req.pipe(out);
  });
  if (!ok) {
    await rm(file, { force: true });
    return plain(res, received > max ? 413 : 400, received > max
      ? `“${name}” is larger than ${Math.round(max / 1024 / 1024)} MB, the most this window takes. Pick a smaller file.`
      : `“${name}” did not arrive whole. Drop it again.`);
  }
  let view: { id: string };
  try {
    view = o.core.attachPath(file, { name, temporary: true });
  } catch (err) {
    // The core refuses (say, in the damaged-history state): the copy goes, the page gets the sentence.
    await rm(file, { force: true });
    if (!(err instanceof UserError)) throw err;
    return plain(res, 400, err.info.message);
  }
  res.statusCode = 200;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.end(JSON.stringify({ id: view.id }));
}

function plain(res: ServerResponse, status: number, text: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Cache-Control', 'no-store');
  res.end(`${text}\n`);
}

function refuseUpgrade(socket: Duplex, status: number, text: string): void {
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

/** Never log a query string: it holds the token. */
function pathOnly(url: string | undefined): string {
  return (url ?? '/').split('?')[0] ?? '/';
}
