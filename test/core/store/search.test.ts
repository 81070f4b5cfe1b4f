// Finding past messages by their text or reasoning, in English and Chinese, on a real history file.
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStore, openDatabase, type Store } from '../../../electron/core/store';
import type { SearchHit } from '../../../shared/search';
import { manualClock, tempDir } from './helpers';

let tmp: ReturnType<typeof tempDir>;
let db: Database;
let store: Store;
let clock: ReturnType<typeof manualClock>;
const file = () => tmp.file('history.db');

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

const conversation = (title: string, turns: Array<[question: string, answer: string, reasoning?: string]>) => {
  const c = store.createConversation({ title, model: 'qwen3-omni-flash', voice: 'Cherry' });
  const ids: string[] = [];
  for (const [question, answer, reasoning] of turns) {
    clock.tick(10);
    ids.push(store.addMessage({ conversationId: c.id, role: 'user', text: question, status: 'complete' }).id);
    clock.tick(10);
    const r = store.addMessage({ conversationId: c.id, role: 'assistant', text: '', status: 'streaming' });
    store.finishReply(r.id, { status: 'complete', usage: null, error: null }, { text: answer, reasoning: reasoning ?? '' });
    ids.push(r.id);
  }
  return { id: c.id, ids };
};

/** The snippet as the user sees it, matches in [brackets]. */
const shown = (h: SearchHit | undefined) => (h?.snippet ?? []).map((p) => (p.match ? `[${p.text}]` : p.text)).join('');

