// The bridge in a plain browser tab (the browser shell): the contract over one WebSocket to the server
// that served this page, in the format of shared/wire.ts. Requests made before the socket is open wait for
// it; a dropped socket is reopened with backoff. The renderer cannot tell this from the Electron preload.
import type {
  AttachableFile, EventName, EventPayload, OmniBridge, RequestName, RequestOutput, Reply,
} from '../../shared/contract';
import { BridgeError } from '../../shared/bridge-error';
import { EVENT_NAMES, isRequestName } from '../../shared/contract-names';
import type { ErrorInfo } from '../../shared/domain';
import { decodeMessage, encodeMessage } from '../../shared/wire';
import { errorText } from '../../shared/error-text';
import { socketChannel, workerChannel, type SocketLike, type WorkerLike } from './live-channel';

export interface WebBridgeOptions {
  /** Opens the socket; the page's WebSocket by default (tests under Node pass one that sets Origin). */
  connect?: (url: string) => WebSocket;
  /** First reconnect delay in ms; doubles up to maxRetryMs. */
  retryMs?: number;
  maxRetryMs?: number;
  /** Consecutive failed attempts after which waiting requests are failed (the bridge keeps trying). */
  failAfter?: number;
  /**
   * Reply audio on its own channel (a worker holding the /audio WebSocket, frames straight into the
   * AudioWorklet); default: when the page can run a worker.
   */
  audioChannel?: boolean;
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (err: BridgeError) => void;
  frame: string | Uint8Array;
  sent: boolean;
}

type AnyListener = (payload: unknown) => void;

/**
 * Where this page's WebSockets are: `ws` (the contract) or `audio` (the audio channel, issue 20) in the page's
 * own folder. The browser shell serves the page at http://127.0.0.1:PORT/<token>/ and every route below that
 * folder, so a URL relative to the page carries the access token by itself (no cookie, which would reach every
 * server on 127.0.0.1: electron/web/access.ts). `audio=channel` tells the server this page takes reply audio
 * on the audio channel, so its events need not carry the samples.
 */
export function webSocketUrl(location: { href: string }, path: 'ws' | 'audio' | `live/${string}` = 'ws', audioChannel = false): string {
  const ws = new URL(path, location.href);
  ws.protocol = ws.protocol === 'https:' ? 'wss:' : 'ws:';
  ws.search = audioChannel ? '?audio=channel' : '';
  ws.hash = '';
  return ws.href;
}

/** A route of the browser shell, relative to the page's folder (which holds the access token). */
export function shellUrl(location: { href: string }, path: string): URL {
  return new URL(path.replace(/^\/+/, ''), location.href);
}

