// Versions of a turn in the store, on a real SQLite file: messages follow their parent, siblings are
// versions, the conversation shows the path to its remembered leaf; a v3 history upgrades into one line.
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyMigrations, createStore, MIGRATIONS, openDatabase, type Store } from '../../../electron/core/store';
import { manualClock, tempDir } from './helpers';

let tmp: ReturnType<typeof tempDir>;
let dbs: Database[];
beforeEach(() => {
  tmp = tempDir();
  dbs = [];
});
afterEach(() => {
  for (const db of dbs) if (db.open) db.close();
  tmp.remove();
});

function openStore(file = tmp.file('history.db')): Store {
  const clock = manualClock();
  const db = openDatabase(file, { now: clock.now });
  dbs.push(db);
  return createStore(db, { now: () => clock.tick() });
}

const texts = (store: Store, id: string) => store.history(id).map((m) => m.text);

describe('versions in the store', () => {
  it('appends along the shown path; a message with a parent that has children becomes a new version', () => {
    const store = openStore();
    const c = store.createConversation({ title: 'T', model: 'qwen3-omni-flash', voice: 'Cherry' });
    const q1 = store.addMessage({ conversationId: c.id, role: 'user', text: 'q1', status: 'complete' });
    const r1 = store.addMessage({ conversationId: c.id, role: 'assistant', text: 'r1', status: 'complete' });
    const q2 = store.addMessage({ conversationId: c.id, role: 'user', text: 'q2', status: 'complete' });
    const r2 = store.addMessage({ conversationId: c.id, role: 'assistant', text: 'r2', status: 'failed' });
    expect([q1.parentId, r1.parentId, q2.parentId, r2.parentId]).toEqual([null, q1.id, r1.id, q2.id]);

    // Regenerate r2: another reply to q2.
    const r2b = store.addMessage({ conversationId: c.id, role: 'assistant', text: 'r2b', status: 'complete', parentId: q2.id });
    expect(texts(store, c.id)).toEqual(['q1', 'r1', 'q2', 'r2b']);
    const shown = store.getConversation(c.id)!.messages;
    expect(shown.map((m) => m.versions)).toEqual([
      { index: 0, count: 1, ids: [q1.id] },
      { index: 0, count: 1, ids: [r1.id] },
      { index: 0, count: 1, ids: [q2.id] },
      { index: 1, count: 2, ids: [r2.id, r2b.id] },
    ]);
    // A plain append follows the shown path's end.
    const q3 = store.addMessage({ conversationId: c.id, role: 'user', text: 'q3', status: 'complete' });
    expect(q3.parentId).toBe(r2b.id);

    // Edit q1: a new first question (no parent), with its own reply.
    const q1b = store.addMessage({ conversationId: c.id, role: 'user', text: 'q1b', status: 'complete', parentId: null });
    store.addMessage({ conversationId: c.id, role: 'assistant', text: 'r1b', status: 'complete' });
    expect(texts(store, c.id)).toEqual(['q1b', 'r1b']);
    expect(store.getConversation(c.id)!.messages[0]?.versions).toEqual({ index: 1, count: 2, ids: [q1.id, q1b.id] });
    // Every version counts as a stored message.
    expect(store.getConversationSummary(c.id)?.messageCount).toBe(8);
  });

  it('switching to a version shows the newest path below it, and is remembered across opening the file again', () => {
    const file = tmp.file('history.db');
    const store = openStore(file);
    const c = store.createConversation({ title: 'T', model: 'm', voice: 'v' });
    const q1 = store.addMessage({ conversationId: c.id, role: 'user', text: 'q1', status: 'complete' });
    const r1 = store.addMessage({ conversationId: c.id, role: 'assistant', text: 'r1', status: 'complete' });
    store.addMessage({ conversationId: c.id, role: 'user', text: 'q2', status: 'complete' });
    store.addMessage({ conversationId: c.id, role: 'assistant', text: 'r2', status: 'complete' });
    const r1b = store.addMessage({ conversationId: c.id, role: 'assistant', text: 'r1b', status: 'complete', parentId: q1.id });
    expect(texts(store, c.id)).toEqual(['q1', 'r1b']);

    expect(store.switchVersion(r1.id)).toBe(c.id);
    expect(texts(store, c.id)).toEqual(['q1', 'r1', 'q2', 'r2']);
    // From the top: the newest message anywhere below q1 is r1b.
    store.switchVersion(q1.id);
    expect(texts(store, c.id)).toEqual(['q1', 'r1b']);
    store.switchVersion(r1.id);
    store.db.close();

    const again = openStore(file);
    expect(texts(again, c.id)).toEqual(['q1', 'r1', 'q2', 'r2']);
    expect(again.getConversation(c.id)!.messages[1]?.versions).toEqual({ index: 0, count: 2, ids: [r1.id, r1b.id] });
  });

  it('refuses a parent from another conversation and an unknown message, with a message to show', () => {
    const store = openStore();
    const a = store.createConversation({ title: 'A', model: 'm', voice: 'v' });
    const b = store.createConversation({ title: 'B', model: 'm', voice: 'v' });
    const inA = store.addMessage({ conversationId: a.id, role: 'user', text: 'a', status: 'complete' });
    expect(() => store.addMessage({ conversationId: b.id, role: 'assistant', text: 'x', status: 'complete', parentId: inA.id }))
      .toThrow(/no longer exists/);
    expect(store.history(b.id)).toEqual([]);
    expect(() => store.switchVersion('missing')).toThrow(/no longer exists/);
  });

  it('deleting the conversation removes every version', () => {
    const store = openStore();
    const c = store.createConversation({ title: 'T', model: 'm', voice: 'v' });
    const q = store.addMessage({ conversationId: c.id, role: 'user', text: 'q', status: 'complete' });
    store.addMessage({ conversationId: c.id, role: 'assistant', text: 'r', status: 'complete' });
    store.addMessage({ conversationId: c.id, role: 'assistant', text: 'r again', status: 'complete', parentId: q.id });
    expect(store.deleteConversation(c.id)).toBe(true);
    expect(store.db.prepare('SELECT count(*) FROM messages').pluck().get()).toBe(0);
  });
});

