// Replies whose end could not be written because the disk was full. What arrived stays in memory, in the
// reply's writer, and every view of the store shows the reply as it stands — the open conversation, the
// history the next request is built from, its audio, an export — until a write succeeds: each is tried
// again on a timer and before anything new is stored (so a question never lands before the reply to the
// one asked earlier), and once written the window is told to read it again.
//
// The same views also never show a reply as streaming when no turn streams it any more (the store still
// says 'streaming' for a reply being held here, or one whose end failed otherwise): it shows as what it
// is, interrupted, so a reload never brings back a Stop button with nothing behind it.
import type { Message } from '../../../shared/domain';
import { errorText } from '../../../shared/error-text';
import { concatPcm, pcmSamples, REPLY_SAMPLE_RATE } from '../audio/pcm';
import { isDiskFull } from '../disk-full';
import { UserError } from '../user-error';
import type { ReplyOutcome, Store } from './history-store';
import type { ReplyWriter } from './reply-writer';

export interface HeldReply {
  conversationId: string;
  writer: ReplyWriter;
  outcome: ReplyOutcome;
}

export interface UnsavedRepliesOptions {
  /** Whether a turn is streaming this reply now (chat/turns.ts). */
  isStreaming: (messageId: string) => boolean;
  /** A held reply was written: the window reads its conversation again. */
  onSaved: (conversationId: string) => void;
  log: (line: string) => void;
  /** How often held replies are tried again (default 5 s). */
  retryMs?: number;
}

export interface UnsavedReplies {
  /** The store, with held replies shown as they stand and writes preceded by a try to save them. */
  readonly store: Store;
  /** A reply whose end could not be written for lack of room. */
  hold(messageId: string, reply: HeldReply): void;
  /** Tries to write every held reply now; returns how many are still held. */
  saveNow(): number;
  /** The replies held now. */
  readonly size: number;
  /** One last try, and no more timer. */
  close(): void;
}

export function createUnsavedReplies(base: Store, o: UnsavedRepliesOptions): UnsavedReplies {
  const held = new Map<string, HeldReply>();
  const retryMs = o.retryMs ?? 5_000;
  let timer: ReturnType<typeof setInterval> | null = null;
  /** Failures other than a full disk, logged once per reply (a timer tries every few seconds). */
  const reported = new Set<string>();

  function saveNow(): number {
    // Only in a transaction of its own: written inside another (a Send's question and reply) that then fails
    // for the same full disk, it would be rolled back with it after being let go of here, and lost.
    if (base.db.inTransaction) return held.size;
    for (const [messageId, h] of held) {
      try {
        h.writer.finish(h.outcome);
      } catch (err) {
        const gone = err instanceof UserError && err.info.kind === 'not_found';
        if (!gone) {
          if (!isDiskFull(err) && !reported.has(messageId)) {
            reported.add(messageId);
            o.log(`reply ${messageId} still cannot be saved: ${errorText(err)}`);
          }
          continue;
        }
      }
      held.delete(messageId);
      reported.delete(messageId);
      o.log(`reply ${messageId} is saved now that there is room`);
      o.onSaved(h.conversationId);
    }
    if (held.size === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
    return held.size;
  }

  /** A message as it stands: a held reply with what arrived and how it ended; never a stale 'streaming'. */
  function shown(m: Message): Message {
    if (m.status !== 'streaming') return m;
    const h = held.get(m.id);
    if (!h) return o.isStreaming(m.id) ? m : { ...m, status: 'interrupted' };
    const extra = h.writer.peek();
    const extraBytes = (extra?.audio ?? []).reduce((n, a) => n + a.byteLength, 0);
    const bytes = (m.audio ? m.audio.samples * 2 : 0) + extraBytes;
    return {
      ...m,
      text: m.text + (extra?.text ?? ''),
      reasoning: m.reasoning + (extra?.reasoning ?? ''),
      audio: bytes > 0 ? { sampleRate: REPLY_SAMPLE_RATE, samples: pcmSamples(bytes) } : null,
      status: h.outcome.status,
      usage: h.outcome.usage,
      error: h.outcome.error,
    };
  }

  const store: Store = {
    ...base,
    getConversation(id, last) {
      const detail = base.getConversation(id, last);
      return detail && { ...detail, messages: detail.messages.map(shown) };
    },
    getMessage(id) {
      const m = base.getMessage(id);
      return m && shown(m);
    },
    history: (conversationId) => base.history(conversationId).map(shown),
    readReplyAudio(messageId) {
      const stored = base.readReplyAudio(messageId);
      const extra = held.get(messageId)?.writer.peek()?.audio;
      return extra && extra.length > 0 ? concatPcm([stored, ...extra]) : stored;
    },
    createConversation(input) {
      saveNow();
      return base.createConversation(input);
    },
    addMessage(input) {
      saveNow();
      return base.addMessage(input);
    },
  };

  return {
    store,
    hold(messageId, reply) {
      held.set(messageId, reply);
      if (!timer) {
        timer = setInterval(() => saveNow(), retryMs);
        // Held replies must not keep a closing process alive; close() makes the last try.
        timer.unref();
      }
    },
    saveNow,
    get size() {
      return held.size;
    },
    close() {
      saveNow();
      if (timer) clearInterval(timer);
      timer = null;
      for (const id of held.keys()) o.log(`reply ${id} could not be saved before closing (the disk is still full); it stays as far as it was written`);
    },
  };
}
