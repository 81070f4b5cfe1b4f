// Schema v6 (per-conversation settings) on a real file: from nothing, and from the version before it with
// rows whose spoken/thinking state must be carried over from each conversation's last reply.
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyMigrations, createStore, MIGRATIONS, openDatabase } from '../../../electron/core/store';
import { createConversationSettingsStore } from '../../../electron/core/store/conversation-settings';
import { tempDir } from './helpers';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.remove());

describe('migration 006: conversation settings', () => {
  it('is listed in version order, and a new file gets the columns with their defaults', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual([...MIGRATIONS.map((m) => m.version)].sort((a, b) => a - b));
    expect(MIGRATIONS.some((m) => m.version === 6)).toBe(true);
    const db = openDatabase(tmp.file('new.db'));
    try {
      const columns = db.prepare("SELECT name FROM pragma_table_info('conversations')").pluck().all();
      expect(columns).toEqual(expect.arrayContaining(['model', 'voice', 'speak_replies', 'thinking', 'system_prompt']));
      const store = createStore(db);
      const c = store.createConversation({ title: 'T', model: 'qwen-omni-turbo', voice: 'Ethan' });
      const settings = createConversationSettingsStore(db);
      expect(settings.get(c.id)).toEqual({ model: 'qwen-omni-turbo', voice: 'Ethan', speakReplies: true, thinking: false, systemPrompt: '' });
      expect(settings.put(c.id, { model: 'qwen3-omni-flash', voice: 'Cherry', speakReplies: false, thinking: true, systemPrompt: '你好' })).toBe(true);
      expect(settings.get(c.id)).toEqual({ model: 'qwen3-omni-flash', voice: 'Cherry', speakReplies: false, thinking: true, systemPrompt: '你好' });
      expect(store.getConversationSummary(c.id)?.model).toBe('qwen3-omni-flash');
      expect(settings.get('missing')).toBeNull();
      expect(settings.put('missing', { model: 'qwen3-omni-flash', voice: 'Cherry', speakReplies: false, thinking: true, systemPrompt: '' })).toBe(false);
    } finally {
      db.close();
    }
  });

  it('carries spoken replies and thinking over from each conversation\'s last reply', () => {
    const file = tmp.file('old.db');
    const old = new BetterSqlite3(file);
    applyMigrations(old, MIGRATIONS.filter((m) => m.version < 6), { now: () => 0 });
    const conv = old.prepare('INSERT INTO conversations (id, title, model, voice, created_at, updated_at) VALUES (?, ?, ?, ?, 1, 1)');
    const msg = old.prepare(`INSERT INTO messages (id, conversation_id, ordering, role, text, reasoning, status, voice, created_at, updated_at)
      VALUES (?, ?, ?, ?, 'x', ?, 'complete', ?, 1, 1)`);
    conv.run('spoken', 'Spoken', 'qwen3-omni-flash', 'Cherry');
    msg.run('s1', 'spoken', 0, 'user', '', null);
    msg.run('s2', 'spoken', 1, 'assistant', '', 'Cherry');
    conv.run('thought', 'Thought', 'qwen3-omni-flash', 'Cherry');
    msg.run('t1', 'thought', 0, 'assistant', '', 'Cherry'); // spoken first…
    msg.run('t2', 'thought', 1, 'user', '', null);
    msg.run('t3', 'thought', 2, 'assistant', 'Let me think.', null); // …then thinking, text only
    conv.run('empty', 'Empty', 'qwen-omni-turbo', 'Ethan');
    old.close();

    const db = openDatabase(file);
    try {
      const settings = createConversationSettingsStore(db);
      expect(settings.get('spoken')).toEqual({ model: 'qwen3-omni-flash', voice: 'Cherry', speakReplies: true, thinking: false, systemPrompt: '' });
      expect(settings.get('thought')).toMatchObject({ speakReplies: false, thinking: true, systemPrompt: '' });
      expect(settings.get('empty')).toEqual({ model: 'qwen-omni-turbo', voice: 'Ethan', speakReplies: true, thinking: false, systemPrompt: '' });
    } finally {
      db.close();
    }
  });
});
