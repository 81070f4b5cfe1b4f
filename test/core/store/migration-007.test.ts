// Schema v7 (pins, title source and media, title usage, has_media, the welcome) on a real file: from
// nothing, and from the version before it with rows to carry over.
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyMigrations, createStore, MIGRATIONS, openDatabase } from '../../../electron/core/store';
import { tempDir } from './helpers';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.remove());

/** A file as the app at schema 6 left it, with `fill` run on it. */
function atV6(name: string, fill: (db: BetterSqlite3.Database) => void): string {
  const file = tmp.file(name);
  const old = new BetterSqlite3(file);
  applyMigrations(old, MIGRATIONS.filter((m) => m.version < 7), { now: () => 0 });
  fill(old);
  old.close();
  return file;
}

const conv = (db: BetterSqlite3.Database, id: string, updatedAt: number) =>
  db.prepare('INSERT INTO conversations (id, title, model, voice, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(id, `Title ${id}`, 'qwen3-omni-flash', 'Cherry', updatedAt, updatedAt);
const msg = (db: BetterSqlite3.Database, id: string, conversationId: string, ordering: number, role: string, status: string) =>
  db.prepare('INSERT INTO messages (id, conversation_id, ordering, role, text, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 1, 1)')
    .run(id, conversationId, ordering, role, `text of ${id}`, status);

describe('migration 007', () => {
  it('a new file: the list is read in pinned-then-activity order from its index, without sorting, and so are the date counts', () => {
    const db = openDatabase(tmp.file('new.db'));
    try {
      const indexes = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'conversations'").pluck().all();
      expect(indexes).toContain('conversations_by_pinned_updated');
      expect(indexes).not.toContain('conversations_by_updated');
      const plan = (sql: string) => db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all().map((r) => (r as { detail: string }).detail).join(' | ');
      const page = plan('SELECT c.id FROM conversations c ORDER BY c.pinned DESC, c.updated_at DESC, c.id LIMIT 100 OFFSET 0');
      expect(page).toContain('conversations_by_pinned_updated');
      expect(page).not.toContain('TEMP B-TREE');
      expect(plan('SELECT count(*) FROM conversations WHERE pinned = 0 AND updated_at >= 5')).toContain('conversations_by_pinned_updated');

      const store = createStore(db);
      const c = store.createConversation({ title: 'T', model: 'qwen3-omni-flash', voice: 'Cherry' });
      expect(store.getConversationSummary(c.id)).toMatchObject({ pinned: false, hasMedia: false, titleSource: 'fallback', titleMedia: null, titleUsage: null });
      // A question with a file marks its conversation (the trigger), once and for good.
      store.addMessage({ conversationId: c.id, role: 'user', text: '', status: 'complete', attachments: [{ id: 'a1', kind: 'audio', name: 's.wav', summary: 's', prepared: {} }] });
      expect(store.getConversationSummary(c.id)?.hasMedia).toBe(true);
      const named = store.createConversation({ title: 'Audio: s.wav', model: 'qwen3-omni-flash', voice: 'Cherry', titleMedia: { kind: 'audio', name: 's.wav', more: 0 } });
      expect(store.getConversationSummary(named.id)?.titleMedia).toEqual({ kind: 'audio', name: 's.wav', more: 0 });
      // Renamed, the title is the user's and the media wording no longer applies.
      store.renameConversation(named.id, 'Mine');
      expect(store.getConversationSummary(named.id)).toMatchObject({ title: 'Mine', titleSource: 'user', titleMedia: null });
    } finally {
      db.close();
    }
  });

  it('carries over: conversations with files get has_media; a history with a completed reply has the welcome behind it', () => {
    const file = atV6('old.db', (db) => {
      conv(db, 'with-file', 2);
      conv(db, 'plain', 1);
      msg(db, 'q1', 'with-file', 0, 'user', 'complete');
      msg(db, 'a1', 'with-file', 1, 'assistant', 'complete');
      db.prepare(`INSERT INTO message_attachments (message_id, position, id, kind, name, summary, prepared_json)
        VALUES ('q1', 0, 'att', 'image', 'p.png', 's', '{}')`).run();
      db.prepare("INSERT INTO settings VALUES ('settings', ?)").run(JSON.stringify({ theme: 'dark', voice: 'Ethan' }));
    });
    const db = openDatabase(file);
    try {
      const store = createStore(db);
      expect(store.listConversations(10).map((c) => [c.id, c.hasMedia, c.pinned, c.titleSource])).toEqual([
        ['with-file', true, false, 'fallback'],
        ['plain', false, false, 'fallback'],
      ]);
      expect(store.getSetting('settings')).toEqual({ theme: 'dark', voice: 'Ethan', welcomeDone: true });
    } finally {
      db.close();
    }
  });

  it('the welcome flag: written when only replies exist, not when no reply ever completed', () => {
    const noSettingsRow = atV6('replies-only.db', (db) => {
      conv(db, 'c', 1);
      msg(db, 'a', 'c', 0, 'assistant', 'complete');
    });
    const neverCompleted = atV6('failed-only.db', (db) => {
      conv(db, 'c', 1);
      msg(db, 'a', 'c', 0, 'assistant', 'failed');
      db.prepare("INSERT INTO settings VALUES ('settings', ?)").run(JSON.stringify({ voice: 'Ethan' }));
    });
    for (const [file, expected] of [[noSettingsRow, { welcomeDone: true }], [neverCompleted, { voice: 'Ethan' }]] as const) {
      const db = openDatabase(file);
      try {
        expect(createStore(db).getSetting('settings')).toEqual(expected);
      } finally {
        db.close();
      }
    }
  });
});
