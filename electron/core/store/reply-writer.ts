// Writes a streaming reply to the store in batches: deltas collect in memory and go to the database in
// one transaction per flush (on a timer, or sooner when much is buffered), never one per chunk. A crash
// loses at most what arrived since the last flush; the reply stays 'streaming' and is marked
// 'interrupted' on the next start.
import type { Message } from '../../../shared/domain';
import { UserError } from '../user-error';
import type { ReplyAppend, ReplyOutcome, Store } from './history-store';

export interface ReplyWriterOptions {
  /** How long a delta may wait in memory before it is written. */
  flushIntervalMs?: number;
  /** Flush at once when this much (audio bytes + text characters) is waiting. */
  maxBufferedBytes?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  /**
   * A flush that failed, on its timer or because much was buffered (its data stays buffered for the next
   * try): a delta never throws, so the stream that feeds it is not broken by a full disk.
   */
  onError?: (err: unknown) => void;
}

export interface ReplyWriterStats {
  /** Transactions written so far (the final one included). */
  flushes: number;
  /** What is in the database for sure (committed), as written through this writer. */
  textChars: number;
  reasoningChars: number;
  audioBytes: number;
}

export interface ReplyWriter {
  readonly messageId: string;
  text(delta: string): void;
  reasoning(delta: string): void;
  audio(pcm: Uint8Array): void;
  /** Writes what is buffered now. */
  flush(): void;
  /** What arrived but is not in the database yet (null: nothing), for a view of the reply as it stands. */
  peek(): Readonly<ReplyAppend> | null;
  /**
   * Writes what is buffered and the outcome in one transaction and returns the stored message. Afterwards
   * every delta is ignored (a chunk in flight after Stop must not land) and finish() throws.
   */
  finish(outcome: ReplyOutcome): Message;
  readonly finished: boolean;
  /** false once the message turned out to be deleted: nothing more is written. */
  readonly alive: boolean;
  readonly stats: Readonly<ReplyWriterStats>;
}

export const DEFAULT_FLUSH_INTERVAL_MS = 250;
/** About 5 s of 24 kHz PCM16: bounds memory when audio arrives much faster than real time. */
export const DEFAULT_MAX_BUFFERED_BYTES = 256 * 1024;

export function createReplyWriter(store: Store, messageId: string, opts: ReplyWriterOptions = {}): ReplyWriter {
  const interval = opts.flushIntervalMs ?? DEFAULT_FLUSH_INTERVAL_MS;
  const maxBuffered = opts.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED_BYTES;
  const setTimer = opts.setTimer ?? defaultSetTimer;
  const clearTimer = opts.clearTimer ?? ((h: unknown) => clearTimeout(h as NodeJS.Timeout));

  let text: string[] = [];
  let reasoning: string[] = [];
  let audio: Uint8Array[] = [];
  let buffered = 0;
  let timer: unknown = null;
  let finished = false;
  let alive = true;
  const stats: ReplyWriterStats = { flushes: 0, textChars: 0, reasoningChars: 0, audioBytes: 0 };

  const accepting = () => !finished && alive;

  const take = (): ReplyAppend | null => {
    if (text.length === 0 && reasoning.length === 0 && audio.length === 0) return null;
    return { text: text.join(''), reasoning: reasoning.join(''), audio };
  };

  const committed = (part: ReplyAppend) => {
    stats.flushes += 1;
    stats.textChars += part.text?.length ?? 0;
    stats.reasoningChars += part.reasoning?.length ?? 0;
    for (const a of part.audio ?? []) stats.audioBytes += a.byteLength;
    text = [];
    reasoning = [];
    audio = [];
    buffered = 0;
  };

  const cancelTimer = () => {
    if (timer !== null) clearTimer(timer);
    timer = null;
  };

  const flushNow = () => {
    cancelTimer();
    if (!alive) return;
    const part = take();
    if (!part) return;
    // If the transaction throws, the buffers are untouched and the next flush tries again.
    if (store.appendReply(messageId, part)) {
      committed(part);
    } else {
      // Deleted, or finished by someone else: drop what is buffered and stop writing.
      alive = false;
      text = [];
      reasoning = [];
      audio = [];
      buffered = 0;
    }
  };

  const onTimer = () => {
    timer = null;
    try {
      flushNow();
    } catch (err) {
      opts.onError?.(err);
      if (accepting() && timer === null) timer = setTimer(onTimer, interval);
    }
  };

  const added = (size: number) => {
    buffered += size;
    if (buffered >= maxBuffered) {
      try {
        flushNow();
      } catch (err) {
        opts.onError?.(err);
        if (accepting() && timer === null) timer = setTimer(onTimer, interval);
      }
    } else if (timer === null) {
      timer = setTimer(onTimer, interval);
    }
  };

  return {
    messageId,
    text(delta) {
      if (!accepting() || delta.length === 0) return;
      text.push(delta);
      added(delta.length);
    },
    reasoning(delta) {
      if (!accepting() || delta.length === 0) return;
      reasoning.push(delta);
      added(delta.length);
    },
    audio(pcm) {
      if (!accepting() || pcm.byteLength === 0) return;
      // Copy: the caller may reuse its buffer, and the bytes may wait here until the next flush.
      audio.push(pcm.slice());
      added(pcm.byteLength);
    },
    flush() {
      if (!finished) flushNow();
    },
    peek: () => take(),
    finish(outcome) {
      if (finished) throw new Error(`Reply ${messageId} was already finished by this writer.`);
      cancelTimer();
      if (!alive) {
        finished = true;
        throw new UserError('not_found', 'That reply no longer exists. Its conversation may have been deleted.');
      }
      const tail = take();
      let message: Message;
      try {
        message = store.finishReply(messageId, outcome, tail ?? undefined);
      } catch (err) {
        // Gone for good: stop. Anything else (a busy database) leaves the writer as it was, to retry.
        if (err instanceof UserError && err.info.kind === 'not_found') {
          alive = false;
          finished = true;
        }
        throw err;
      }
      if (tail) committed(tail);
      else stats.flushes += 1;
      finished = true;
      return message;
    },
    get finished() {
      return finished;
    },
    get alive() {
      return alive;
    },
    get stats() {
      return { ...stats };
    },
  };
}

function defaultSetTimer(fn: () => void, ms: number): unknown {
  const t = setTimeout(fn, ms);
  // A pending flush must not keep the process alive; shutting down flushes explicitly.
  t.unref();
  return t;
}
