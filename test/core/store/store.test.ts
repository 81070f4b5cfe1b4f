// Conversations, messages, settings: what the history list and a reopened conversation show.
import { statSync } from 'node:fs';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConversationDetail, ConversationSummary, Id, Message } from '../../../shared/domain';
import { UserError } from '../../../electron/core/user-error';
import { createStore, openDatabase, type Store } from '../../../electron/core/store';
import { manualClock, tempDir } from './helpers';

let tmp: ReturnType<typeof tempDir>;
let db: Database;
let store: Store;
let clock: ReturnType<typeof manualClock>;
const file = () => tmp.file('history.db');
const reopen = () => {
  db.close();
  db = openDatabase(file());
  store = createStore(db, { now: clock.now });
};

beforeEach(() => {
  tmp = tempDir();
  clock = manualClock();
  db = openDatabase(file());
  store = createStore(db, { now: clock.now });
});
afterEach(() => {
  if (db.open) db.close();
  tmp.remove();
});

const newConversation = (title = 'Question') => store.createConversation({ title, model: 'qwen3-omni-flash', voice: 'Cherry' });

const notFound = (fn: () => unknown) => {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(UserError);
  expect((caught as UserError).info.kind).toBe('not_found');
};

describe('conversations', () => {
  it('lists the most recently active first, with message counts and whether any reply has audio', () => {
    const a = newConversation('First');
    clock.tick(10);
    const b = newConversation('Second');
    clock.tick(10);
    const c = newConversation('Third');
    expect(store.listConversations(10).map((x) => x.title)).toEqual(['Third', 'Second', 'First']);

    clock.tick(10);
    store.addMessage({ conversationId: a.id, role: 'user', text: 'hello', status: 'complete' });
    const reply = store.addMessage({ conversationId: a.id, role: 'assistant', text: '', status: 'streaming' });
    store.appendReply(reply.id, { text: 'Hi', audio: [new Uint8Array([1, 0, 2, 0])] });
    const list = store.listConversations(10);
    expect(list.map((x) => x.title)).toEqual(['First', 'Third', 'Second']);
    expect(list.map((x) => [x.messageCount, x.hasAudio])).toEqual([[2, true], [0, false], [0, false]]);
    expect(store.listConversations(2).map((x) => x.id)).toEqual([a.id, c.id]);
    expect(list.find((x) => x.id === b.id)?.updatedAt).toBe(b.createdAt);
    for (const s of list) ConversationSummary.parse(s);
  });

  it('gives out short URL-safe ids that the contract accepts', () => {
    const c = newConversation();
    const m = store.addMessage({ conversationId: c.id, role: 'user', text: 'x', status: 'complete' });
    for (const id of [c.id, m.id]) {
      expect(Id.safeParse(id).success).toBe(true);
      expect(id.length).toBeLessThanOrEqual(22);
    }
    expect(new Set(Array.from({ length: 200 }, () => newConversation().id)).size).toBe(200);
  });

  it('returns a conversation with its messages in order, and null for an unknown id', () => {
    const c = newConversation();
    const texts = ['one', 'two', 'three', 'four', 'five'];
    for (const [i, text] of texts.entries()) {
      clock.tick(i % 2 === 0 ? 5 : 0); // equal timestamps must not reorder messages
      store.addMessage({ conversationId: c.id, role: i % 2 ? 'assistant' : 'user', text, status: 'complete' });
    }
    const detail = store.getConversation(c.id);
    expect(detail).not.toBeNull();
    ConversationDetail.parse(detail);
    expect(detail?.messages.map((m) => m.text)).toEqual(texts);
    expect(detail?.conversation.messageCount).toBe(5);
    expect(store.history(c.id).map((m) => m.text)).toEqual(texts);
    expect(store.getConversation('nope')).toBeNull();
    notFound(() => store.history('nope'));
  });

  it('answers only the last messages when asked, saying how many come before them', () => {
    const c = newConversation();
    const texts = Array.from({ length: 9 }, (_, i) => `m${i + 1}`);
    for (const [i, text] of texts.entries()) store.addMessage({ conversationId: c.id, role: i % 2 ? 'assistant' : 'user', text, status: 'complete' });
    const tail = store.getConversation(c.id, 4)!;
    ConversationDetail.parse(tail);
    expect(tail.messages.map((m) => m.text)).toEqual(['m6', 'm7', 'm8', 'm9']);
    expect(tail.earlier).toBe(5);
    expect(tail.conversation.messageCount).toBe(9);
    // Asked for more than there are: all of them, none before.
    expect(store.getConversation(c.id, 50)!.messages).toHaveLength(9);
    expect(store.getConversation(c.id, 50)!.earlier).toBe(0);
    // Not asked: the whole path, as always.
    expect(store.getConversation(c.id)!.earlier).toBeUndefined();
  });

  it('deletes a conversation with its messages and their audio', () => {
    const keep = newConversation('Keep');
    const gone = newConversation('Gone');
    const reply = store.addMessage({ conversationId: gone.id, role: 'assistant', text: '', status: 'streaming' });
    store.appendReply(reply.id, { text: 'bye', audio: [new Uint8Array(4800)] });
    store.appendReply(reply.id, { audio: [new Uint8Array(4800)] });
    expect(store.deleteConversation(gone.id)).toBe(true);
    expect(store.deleteConversation(gone.id)).toBe(false);
    expect(store.getConversation(gone.id)).toBeNull();
    expect(store.getMessage(reply.id)).toBeNull();
    notFound(() => store.readReplyAudio(reply.id));
    expect(db.prepare('SELECT count(*) FROM audio_chunks').pluck().get()).toBe(0);
    expect(store.listConversations(10).map((x) => x.id)).toEqual([keep.id]);
  });

  it('gives the space of deleted audio back to the disk', () => {
    const c = newConversation();
    const reply = store.addMessage({ conversationId: c.id, role: 'assistant', text: '', status: 'streaming' });
    for (let i = 0; i < 40; i++) store.appendReply(reply.id, { audio: [new Uint8Array(48_000).fill(i)] }); // 40 s
    reopen(); // closing checkpoints the WAL into the file
    const full = statSync(file()).size;
    expect(full).toBeGreaterThan(1_900_000);
    store.deleteConversation(c.id);
    reopen();
    expect(statSync(file()).size).toBeLessThan(full / 10);
  });

  it('refuses a message for a conversation that does not exist', () => {
    notFound(() => store.addMessage({ conversationId: 'missing', role: 'user', text: 'x', status: 'complete' }));
  });
});

