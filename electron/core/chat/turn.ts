// One reply, from request to stored outcome: stream it, write what arrives to the store in batches,
// push every piece to the renderer, and record how it ended. What arrived is never thrown away: when the
// disk fills, the request is stopped, the reply ends as failed with a sentence saying so, and what arrived
// is held in memory (store/unsaved-replies.ts) until it can be written.
import type { EventListener } from '../core-interface';
import type { ErrorInfo, ReplyStatus, Usage } from '../../../shared/domain';
import { errorText } from '../../../shared/error-text';
import { isDiskFull } from '../disk-full';
import type { ChatBody } from '../api/request';
import { rateLimitGaveUp, type RegionHint } from '../api/error-mapping';
import { streamChat, type StreamResult } from '../api/stream';
import { RATE_LIMIT_RETRIES, retryDelayMs, waitUnlessAborted } from './backoff';
import type { Store } from '../store/history-store';
import { createReplyWriter } from '../store/reply-writer';
import type { HeldReply } from '../store/unsaved-replies';

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
  /** The sentence for a reply stopped by a full disk (it names the data folder). */
  diskFull: () => ErrorInfo;
  /** Keeps a reply whose end could not be written (the disk is full) until it can be. */
  hold: (messageId: string, reply: HeldReply) => void;
  log?: (line: string) => void;
}

export async function runTurn(t: TurnInput): Promise<ReplyStatus> {
  const ref = { conversationId: t.conversationId, messageId: t.messageId };
  // The disk filling up stops the request: what streams on could not be kept.
  const noRoom = new AbortController();
  let loggedFailure = false;
  const writer = createReplyWriter(t.store, t.messageId, {
    onError(err) {
      if (isDiskFull(err)) {
        if (!noRoom.signal.aborted) t.log?.(`reply ${t.messageId}: the disk is full; stopping it (${errorText(err)})`);
        noRoom.abort();
      } else if (!loggedFailure) {
        // Anything else (a busy database) is tried again at the next flush.
        loggedFailure = true;
        t.log?.(`reply ${t.messageId}: a write failed and will be tried again: ${errorText(err)}`);
      }
    },
  });
  const signal = AbortSignal.any([t.signal, noRoom.signal]);
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
    signal,
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
    if (!(await waitUnlessAborted(delayMs, signal))) {
      result = { ...result, status: 'cancelled', error: null };
      break;
    }
    result = await attempt();
  }
  if (result.status === 'failed' && result.error?.kind === 'rate_limit' && retries > 0) {
    result = { ...result, error: rateLimitGaveUp(result.error, retries) };
  }

  let status: ReplyStatus = result.status === 'cancelled' ? t.abortStatus() : result.status;
  let error = status === 'cancelled' || status === 'interrupted' ? null : result.error;
  if (noRoom.signal.aborted) {
    status = 'failed';
    error = t.diskFull();
  }
  let outcome = { status, usage: result.usage ? withTrim(result.usage) : null, error };
  try {
    writer.finish(outcome);
  } catch (err) {
    if (isDiskFull(err)) {
      // Its end cannot be written now: it ends as failed, saying why, and is written once there is room.
      if (outcome.error?.kind !== 'disk_full') outcome = { ...outcome, status: 'failed', error: t.diskFull() };
      t.hold(t.messageId, { conversationId: t.conversationId, writer, outcome });
    } else if (t.store.getMessage(t.messageId)) {
      // Otherwise: the conversation was deleted while the reply streamed, and nothing is left to record it in.
      throw err;
    }
  }
  t.emit('chat.event', { kind: 'outcome', ...ref, status: outcome.status, error: outcome.error });
  return outcome.status;
}
