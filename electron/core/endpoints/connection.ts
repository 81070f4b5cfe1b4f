// "Test connection": one tiny streamed request (text "hi", text only, a few tokens) with the chosen
// region's key and address, and the exact problem when it fails. A DashScope key refused by its region
// is tried against the other region once, so the answer can say "this is a Beijing key".
import type { ErrorInfo } from '../../../shared/domain';
import type { ConnectionResult } from '../../../shared/endpoints';
import { buildChatBody, streamChat, type ChatBody } from '../api';
import { errorInfo } from '../user-error';
import type { Target } from './targets';

export interface ConnectionTestOptions {
  fetch: typeof globalThis.fetch;
  target: Target;
  apiKey: string | null;
  model: string;
  /** For a DashScope region: the other region, where a refused key is tried. */
  other: Target | null;
  stallTimeoutMs: number;
}

const ANSWER_MAX = 200;
const MAX_TOKENS = 16;

function tinyBody(model: string): ChatBody & { max_tokens: number } {
  return {
    ...buildChatBody([{ role: 'user', content: 'hi' }], { model, voice: '', speakReplies: false, thinking: false }),
    max_tokens: MAX_TOKENS,
  };
}

/** Whether `key` is accepted at `target` (only the status is read; the body is dropped unread). */
async function keyAcceptedAt(o: ConnectionTestOptions, target: Target, key: string): Promise<boolean> {
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), o.stallTimeoutMs);
  try {
    const res = await o.fetch(`${target.baseUrl}/chat/completions`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json', Accept: 'text/event-stream' },
      body: JSON.stringify(tinyBody(o.model)),
      signal: ctrl.signal,
    });
    await res.body?.cancel().catch(() => {});
    return res.ok;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

export async function testConnection(o: ConnectionTestOptions): Promise<ConnectionResult> {
  const { target, model } = o;
  const base = { region: target.region, endpoint: target.baseUrl };
  const fail = (error: ErrorInfo, keyRegion: Target['region'] | null = null): ConnectionResult => ({ ok: false, ...base, model, error, keyRegion });

  if (!o.apiKey && target.kind === 'dashscope') {
    return fail(errorInfo('no_key', `No API key for ${target.label} yet. Enter the key made for ${target.label} in API key, save it, then test again.`));
  }

  let answer = '';
  const r = await streamChat({
    fetch: o.fetch, baseUrl: target.baseUrl, apiKey: o.apiKey ?? '', body: tinyBody(model),
    stallTimeoutMs: o.stallTimeoutMs,
    onEvent(e) {
      if (e.type === 'text' && answer.length < ANSWER_MAX) answer += e.delta;
    },
  });
  if (r.status === 'complete') {
    return { ok: true, ...base, model, answer: answer.trim().slice(0, ANSWER_MAX) };
  }
  const error = r.error ?? errorInfo('unknown', 'The test request ended without an answer. Try again.');
  const explained = await explain(o, error);
  return fail(explained.error, explained.keyRegion);
}

/** The mapped error, said about this endpoint and this key. */
async function explain(o: ConnectionTestOptions, e: ErrorInfo): Promise<{ error: ErrorInfo; keyRegion: Target['region'] | null }> {
  const { target, model } = o;
  const said = (message: string) => ({ error: { ...e, message }, keyRegion: null });
  if (e.kind === 'auth' || e.httpStatus === 401) {
    if (target.kind === 'custom') {
      return said(o.apiKey
        ? `${target.label} refused the key (HTTP 401). Enter the key this server expects in API key, then test again.`
        : `${target.label} wants an API key (HTTP 401). Enter its key in API key, then test again.`);
    }
    if (o.other && o.apiKey && (await keyAcceptedAt(o, o.other, o.apiKey))) {
      return {
        error: { ...e, message: `This key belongs to ${o.other.label}, not ${target.label} (HTTP 401 here). Choose ${o.other.label} under Region, or enter a key made for ${target.label}.` },
        keyRegion: o.other.region,
      };
    }
    return said(`${target.label} refused this API key (HTTP 401: wrong key). Check that it was copied whole and made for ${target.label} in the Model Studio console, then save it again.`);
  }
  if (e.kind === 'network') {
    return said(e.message.replace('Could not reach the API server', `Could not reach ${target.baseUrl}`));
  }
  if (e.kind === 'model_not_found') {
    return target.kind === 'custom'
      ? said(`${target.label} does not serve ${model} (HTTP ${e.httpStatus ?? 404}). Tick only the models this server was started with, or start it with ${model}.`)
      : said(`${model} is not available with this key in ${target.label} (HTTP ${e.httpStatus ?? 404}). Choose another model, or enable it in the Model Studio console.`);
  }
  if (e.httpStatus === 404) {
    return said(`Nothing answers at ${target.baseUrl}/chat/completions (HTTP 404). Check the base URL: it usually ends in /v1.`);
  }
  return { error: e, keyRegion: null };
}
