// A reply written in many small pieces, as the API streams it, comes back byte for byte, in batches.
import { randomBytes } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReplyStatus } from '../../../shared/domain';
import { errorInfo, UserError } from '../../../electron/core/user-error';
import { createReplyWriter, createStore, openDatabase, type ReplyWriterOptions, type Store } from '../../../electron/core/store';
import { tempDir } from './helpers';

let tmp: ReturnType<typeof tempDir>;
let db: Database;
let store: Store;
const file = () => tmp.file('history.db');
const reopen = () => {
  db.close();
  db = openDatabase(file());
  store = createStore(db);
};

beforeEach(() => {
  tmp = tempDir();
  db = openDatabase(file());
  store = createStore(db);
});
afterEach(() => {
  if (db.open) db.close();
  tmp.remove();
});

/** Timers the test fires by hand, so when a flush happens is up to the test. */
function handTimers(): Required<Pick<ReplyWriterOptions, 'setTimer' | 'clearTimer'>> & { fire(): void; pending(): number; set: number } {
  const queue = new Map<number, () => void>();
  let next = 0;
  const t = {
    set: 0,
    setTimer(fn: () => void) {
      t.set += 1;
      queue.set(++next, fn);
      return next;
    },
    clearTimer(h: unknown) {
      queue.delete(h as number);
    },
    fire() {
      const fns = [...queue.values()];
      queue.clear();
      for (const fn of fns) fn();
    },
    pending: () => queue.size,
  };
  return t;
}

function newReply(): { conversationId: string; messageId: string } {
  const c = store.createConversation({ title: 'Q', model: 'qwen3-omni-flash', voice: 'Cherry' });
  store.addMessage({ conversationId: c.id, role: 'user', text: 'Tell me a story', status: 'complete' });
  const m = store.addMessage({ conversationId: c.id, role: 'assistant', text: '', status: 'streaming', model: 'qwen3-omni-flash', voice: 'Cherry' });
  return { conversationId: c.id, messageId: m.id };
}

const chunkRows = (messageId: string) =>
  db.prepare('SELECT count(*) FROM audio_chunks WHERE message_id = ?').pluck().get(messageId) as number;

