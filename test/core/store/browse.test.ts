// The Conversations list at scale: pages of a real SQLite file, newest activity first, a total read with
// each page; renaming and deleting as the renderer asks for them through the contract (dispatch).
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '../../../electron/core/app-core';
import { dispatch } from '../../../electron/core/dispatch';
import type { Core } from '../../../electron/core/core-interface';
import { createStore, openDatabase, type Store } from '../../../electron/core/store';
import { manualClock, tempDir } from './helpers';

let tmp: ReturnType<typeof tempDir>;
let db: Database;
let store: Store;
let clock: ReturnType<typeof manualClock>;

beforeEach(() => {
  tmp = tempDir();
  clock = manualClock();
  db = openDatabase(tmp.file('history.db'));
  store = createStore(db, { now: clock.now });
});
afterEach(() => {
  if (db.open) db.close();
  tmp.remove();
});

function many(n: number): string[] {
  const ids: string[] = [];
  db.transaction(() => {
    for (let i = 0; i < n; i++) {
      clock.tick(1000);
      ids.push(store.createConversation({ title: `Conversation ${i}`, model: 'qwen3-omni-flash', voice: 'Cherry' }).id);
    }
  })();
  return ids;
}

describe('the conversation list in pages', () => {
  it('walks every conversation once, newest first, with the total on each page', () => {
    const ids = many(2_345);
    const seen: string[] = [];
    for (let offset = 0; ; offset += 500) {
      const page = store.listConversationPage(offset, 500);
      expect(page.total).toBe(2_345);
      if (page.items.length === 0) break;
      seen.push(...page.items.map((c) => c.id));
    }
    expect(seen).toEqual([...ids].reverse());
    expect(store.listConversationPage(2_344, 10).items.map((c) => c.title)).toEqual(['Conversation 0']);
  });

  it('moves a conversation with new activity to the top; renaming does not move it', () => {
    const [first, second] = many(3);
    clock.tick(1000);
    store.addMessage({ conversationId: first!, role: 'user', text: 'again', status: 'complete' });
    expect(store.listConversationPage(0, 3).items.map((c) => c.id)[0]).toBe(first);
    const renamed = store.renameConversation(second!, '北京的天气');
    expect(renamed?.title).toBe('北京的天气');
    expect(store.listConversationPage(0, 3).items.map((c) => c.title)).toEqual(['Conversation 0', 'Conversation 2', '北京的天气']);
    expect(store.renameConversation('missing', 'x')).toBeNull();
  });

  it('refuses offsets and limits that are not counts', () => {
    expect(() => store.listConversationPage(-1, 10)).toThrow(RangeError);
    expect(() => store.listConversationPage(0, 0)).toThrow(RangeError);
  });
});

describe('rename and delete through the contract', () => {
  let core: Core;
  afterEach(async () => {
    await core?.close();
  });

  it('renames (trimmed, persisted across a restart), explains a bad title, and deletes from the file', async () => {
    const dataDir = tmp.file('data');
    core = await createCore({ dataDir, shell: 'web', version: 'test', envKey: null, cipher: null });
    const handlers = core.handlers;
    const changed: unknown[] = [];
    core.subscribe((name, payload) => {
      if (name === 'conversations.changed') changed.push(payload);
    });
    // Conversations come from sending; here the store of the same data directory makes them directly.
    const side = createStore(openDatabase(`${dataDir}/omni-desk.sqlite`));
    const keep = side.createConversation({ title: 'Keep me', model: 'qwen3-omni-flash', voice: 'Cherry' });
    const gone = side.createConversation({ title: 'Delete me', model: 'qwen3-omni-flash', voice: 'Cherry' });
    side.addMessage({ conversationId: gone.id, role: 'user', text: 'bye', status: 'complete' });
    side.db.close();

    const renamed = await dispatch(handlers, 'conversations.rename', { id: keep.id, title: '  Trip to 上海  ' });
    expect(renamed).toMatchObject({ ok: true, value: { id: keep.id, title: 'Trip to 上海' } });
    expect(changed).toContainEqual({ conversationId: keep.id });

    const empty = await dispatch(handlers, 'conversations.rename', { id: keep.id, title: '   ' });
    expect(empty).toMatchObject({ ok: false, error: { kind: 'invalid_input' } });
    expect(!empty.ok && empty.error.message).toMatch(/cannot be empty.*Escape/);
    const long = await dispatch(handlers, 'conversations.rename', { id: keep.id, title: 'x'.repeat(201) });
    expect(!long.ok && long.error.message).toMatch(/at most 200 characters/);
    expect(await dispatch(handlers, 'conversations.rename', { id: keep.id, title: 'y'.repeat(200) })).toMatchObject({ ok: true });
    const missing = await dispatch(handlers, 'conversations.rename', { id: 'nope', title: 'x' });
    expect(missing).toMatchObject({ ok: false, error: { kind: 'not_found' } });

    expect(await dispatch(handlers, 'conversations.delete', { id: gone.id })).toMatchObject({ ok: true });
    const page = await dispatch(handlers, 'conversations.page', { offset: 0, limit: 10 });
    expect(page).toMatchObject({ ok: true, value: { total: 1, items: [{ id: keep.id, title: 'y'.repeat(200) }] } });
    expect(await dispatch(handlers, 'conversations.page', { offset: 0, limit: 1001 })).toMatchObject({ ok: false, error: { kind: 'invalid_input' } });
    await core.close();

    // A fresh look at the file: the title stayed, the deleted conversation and its messages are gone.
    const check = openDatabase(`${dataDir}/omni-desk.sqlite`);
    try {
      expect(check.prepare('SELECT id, title FROM conversations').all()).toEqual([{ id: keep.id, title: 'y'.repeat(200) }]);
      expect(check.prepare('SELECT count(*) AS n FROM messages WHERE conversation_id = ?').get(gone.id)).toEqual({ n: 0 });
    } finally {
      check.close();
    }
  });
});
