// Pinned conversations and what the list needs for its date groups, through the assembled core on a real
// SQLite file: pinned first, then the newest activity; the counts per date bound; kept across a restart.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStore, openDatabase } from '../../../electron/core/store';
import { DATABASE_FILE } from '../../../electron/core/app-core';
import { must, refused, startTestCore, type TestCore } from '../../support/test-core';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 2, 10, 12);

let dir: string;
let clock: number;
let tc: TestCore;

const open = () => startTestCore({ dataDir: dir, now: () => clock });

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'omni-pins-'));
  clock = T0;
  tc = await open();
});
afterEach(async () => {
  await tc.close();
  await rm(dir, { recursive: true, force: true });
});

/** Conversations c0, c1… made the given days before T0, through the store (a second connection). */
function seed(daysAgo: number[]): void {
  let at = T0;
  let n = 0;
  const db = openDatabase(join(dir, DATABASE_FILE));
  try {
    const store = createStore(db, { now: () => at, newId: () => `c${n++}` });
    for (const [i, d] of daysAgo.entries()) {
      at = T0 - d * DAY;
      store.createConversation({ title: `Conversation ${i}`, model: 'qwen3-omni-flash', voice: 'Cherry' });
    }
  } finally {
    db.close();
  }
}

const ids = async () => (await must(tc.call('conversations.page', { offset: 0, limit: 100 }))).items.map((c) => c.id);

describe('pinned conversations', () => {
  it('come first, then the newest activity; pinning changes neither updatedAt nor the title, and is announced', async () => {
    seed([40, 9, 3, 1, 0]);
    expect(await ids()).toEqual(['c4', 'c3', 'c2', 'c1', 'c0']);
    const changed: Array<string | null> = [];
    tc.core.subscribe((name, p) => name === 'conversations.changed' && changed.push((p as { conversationId: string | null }).conversationId));

    const pinned = await must(tc.call('conversations.pin', { id: 'c0', pinned: true }));
    expect([pinned.id, pinned.pinned, pinned.updatedAt, pinned.title]).toEqual(['c0', true, T0 - 40 * DAY, 'Conversation 0']);
    await must(tc.call('conversations.pin', { id: 'c2', pinned: true }));
    expect(changed).toEqual(['c0', 'c2']);
    // Pinned among themselves by activity too.
    expect(await ids()).toEqual(['c2', 'c0', 'c4', 'c3', 'c1']);
    expect((await must(tc.call('conversations.list', { limit: 2 }))).map((c) => c.id)).toEqual(['c2', 'c0']);
    // Pages split the same order.
    const second = await must(tc.call('conversations.page', { offset: 2, limit: 2 }));
    expect(second.items.map((c) => [c.id, c.pinned])).toEqual([['c4', false], ['c3', false]]);
    expect([second.total, second.pinned]).toEqual([5, 2]);

    await must(tc.call('conversations.pin', { id: 'c2', pinned: false }));
    expect(await ids()).toEqual(['c0', 'c4', 'c3', 'c2', 'c1']);
  });

  it('a pin survives a restart', async () => {
    seed([2, 1]);
    await must(tc.call('conversations.pin', { id: 'c0', pinned: true }));
    await tc.close();
    tc = await open();
    expect(await ids()).toEqual(['c0', 'c1']);
    expect((await must(tc.call('conversations.get', { id: 'c0' }))).conversation.pinned).toBe(true);
  });

  it('a conversation that is gone cannot be pinned, and the refusal says so', async () => {
    const e = await refused(tc.call('conversations.pin', { id: 'gone', pinned: true }));
    expect(e.kind).toBe('not_found');
    expect(e.message).toMatch(/no longer exists/);
  });

  it('counts the unpinned conversations active since each date bound, read with the page', async () => {
    seed([40, 35, 9, 3, 1.2, 0.5, 0.1]);
    await must(tc.call('conversations.pin', { id: 'c6', pinned: true }));
    const startOfToday = T0 - 12 * 3_600_000;
    const bounds = [startOfToday, startOfToday - DAY, startOfToday - 7 * DAY, startOfToday - 30 * DAY, Date.UTC(2026, 0, 1)];
    const page = await must(tc.call('conversations.page', { offset: 0, limit: 3, dateBounds: bounds }));
    expect(page.total).toBe(7);
    expect(page.pinned).toBe(1);
    // Today (c5, active exactly at the bound), yesterday (c4), the 7 days before (c3), the 30 days before (c2), this year.
    expect(page.activeSince).toEqual([1, 2, 3, 4, 6]);
    // The renderer's grouping of what it has agrees with the counts: the rows after the pinned ones, in order.
    expect(page.items.map((c) => c.id)).toEqual(['c6', 'c5', 'c4']);
    expect((await must(tc.call('conversations.page', { offset: 0, limit: 1 }))).activeSince).toEqual([]);
    const tooMany = await refused(tc.call('conversations.page', { offset: 0, limit: 1, dateBounds: Array.from({ length: 65 }, () => 0) }));
    expect(tooMany.kind).toBe('invalid_input');
  });
});
