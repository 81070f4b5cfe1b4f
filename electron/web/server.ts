// The browser shell: the core bound to the contract over HTTP + WebSocket on 127.0.0.1. One HTTP server
// answers its routes (the table below: every request passes the one token/Host/Origin check first) and
// hands /ws upgrades to socket.ts, which speaks shared/wire.ts through the same dispatch() as Electron's
// IPC adapter.
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RECORDING_MAX_BYTES } from '../../shared/contract';
import { errorText } from '../../shared/error-text';
import type { Core } from '../core/core-interface';
import { isMediaPath } from '../core/media-serve/serve';
import { RENDERER_HEADERS } from '../shells-common/csp';
import { resolveStaticFile } from '../shells-common/static-files';
import { checkAccess, isWellFormedToken, newToken, originRefusal, pageUrl, type AccessRules } from './access';
import { plain, refuseWith, sendDownload, streamFile } from './http-answers';
import type { Route, RouteContext } from './routes';
import { createPageSockets } from './socket';
import { createLiveSockets } from './live-socket';
import { handleUpload } from './upload-route';

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
  /** The URL to open: http://127.0.0.1:PORT/<token>/ (every route lives below the token's folder). */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/** A microphone recording (attachments.addRecording) is the largest thing a page sends over the socket. */
const DEFAULT_MAX_MESSAGE = RECORDING_MAX_BYTES + 1024 * 1024;
const DEFAULT_MAX_UPLOAD = 300 * 1024 * 1024;

/** Export WAV in the browser: GET /export/wav/<messageId> answers the reply's .wav as an attachment. */
const WAV_ROUTE = '/export/wav/';
/** GET /export/conversation/<id>: one .zip (Markdown, media, the joined WAV). */
const CONVERSATION_ROUTE = '/export/conversation/';
/** GET /export/live/<sessionId>: a whole live voice session as one WAV. */
const LIVE_WAV_ROUTE = '/export/live/';
/** GET /recovery/export: what can be read of a damaged history (Markdown in a .zip). */
const RECOVERY_ROUTE = '/recovery/export';
/** Ids only, never a path. */
const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The first route that matches answers; the last one (the renderer's files) matches everything. */
const ROUTES: Route[] = [
  {
    what: () => 'an upload', matches: (method, path) => method === 'POST' && path === '/upload',
    // Origin required: another site's page must not be able to push files in, should it learn the URL.
    requireOrigin: true, handle: handleUpload,
  },
  {
    what: () => 'a WAV export', matches: (method, path) => method === 'GET' && path.startsWith(WAV_ROUTE), requireOrigin: false,
    async handle(_req, res, ctx, access) {
      const id = access.path.slice(WAV_ROUTE.length);
      if (!ID.test(id)) return plain(res, 404, 'No such reply.');
      let file: { fileName: string; wav: Uint8Array };
      try {
        file = ctx.core.replyWav(id);
      } catch (err) {
        return refuseWith(res, err);
      }
      sendDownload(res, file.fileName, 'audio/wav', file.wav);
    },
  },
  {
    what: () => 'a live session export', matches: (method, path) => method === 'GET' && path.startsWith(LIVE_WAV_ROUTE), requireOrigin: false,
    async handle(_req, res, ctx, access) {
      const id = access.path.slice(LIVE_WAV_ROUTE.length);
      if (!ID.test(id)) return plain(res, 404, 'No such live session.');
      let file: { fileName: string; wav: Uint8Array };
      try {
        file = ctx.core.liveSessionWav(id);
      } catch (err) {
        return refuseWith(res, err);
      }
      sendDownload(res, file.fileName, 'audio/wav', file.wav);
    },
  },
  {
    what: () => 'an export', requireOrigin: false,
    matches: (method, path) => method === 'GET' && (path.startsWith(CONVERSATION_ROUTE) || path === RECOVERY_ROUTE),
    async handle(_req, res, ctx, access) {
      const path = access.path;
      let file: { fileName: string; zip: Uint8Array; conversations?: number };
      try {
        if (path === RECOVERY_ROUTE) {
          file = await ctx.core.recoveryZip();
        } else {
          const id = path.slice(CONVERSATION_ROUTE.length);
          if (!ID.test(id)) return plain(res, 404, 'No such conversation.');
          file = await ctx.core.conversationZip(id);
        }
      } catch (err) {
        return refuseWith(res, err);
      }
      sendDownload(res, file.fileName, 'application/zip', file.zip,
        file.conversations !== undefined ? { 'X-Omni-Conversations': String(file.conversations) } : {});
    },
  },
  {
    // Stored media: /media/<attachmentId>, /reply/<messageId>.wav, /voice-sample/<sampleId>.wav, answered by the
    // core (Range → 206).
    what: () => 'a media request', matches: (_method, path) => isMediaPath(path), requireOrigin: false,
    async handle(req, res, ctx, access) {
      const answer = await ctx.core.media({ path: access.path.slice(1), method: req.method ?? 'GET', range: req.headers.range ?? null });
      res.statusCode = answer.status;
      for (const [k, v] of Object.entries(answer.headers)) res.setHeader(k, v);
      // Only this page may embed the bytes (no other site's <img>/<video>, should it learn the URL).
      res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
      if ('text' in answer) {
        res.setHeader('Content-Type', 'text/plain; charset=utf-8');
        res.end(`${answer.text}\n`);
        return;
      }
      if (!answer.open) {
        res.end();
        return;
      }
      await streamFile(res, answer.open);
    },
  },
  {
    // The renderer's own files, below the token's folder like everything else.
    what: (req, path) => `${req.method} ${path}`, matches: () => true, requireOrigin: false,
    async handle(req, res, ctx, access) {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.setHeader('Allow', 'GET, HEAD');
        return plain(res, 405, 'Only GET and HEAD.');
      }
      if (access.redirect) {
        // The folder without its slash: the page's relative links would resolve outside it.
        res.statusCode = 308;
        res.setHeader('Location', access.redirect);
        res.setHeader('Cache-Control', 'no-store');
        res.setHeader('Referrer-Policy', 'no-referrer');
        res.end();
        return;
      }
      const pathname = access.path;
      if (pathname === '/ws') return plain(res, 426, 'This address is for the page\'s WebSocket.');
      const found = await resolveStaticFile(ctx.staticDir, pathname);
      if (!found) return plain(res, 404, 'Not found.');
      for (const [k, v] of Object.entries(RENDERER_HEADERS)) res.setHeader(k, v);
      res.setHeader('Content-Type', found.contentType);
      res.setHeader('Content-Length', String(found.size));
      res.setHeader('Cache-Control', 'no-cache');
      res.statusCode = 200;
      if (req.method === 'HEAD') {
        res.end();
        return;
      }
      await streamFile(res, () => createReadStream(found.file));
    },
  },
];

