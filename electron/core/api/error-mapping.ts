// Turns what DashScope (or the network) said into an ErrorInfo: a kind the renderer can translate, and an
// English sentence saying what happened and what to do. The server's own words stay in serverMessage.
import { REGIONS } from '../../../shared/catalog';
import type { ErrorInfo, ErrorKind } from '../../../shared/domain';

export interface ApiErrorInput {
  httpStatus: number | null;
  /** The parsed JSON body (or the raw text when it was not JSON). */
  body: unknown;
  networkError?: unknown;
  /** From the `x-request-id` header, when the body carries none. */
  requestId?: string | null;
  /** The `Retry-After` header of a 429, as sent. */
  retryAfter?: string | null;
  /** Where the request went, so a refused key can point at the other region. */
  region?: RegionHint | null;
}

/** The region a request went to and the one a key may belong to instead (null: a custom endpoint). */
export interface RegionHint {
  label: string;
  other: string | null;
}

interface ServerSaid {
  message: string | null;
  code: string | null;
  type: string | null;
  requestId: string | null;
}

const str = (x: unknown): string | null => (typeof x === 'string' && x.length > 0 ? x : typeof x === 'number' ? String(x) : null);
const obj = (x: unknown): Record<string, unknown> | null =>
  x !== null && typeof x === 'object' && !Array.isArray(x) ? (x as Record<string, unknown>) : null;

/** Reads both the OpenAI-style `{error: {...}, request_id}` shape and DashScope's native `{code, message}`. */
function readBody(body: unknown): ServerSaid {
  const top = obj(body);
  if (!top) {
    const text = typeof body === 'string' ? body.replace(/\s+/g, ' ').trim().slice(0, 300) : '';
    return { message: text || null, code: null, type: null, requestId: null };
  }
  const inner = obj(top.error);
  const src = inner ?? top;
  return {
    message: str(src.message) ?? (typeof top.error === 'string' ? top.error : null),
    code: str(src.code),
    type: str(src.type),
    requestId: str(top.request_id) ?? str(inner?.request_id) ?? str(top.id),
  };
}

/** Keys look like `sk-` + letters and digits; a server echoing one back must not put it on screen or in a log. */
export function redactKeys(text: string, key?: string | null): string {
  let out = text;
  if (key && key.length >= 4) out = out.split(key).join('[key hidden]');
  return out.replace(/\bsk-[A-Za-z0-9_-]{6,}/g, 'sk-…');
}

export function redactErrorInfo(info: ErrorInfo, key?: string | null): ErrorInfo {
  return {
    ...info,
    message: redactKeys(info.message, key),
    serverMessage: info.serverMessage === null ? null : redactKeys(info.serverMessage, key),
  };
}

export function retryAfterSeconds(value: string | null | undefined): number | null {
  if (!value) return null;
  const n = Number(value);
  if (Number.isFinite(n) && n >= 0) return Math.ceil(n);
  const at = Date.parse(value);
  if (Number.isFinite(at)) return Math.max(0, Math.ceil((at - Date.now()) / 1000));
  return null;
}

const NETWORK_CAUSES: Record<string, string> = {
  ECONNREFUSED: 'the connection was refused',
  ENOTFOUND: 'the server name could not be resolved',
  EAI_AGAIN: 'the server name could not be resolved',
  ETIMEDOUT: 'the connection timed out',
  UND_ERR_CONNECT_TIMEOUT: 'the connection timed out',
  ECONNRESET: 'the connection was reset',
  EHOSTUNREACH: 'the server is unreachable',
  ENETUNREACH: 'the network is unreachable',
  UND_ERR_SOCKET: 'the connection failed',
};

/** Finds the most specific `code` in an error's cause chain (undici wraps the socket error in "fetch failed"). */
function networkCode(err: unknown): string | null {
  let cur: unknown = err;
  for (let depth = 0; depth < 5 && cur; depth++) {
    const o = obj(cur) ?? (cur instanceof Error ? (cur as unknown as Record<string, unknown>) : null);
    if (!o) break;
    const code = str(o.code);
    if (code) return code;
    cur = o.cause;
  }
  return null;
}

function networkInfo(err: unknown): ErrorInfo {
  const code = networkCode(err);
  const what = (code && NETWORK_CAUSES[code]) ?? (code?.startsWith('CERT_') || code?.includes('CERT') ? 'its certificate was not accepted' : 'the connection failed');
  return info('network', `Could not reach the API server: ${what}. Check your internet connection (and proxy), and the region in Settings, then try again.`, {
    code,
  });
}

function info(kind: ErrorKind, message: string, extra: Partial<ErrorInfo> = {}): ErrorInfo {
  return { kind, message, httpStatus: null, code: null, requestId: null, serverMessage: null, ...extra };
}

const has = (text: string | null, needle: string): boolean => !!text && text.toLowerCase().includes(needle.toLowerCase());