describe('createReplyWriter', () => {
  it('reads back a reply written in thousands of small pieces byte for byte, also after reopening the file', () => {
    const { messageId } = newReply();
    const timers = handTimers();
    const w = createReplyWriter(store, messageId, timers);
    const text: string[] = [];
    const reasoning: string[] = [];
    const audio: Uint8Array[] = [];
    const words = ['Once ', 'upon ', 'a time, ', '在很久以前，', 'un café ', '🐉 ', '\n', 'the end? '];
    for (let i = 0; i < 3000; i++) {
      if (i % 5 === 0) {
        const r = `think${i};`;
        reasoning.push(r);
        w.reasoning(r);
      }
      const t = words[i % words.length] ?? '';
      text.push(t);
      w.text(t);
      const pcm = randomBytes(2 * (1 + ((i * 37) % 700)));
      audio.push(pcm);
      w.audio(pcm);
      if (i % 97 === 0) timers.fire(); // the flush timer going off now and then mid-stream
    }
    const done = w.finish({ status: 'complete', usage: null, error: null });
    const expectedAudio = Buffer.concat(audio);
    expect(done.text).toBe(text.join(''));
    expect(done.reasoning).toBe(reasoning.join(''));
    expect(done.audio).toEqual({ sampleRate: 24_000, samples: expectedAudio.length / 2 });
    expect(Buffer.from(store.readReplyAudio(messageId)).equals(expectedAudio)).toBe(true);

    reopen();
    const again = store.getMessage(messageId);
    expect([again?.text, again?.reasoning, again?.status]).toEqual([text.join(''), reasoning.join(''), 'complete']);
    expect(Buffer.from(store.readReplyAudio(messageId)).equals(expectedAudio)).toBe(true);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('writes one batch per flush, not one per chunk, and nothing before the flush', () => {
    const { messageId } = newReply();
    const timers = handTimers();
    const w = createReplyWriter(store, messageId, timers);
    for (let i = 0; i < 500; i++) {
      w.text('a');
      w.audio(new Uint8Array([i & 0xff, 0]));
    }
    expect(timers.set).toBe(1); // one pending flush for the whole burst
    expect(store.getMessage(messageId)).toMatchObject({ text: '', audio: null });
    timers.fire();
    expect(store.getMessage(messageId)?.text).toBe('a'.repeat(500));
    expect(chunkRows(messageId)).toBe(1);
    expect(w.stats).toMatchObject({ flushes: 1, textChars: 500, audioBytes: 1000 });
    expect(timers.pending()).toBe(0);
    w.text('b'); // the next delta schedules the next flush
    expect(timers.pending()).toBe(1);
  });

  it('flushes early when much is buffered', () => {
    const { messageId } = newReply();
    const timers = handTimers();
    const w = createReplyWriter(store, messageId, { ...timers, maxBufferedBytes: 1000 });
    for (let i = 0; i < 10; i++) w.audio(new Uint8Array(300).fill(i));
    // 4 × 300 ≥ 1000 → flush, twice; the last two chunks wait for the timer.
    expect(chunkRows(messageId)).toBe(2);
    expect(store.getMessage(messageId)?.audio?.samples).toBe(1200);
    timers.fire();
    expect(chunkRows(messageId)).toBe(3);
    expect(store.getMessage(messageId)?.audio?.samples).toBe(1500);
  });

  it('flushes on its own timer when nobody calls flush', async () => {
    const { messageId } = newReply();
    const w = createReplyWriter(store, messageId, { flushIntervalMs: 5 });
    w.text('on its own');
    w.audio(new Uint8Array([1, 2]));
    await vi.waitFor(() => expect(store.getMessage(messageId)?.text).toBe('on its own'), { timeout: 5_000, interval: 5 });
    expect(Array.from(store.readReplyAudio(messageId))).toEqual([1, 2]);
    w.finish({ status: 'complete', usage: null, error: null });
  });

  it('keeps a copy of each audio chunk, so the caller may reuse its buffer', () => {
    const { messageId } = newReply();
    const w = createReplyWriter(store, messageId, handTimers());
    const buf = new Uint8Array([1, 2, 3, 4]);
    w.audio(buf);
    buf.fill(0);
    w.audio(buf);
    w.finish({ status: 'complete', usage: null, error: null });
    expect(Array.from(store.readReplyAudio(messageId))).toEqual([1, 2, 3, 4, 0, 0, 0, 0]);
  });

  it('writes the buffered tail and the outcome together; after finish nothing more lands', () => {
    const { messageId } = newReply();
    const timers = handTimers();
    const w = createReplyWriter(store, messageId, timers);
    w.text('Stopped here');
    w.audio(new Uint8Array([5, 6]));
    const usage = { promptTokens: 3, completionTokens: 4, totalTokens: 7, promptDetails: {}, completionDetails: {} };
    const m = w.finish({ status: 'cancelled', usage, error: null });
    expect(m).toMatchObject({ status: 'cancelled', text: 'Stopped here', usage, audio: { samples: 1 } });
    expect(timers.pending()).toBe(0);
    w.text(' late chunk');
    w.audio(new Uint8Array([7, 8]));
    w.flush();
    timers.fire();
    expect(w.finished).toBe(true);
    expect(store.getMessage(messageId)).toMatchObject({ status: 'cancelled', text: 'Stopped here' });
    expect(Array.from(store.readReplyAudio(messageId))).toEqual([5, 6]);
    expect(() => w.finish({ status: 'complete', usage: null, error: null })).toThrow(/already finished/);
    expect(store.getMessage(messageId)?.status).toBe('cancelled');
  });

  const partial: Array<[ReplyStatus, ReturnType<typeof errorInfo> | null]> = [
    ['cut_off', errorInfo('cut_off', 'The reply stopped before it was complete.')],
    ['cancelled', null],
    ['failed', errorInfo('server', 'The service had an error mid-reply. Try again.', { httpStatus: 500, requestId: 'req-9' })],
    ['stalled', errorInfo('stalled', 'Nothing arrived for 30 s, so the reply was stopped.')],
    ['interrupted', null],
  ];
  for (const [status, error] of partial) {
    it(`keeps a partial reply that ended as ${status}, with what had arrived`, () => {
      const { conversationId, messageId } = newReply();
      const timers = handTimers();
      const w = createReplyWriter(store, messageId, timers);
      w.text('The first half');
      w.audio(new Uint8Array(4800).fill(3));
      timers.fire();
      w.text(' and a bit');
      w.finish({ status, usage: null, error });
      reopen();
      const m = store.history(conversationId)[1];
      expect(m).toMatchObject({ id: messageId, status, error, text: 'The first half and a bit', audio: { samples: 2400 } });
      expect(store.listConversations(1)[0]).toMatchObject({ id: conversationId, hasAudio: true, messageCount: 2 });
    });
  }

  it('stops writing when its conversation is deleted mid-reply', () => {
    const { conversationId, messageId } = newReply();
    const timers = handTimers();
    const errors: unknown[] = [];
    const w = createReplyWriter(store, messageId, { ...timers, onError: (e) => errors.push(e) });
    w.text('before');
    timers.fire();
    store.deleteConversation(conversationId);
    w.text('after');
    w.audio(new Uint8Array([1, 1]));
    expect(() => timers.fire()).not.toThrow();
    expect(w.alive).toBe(false);
    expect(errors).toEqual([]);
    expect(db.prepare('SELECT count(*) FROM audio_chunks').pluck().get()).toBe(0);
    let caught: unknown;
    try {
      w.finish({ status: 'complete', usage: null, error: null });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(UserError);
    expect((caught as UserError).info.kind).toBe('not_found');
  });

  it('keeps the buffer when a timed flush fails, and writes it on the next try', () => {
    const { messageId } = newReply();
    const timers = handTimers();
    const errors: unknown[] = [];
    const w = createReplyWriter(store, messageId, { ...timers, onError: (e) => errors.push(e) });
    w.text('survives');
    // Another connection holds the write lock: this flush cannot commit.
    const other = openDatabase(file(), { busyTimeoutMs: 0 });
    db.pragma('busy_timeout = 0');
    other.exec('BEGIN IMMEDIATE');
    timers.fire();
    expect(errors).toHaveLength(1);
    expect(String((errors[0] as Error).message)).toMatch(/locked|busy/i);
    expect(timers.pending()).toBe(1); // retry scheduled
    other.exec('ROLLBACK');
    other.close();
    timers.fire();
    expect(store.getMessage(messageId)?.text).toBe('survives');
  });
});
