// One reply, from request to stored outcome: stream it, write what arrives to the store in batches,
// push every piece to the renderer, and record how it ended. What arrived is never thrown away.
import type { EventListener } from '../core-interface';
import type { ReplyStatus, Usage } from '../../../shared/domain';
import type { ChatBody } from '../api/request';
import { rateLimitGaveUp, type RegionHint } from '../api/error-mapping';
import { streamChat, type StreamResult } from '../api/stream';
import { RATE_LIMIT_RETRIES, retryDelayMs, waitUnlessAborted } from './backoff';
import type { Store } from '../store/history-store';
import { createReplyWriter } from '../store/reply-writer';

export interface TurnInput {
  store: Store;
  emit: EventListener;
  fetch: typeof globalThis.fetch;
  now: () => number;
  conversationId: string;
  messageId: string;
  baseUrl: string;
  apiKey: string;
  body: ChatBody;
  stallTimeoutMs: number;
  signal: AbortSignal;
  /** Decides the status when the signal was aborted: Stop → cancelled; the app closing → interrupted. */
  abortStatus: () => ReplyStatus;
  /** Where the request goes, for a refused key's message. */
  region?: RegionHint | null;
  /** Earlier turns left out of `body` to fit the input limit (told to the renderer, kept with the usage). */
  turnsLeftOut?: number;
  /** The server's count of the request (the usage chunk): the input-token estimate learns from it. */
  onUsage?: (usage: Usage) => void;
}

export async function runTurn(t: TurnInput): Promise<ReplyStatus> {
  const ref = { conversationId: t.conversationId, messageId: t.messageId };
  const writer = createReplyWriter(t.store, t.messageId);
  let seq = 0;
  let sawContent = false;
  const turnsLeftOut = t.turnsLeftOut ?? 0;
  const text = (delta: string) => {
    writer.text(delta);
    t.emit('chat.event', { kind: 'text', ...ref, delta });
  };
  if (turnsLeftOut > 0) t.emit('chat.event', { kind: 'trimmed', ...ref, turnsLeftOut });
  const withTrim = <U extends object>(usage: U): U => (turnsLeftOut > 0 ? { ...usage, turnsLeftOut } : usage);
  const attempt = () => streamChat({
    fetch: t.fetch,
    baseUrl: t.baseUrl,
    apiKey: t.apiKey,
    body: t.body,
    signal: t.signal,
    stallTimeoutMs: t.stallTimeoutMs,
    now: t.now,
    region: t.region ?? null,
    onEvent(e) {
      switch (e.type) {
        case 'text':
          sawContent = true;
          text(e.delta);
          break;
        case 'transcript':
          // Some servers (older DashScope, self-hosted) send the words only as the audio's transcript.
          if (!sawContent) text(e.delta);
          break;
        case 'reasoning':
          writer.reasoning(e.delta);
          t.emit('chat.event', { kind: 'reasoning', ...ref, delta: e.delta });
          break;
        case 'audio':
          writer.audio(e.pcm);
          t.emit('chat.event', { kind: 'audio', ...ref, seq: seq++, pcm: e.pcm, receivedAt: e.receivedAt });
          break;
        case 'usage':
          t.onUsage?.(e.usage);
          t.emit('chat.event', { kind: 'usage', ...ref, usage: withTrim(e.usage) });
          break;
        default:
          break;
      }
    },
  });

  // A 429 comes before any of the reply, so asking again cannot repeat or lose a word of it.
  let result: StreamResult = await attempt();
  let retries = 0;
  while (result.status === 'failed' && result.error?.kind === 'rate_limit' && retries < RATE_LIMIT_RETRIES) {
    const delayMs = retryDelayMs(retries + 1, result.retryAfterSec);
    if (delayMs === null) break;
    retries++;
    t.emit('chat.event', { kind: 'retrying', ...ref, attempt: retries, maxAttempts: RATE_LIMIT_RETRIES, retryAt: t.now() + delayMs, delayMs });
    if (!(await waitUnlessAborted(delayMs, t.signal))) {
      result = { ...result, status: 'cancelled', error: null };
      break;
    }
    result = await attempt();
  }
  if (result.status === 'failed' && result.error?.kind === 'rate_limit' && retries > 0) {
    result = { ...result, error: rateLimitGaveUp(result.error, retries) };
  }

  const status = result.status === 'cancelled' ? t.abortStatus() : result.status;
  const error = status === 'cancelled' || status === 'interrupted' ? null : result.error;
  try {
    writer.finish({ status, usage: result.usage ? withTrim(result.usage) : null, error });
  } catch (err) {
    // The conversation was deleted while the reply streamed: nothing is left to record it in.
    if (t.store.getMessage(t.messageId)) throw err;
  }
  t.emit('chat.event', { kind: 'outcome', ...ref, status, error });
  return status;
}
