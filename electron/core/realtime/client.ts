// One connection to the Realtime API: open the socket with the key in its upgrade headers, wait for
// session.created, send the whole session (session-config.ts), wait for session.updated — the docs' order:
// "send session.update after session.created; send input only after session.updated" — and then pass every
// server event on. A live session (core/live) decides what the events mean; this module only speaks the wire.
import type { ErrorInfo } from '../../../shared/domain';
import { SESSION_LAYOUTS, type RealtimeModelInfo } from '../../../shared/realtime-catalog';
import type { RegionHint } from '../api/error-mapping';
import { UserError } from '../user-error';
import { closedByServer, connectionFailed, isHarmless, realtimeErrorInfo, refusedHandshake } from './errors';
import { readServerEvent, type ServerEvent } from './server-events';
import { sessionUpdate, type SessionConfig } from './session-config';
import { wsSocketFactory, type RealtimeSocket, type RealtimeSocketFactory } from './socket';

export interface RealtimeClientOptions {
  /** The Realtime address without the query (…/api-ws/v1/realtime); ?model= is added here. */
  url: string;
  model: RealtimeModelInfo;
  /** '' for a server that wants none (a custom endpoint): no Authorization header then. */
  apiKey: string;
  config: SessionConfig;
  socket?: RealtimeSocketFactory;
  region?: RegionHint | null;
  /** From opening the socket to session.updated (default 15 s). */
  readyTimeoutMs?: number;
  /** Every server event once the session is configured (errors the service sends mid-session included). */
  onEvent: (e: ServerEvent) => void;
  /** The socket closed without close() being called: `error` when the server said why (null: a plain drop). */
  onDrop: (code: number, reason: string, error: ErrorInfo | null) => void;
  log?: (line: string) => void;
}

export interface RealtimeClient {
  /** Settles once the session is configured; rejects with a UserError that says what went wrong. */
  readonly ready: Promise<void>;
  /** Sends a client event (after ready). */
  send(event: Record<string, unknown>): void;
  /** input_audio_buffer.append: PCM16 LE mono 16 kHz, base64 as the API wants it. */
  appendAudio(pcm: Uint8Array): void;
  /** A new whole session (mode switch); settles on session.updated. */
  update(config: SessionConfig): Promise<void>;
  /** Ends the connection (session.finish first where the generation takes it). Never rejects. */
  close(): Promise<void>;
  readonly bufferedAmount: number;
}

const DEFAULT_READY_TIMEOUT_MS = 15_000;
const UPDATE_TIMEOUT_MS = 10_000;
const FINISH_WAIT_MS = 1_000;

