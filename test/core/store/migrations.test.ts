// Opening the history file: from nothing, from every older schema, and the files it must refuse untouched.
import { readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  applyMigrations, createStore, DatabaseTooNewError, DatabaseUnreadableError, LATEST_VERSION, MIGRATIONS,
  openDatabase, type Migration, type Store,
} from '../../../electron/core/store';
import { listing, sha256, tempDir } from './helpers';
import { createConversationSettingsStore } from '../../../electron/core/store/conversation-settings';
import { createEndpointRepo } from '../../../electron/core/endpoints';
import { createModelRegistry } from '../../../electron/core/models/model-registry';
import { createLiveStore } from '../../../electron/core/store/live-store';

let tmp: ReturnType<typeof tempDir>;
let open: Database[] = [];
beforeEach(() => {
  tmp = tempDir();
  open = [];
});
afterEach(() => {
  for (const db of open) if (db.open) db.close();
  tmp.remove();
});
const track = (db: Database) => (open.push(db), db);
const raw = (file: string) => track(new BetterSqlite3(file));

const pcmA = Uint8Array.from({ length: 960 }, (_, i) => (i * 13) & 0xff);
const pcmB = Uint8Array.from({ length: 482 }, (_, i) => (i * 5 + 1) & 0xff);
const usage = { promptTokens: 12, completionTokens: 34, totalTokens: 46, promptDetails: { text_tokens: 12 }, completionDetails: { audio_tokens: 30, text_tokens: 4 } };
const error = { kind: 'network', message: 'The connection dropped.', httpStatus: null, code: null, requestId: 'r-1', serverMessage: null };

/**
 * Representative rows written with each schema version's own SQL, and what the current app must read
 * back from them. Adding schema version N means adding AT_VERSION[N] (the test below insists).
 */