/** Lets the request's route answer once the request has passed the access checks. */
async function answer(req: IncomingMessage, res: ServerResponse, ctx: RouteContext): Promise<void> {
  const verdict = checkAccess(req, ctx.rules);
  if (!verdict.ok) {
    // Never the path: with a wrong Host header it holds the right token.
    ctx.log(`refused a ${req.method} request: ${verdict.reason}`);
    return plain(res, verdict.status, verdict.reason);
  }
  const route = ROUTES.find((r) => r.matches(req.method ?? 'GET', verdict.path))!;
  const badOrigin = originRefusal(req, ctx.rules, route.requireOrigin);
  if (badOrigin) {
    ctx.log(`refused ${route.what(req, verdict.path)}: ${badOrigin}`);
    return plain(res, 403, badOrigin);
  }
  await route.handle(req, res, ctx, verdict);
}

export async function startWebShell(o: WebShellOptions): Promise<WebShell> {
  const host = o.host ?? '127.0.0.1';
  if (host !== '127.0.0.1') throw new Error('The browser shell only listens on 127.0.0.1.');
  const token = o.token ?? newToken();
  if (!isWellFormedToken(token)) throw new Error('The access token must be 32–128 URL-safe characters.');
  const log = o.log ?? (() => {});
  const rules: AccessRules = { token, port: 0 };
  // Copies left by a run that ended before sending or removing them.
  if (o.uploadDir) await rm(o.uploadDir, { recursive: true, force: true });
  const ctx: RouteContext = {
    core: o.core, rules, staticDir: o.staticDir, uploadDir: o.uploadDir ?? null, maxUploadBytes: o.maxUploadBytes ?? DEFAULT_MAX_UPLOAD, log,
  };

  const server = createServer((req, res) => {
    answer(req, res, ctx).catch((err: unknown) => {
      log(`http ${req.method} failed: ${errorText(err)}`);
      if (!res.headersSent) plain(res, 500, 'Internal error.');
      else res.destroy();
    });
  });
  const sockets = createPageSockets({ core: o.core, rules, maxMessageBytes: o.maxMessageBytes ?? DEFAULT_MAX_MESSAGE, log });
  // Live voice's audio has a channel of its own per session (<token>/live/<id>); the rest is socket.ts's (/ws, /audio).
  const live = createLiveSockets({ core: o.core, rules, log });
  server.on('upgrade', (req, socket, head) => (live.handles(req) ? live.upgrade(req, socket, head) : sockets.upgrade(req, socket, head)));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  rules.port = (server.address() as AddressInfo).port;

  let closed: Promise<void> | null = null;
  return {
    url: pageUrl(rules),
    port: rules.port,
    token,
    close() {
      closed ??= (async () => {
        await live.close();
        await sockets.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
      })();
      return closed;
    },
  };
}
