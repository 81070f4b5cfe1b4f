// A local DashScope: a real HTTP server on 127.0.0.1 speaking the OpenAI-compatible wire format (SSE
// chunks, error bodies, status codes) with real PCM audio, and knobs for every way a reply can go wrong.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { MODELS } from '../../shared/catalog';
import { CustomModelFields, modelFinder } from '../../shared/custom-models';
import { speech, toneSequence } from './audio';
import { planReply, type Frame } from './reply';
import { createRealtimeStandin, REALTIME_PATH, type RealtimeStandin } from './realtime-server';
import type { RealtimeScenario } from './realtime-scenario';
import { mediaTokens } from './media-tokens';
import { DEFAULT_SCENARIO, FAILURE_KNOBS, type StandinScenario } from './scenario';
import { isRefusal, validate } from './validate';
import { errorBody, fragments, sseFrame } from './wire';

export type { StandinScenario } from './scenario';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  /** The parsed JSON body; the raw text when it was not JSON; null when empty. */
  body: any;
  at: number;
}

export interface Standin {
  /** e.g. http://127.0.0.1:PORT/compatible-mode/v1 */
  baseUrl: string;
  apiKey: string;
  /** Every API request received, oldest first (control requests under /__standin are not recorded). */
  requests: RecordedRequest[];
  /** Merges into the current scenario; applies to the following requests until changed. */
  setScenario(s: Partial<StandinScenario>): void;
  scenario(): StandinScenario;
  /** The exact PCM16LE bytes the last streamed reply with audio sent (only what really went out, in order). */
  lastAudio(): Uint8Array;
  /** The Realtime API (Live voice) on the same port: ws://127.0.0.1:PORT/api-ws/v1/realtime (realtime-server.ts). */
  realtime: RealtimeStandin;
  realtimeUrl: string;
  close(): Promise<void>;
}

export const API_PREFIX = '/compatible-mode/v1';
export const DEFAULT_KEY = 'sk-standin-test';

const NO_FAILURES: Partial<StandinScenario> = {
  http429: false, http500: false, httpError: null, errorFrameAfterChunks: null,
  dropAfterChunks: null, stallAfterChunks: null, omitUsage: false,
};