const AT_VERSION: Record<number, { seed(db: Database): void; check(store: Store): void }> = {
  1: {
    seed(db) {
      db.prepare('INSERT INTO conversations (id, title, model, voice, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run('conv-old', 'Old question', 'qwen3-omni-flash', 'Cherry', 1000, 3000);
      db.prepare('INSERT INTO conversations (id, title, model, voice, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run('conv-new', '第二个', 'qwen-omni-turbo', 'Ethan', 2000, 4000);
      const msg = db.prepare(`INSERT INTO messages (id, conversation_id, ordering, role, text, reasoning, status, usage_json,
        error_json, model, voice, audio_bytes, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)`);
      msg.run('m-user', 'conv-old', 0, 'user', 'What is the tallest mountain?', '', 'complete', null, null, 'qwen3-omni-flash', null, 0, 1000, 1000);
      msg.run('m-reply', 'conv-old', 1, 'assistant', 'Everest, 8,849 m.', 'Recall facts.', 'complete', JSON.stringify(usage), null, 'qwen3-omni-flash', 'Cherry', pcmA.length + pcmB.length, 1001, 3000);
      msg.run('m-cut', 'conv-new', 0, 'assistant', 'Half an answ', '', 'cut_off', null, JSON.stringify(error), 'qwen-omni-turbo', 'Ethan', 0, 2000, 4000);
      msg.run('m-live', 'conv-new', 1, 'assistant', 'still going', '', 'streaming', null, null, null, null, 0, 2001, 4000);
      const chunk = db.prepare('INSERT INTO audio_chunks (message_id, seq, pcm) VALUES (?, ?, ?)');
      chunk.run('m-reply', 1, pcmB); // out of insertion order on purpose: seq decides
      chunk.run('m-reply', 0, pcmA);
      db.prepare('INSERT INTO settings VALUES (?, ?)').run('settings', JSON.stringify({ voice: 'Ethan', speakReplies: false }));
    },
    check(store) {
      expect(store.listConversations(10).map((c) => [c.id, c.title, c.messageCount, c.hasAudio])).toEqual([
        ['conv-new', '第二个', 2, false],
        ['conv-old', 'Old question', 2, true],
      ]);
      const old = store.getConversation('conv-old');
      expect(old?.messages.map((m) => [m.id, m.role, m.text, m.status])).toEqual([
        ['m-user', 'user', 'What is the tallest mountain?', 'complete'],
        ['m-reply', 'assistant', 'Everest, 8,849 m.', 'complete'],
      ]);
      const reply = old?.messages[1];
      expect(reply?.reasoning).toBe('Recall facts.');
      expect(reply?.usage).toEqual(usage);
      expect(reply?.audio).toEqual({ sampleRate: 24_000, samples: (pcmA.length + pcmB.length) / 2 });
      expect(Buffer.from(store.readReplyAudio('m-reply')).equals(Buffer.concat([pcmA, pcmB]))).toBe(true);
      const cut = store.getMessage('m-cut');
      expect([cut?.status, cut?.error, cut?.text]).toEqual(['cut_off', error, 'Half an answ']);
      // From v7 on, a history with a completed reply has had a working key: the welcome is over.
      expect(store.getSetting('settings')).toEqual({ voice: 'Ethan', speakReplies: false, welcomeDone: true });
      // Still writable the normal way after the upgrade: order continues after the old rows.
      const next = store.addMessage({ conversationId: 'conv-old', role: 'user', text: 'And the second?', status: 'complete' });
      expect(store.history('conv-old').map((m) => m.id)).toEqual(['m-user', 'm-reply', next.id]);
      expect(store.markInterrupted()).toBe(1);
      expect(store.getMessage('m-live')?.status).toBe('interrupted');
      expect(reply?.attachments).toEqual([]);
    },
  },
  2: {
    seed(db) {
      AT_VERSION[1]!.seed(db);
      const att = db.prepare(`INSERT INTO message_attachments (message_id, position, id, kind, name, summary, prepared_json)
        VALUES (?, ?, ?, ?, ?, ?, ?)`);
      // Out of position order on purpose: position decides.
      att.run('m-user', 1, 'att-b', 'audio', 'talk.mp3', 'Sent as it is.', JSON.stringify({ kind: 'audio', files: [{ relPath: 'ab/cd.mp3' }] }));
      att.run('m-user', 0, 'att-a', 'image', '山.png', 'Sent as it is.', JSON.stringify({ kind: 'image', files: [{ relPath: 'ef/01.png' }] }));
    },
    check(store) {
      AT_VERSION[1]!.check(store);
      const expected = [
        { id: 'att-a', kind: 'image', name: '山.png', summary: 'Sent as it is.' },
        { id: 'att-b', kind: 'audio', name: 'talk.mp3', summary: 'Sent as it is.' },
      ];
      expect(store.getMessage('m-user')?.attachments).toEqual(expected);
      expect(store.getConversation('conv-old')?.messages[0]?.attachments).toEqual(expected);
      expect(store.preparedMedia('m-user')).toEqual([
        { kind: 'image', files: [{ relPath: 'ef/01.png' }] },
        { kind: 'audio', files: [{ relPath: 'ab/cd.mp3' }] },
      ]);
      // Deleting the conversation takes its attachment rows with it.
      expect(store.deleteConversation('conv-old')).toBe(true);
      expect(store.db.prepare('SELECT count(*) FROM message_attachments').pluck().get()).toBe(0);
    },
  },
  3: {
    seed(db) {
      AT_VERSION[2]!.seed(db);
      // Written at v3: the triggers index an update as it grows, and forget a deleted row.
      db.prepare("UPDATE messages SET reasoning = '珠穆朗玛' WHERE id = 'm-cut'").run();
      db.prepare("UPDATE messages SET reasoning = reasoning || '峰很高' WHERE id = 'm-cut'").run();
      db.prepare(`INSERT INTO messages (id, conversation_id, ordering, role, text, status, created_at, updated_at)
        VALUES ('m-gone', 'conv-new', 9, 'user', 'ephemeral words', 'complete', 2009, 4000)`).run();
      db.prepare("DELETE FROM messages WHERE id = 'm-gone'").run();
    },
    check(store) {
      expect(store.search('朗玛峰很高', 10).map((h) => h.messageId)).toEqual(['m-cut']);
      expect(store.search('ephemeral', 10)).toEqual([]);
      AT_VERSION[2]!.check(store);
    },
  },
  4: {
    seed(db) {
      AT_VERSION[3]!.seed(db);
      // Written at v4: each message names the one it follows, the conversation the end of its shown path,
      // and a regenerated reply keeps the first one as version 1.
      db.exec(`UPDATE messages SET parent_id = 'm-user' WHERE id = 'm-reply';
        UPDATE messages SET parent_id = 'm-cut' WHERE id = 'm-live';
        UPDATE conversations SET leaf_id = 'm-live' WHERE id = 'conv-new';`);
      db.prepare(`INSERT INTO messages (id, conversation_id, ordering, role, text, status, created_at, updated_at, parent_id)
        VALUES ('m-reply-2', 'conv-old', 5, 'assistant', 'Mount Everest.', 'complete', 1005, 3000, 'm-user')`).run();
      db.prepare("UPDATE conversations SET leaf_id = 'm-reply' WHERE id = 'conv-old'").run();
    },
    check(store) {
      expect(store.getConversation('conv-old')?.messages[1]?.versions).toEqual({ index: 0, count: 2, ids: ['m-reply', 'm-reply-2'] });
      store.switchVersion('m-reply-2');
      expect(store.history('conv-old').map((m) => m.text)).toEqual(['What is the tallest mountain?', 'Mount Everest.']);
      store.switchVersion('m-reply');
      expect(store.listConversations(10).find((c) => c.id === 'conv-old')?.messageCount).toBe(3); // every version counts
      // The older checks count the rows their seeds wrote.
      store.db.prepare("DELETE FROM messages WHERE id = 'm-reply-2'").run();
      AT_VERSION[3]!.check(store);
    },
  },
  5: {
    seed(db) {
      AT_VERSION[4]!.seed(db);
      // Written at v5: a custom endpoint, chosen in Settings (its key lives in settings, encrypted).
      db.prepare(`INSERT INTO endpoints (id, name, base_url, models_json, data_uri_budget, created_at, updated_at)
        VALUES ('ep_lab', 'Lab', 'http://127.0.0.1:8000/v1', '["qwen2.5-omni-7b"]', 4096, 10, 20)`).run();
    },
    check(store) {
      // Written before v8: no Realtime address.
      expect(createEndpointRepo(store.db, () => 0).get('ep_lab')).toEqual(
        { id: 'ep_lab', name: 'Lab', baseUrl: 'http://127.0.0.1:8000/v1', models: ['qwen2.5-omni-7b'], dataUriBudget: 4096, realtimeUrl: null, createdAt: 10, updatedAt: 20 },
      );
      AT_VERSION[4]!.check(store);
    },
  },
  6: {
    seed(db) {
      (AT_VERSION[5] ?? AT_VERSION[4])!.seed(db);
      // Written at v6: each conversation's own settings.
      db.prepare(`UPDATE conversations SET model = 'qwen3-omni-flash-2025-12-01', voice = 'Serena', speak_replies = 0, thinking = 1,
        system_prompt = ? WHERE id = 'conv-old'`).run('Be brief. 简短回答。');
    },
    check(store) {
      const settings = createConversationSettingsStore(store.db);
      expect(settings.get('conv-old')).toEqual({
        model: 'qwen3-omni-flash-2025-12-01', voice: 'Serena', speakReplies: false, thinking: true, systemPrompt: 'Be brief. 简短回答。',
      });
      expect(settings.get('conv-new')?.systemPrompt).toBe('');
      (AT_VERSION[5] ?? AT_VERSION[4])!.check(store);
    },
  },
  7: {
    seed(db) {
      AT_VERSION[6]!.seed(db);
      // Written at v7: the older conversation pinned, the newer one renamed, a generated title's cost, a file
      // added to the newer one (the trigger marks it as having media), and the welcome over (a reply completed).
      db.exec(`UPDATE conversations SET pinned = 1 WHERE id = 'conv-old';
        UPDATE settings SET value = json_set(value, '$.welcomeDone', json('true')) WHERE key = 'settings';
        UPDATE conversations SET title_source = 'user', title_usage_json = '${JSON.stringify(usage)}' WHERE id = 'conv-new';`);
      db.prepare(`INSERT INTO message_attachments (message_id, position, id, kind, name, summary, prepared_json)
        VALUES ('m-cut', 0, 'att-c', 'video', 'clip.mp4', 'Sent as it is.', '{}')`).run();
    },
    check(store) {
      expect(store.listConversations(10).map((c) => [c.id, c.pinned, c.hasMedia, c.titleSource, c.titleUsage])).toEqual([
        ['conv-old', true, true, 'fallback', null],
        ['conv-new', false, true, 'user', usage],
      ]);
      // The older checks expect the list by activity alone, and the rows their seeds wrote.
      store.db.exec("UPDATE conversations SET pinned = 0; DELETE FROM message_attachments WHERE id = 'att-c'");
      AT_VERSION[6]!.check(store);
    },
  },
  8: {
    seed(db) {
      AT_VERSION[7]!.seed(db);
      // Written at v8: a model of the user's own, a custom endpoint's Realtime address, a live session whose
      // spoken turn and reply name it.
      db.prepare(`INSERT INTO custom_models (id, spec_json, created_at, updated_at) VALUES ('qwen-omni-next', ?, 5, 6)`)
        .run(JSON.stringify({ label: 'Next', api: 'chat', input: ['audio'], audioOut: false, thinking: false, voices: [], otherVoices: false, maxInputTokens: 1000, media: null, generation: null }));
      db.prepare(`INSERT INTO endpoints (id, name, base_url, models_json, data_uri_budget, realtime_url, created_at, updated_at)
        VALUES ('ep_live', 'Live lab', 'http://127.0.0.1:8001/v1', '["qwen-omni-next"]', 4096, 'ws://127.0.0.1:8001/realtime', 30, 40)`).run();
      db.prepare(`INSERT INTO live_sessions (id, conversation_id, model, voice, mode, started_at) VALUES ('live-1', 'conv-old', 'qwen3-omni-flash-realtime', 'Cherry', 'vad', 2000)`).run();
      db.prepare(`UPDATE messages SET live_session_id = 'live-1' WHERE id IN ('m-user', 'm-reply')`).run();
    },
    check(store) {
      const messages = store.getConversation('conv-old')!.messages;
      expect(messages.filter((m) => m.liveSessionId === 'live-1').map((m) => m.id)).toEqual(['m-user', 'm-reply']);
      // The custom model's id is kept in the endpoint's list (it is not in the catalog).
      expect(createEndpointRepo(store.db, () => 0).get('ep_live')).toMatchObject({ models: ['qwen-omni-next'], realtimeUrl: 'ws://127.0.0.1:8001/realtime' });
      expect(createModelRegistry(store.db, () => 0).find('qwen-omni-next')).toMatchObject({ label: 'Next', audioOut: false, limits: { maxInput: 1000 } });
      // A session the last run left open is ended as the app starts.
      const live = createLiveStore(store);
      expect(live.endOpenSessions(9000)).toBe(1);
      expect(live.session('live-1')).toMatchObject({ endedAt: 9000, endReason: 'shutdown' });
      // Last: the older checks delete conv-old (and with it the session).
      AT_VERSION[7]!.check(store);
      expect(live.session('live-1')).toBeNull();
    },
  },
};

/** Rows written before search existed (schema < 3) must be found after the upgrade. */
const searchableAfterUpgrade = (store: Store) => {
  expect(store.search('tallest mountain', 10).map((h) => h.messageId)).toEqual(['m-user']);
  expect(store.search('Recall', 10).map((h) => h.messageId)).toEqual(['m-reply']); // reasoning
  expect(store.search('第二', 10)).toEqual([]); // titles are not message text
  expect(store.search('still going', 10).map((h) => [h.conversationTitle, h.role])).toEqual([['第二个', 'assistant']]);
};

describe('opening the history database', () => {
  it('creates the latest schema in a new file, in WAL mode with foreign keys on', () => {
    const file = tmp.file('sub/dir/history.db');
    const db = track(openDatabase(file));
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(Number(db.pragma('busy_timeout', { simple: true }))).toBeGreaterThan(0);
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual([
      'audio_chunks', 'conversations', 'custom_models', 'endpoints', 'live_sessions', 'message_attachments', 'messages', 'messages_fts',
      'messages_fts_config', 'messages_fts_data', 'messages_fts_docsize', 'messages_fts_idx', 'settings',
    ]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('accepts an empty (0-byte) file as a new history', () => {
    const file = tmp.file('history.db');
    writeFileSync(file, '');
    const db = track(openDatabase(file));
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
  });

  it('opens its own latest file again without changing the data', () => {
    const file = tmp.file('history.db');
    const store = createStore(track(openDatabase(file)));
    const c = store.createConversation({ title: 'Kept', model: 'qwen3-omni-flash', voice: 'Cherry' });
    store.db.close();
    const again = createStore(track(openDatabase(file)));
    expect(again.listConversations(5).map((x) => x.id)).toEqual([c.id]);
  });

  it('has representative rows for every schema version', () => {
    for (let v = 1; v <= LATEST_VERSION; v++) expect(AT_VERSION[v], `AT_VERSION[${v}] is missing`).toBeDefined();
  });

  // Build the file as the app at version k left it (only migrations ≤ k), fill it, open it with this app.
  for (let k = 1; k <= LATEST_VERSION; k++) {
    it(`upgrades a history written at schema ${k} to ${LATEST_VERSION} and keeps every row`, () => {
      const file = tmp.file(`v${k}.db`);
      const old = raw(file);
      old.pragma('journal_mode = WAL');
      expect(applyMigrations(old, MIGRATIONS.slice(0, k), { now: () => 0 })).toBe(k);
      AT_VERSION[k]?.seed(old);
      old.close();

      const db = track(openDatabase(file));
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
      expect(db.pragma('foreign_key_check')).toEqual([]);
      const store = createStore(db);
      searchableAfterUpgrade(store);
      AT_VERSION[k]?.check(store);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      db.prepare("INSERT INTO messages_fts (messages_fts, rank) VALUES ('integrity-check', 1)").run();
    });
  }

  describe('pending migrations run in one transaction', () => {
    const addNotes: Migration = {
      version: LATEST_VERSION + 1,
      up: (db) => db.exec('ALTER TABLE conversations ADD COLUMN notes TEXT'),
    };
    const fillNotes = (fail: boolean): Migration => ({
      version: LATEST_VERSION + 2,
      up(db, { now }) {
        db.prepare('UPDATE conversations SET notes = ?').run(`backfilled at ${now()}`);
        if (fail) throw new Error('disk on fire');
      },
    });

    it('applies every pending one and sets user_version to the last', () => {
      const file = tmp.file('history.db');
      const store = createStore(track(openDatabase(file)));
      const c = store.createConversation({ title: 'T', model: 'm', voice: 'v' });
      store.db.close();
      const db = track(openDatabase(file, { migrations: [...MIGRATIONS, addNotes, fillNotes(false)], now: () => 42 }));
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION + 2);
      expect(db.prepare('SELECT notes FROM conversations WHERE id = ?').pluck().get(c.id)).toBe('backfilled at 42');
    });

    it('leaves the file at its old version when a later migration fails', () => {
      const file = tmp.file('history.db');
      const store = createStore(track(openDatabase(file)));
      store.createConversation({ title: 'T', model: 'm', voice: 'v' });
      store.db.close();
      expect(() => openDatabase(file, { migrations: [...MIGRATIONS, addNotes, fillNotes(true)] })).toThrow('disk on fire');
      const db = raw(file);
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
      const columns = db.prepare("SELECT name FROM pragma_table_info('conversations')").pluck().all();
      expect(columns).not.toContain('notes');
      db.close();
      // And the app still opens it normally.
      expect(createStore(track(openDatabase(file))).listConversations(5)).toHaveLength(1);
    });

    it('refuses a migration list that skips a version', () => {
      const gap: Migration = { version: LATEST_VERSION + 2, up: () => {} };
      expect(() => openDatabase(tmp.file('x.db'), { migrations: [...MIGRATIONS, gap] })).toThrow(/numbered 1, 2, 3/);
    });
  });

  describe('a history from a newer app', () => {
    const makeNewer = (file: string) => {
      const store = createStore(track(openDatabase(file)));
      store.createConversation({ title: 'From the future', model: 'm', voice: 'v' });
      store.db.pragma(`user_version = ${LATEST_VERSION + 1}`);
      store.db.close();
    };

    it('is refused with a clear message and left byte-for-byte unchanged', () => {
      const file = tmp.file('history.db');
      makeNewer(file);
      const before = sha256(file);
      const files = listing(tmp.dir);
      let caught: unknown;
      try {
        openDatabase(file);
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(DatabaseTooNewError);
      expect((caught as Error).message).toBe(
        `This history was written by a newer version of Omni Desk (schema ${LATEST_VERSION + 1}, this app knows ${LATEST_VERSION}). ` +
          'Update the app to open it; nothing was changed.',
      );
      expect(sha256(file)).toBe(before);
      expect(listing(tmp.dir)).toEqual(files); // not even a -wal or -shm left behind
    });

    it('is refused when the newer version is only in the write-ahead log so far', () => {
      const file = tmp.file('history.db');
      track(openDatabase(file)).close();
      // A newer app still has the file open: its change sits in the WAL, the main file says otherwise.
      const newer = raw(file);
      newer.pragma('journal_mode = WAL');
      newer.pragma('wal_autocheckpoint = 0');
      newer.pragma(`user_version = ${LATEST_VERSION + 3}`);
      const mainBefore = sha256(file);
      const walBefore = sha256(`${file}-wal`);
      expect(() => openDatabase(file)).toThrow(DatabaseTooNewError);
      expect(sha256(file)).toBe(mainBefore);
      expect(sha256(`${file}-wal`)).toBe(walBefore);
    });
  });

  describe('a file that is not an Omni Desk history', () => {
    const refused = (file: string, reason: RegExp) => {
      const before = sha256(file);
      const files = listing(tmp.dir);
      let caught: unknown;
      try {
        openDatabase(file);
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(DatabaseUnreadableError);
      expect((caught as DatabaseUnreadableError).reason).toMatch(reason);
      expect((caught as Error).message).toContain(file);
      expect((caught as Error).message).toMatch(/Nothing was changed: move it aside/);
      expect(sha256(file)).toBe(before);
      expect(listing(tmp.dir)).toEqual(files);
    };

    it('refuses a text file', () => {
      const file = tmp.file('history.db');
      writeFileSync(file, 'These are my notes, not a database.\n'.repeat(200));
      refused(file, /not_a_database/);
    });

    it('refuses random bytes, and a file too short to be a database', () => {
      const a = tmp.file('random.db');
      writeFileSync(a, randomBytes(16_384));
      refused(a, /not_a_database/);
      const b = tmp.file('short.db');
      writeFileSync(b, 'SQLite format 3\0');
      refused(b, /not_a_database/);
    });

    it('refuses a database whose pages are damaged', () => {
      const file = tmp.file('history.db');
      const store = createStore(track(openDatabase(file)));
      store.createConversation({ title: 'T', model: 'm', voice: 'v' });
      store.db.close();
      const bytes = new Uint8Array(readFileSync(file));
      bytes.fill(0xa5, 100, 4096); // the schema's own b-tree page, after the 100-byte header
      writeFileSync(file, bytes);
      refused(file, /damaged|not_a_database/);
    });

    it("refuses another program's SQLite database", () => {
      const file = tmp.file('notes.db');
      const other = raw(file);
      other.exec("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('keep me')");
      other.close();
      refused(file, /foreign/);
      const marked = tmp.file('marked.db');
      const m = raw(marked);
      m.pragma('application_id = 1234');
      m.exec('CREATE TABLE t (x)');
      m.close();
      refused(marked, /foreign/);
    });
  });
});