describe('messages and replies', () => {
  it('stores what a message was sent with, and bumps the conversation', () => {
    const c = newConversation();
    clock.tick(100);
    const m = store.addMessage({ conversationId: c.id, role: 'assistant', text: '', status: 'streaming', model: 'qwen-omni-turbo', voice: 'Ethan' });
    Message.parse(m);
    expect(m).toMatchObject({ conversationId: c.id, role: 'assistant', status: 'streaming', model: 'qwen-omni-turbo', voice: 'Ethan', audio: null, text: '', reasoning: '' });
    expect(store.listConversations(1)[0]?.updatedAt).toBe(m.createdAt);
  });

  it('finishes a reply with its usage or error, kept across a reopen', () => {
    const c = newConversation();
    const ok = store.addMessage({ conversationId: c.id, role: 'assistant', text: '', status: 'streaming' });
    const bad = store.addMessage({ conversationId: c.id, role: 'assistant', text: '', status: 'streaming' });
    const usage = { promptTokens: 1, completionTokens: 2, totalTokens: 3, promptDetails: {}, completionDetails: { audio_tokens: 2 } };
    const error = { kind: 'rate_limit' as const, message: 'Too many requests; wait a minute.', httpStatus: 429, code: 'Throttling', requestId: 'abc', serverMessage: 'Requests rate limit exceeded' };
    store.appendReply(ok.id, { text: 'Done.' });
    clock.tick(7);
    const finished = store.finishReply(ok.id, { status: 'complete', usage, error: null });
    expect(finished).toMatchObject({ status: 'complete', usage, error: null, text: 'Done.' });
    expect(finished.updatedAt).toBe(clock.now());
    store.finishReply(bad.id, { status: 'failed', usage: null, error });
    reopen();
    const [a, b] = store.history(c.id);
    expect([a?.status, a?.usage, a?.error]).toEqual(['complete', usage, null]);
    expect([b?.status, b?.usage, b?.error]).toEqual(['failed', null, error]);
  });

  it('does not change a reply that is already finished', () => {
    const c = newConversation();
    const m = store.addMessage({ conversationId: c.id, role: 'assistant', text: '', status: 'streaming' });
    store.finishReply(m.id, { status: 'cancelled', usage: null, error: null });
    expect(() => store.finishReply(m.id, { status: 'complete', usage: null, error: null })).toThrow(/already finished/);
    expect(store.appendReply(m.id, { text: 'late' })).toBe(false);
    expect(store.getMessage(m.id)).toMatchObject({ status: 'cancelled', text: '' });
    expect(() => store.finishReply(m.id, { status: 'streaming', usage: null, error: null })).toThrow(/cannot be finished as 'streaming'/);
    notFound(() => store.finishReply('missing', { status: 'complete', usage: null, error: null }));
  });

  it('marks replies left streaming as interrupted, keeping what they had', () => {
    const c1 = newConversation();
    const c2 = newConversation();
    const live1 = store.addMessage({ conversationId: c1.id, role: 'assistant', text: '', status: 'streaming' });
    const live2 = store.addMessage({ conversationId: c2.id, role: 'assistant', text: '', status: 'streaming' });
    const done = store.addMessage({ conversationId: c2.id, role: 'assistant', text: '', status: 'streaming' });
    store.appendReply(live1.id, { text: 'partial', audio: [new Uint8Array([9, 9])] });
    store.finishReply(done.id, { status: 'complete', usage: null, error: null });
    reopen();
    expect(store.markInterrupted()).toBe(2);
    expect(store.getMessage(live1.id)).toMatchObject({ status: 'interrupted', text: 'partial', audio: { samples: 1 } });
    expect(store.getMessage(live2.id)?.status).toBe('interrupted');
    expect(store.getMessage(done.id)?.status).toBe('complete');
    expect(store.markInterrupted()).toBe(0);
  });

  it('reads a reply without audio as empty audio', () => {
    const c = newConversation();
    const m = store.addMessage({ conversationId: c.id, role: 'assistant', text: '', status: 'streaming' });
    expect(store.readReplyAudio(m.id)).toEqual(new Uint8Array(0));
  });
});

describe('settings', () => {
  it('keeps JSON values across a reopen; undefined removes one', () => {
    expect(store.getSetting('settings')).toBeUndefined();
    store.setSetting('settings', { voice: 'Ethan', speakReplies: false, nested: { list: [1, 'two', null] } });
    store.setSetting('count', 3);
    store.setSetting('count', 4);
    store.setSetting('cleared', null);
    reopen();
    expect(store.getSetting('settings')).toEqual({ voice: 'Ethan', speakReplies: false, nested: { list: [1, 'two', null] } });
    expect(store.getSetting<number>('count')).toBe(4);
    expect(store.getSetting('cleared')).toBeNull();
    store.setSetting('count', undefined);
    expect(store.getSetting('count')).toBeUndefined();
    expect(() => store.setSetting('fn', () => 1)).toThrow(/not JSON/);
  });
});