export function createWebBridge(location: { href: string }, opts: WebBridgeOptions = {}): OmniBridge {
  const audioChannel = opts.audioChannel ?? (pageWorker() !== null && typeof MessageChannel !== 'undefined');
  const url = webSocketUrl(location, 'ws', audioChannel);
  const host = new URL(location.href).host;
  const connect = opts.connect ?? ((u: string) => new WebSocket(u));
  const retryMs = opts.retryMs ?? 250;
  const maxRetryMs = opts.maxRetryMs ?? 5_000;
  const failAfter = opts.failAfter ?? 3;

  const pending = new Map<number, Pending>();
  const listeners = new Map<EventName, Set<AnyListener>>();
  let nextId = 1;
  let socket: WebSocket | null = null;
  let open = false;
  let everOpened = false;
  let failures = 0;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;

  function ensureSocket(): void {
    if (socket || retryTimer) return;
    const ws = connect(url);
    ws.binaryType = 'arraybuffer';
    socket = ws;
    let opened = false;
    ws.addEventListener('open', () => {
      opened = true;
      open = true;
      failures = 0;
      for (const p of pending.values()) {
        if (!p.sent) {
          ws.send(p.frame);
          p.sent = true;
        }
      }
      // Events pushed while we were away are lost: tell the page to refresh what it shows.
      if (everOpened) emit('conversations.changed', { conversationId: null });
      everOpened = true;
    });
    ws.addEventListener('message', (e: { data: unknown }) => onFrame(e.data));
    // Browsers fire 'error' then 'close' when a connection fails; some WebSocket implementations (Node's)
    // fire only 'error'. Either one means this socket is gone.
    const dropped = () => {
      if (socket !== ws) return;
      socket = null;
      open = false;
      if (!opened) failures += 1;
      try {
        ws.close();
      } catch {
        // already closing
      }
      onDropped();
    };
    ws.addEventListener('close', dropped);
    ws.addEventListener('error', dropped);
  }

  function onDropped(): void {
    for (const [id, p] of pending) {
      if (p.sent) {
        pending.delete(id);
        p.reject(networkError('The connection to Omni Desk was lost before it answered. Try again.'));
      }
    }
    if (failures >= failAfter) {
      for (const [id, p] of pending) {
        pending.delete(id);
        p.reject(networkError(`Can't reach Omni Desk at ${host}. Make sure \`npm run serve\` is still running, then open the URL it printed.`));
      }
    }
    if (pending.size > 0 || listenerCount() > 0) scheduleRetry();
  }

  function scheduleRetry(): void {
    if (retryTimer) return;
    const delay = Math.min(maxRetryMs, retryMs * 2 ** Math.max(0, failures - 1));
    retryTimer = setTimeout(() => {
      retryTimer = null;
      ensureSocket();
    }, delay);
  }

  function onFrame(data: unknown): void {
    let msg: unknown;
    try {
      msg = decodeMessage(data as string | ArrayBuffer);
    } catch (err) {
      console.error('Omni Desk: unreadable message from the server', err);
      return;
    }
    if (typeof msg !== 'object' || msg === null) return;
    const m = msg as { id?: unknown; reply?: unknown; event?: unknown; payload?: unknown };
    if (typeof m.event === 'string') {
      emit(m.event as EventName, m.payload);
      return;
    }
    if (typeof m.id !== 'number') {
      // An error the server could not tie to a request (a malformed frame): nothing to settle.
      console.error('Omni Desk: the server refused a message', m.reply);
      return;
    }
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    const reply = m.reply as Reply<unknown> | undefined;
    if (reply && reply.ok === true) p.resolve(reply.value);
    else p.reject(new BridgeError(asErrorInfo(reply && reply.ok === false ? reply.error : null)));
  }

  function emit(name: EventName, payload: unknown): void {
    for (const l of listeners.get(name) ?? []) {
      try {
        l(payload);
      } catch (err) {
        console.error(`Omni Desk: a ${name} listener failed`, err);
      }
    }
  }

  function listenerCount(): number {
    let n = 0;
    for (const set of listeners.values()) n += set.size;
    return n;
  }

  const api: OmniBridge = {
    invoke<K extends RequestName>(name: K, input: unknown): Promise<RequestOutput<K>> {
      if (!isRequestName(name)) {
        return Promise.reject(new BridgeError(asErrorInfo({ kind: 'invalid_input', message: 'Unknown request.' })));
      }
      // A page cannot be handed a file over the socket: the browser downloads it from the server instead.
      if (name === 'reply.exportWav') return downloadReplyWav(location, input) as Promise<RequestOutput<K>>;
      if (name === 'conversation.export') return downloadConversation(location, input) as Promise<RequestOutput<K>>;
      if (name === 'recovery.export') return downloadRecovered(location) as Promise<RequestOutput<K>>;
      if (name === 'live.exportWav') return downloadLiveSession(location, input) as Promise<RequestOutput<K>>;
      return new Promise<RequestOutput<K>>((resolve, reject) => {
        const id = nextId++;
        let frame: string | Uint8Array;
        try {
          frame = encodeMessage({ id, name, input: input ?? {} });
        } catch (err) {
          reject(new BridgeError(asErrorInfo({ kind: 'invalid_input', message: errorText(err) })));
          return;
        }
        const p: Pending = { resolve: resolve as (v: unknown) => void, reject, frame, sent: false };
        pending.set(id, p);
        if (open && socket) {
          socket.send(frame);
          p.sent = true;
        } else {
          ensureSocket();
        }
      });
    },

    async attachFiles(files: readonly AttachableFile[]): Promise<void> {
      // The bytes go over HTTP to the server that served this page (the URL below the page's folder carries
      // the token); the server attaches its copy and the chip's progress arrives as attachment.updated events.
      for (const file of files) {
        const target = shellUrl(location, `upload?name=${encodeURIComponent(file.name)}`);
        let res: Response;
        try {
          res = await fetch(target, { method: 'POST', body: file as unknown as Blob });
        } catch {
          throw networkError(`“${file.name}” could not be sent to Omni Desk. Check that it is still running, then drop the file again.`);
        }
        if (!res.ok) {
          const text = (await res.text().catch(() => '')).trim();
          // A full disk comes as its ErrorInfo (it names the data folder); other refusals as a sentence.
          const explained = res.headers.get('Content-Type')?.startsWith('application/json') ? readError(text) : null;
          if (explained) throw new BridgeError(explained);
          throw new BridgeError(asErrorInfo({ kind: res.status === 413 ? 'too_large' : 'invalid_input', message: text || `“${file.name}” could not be attached (HTTP ${res.status}).` }));
        }
      }
    },

    async openAudioChannel() {
      if (!audioChannel) return null;
      // A worker holds the socket, so frames never queue behind the page's own work; the port's other end
      // goes to the AudioWorklet (renderer/player/audio-inlet.ts).
      const Worker = pageWorker();
      if (!Worker) return null;
      const worker = new Worker(new URL('audio-channel.worker.js', location.href));
      const channel = new MessageChannel();
      worker.postMessage({ type: 'open', url: webSocketUrl(location, 'audio'), port: channel.port2 }, [channel.port2]);
      return channel.port1;
    },

    // The session's audio has a socket of its own (binary frames, shared/live-audio.ts), behind the same token.
    async openLiveAudio(sessionId) {
      // A browser cannot read why an upgrade was refused, and the shell accepts live/<id> before it knows the
      // session (it then closes with 4404): ask first, so a session that has ended is said in words.
      const open = await api.invoke('live.status', {});
      if (!open.some((s) => s.sessionId === sessionId)) {
        throw new BridgeError(asErrorInfo({ kind: 'not_found', message: 'That live voice session has ended. Start Live voice again.' }));
      }
      // Relative to the page's folder like /ws and /audio: <token>/live/<id>, no cookie, no ?token=.
      const target = webSocketUrl(location, `live/${encodeURIComponent(sessionId)}`);
      const refused = () => networkError('The live audio channel could not be opened. End live voice and start it again; if it keeps failing, check that Omni Desk is still running.');
      // A worker holds the socket (issue 21): the microphone's and the reply's frames never wait on this thread.
      const Worker = livePageWorker();
      if (Worker && typeof MessageChannel !== 'undefined') {
        return new Promise((resolve, reject) => {
          const worker = new Worker(new URL('live-channel.worker.js', location.href), { type: 'module' });
          const onMessage = (e: { data: unknown }) => {
            const type = (e.data as { type?: unknown } | null)?.type;
            if (type === 'open') resolve(workerChannel(worker, () => new MessageChannel()));
            else if (type === 'closed') {
              worker.terminate();
              reject(refused());
            }
          };
          worker.addEventListener('message', onMessage);
          worker.postMessage({ type: 'open', url: target });
        });
      }
      return new Promise((resolve, reject) => {
        const ws = connect(target) as unknown as SocketLike;
        ws.binaryType = 'arraybuffer';
        let settled = false;
        const fail = () => {
          if (settled) return;
          settled = true;
          reject(networkError('The live audio channel could not be opened. End live voice and start it again; if it keeps failing, check that Omni Desk is still running.'));
        };
        ws.addEventListener('error', fail);
        ws.addEventListener('close', fail);
        (ws as unknown as WebSocket).addEventListener('open', () => {
          if (settled) return;
          settled = true;
          resolve(socketChannel(ws));
        });
      });
    },

    on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void {
      if (!EVENT_NAMES.includes(name)) throw new TypeError(`Unknown event ${String(name)}.`);
      let set = listeners.get(name);
      if (!set) listeners.set(name, (set = new Set()));
      const l = listener as AnyListener;
      set.add(l);
      ensureSocket();
      return () => {
        set.delete(l);
      };
    },
  };
  return api;
}