describe('store.search', () => {
  it('finds an English word in a reply, case-insensitively, with the match marked and the conversation named', () => {
    const a = conversation('Mountains', [['What is the tallest mountain?', 'Mount Everest is 8,849 m tall.']]);
    conversation('Cooking', [['How long to boil an egg?', 'About nine minutes.']]);
    const hits = store.search('everest', 10);
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ conversationId: a.id, conversationTitle: 'Mountains', messageId: a.ids[1], role: 'assistant' });
    expect(shown(hits[0])).toContain('[Everest]');
    expect(shown(hits[0])).toContain('Mount [Everest] is 8,849 m tall.');
  });

  it('finds Chinese of three or more characters (trigram) inside a sentence without spaces', () => {
    const a = conversation('山', [['世界上最高的山是哪座？', '珠穆朗玛峰是世界上最高的山峰，海拔8848米。']]);
    const hits = store.search('珠穆朗玛', 10);
    expect(hits.map((h) => h.messageId)).toEqual([a.ids[1]]);
    expect(shown(hits[0])).toContain('[珠穆朗玛]');
    // Both messages say 世界上最高: newest first.
    expect(store.search('世界上最高', 10).map((h) => h.messageId)).toEqual([a.ids[1], a.ids[0]]);
  });

  it('finds Chinese of one or two characters (LIKE fallback) and marks them', () => {
    const a = conversation('旅行', [['北京有什么好玩的？', '可以去故宫和长城。']]);
    conversation('Other', [['Hello', 'Hi there']]);
    const hits = store.search('北京', 10);
    expect(hits.map((h) => h.messageId)).toEqual([a.ids[0]]);
    expect(shown(hits[0])).toBe('[北京]有什么好玩的？');
    expect(store.search('城', 10).map((h) => h.messageId)).toEqual([a.ids[1]]);
    expect(store.search('上海', 10)).toEqual([]);
  });

  it('finds text that is only in the reasoning', () => {
    const a = conversation('Math', [['2+2?', '4', 'Adding two and two by counting on fingers.']]);
    const hits = store.search('fingers', 10);
    expect(hits.map((h) => h.messageId)).toEqual([a.ids[1]]);
    expect(shown(hits[0])).toContain('[fingers]');
  });

  it('combines terms: every one must match, long ones by the index and short ones by LIKE', () => {
    const a = conversation('Mix', [['去北京看长城 please', 'ok'], ['去上海 please', 'ok']]);
    expect(store.search('please 北京', 10).map((h) => h.messageId)).toEqual([a.ids[0]]);
    expect(store.search('please', 10)).toHaveLength(2);
  });

  it('keeps the index right while a streaming reply grows and after it finishes, also after reopening', () => {
    const c = store.createConversation({ title: 'Live', model: 'qwen3-omni-flash', voice: 'Cherry' });
    const r = store.addMessage({ conversationId: c.id, role: 'assistant', text: '', status: 'streaming' });
    expect(store.search('photosynthesis', 10)).toEqual([]);
    store.appendReply(r.id, { text: 'Plants use photo' });
    expect(store.search('photosynthesis', 10)).toEqual([]);
    store.appendReply(r.id, { text: 'synthesis to make sugar. 植物通过光合', reasoning: 'Think about chlorophyll' });
    expect(store.search('photosynthesis', 10).map((h) => h.messageId)).toEqual([r.id]);
    expect(store.search('chlorophyll', 10).map((h) => h.messageId)).toEqual([r.id]);
    store.finishReply(r.id, { status: 'complete', usage: null, error: null }, { text: '作用制造糖。' });
    expect(store.search('光合作用', 10).map((h) => h.messageId)).toEqual([r.id]);
    // The old text's entries are gone: the index holds exactly one row for the message.
    expect(db.prepare("SELECT count(*) FROM messages_fts WHERE messages_fts MATCH '\"Plants\"'").pluck().get()).toBe(1);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.prepare("INSERT INTO messages_fts (messages_fts, rank) VALUES ('integrity-check', 1)").run();
    db.close();
    db = openDatabase(file());
    store = createStore(db, { now: clock.now });
    expect(store.search('光合作用', 10).map((h) => h.messageId)).toEqual([r.id]);
  });

  it('forgets a deleted conversation', () => {
    const a = conversation('Gone soon', [['Tell me about zebras', 'Zebras have stripes.']]);
    const b = conversation('Stays', [['And zebras again?', 'Yes, zebras.']]);
    expect(store.search('zebras', 10)).toHaveLength(4);
    store.deleteConversation(a.id);
    const hits = store.search('zebras', 10);
    expect(hits.map((h) => h.conversationId)).toEqual([b.id, b.id]);
    expect(store.search('stripes', 10)).toEqual([]);
    db.prepare("INSERT INTO messages_fts (messages_fts, rank) VALUES ('integrity-check', 1)").run();
  });

  it('takes FTS5 syntax characters in user input literally and never throws', () => {
    const a = conversation('Syntax', [['He said "hello" AND left; a*b = c (NEAR) x:y', 'OR NOT']]);
    for (const q of ['"', '"hello"', 'a*b', '*', 'AND', 'OR', 'NOT', 'NEAR(', '(NEAR)', 'x:y', '-', '^', '""', "'", '%', '_', '\\', 'hel*', 'AND OR NOT']) {
      expect(() => store.search(q, 10), q).not.toThrow();
    }
    expect(store.search('"hello"', 10).map((h) => h.messageId)).toEqual([a.ids[0]]);
    expect(store.search('a*b', 10).map((h) => h.messageId)).toEqual([a.ids[0]]);
    expect(store.search('AND', 10).map((h) => h.messageId)).toEqual([a.ids[0]]);
    expect(store.search('hel*', 10)).toEqual([]); // no prefix magic: the literal text is not there
    expect(store.search('%', 10)).toEqual([]); // LIKE wildcards are literal too
    expect(store.search('   ', 10)).toEqual([]);
  });

  it('cuts a LIKE snippet without splitting an emoji', () => {
    const a = conversation('Emoji', [['🐉'.repeat(40) + '龙' + '🐉'.repeat(40), 'x']]);
    const hits = store.search('龙', 10);
    expect(hits.map((h) => h.messageId)).toEqual([a.ids[0]]);
    const text = shown(hits[0]);
    expect(text).toContain('[龙]');
    expect(text.replace(/[…[\]龙]/g, '')).toMatch(/^(🐉)+$/u);
  });

  it('marks the right characters after letters whose lower case is longer (İ)', () => {
    const a = conversation('Turkish', [['İİİİ İstanbul ve 北京', 'x']]);
    expect(shown(store.search('北京', 10)[0])).toBe('İİİİ İstanbul ve [北京]');
    expect(store.search('北京', 10).map((h) => h.messageId)).toEqual([a.ids[0]]);
  });

  it('respects the limit, newest first', () => {
    const a = conversation('Many', [['cat one', 'x'], ['cat two', 'x'], ['cat three', 'x']]);
    expect(store.search('cat', 2).map((h) => h.messageId)).toEqual([a.ids[4], a.ids[2]]);
  });
});
