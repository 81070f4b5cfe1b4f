// One streamed chat completion over plain fetch: SSE in, typed events out, and an outcome the core decides
// itself. We do not use the OpenAI SDK: it ends silently on a cut connection, hides audio deltas from its
// types, and retries on its own. Here every ending is told apart and whatever arrived is handed on first.
import type { ErrorInfo, Usage } from '../../../shared/domain';
import { readChunk } from './chunk';
import { cutOffError, mapApiError, redactErrorInfo, retryAfterSeconds, stalledError, type RegionHint } from './error-mapping';
import { PcmAssembler } from './pcm';
import type { ChatBody } from './request';
import { SseParser, type SseEvent } from './sse';
import { errorText } from '../../../shared/error-text';

export type StreamEvent =
  | { type: 'text'; delta: string }
  | { type: 'reasoning'; delta: string }
  /** Decoded PCM16LE, mono, 24 kHz; always an even number of bytes, in its own ArrayBuffer. */
  | { type: 'audio'; pcm: Uint8Array<ArrayBuffer>; receivedAt: number }
  | { type: 'transcript'; delta: string }
  | { type: 'usage'; usage: Usage }
  | { type: 'finish'; reason: string };

export interface StreamOptions {
  fetch: typeof globalThis.fetch;
  baseUrl: string;
  apiKey: string;
  body: ChatBody;
  /** Stop: aborting it ends the stream as 'cancelled'. */
  signal?: AbortSignal;
  /** No bytes at all (headers or body) for this long and the request is aborted as 'stalled'. */
  stallTimeoutMs: number;
  /** Stamps `receivedAt` on audio events (default Date.now). The watchdog runs on the monotonic clock. */
  now?: () => number;
  /** Where the request goes, for a refused key's message. */
  region?: RegionHint | null;
  onEvent(e: StreamEvent): void;
}

export type StreamStatus = 'complete' | 'cut_off' | 'cancelled' | 'failed' | 'stalled';

export interface StreamResult {
  status: StreamStatus;
  /** null when complete or cancelled. */
  error: ErrorInfo | null;
  requestId: string | null;
  usage: Usage | null;
  finishReason: string | null;
  /** A refusal's `Retry-After` header in seconds (429), else null. */
  retryAfterSec: number | null;
}

const REQUEST_ID_HEADERS = ['x-request-id', 'x-dashscope-request-id', 'request-id'];

/** Re-arms lazily: touching it is just a clock read, so a busy stream costs no timer churn. */
class Watchdog {
  private last = performance.now();
  private timer: ReturnType<typeof setTimeout> | null;

  constructor(private readonly ms: number, private readonly fire: () => void) {
    this.timer = setTimeout(this.check, ms);
  }