describe('migration 004', () => {
  it('creates parent_id and leaf_id in a new file', () => {
    const store = openStore();
    const cols = (t: string) => store.db.prepare(`SELECT name FROM pragma_table_info('${t}')`).pluck().all();
    expect(cols('messages')).toContain('parent_id');
    expect(cols('conversations')).toContain('leaf_id');
  });

  it('turns a v3 history into one line per conversation, in its order, ending at its last message', () => {
    const file = tmp.file('v3.db');
    const old = new BetterSqlite3(file);
    old.pragma('journal_mode = WAL');
    expect(applyMigrations(old, MIGRATIONS.slice(0, 3), { now: () => 0 })).toBe(3);
    const conv = old.prepare('INSERT INTO conversations (id, title, model, voice, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)');
    conv.run('c1', 'One', 'm', 'v', 1, 1);
    conv.run('c2', 'Two', 'm', 'v', 2, 2);
    conv.run('c3', 'Empty', 'm', 'v', 3, 3);
    const msg = old.prepare(`INSERT INTO messages (id, conversation_id, ordering, role, text, status, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, 'complete', 0, 0)`);
    // Written out of order, with gaps in ordering: ordering alone decides.
    msg.run('c1-r2', 'c1', 7, 'assistant', 'second answer');
    msg.run('c1-q1', 'c1', 0, 'user', 'first question');
    msg.run('c2-q1', 'c2', 0, 'user', 'other question');
    msg.run('c1-q2', 'c1', 5, 'user', 'second question');
    msg.run('c1-r1', 'c1', 2, 'assistant', 'first answer');
    old.close();

    const store = openStore(file);
    expect(store.db.pragma('foreign_key_check')).toEqual([]);
    expect(store.getConversation('c1')!.messages.map((m) => [m.id, m.parentId, m.versions?.count])).toEqual([
      ['c1-q1', null, 1],
      ['c1-r1', 'c1-q1', 1],
      ['c1-q2', 'c1-r1', 1],
      ['c1-r2', 'c1-q2', 1],
    ]);
    expect(store.history('c2').map((m) => m.id)).toEqual(['c2-q1']);
    expect(store.history('c3')).toEqual([]);
    const leaf = store.db.prepare('SELECT id, leaf_id FROM conversations ORDER BY id').all();
    expect(leaf).toEqual([{ id: 'c1', leaf_id: 'c1-r2' }, { id: 'c2', leaf_id: 'c2-q1' }, { id: 'c3', leaf_id: null }]);

    // Versions work on the upgraded rows: regenerate the last answer, switch back.
    const again = store.addMessage({ conversationId: 'c1', role: 'assistant', text: 'second answer again', status: 'complete', parentId: 'c1-q2' });
    expect(store.history('c1').map((m) => m.text)).toEqual(['first question', 'first answer', 'second question', 'second answer again']);
    store.switchVersion('c1-r2');
    expect(store.getConversation('c1')!.messages[3]?.versions).toEqual({ index: 0, count: 2, ids: ['c1-r2', again.id] });
    // A first message in the empty conversation starts its line.
    const first = store.addMessage({ conversationId: 'c3', role: 'user', text: 'hello', status: 'complete' });
    expect(first.parentId).toBeNull();
    expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