export function connectRealtime(o: RealtimeClientOptions): RealtimeClient {
  const log = o.log ?? (() => {});
  const layout = SESSION_LAYOUTS[o.model.generation];
  const ctx = { modelLabel: o.model.label, voice: o.config.voice, region: o.region ?? null };
  let socket: RealtimeSocket | null = null;
  let isReady = false;
  let closing = false;
  let ended = false;
  let created: Record<string, unknown> | null = null;
  /** Waiting for session.updated (the first configuration, or a later update). */
  let awaitingUpdate: { resolve: () => void; reject: (e: UserError) => void } | null = null;
  let finished: (() => void) | null = null;

  let settleReady!: { resolve: () => void; reject: (e: UserError) => void };
  const ready = new Promise<void>((resolve, reject) => {
    settleReady = { resolve, reject };
  });
  // A rejection nobody waits for (the session ended first) must not be reported as unhandled.
  ready.catch(() => {});

  const fail = (error: ErrorInfo) => {
    if (isReady) return;
    clearTimeout(readyTimer);
    settleReady.reject(new UserError(error.kind, error.message, error));
    ended = true;
    socket?.terminate();
  };

  const readyTimer = setTimeout(() => {
    fail({
      kind: 'network', message: `The live voice service did not get ready within ${Math.round((o.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS) / 1000)} s. Check your connection, then start Live voice again.`,
      httpStatus: null, code: 'live_not_ready', requestId: null, serverMessage: null,
    });
  }, o.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS);
  readyTimer.unref?.();

  const sendRaw = (event: Record<string, unknown>) => {
    if (!socket || ended) return;
    try {
      socket.send(JSON.stringify(event));
    } catch (err) {
      log(`realtime: could not send ${String(event.type)}: ${String(err)}`);
    }
  };

  const configure = (config: SessionConfig): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      awaitingUpdate = { resolve, reject };
      sendRaw(sessionUpdate(o.model, config, created));
    });

  function onText(text: string): void {
    const e = readServerEvent(text);
    if (!e) return;
    if (e.type === 'session.created') {
      created = e.session;
      // The first configuration: the whole session, as the model's generation lays it out.
      configure(o.config).then(() => {
        isReady = true;
        clearTimeout(readyTimer);
        settleReady.resolve();
      }, (err: UserError) => fail(err.info));
      return;
    }
    if (e.type === 'session.updated') {
      const waiting = awaitingUpdate;
      awaitingUpdate = null;
      waiting?.resolve();
      return;
    }
    if (e.type === 'session_finished') {
      finished?.();
      return;
    }
    if (e.type === 'error') {
      if (isHarmless(e.error)) {
        log(`realtime: ignored ${e.error.code ?? ''} ${e.error.message ?? ''}`.trim());
        return;
      }
      if (closing) {
        finished?.(); // a generation that refuses session.finish: stop waiting
        return;
      }
      if (awaitingUpdate) {
        // The session's settings were refused: that configuration cannot be used.
        const { error } = realtimeErrorInfo(e.error, ctx);
        const waiting = awaitingUpdate;
        awaitingUpdate = null;
        waiting.reject(new UserError(error.kind, error.message, error));
        return;
      }
      if (!isReady) {
        fail(realtimeErrorInfo(e.error, ctx).error);
        return;
      }
    }
    if (isReady) o.onEvent(e);
  }

  const headers: Record<string, string> = {};
  if (o.apiKey) headers.Authorization = `Bearer ${o.apiKey}`;
  const url = `${o.url}${o.url.includes('?') ? '&' : '?'}model=${encodeURIComponent(o.model.id)}`;
  try {
    socket = (o.socket ?? wsSocketFactory)(url, headers, {
      onOpen: () => log(`realtime: connected (${o.model.id})`),
      onMessage: onText,
      onRefused: (status, body) => fail(refusedHandshake(status, body, ctx)),
      onError: (err) => {
        if (!isReady) fail(connectionFailed(err));
        else log(`realtime: socket error: ${err.message}`);
      },
      onClose: (code, reason) => {
        const wasEnded = ended;
        ended = true;
        finished?.();
        if (!isReady) {
          fail(closedByServer(code, reason) ?? connectionFailed(Object.assign(new Error(reason || `closed (${code})`), { code: code === 1006 ? 'ECONNRESET' : undefined })));
          return;
        }
        if (!closing && !wasEnded) o.onDrop(code, reason, closedByServer(code, reason));
      },
    });
  } catch (err) {
    fail(connectionFailed(err));
  }

  return {
    ready,
    send: (event) => {
      if (isReady) sendRaw(event);
    },
    appendAudio(pcm) {
      if (!isReady || pcm.byteLength === 0) return;
      sendRaw({ type: 'input_audio_buffer.append', audio: Buffer.from(pcm.buffer, pcm.byteOffset, pcm.byteLength).toString('base64') });
    },
    update(config) {
      if (!isReady) return Promise.reject(new UserError('busy', 'The live session is not ready yet. Wait a moment, then try again.'));
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          awaitingUpdate = null;
          reject(new UserError('network', 'The live voice service did not confirm the change. Try again, or end Live voice and start it again.'));
        }, UPDATE_TIMEOUT_MS);
        configure(config).then(() => {
          clearTimeout(timer);
          resolve();
        }, (err: unknown) => {
          clearTimeout(timer);
          reject(err as Error);
        });
      });
    },
    async close() {
      if (closing) return;
      closing = true;
      clearTimeout(readyTimer);
      if (!socket || ended) return;
      if (isReady && layout.finish) {
        // The SDK ends a session with session.finish and waits for session.finished (a session only dropped
        // shows as failed in the console); not every server answers, so the wait is short.
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, FINISH_WAIT_MS);
          finished = () => {
            clearTimeout(t);
            resolve();
          };
          sendRaw({ type: 'session.finish' });
        });
      }
      ended = true;
      try {
        socket.close(1000, 'Live voice ended');
      } catch {
        socket.terminate();
      }
    },
    get bufferedAmount() {
      return socket?.bufferedAmount ?? 0;
    },
  };
}