  touch(): void {
    this.last = performance.now();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private check = (): void => {
    if (this.timer === null) return;
    const idle = performance.now() - this.last;
    if (idle >= this.ms - 1) {
      this.timer = null;
      this.fire();
    } else {
      this.timer = setTimeout(this.check, this.ms - idle);
    }
  };
}

type StopReason = 'user' | 'stall' | 'consumer';

export async function streamChat(o: StreamOptions): Promise<StreamResult> {
  const now = o.now ?? Date.now;
  const ctrl = new AbortController();
  let stopReason: StopReason | null = null;
  let consumerError: unknown = null;
  let requestId: string | null = null;
  let usage: Usage | null = null;
  let finishReason: string | null = null;
  let errorFrame: ErrorInfo | null = null;
  let sawDone = false;
  let retryAfterSec: number | null = null;

  const stop = (why: StopReason): void => {
    if (stopReason === null) stopReason = why;
    ctrl.abort();
  };
  const result = (status: StreamStatus, error: ErrorInfo | null): StreamResult => ({
    status,
    error: error === null ? null : redactErrorInfo({ ...error, requestId: error.requestId ?? requestId }, o.apiKey),
    requestId,
    usage,
    finishReason,
    retryAfterSec,
  });
  const complete = (): boolean => finishReason !== null && usage !== null;
  /** An ending caused by our own abort: what kind of ending it was. */
  const aborted = (): StreamResult | null => {
    if (stopReason === 'user') return result('cancelled', null);
    if (stopReason === 'stall') return result('stalled', stalledError(o.stallTimeoutMs, requestId));
    if (stopReason === 'consumer') {
      const why = errorText(consumerError);
      return result('failed', {
        kind: 'internal', message: `The reply could not be processed (${why}). Try again; if it keeps happening, restart the app.`,
        httpStatus: null, code: null, requestId, serverMessage: null,
      });
    }
    return null;
  };

  if (o.signal?.aborted) return result('cancelled', null);
  const onUserAbort = (): void => stop('user');
  o.signal?.addEventListener('abort', onUserAbort, { once: true });
  const watchdog = new Watchdog(o.stallTimeoutMs, () => stop('stall'));

  const emit = (e: StreamEvent): void => {
    if (stopReason !== null) return;
    try {
      o.onEvent(e);
    } catch (err) {
      consumerError = err;
      stop('consumer');
    }
  };

  try {
    let response: Response;
    try {
      response = await o.fetch(`${o.baseUrl.replace(/\/+$/, '')}/chat/completions`, {
        method: 'POST',
        headers: {
          // A self-hosted endpoint may need no key: then no Authorization header at all.
          ...(o.apiKey ? { Authorization: `Bearer ${o.apiKey}` } : {}),
          'Content-Type': 'application/json',
          Accept: 'text/event-stream',
        },
        body: JSON.stringify(o.body),
        signal: ctrl.signal,
      });
    } catch (err) {
      return aborted() ?? result('failed', mapApiError({ httpStatus: null, body: null, networkError: err }));
    }
    watchdog.touch();
    for (const h of REQUEST_ID_HEADERS) requestId ??= response.headers.get(h);

    const contentType = response.headers.get('content-type') ?? '';
    if (!response.ok || contentType.includes('application/json')) {
      let raw = '';
      try {
        raw = await response.text();
      } catch (err) {
        const ab = aborted();
        if (ab) return ab;
        if (!response.ok) return result('failed', mapApiError({ httpStatus: response.status, body: null, requestId }));
        return result('cut_off', cutOffError(requestId, errText(err)));
      }
      let body: unknown = raw;
      try {
        body = JSON.parse(raw);
      } catch {
        // Not JSON (a proxy's HTML page, say): mapApiError keeps the start of the text.
      }
      if (!response.ok) {
        const retryAfter = response.headers.get('retry-after');
        retryAfterSec = retryAfterSeconds(retryAfter);
        return result('failed', mapApiError({ httpStatus: response.status, body, requestId, retryAfter, region: o.region ?? null }));
      }
      const err = mapApiError({ httpStatus: null, body, requestId });
      if (body && typeof body === 'object' && 'error' in body) return result('failed', err);
      return result('failed', {
        ...err, kind: 'bad_request', serverMessage: null,
        message: 'The server answered without streaming. Check the endpoint in Settings: it must be an OpenAI-compatible one that streams.',
      });
    }

    if (!response.body) return result('cut_off', cutOffError(requestId, 'empty response body'));

    const audio = new PcmAssembler();
    let receivedAt = now();
    const onSse = (ev: SseEvent): void => {
      if (sawDone || errorFrame || stopReason) return;
      const data = ev.data.trim();
      if (data === '[DONE]') {
        sawDone = true;
        return;
      }
      let json: unknown;
      try {
        json = JSON.parse(data);
      } catch {
        return; // A garbled frame is skipped; the outcome rules still catch a stream that never ends well.
      }
      const c = readChunk(json);
      requestId ??= c.requestId ?? c.id;
      if (c.error !== null) {
        errorFrame = mapApiError({ httpStatus: null, body: c.error, requestId });
        return;
      }
      if (c.reasoning) emit({ type: 'reasoning', delta: c.reasoning });
      if (c.content) emit({ type: 'text', delta: c.content });
      if (c.audioData) {
        const pcm = audio.push(c.audioData);
        if (pcm.length > 0) emit({ type: 'audio', pcm, receivedAt });
      }
      if (c.transcript) emit({ type: 'transcript', delta: c.transcript });
      if (c.finishReason) {
        finishReason = c.finishReason;
        emit({ type: 'finish', reason: c.finishReason });
      }
      if (c.usage) {
        usage = c.usage;
        emit({ type: 'usage', usage: c.usage });
      }
    };

    const parser = new SseParser(onSse);
    const decoder = new TextDecoder();
    const reader = response.body.getReader();
    let readError: unknown = null;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        watchdog.touch();
        receivedAt = now();
        parser.push(decoder.decode(value, { stream: true }));
        if (sawDone || errorFrame || stopReason) break;
      }
    } catch (err) {
      readError = err;
    }
    if (!readError && (sawDone || errorFrame || stopReason)) {
      // Nothing more is wanted: release the connection rather than wait for the server to close it.
      reader.cancel().catch(() => {});
    }
    if (stopReason !== 'consumer') {
      parser.push(decoder.decode());
      parser.end();
    }

    if (errorFrame) return result('failed', errorFrame);
    if (complete()) return result('complete', null);
    const ab = aborted();
    if (ab) return ab;
    const detail = readError
      ? errText(readError)
      : sawDone ? 'the stream ended without its finish reason or usage' : 'the stream ended early';
    return result('cut_off', cutOffError(requestId, detail));
  } finally {
    watchdog.stop();
    o.signal?.removeEventListener('abort', onUserAbort);
  }
}

function errText(err: unknown): string {
  if (err instanceof Error) {
    const cause = err.cause instanceof Error ? `: ${err.cause.message}` : '';
    return `${err.message}${cause}`;
  }
  return String(err);
}