/** The page's Worker constructor for a module worker, if any (typed here: checked without the DOM too). */
function livePageWorker(): (new (url: URL, options: { type: 'module' }) => WorkerLike) | null {
  return (globalThis as { Worker?: new (url: URL, options: { type: 'module' }) => WorkerLike }).Worker ?? null;
}

/** The page's Worker constructor (typed here: this module is also type-checked without the DOM), if any. */
function pageWorker(): (new (url: URL) => { postMessage(message: unknown, transfer: unknown[]): void }) | null {
  return (globalThis as { Worker?: new (url: URL) => { postMessage(message: unknown, transfer: unknown[]): void } }).Worker ?? null;
}

/** Export WAV in the browser shell: GET <token>/export/wav/<id>, saved as a download. */
async function downloadReplyWav(location: { href: string }, input: unknown): Promise<{ saved: boolean }> {
  const messageId = (input as { messageId?: unknown } | null)?.messageId;
  if (typeof messageId !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(messageId)) {
    throw new BridgeError(asErrorInfo({ kind: 'invalid_input', message: 'That reply cannot be exported.' }));
  }
  let res: Response;
  try {
    res = await fetch(shellUrl(location, `export/wav/${messageId}`));
  } catch {
    throw networkError('The WAV file could not be fetched from Omni Desk. Check that it is still running, then try again.');
  }
  if (!res.ok) {
    const text = (await res.text().catch(() => '')).trim();
    throw new BridgeError(asErrorInfo({ kind: res.status === 404 ? 'not_found' : 'invalid_input', message: text || `The WAV file could not be exported (HTTP ${res.status}).` }));
  }
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  // Typed structurally: this module is also compiled (and its socket code run) under Node, without DOM types.
  const doc = (globalThis as unknown as { document: PageDocument }).document;
  const a = doc.createElement('a');
  a.href = url;
  a.download = downloadName(res.headers.get('Content-Disposition')) ?? `${messageId}.wav`;
  a.style.display = 'none';
  doc.body.append(a);
  a.click();
  a.remove();
  // The download has taken its copy once click() returns; the delay only spares slow browsers.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return { saved: true };
}