export function mapApiError(input: ApiErrorInput): ErrorInfo {
  if (input.httpStatus === null) {
    if (input.networkError !== undefined) return networkInfo(input.networkError);
  }
  const said = readBody(input.body);
  const status = input.httpStatus;
  const code = said.code;
  const codeLc = (code ?? '').toLowerCase();
  // Some servers echo (part of) the key back; it must not reach the screen or a log.
  const msg = said.message === null ? null : redactKeys(said.message);
  const extra: Partial<ErrorInfo> = {
    httpStatus: status,
    code,
    requestId: said.requestId ?? input.requestId ?? null,
    serverMessage: msg,
  };
  const detail = msg ? ` The server said: "${msg}"` : '';
  // Unknown answers carry the request id, the one thing the provider's support can look up.
  const reqId = extra.requestId ? ` (request id ${extra.requestId})` : '';
  const make = (kind: ErrorKind, message: string) => info(kind, message, extra);

  if (codeLc === 'data_inspection_failed' || codeLc.startsWith('datainspection') || said.type === 'data_inspection_failed' || has(msg, 'inappropriate content')) {
    // An HTTP error is the check refusing the input; an error frame inside a 200 stream stops the reply partway.
    if (status === null) {
      return make('moderation', "The provider's content safety check stopped this reply partway. What arrived is kept; rephrase the question and try again.");
    }
    return make('moderation', "The provider's content safety check refused this message (its text or an attachment). Rephrase it or remove the attachment, then send again.");
  }
  if (status === 401 || codeLc === 'invalid_api_key' || codeLc === 'invalidapikey') {
    const r = input.region;
    if (r?.other) {
      return make('auth', `The API key was refused by the ${r.label} endpoint. Keys work only in the region they were created in: if this key is for ${r.other}, choose that region in Settings; otherwise paste the key again from the Model Studio console.`);
    }
    return make('auth', 'The API key was refused. Check it in Settings (paste it again from the Model Studio console); a key works only in its own region, so a Singapore key fails in Beijing and the other way round.');
  }
  if (codeLc.startsWith('arrearage') || has(msg, 'good standing')) {
    return make('arrearage', 'Access denied: the Alibaba Cloud account behind this key has an overdue payment. Top up the account in the Alibaba Cloud console, then try again.');
  }
  if (codeLc.includes('freetieronly')) {
    return make('quota', 'The free quota for this model is used up, and "free tier only" is switched on for the account. Switch it off in the Model Studio console (paid use), or choose another model.');
  }
  if (codeLc === 'insufficient_quota' || codeLc.startsWith('allocationquota')) {
    return make('quota', 'The quota for this key is used up. Check the quota and billing in the Model Studio console, or choose another model.');
  }
  if (status === 429 || codeLc.startsWith('throttling') || codeLc === 'limit_requests') {
    const wait = retryAfterSeconds(input.retryAfter);
    const when = wait === null ? 'Wait a moment' : wait <= 1 ? 'Wait a second' : `Wait about ${wait} seconds`;
    return make('rate_limit', `Too many requests right now: the API's rate limit was reached. ${when} and try again.`);
  }
  if (codeLc === 'model_not_found' || codeLc.startsWith('model.accessdenied') || (status === 404 && has(msg, 'model')) || has(msg, 'not activated')) {
    return make('model_not_found', 'This model is not available with this key and region (unknown, or not enabled for the account). Choose another model in Settings, or enable it in the Model Studio console.');
  }
  if (has(msg, 'max bytes per data-uri') || status === 413) {
    return make('too_large', 'An attachment is too large to send: one inline item may be at most 10 MB after encoding (about 7 MB of file). Attach a smaller or shorter file.');
  }
  if (has(msg, 'multimodal') || has(msg, 'modality input') || has(msg, 'too long') || has(msg, 'download')) {
    return make('media_refused', `The server could not use an attachment.${detail} Check the file (length, size and format) or remove it, then try again.`);
  }
  if (has(msg, 'Input should be') && has(msg, 'voice')) {
    return make('bad_request', `This voice is not offered for this model.${detail} Choose another voice in Settings.`);
  }
  if (status === 403) {
    return make('auth', `The API key may not use this model or service.${detail} Check the key's permissions in the Model Studio console.`);
  }
  if (status === 404) {
    return make('unknown', `The API address answered "not found" (HTTP 404)${reqId}. Check the region or endpoint in Settings.`);
  }
  if (status !== null && status >= 500) {
    return make('server', `The API server had a problem (HTTP ${status})${reqId}. Try again in a moment; nothing needs changing on your side.`);
  }
  if (status !== null && status >= 400) {
    return make('bad_request', `The API refused the request (HTTP ${status}${extra.code ? `, ${extra.code}` : ''})${reqId}.${detail} Check the model, voice and attachments; if it keeps happening, report it with the request id.`);
  }
  if (input.networkError !== undefined) return { ...networkInfo(input.networkError), ...extra, code: extra.code ?? networkCode(input.networkError) };
  return make('unknown', `The API returned an error${reqId}.${detail} Try again; if it keeps happening, report it with the request id.`);
}

export function stalledError(stallTimeoutMs: number, requestId: string | null): ErrorInfo {
  const secs = Math.round(stallTimeoutMs / 100) / 10;
  return info('stalled', `The reply stopped arriving (nothing for ${secs} s), so it was stopped. What arrived is kept; try again, or raise the stall timeout in Settings on a slow connection.`, {
    requestId,
  });
}

/** 429 after the automatic retries: the rate-limit message, saying that waiting did not help. */
export function rateLimitGaveUp(last: ErrorInfo, retries: number): ErrorInfo {
  return {
    ...last,
    message: `Too many requests: the API's rate limit was still reached after ${retries} automatic ${retries === 1 ? 'retry' : 'retries'}. Wait a minute and try again, or check the rate limits of your account in the Model Studio console.`,
  };
}

export function cutOffError(requestId: string | null, detail: string | null = null): ErrorInfo {
  return info('cut_off', 'The connection ended before the reply was complete. What arrived is kept; try again to get the whole reply.', {
    requestId,
    serverMessage: detail,
  });
}

/** The hint for a refused key: the region the request went to and the other one (none for a custom endpoint). */
export function regionHintFor(region: string, customBaseUrl: string | null): RegionHint | null {
  if (customBaseUrl) return null;
  const here = (REGIONS as Record<string, { label: string } | undefined>)[region];
  if (!here) return null;
  const other = Object.entries(REGIONS).find(([id]) => id !== region)?.[1].label ?? null;
  return { label: here.label, other };
}
