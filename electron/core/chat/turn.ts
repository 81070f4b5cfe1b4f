// One reply, from request to stored outcome: stream it, write what arrives to the store in batches,
// push every piece to the renderer, and record how it ended. What arrived is never thrown away.
import type { EventListener } from '../handlers';
import type { ReplyStatus } from '../../../shared/domain';
import type { ChatBody } from '../api/request';
import { streamChat } from '../api/stream';
import type { Store } from '../store/store';
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
}

export async function runTurn(t: TurnInput): Promise<ReplyStatus> {
  const ref = { conversationId: t.conversationId, messageId: t.messageId };
  const writer = createReplyWriter(t.store, t.messageId);
  let seq = 0;
  let sawContent = false;
  const text = (delta: string) => {
    writer.text(delta);
    t.emit('chat.event', { kind: 'text', ...ref, delta });
  };
  const result = await streamChat({
    fetch: t.fetch,
    baseUrl: t.baseUrl,
    apiKey: t.apiKey,
    body: t.body,
    signal: t.signal,
    stallTimeoutMs: t.stallTimeoutMs,
    now: t.now,
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
          t.emit('chat.event', { kind: 'usage', ...ref, usage: e.usage });
          break;
        default:
          break;
      }
    },
  });
  const status = result.status === 'cancelled' ? t.abortStatus() : result.status;
  const error = status === 'cancelled' || status === 'interrupted' ? null : result.error;
  try {
    writer.finish({ status, usage: result.usage, error });
  } catch (err) {
    // The conversation was deleted while the reply streamed: nothing is left to record it in.
    if (t.store.getMessage(t.messageId)) throw err;
  }
  t.emit('chat.event', { kind: 'outcome', ...ref, status, error });
  return status;
}
