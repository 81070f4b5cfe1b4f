// What the Realtime service (or the connection to it) said, as an ErrorInfo: a kind the page words in the
// user's language and an English sentence saying what happened and what to do. The handshake's HTTP refusals
// read like the chat API's (api/error-mapping.ts does those); error events and close codes are worded here.
// The error events are not in a documented table: the patterns below are the messages the service is seen to
// send (voice, modalities, quota), each case a sentence; anything else keeps the server's own words.
import type { ErrorInfo } from '../../../shared/domain';
import { mapApiError, redactKeys, type RegionHint } from '../api/error-mapping';
import type { RawServerError } from './server-events';

export interface RealtimeErrorContext {
  modelLabel: string;
  voice: string | null;
  region?: RegionHint | null;
}

const info = (kind: ErrorInfo['kind'], message: string, raw: RawServerError | null, code: string | null = raw?.code ?? null): ErrorInfo => ({
  kind, message, httpStatus: null, code, requestId: null, serverMessage: raw?.message ? redactKeys(raw.message) : null,
});

/** Error events that mean nothing to the user (a cancel that found the reply already over, a benign timeout). */
export function isHarmless(raw: RawServerError): boolean {
  const m = (raw.message ?? '').toLowerCase();
  return m.includes('no active response') || m.includes('no response to cancel') || m.includes('response_cancel_not_active')
    || (raw.code ?? '').toLowerCase() === 'response_cancel_not_active' || m === 'response timeout.';
}

/** An `error` event → ErrorInfo. `fatal`: the session cannot go on as configured (its settings were refused). */
export function realtimeErrorInfo(raw: RawServerError, c: RealtimeErrorContext): { error: ErrorInfo; fatal: boolean } {
  const msg = raw.message ?? '';
  const code = (raw.code ?? '').toLowerCase();
  const voice = /Voice '([^']*)' is not supported/i.exec(msg)?.[1] ?? null;
  if (voice !== null || code === 'cannot_update_voice') {
    return {
      fatal: true,
      error: info('bad_request', `${c.modelLabel} does not speak with the voice “${voice ?? c.voice ?? ''}”. Choose another voice for Live voice, then start it again.`, raw, raw.code ?? 'voice_not_supported'),
    };
  }
  if (raw.param === 'session.modalities' || /invalid modalities/i.test(msg)) {
    return {
      fatal: true,
      error: info('bad_request', `${c.modelLabel} refused to answer in the way it was asked (${msg || 'modalities'}). If it answers in text only, say so for it under Settings → Models, then start Live voice again.`, raw),
    };
  }
  if ((raw.param ?? '').startsWith('session.')) {
    return {
      fatal: true,
      error: info('bad_request', `${c.modelLabel} refused a setting of the live session (${raw.param ?? 'session'}): “${msg}”. Change the Live voice settings (voice, turn detection), then start again.`, raw),
    };
  }
  if (/internal service error/i.test(msg) || code === 'internal_error' || raw.type === 'server_error') {
    return { fatal: false, error: info('server', `The live voice service had a problem with the last turn (“${msg || raw.type}”). Say it again; if it keeps happening, end Live voice and start it again.`, raw) };
  }
  // Keys, quota, rate limits, moderation, an unknown model: worded as the chat API's are, from the same codes.
  const mapped = mapApiError({ httpStatus: null, body: { error: raw }, region: c.region ?? null });
  if (mapped.kind !== 'unknown') return { fatal: mapped.kind !== 'rate_limit' && mapped.kind !== 'moderation', error: mapped };
  return {
    fatal: false,
    error: info('unknown', `The live voice service reported a problem${msg ? `: “${redactKeys(msg)}”` : ''}${raw.code ? ` (${raw.code})` : ''}. Go on speaking; if nothing answers, end Live voice and start it again.`, raw),
  };
}

/** The upgrade was answered with an HTTP status (a wrong key, an unknown model, a wrong address). */
export function refusedHandshake(status: number, body: string, c: RealtimeErrorContext): ErrorInfo {
  let parsed: unknown = body;
  try {
    parsed = JSON.parse(body);
  } catch {
    // not JSON: the text is the server's words
  }
  return mapApiError({ httpStatus: status, body: parsed, region: c.region ?? null });
}

/** The connection failed before it opened (no route, refused, a certificate). */
export function connectionFailed(err: unknown): ErrorInfo {
  const mapped = mapApiError({ httpStatus: null, body: null, networkError: err });
  return { ...mapped, message: mapped.message.replace('Could not reach the API server', 'Could not reach the live voice service') };
}

/** The server closed the socket with a reason the user should hear (the free quota used up: 1007). */
export function closedByServer(code: number, reason: string): ErrorInfo | null {
  if (/free tier/i.test(reason)) {
    return mapApiError({ httpStatus: null, body: { error: { code: 'AllocationQuota.FreeTierOnly', message: reason } } });
  }
  if (code === 1008 || code === 1003 || code === 1007) {
    return info('bad_request', `The live voice service ended the session${reason ? `: “${redactKeys(reason)}”` : ''} (code ${code}). Check the model and voice for Live voice, then start it again.`, null, `close_${code}`);
  }
  return null;
}

/** The socket dropped and could not be opened again. */
export function droppedError(detail: string | null): ErrorInfo {
  return {
    ...info('network', 'The connection to the live voice service dropped and could not be made again. Everything said so far is kept in this conversation; check your connection, then start Live voice again.', null, 'live_dropped'),
    serverMessage: detail,
  };
}