export async function startStandin(
  opts: { apiKey?: string; port?: number; scenario?: Partial<StandinScenario>; realtime?: Partial<RealtimeScenario> } = {},
): Promise<Standin> {
  const apiKey = opts.apiKey ?? DEFAULT_KEY;
  let scenario: StandinScenario = { ...DEFAULT_SCENARIO, ...opts.scenario };
  let failuresLeft = scenario.failNext;
  const requests: RecordedRequest[] = [];
  let sentAudio: Uint8Array[] = [];
  const sockets = new Set<Socket>();
  const live = new Set<AbortController>();
  let closing = false;

  const setScenario = (s: Partial<StandinScenario>): void => {
    const known: Partial<StandinScenario> = {};
    for (const k of Object.keys(s) as (keyof StandinScenario)[]) {
      if (k in DEFAULT_SCENARIO) (known as Record<string, unknown>)[k] = s[k];
    }
    scenario = { ...scenario, ...known };
    failuresLeft = scenario.failNext;
  };

  /** The scenario for one request: failure knobs drop out once failNext is used up. */
  const scenarioForRequest = (): StandinScenario => {
    const anyFailure = FAILURE_KNOBS.some((k) => scenario[k] !== DEFAULT_SCENARIO[k]);
    if (failuresLeft === null || !anyFailure) return scenario;
    if (failuresLeft > 0) {
      failuresLeft--;
      return scenario;
    }
    return { ...scenario, ...NO_FAILURES };
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: String(err) });
      else res.destroy();
    });
  });
  const realtime = createRealtimeStandin({ apiKey, scenario: opts.realtime });
  server.on('upgrade', (req, socket, head) => {
    if (!realtime.handleUpgrade(req, socket, head)) socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const path = (req.url ?? '/').split('?')[0]!;
    let body: any = null;
    if (raw.length > 0) {
      try {
        body = JSON.parse(raw);
      } catch {
        body = raw;
      }
    }

    if (path.startsWith('/__standin/')) return control(req, res, path, body);

    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
    requests.push({ method: req.method ?? 'GET', path, headers, body, at: Date.now() });

    const requestId = randomUUID();
    const fail = (status: number, code: string, message: string, type = 'invalid_request_error', extra: Record<string, string> = {}) =>
      sendJson(res, status, errorBody(code, message, type, requestId), { 'x-request-id': requestId, ...extra });

    if (req.headers.authorization !== `Bearer ${apiKey}`) {
      return fail(401, 'invalid_api_key', 'Incorrect API key provided. For details, see the error code documentation.');
    }
    if (req.method === 'GET' && path === `${API_PREFIX}/models`) {
      const extra = scenario.extraModels.map((m) => CustomModelFields.parse(m).id);
      return sendJson(res, 200, { object: 'list', data: [...MODELS.map((m) => m.id), ...extra].map((id) => ({ id, object: 'model', owned_by: 'system' })) });
    }
    if (path !== `${API_PREFIX}/chat/completions`) return fail(404, 'not_found', `No such endpoint: ${path}`);
    if (req.method !== 'POST') return fail(405, 'method_not_allowed', 'Use POST.');
    if (typeof body === 'string') return fail(400, 'invalid_parameter_error', 'The request body is not valid JSON.');

    const checked = validate(body, modelFinder(scenario.extraModels.map((m) => CustomModelFields.parse(m))));
    if (isRefusal(checked)) return fail(checked.status, checked.code, checked.message, checked.type);

    const s = withRule(scenarioForRequest(), body);
    if (s.http429) {
      return fail(429, 'limit_requests', 'Requests rate limit exceeded, please try again later.', 'limit_requests', {
        'retry-after': String(s.retryAfterSeconds),
      });
    }
    if (s.http500) return fail(500, 'internal_error', 'An internal error has occured, please try again later or contact service support.', 'internal_error');
    if (s.httpError) return fail(s.httpError.status, s.httpError.code, s.httpError.message, s.httpError.type ?? 'invalid_request_error');

    let audio: Uint8Array | null = null;
    if (checked.audio && !s.noAudio) {
      audio = (s.speech ? await speech(s.text, s.speechVoice) : null) ?? toneSequence(s.audioSeconds, s.text);
    }
    const frames = planReply({
      scenario: s, model: checked.model, modelName: body.model, audio, thinking: checked.thinking, body, requestId,
      media: await mediaTokens(body, checked.model),
    });
    await stream(req, res, s, frames, requestId);
  }

  async function stream(req: IncomingMessage, res: ServerResponse, s: StandinScenario, frames: Frame[], requestId: string): Promise<void> {
    const gone = new AbortController();
    live.add(gone);
    res.on('close', () => gone.abort());
    res.on('error', () => gone.abort());
    // A text-only request (a conversation's title, asked for after each first reply) does not replace the
    // audio of the reply before it.
    if (frames.some((f) => f.kind === 'audio')) sentAudio = [];
    const style = { lineEnding: s.lineEnding, multilineData: s.multilineData };
    const headers: Record<string, string> = {
      'content-type': 'text/event-stream;charset=UTF-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
    };
    if (!s.omitRequestIdHeader) headers['x-request-id'] = requestId;
    res.writeHead(200, headers);
    res.flushHeaders();
    req.socket.setNoDelay(true);

    /** Settles when everything written so far has left the process (handed to the kernel). */
    let flushed: Promise<void> = Promise.resolve();
    const write = async (text: string): Promise<void> => {
      const bytes = Buffer.from(text, 'utf8');
      const pieces = s.fragmentWrites ? fragments(bytes) : [bytes];
      for (const [i, piece] of pieces.entries()) {
        if (gone.signal.aborted) return;
        let ok = true;
        flushed = new Promise<void>((r) => {
          ok = res.write(piece, () => r());
        });
        if (!ok) await onceDrainOrGone(res, gone.signal);
        if (s.fragmentWrites && i < pieces.length - 1) await pause(0, gone.signal);
      }
    };

    try {
      await pause(s.firstChunkDelayMs, gone.signal);
      let audioStart: number | null = null;
      const textOnly = !frames.some((f) => f.kind === 'audio');
      for (const [n, frame] of frames.entries()) {
        if (gone.signal.aborted) return;
        if (s.errorFrameAfterChunks === n) {
          const e = s.errorFrame ?? { code: 'data_inspection_failed', message: 'Output data may contain inappropriate content.', type: 'data_inspection_failed' };
          await write(sseFrame(errorBody(e.code, e.message, e.type ?? e.code, requestId), style));
          res.end();
          return;
        }
        if (s.dropAfterChunks === n) {
          // Let what was written reach the kernel, then cut the connection with no end marker.
          await Promise.race([flushed, pause(1_000, gone.signal)]);
          res.socket?.destroy();
          return;
        }
        if (s.stallAfterChunks === n) {
          await pause(Number.MAX_SAFE_INTEGER, gone.signal);
          return;
        }
        if (s.realtime && frame.kind === 'audio') {
          audioStart ??= performance.now();
          await pause(audioStart + frame.index * s.chunkMs - performance.now(), gone.signal);
        }
        if (s.comments && n % 3 === 0) await write(`: keep-alive${s.lineEnding}`);
        await write(sseFrame(frame.json, style));
        if (frame.kind === 'audio' && !gone.signal.aborted) sentAudio.push(frame.pcm);
        if (!s.realtime) await pause(s.gapMs, gone.signal);
        else if (frame.kind === 'text' && textOnly) await pause(30, gone.signal);
      }
      if (gone.signal.aborted) return;
      await write(sseFrame('[DONE]', style));
      res.end();
    } finally {
      live.delete(gone);
    }
  }

  function control(req: IncomingMessage, res: ServerResponse, path: string, body: any): void {
    if (req.method === 'POST' && path === '/__standin/scenario') {
      if (body === null || typeof body !== 'object') return sendJson(res, 400, { error: 'Send a JSON object of scenario knobs.' });
      setScenario(body);
      return sendJson(res, 200, { scenario });
    }
    if (req.method === 'GET' && path === '/__standin/scenario') return sendJson(res, 200, { scenario });
    if (req.method === 'POST' && path === '/__standin/realtime') {
      if (body === null || typeof body !== 'object') return sendJson(res, 400, { error: 'Send a JSON object of Realtime scenario knobs.' });
      realtime.setScenario(body);
      return sendJson(res, 200, { scenario: realtime.scenario() });
    }
    if (req.method === 'POST' && path === '/__standin/realtime/drop') {
      realtime.drop();
      return sendJson(res, 200, { dropped: true });
    }
    if (req.method === 'GET' && path === '/__standin/realtime/sessions') {
      // Audio as byte counts: the sessions' events, updates and what each response sent.
      return sendJson(res, 200, {
        sessions: realtime.sessions.map((s) => ({
          ...s, input: s.input.reduce((n, b) => n + b.byteLength, 0), turns: s.turns.map((t) => t.byteLength),
          responses: s.responses.map((r) => ({ ...r, audio: r.audio.reduce((n, b) => n + b.byteLength, 0) })),
        })),
      });
    }
    if (req.method === 'GET' && path === '/__standin/requests') return sendJson(res, 200, { requests });
    if (req.method === 'GET' && path === '/__standin/last-audio') {
      const pcm = lastAudio();
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(pcm.length) });
      res.end(Buffer.from(pcm.buffer, pcm.byteOffset, pcm.length));
      return;
    }
    sendJson(res, 404, { error: `Unknown control path ${path}` });
  }

  function lastAudio(): Uint8Array {
    const total = sentAudio.reduce((n, c) => n + c.length, 0);
    const out = new Uint8Array(total);
    let at = 0;
    for (const c of sentAudio) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  return {
    baseUrl: `http://127.0.0.1:${port}${API_PREFIX}`,
    apiKey,
    requests,
    setScenario,
    scenario: () => scenario,
    lastAudio,
    realtime,
    realtimeUrl: `ws://127.0.0.1:${port}${REALTIME_PATH}`,
    async close() {
      if (closing) return;
      closing = true;
      realtime.close();
      for (const c of live) c.abort();
      const closed = new Promise<void>((r) => server.close(() => r()));
      for (const s of sockets) s.destroy();
      server.closeAllConnections();
      await closed;
    },
  };
}