/** A whole live session as one WAV in the browser shell: GET <token>/export/live/<sessionId>, saved as a download. */
async function downloadLiveSession(location: { href: string }, input: unknown): Promise<{ saved: boolean }> {
  const id = (input as { sessionId?: unknown } | null)?.sessionId;
  if (typeof id !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(id)) {
    throw new BridgeError(asErrorInfo({ kind: 'invalid_input', message: 'That live session cannot be exported.' }));
  }
  await downloadFrom(location, `/export/live/${id}`, `${id}.wav`, 'The live session');
  return { saved: true };
}

/** Export conversation in the browser shell: GET /export/conversation/<id>, one .zip, saved as a download. */
async function downloadConversation(location: { href: string }, input: unknown): Promise<{ saved: boolean }> {
  const id = (input as { id?: unknown } | null)?.id;
  if (typeof id !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(id)) {
    throw new BridgeError(asErrorInfo({ kind: 'invalid_input', message: 'That conversation cannot be exported.' }));
  }
  await downloadFrom(location, `/export/conversation/${id}`, `${id}.zip`, 'The conversation');
  return { saved: true };
}

/** What can be read of a damaged history, as a .zip download (GET /recovery/export). */
async function downloadRecovered(location: { href: string }): Promise<{ saved: boolean; conversations: number }> {
  const res = await downloadFrom(location, '/recovery/export', 'Omni Desk recovered.zip', 'The readable conversations');
  return { saved: true, conversations: Number(res.headers.get('X-Omni-Conversations') ?? 0) || 0 };
}

async function downloadFrom(location: { href: string }, path: string, fallbackName: string, what: string): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(shellUrl(location, path));
  } catch {
    throw networkError(`${what} could not be fetched from Omni Desk. Check that it is still running, then try again.`);
  }
  if (!res.ok) {
    const text = (await res.text().catch(() => '')).trim();
    throw new BridgeError(asErrorInfo({ kind: res.status === 404 ? 'not_found' : 'invalid_input', message: text || `${what} could not be exported (HTTP ${res.status}).` }));
  }
  const url = URL.createObjectURL(await res.blob());
  const doc = (globalThis as unknown as { document: PageDocument }).document;
  const a = doc.createElement('a');
  a.href = url;
  a.download = downloadName(res.headers.get('Content-Disposition')) ?? fallbackName;
  a.style.display = 'none';
  doc.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return res;
}

interface PageDocument {
  createElement(tag: 'a'): { href: string; download: string; style: { display: string }; click(): void; remove(): void };
  body: { append(node: unknown): void };
}

function downloadName(disposition: string | null): string | null {
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? '');
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      // fall through to the plain name
    }
  }
  return /filename="([^"]+)"/i.exec(disposition ?? '')?.[1] ?? null;
}

/** The browser shell (not the API) out of reach: this code lets describeError (i18n) say so in other languages. */
const SHELL_UNREACHABLE = 'shell_unreachable';

function networkError(message: string): BridgeError {
  return new BridgeError(asErrorInfo({ kind: 'network', message, code: SHELL_UNREACHABLE }));
}

function readError(json: string): ErrorInfo | null {
  try {
    const error = (JSON.parse(json) as { error?: unknown }).error;
    return error && typeof error === 'object' ? asErrorInfo(error) : null;
  } catch {
    return null;
  }
}

function asErrorInfo(x: unknown): ErrorInfo {
  const e = (typeof x === 'object' && x !== null ? x : {}) as Partial<ErrorInfo>;
  return {
    kind: typeof e.kind === 'string' ? e.kind : 'unknown',
    message: typeof e.message === 'string' ? e.message : 'The server gave an answer Omni Desk did not understand.',
    httpStatus: typeof e.httpStatus === 'number' ? e.httpStatus : null,
    code: typeof e.code === 'string' ? e.code : null,
    requestId: typeof e.requestId === 'string' ? e.requestId : null,
    serverMessage: typeof e.serverMessage === 'string' ? e.serverMessage : null,
    ...(typeof e.folder === 'string' ? { folder: e.folder } : {}),
  } as ErrorInfo;
}