/** The scenario for a request that one of its rules names: the rule's reply in place of the scenario's. */
function withRule(s: StandinScenario, body: any): StandinScenario {
  const said = JSON.stringify(Array.isArray(body?.messages) ? body.messages.map((m: any) => m?.content) : []);
  const rule = s.rules.find((r) => said.includes(JSON.stringify(r.when).slice(1, -1)));
  if (!rule) return s;
  return {
    ...s,
    ...(rule.text !== undefined ? { text: rule.text } : {}),
    ...(rule.firstChunkDelayMs !== undefined ? { firstChunkDelayMs: rule.firstChunkDelayMs } : {}),
    ...(rule.httpError !== undefined ? { httpError: rule.httpError } : {}),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (d: Buffer) => parts.push(d));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)), ...headers });
  res.end(text);
}

/** Waits ms (0: one turn of the event loop); returns early, without throwing, when the client is gone. */
async function pause(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return;
  try {
    if (ms <= 0) await new Promise<void>((r) => setImmediate(r));
    else await sleep(Math.min(ms, 2_147_483_647), undefined, { signal });
  } catch {
    // aborted: the caller checks the signal
  }
}

function onceDrainOrGone(res: ServerResponse, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      signal.removeEventListener('abort', done);
      resolve();
    };
    res.on('drain', done);
    signal.addEventListener('abort', done, { once: true });
  });
}
