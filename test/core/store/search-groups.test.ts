// search.conversations through the assembled core on a real SQLite file: hits grouped by conversation (the
// newest hit's first), each with its role and a snippet whose match ranges mark the words; filters for the
// speaker, for conversations with media and for one conversation; short Chinese terms by LIKE.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../../electron/core/app-core';
import { createStore, openDatabase } from '../../../electron/core/store';
import type { ConversationSearchGroup, ConversationSearchInput } from '../../../shared/search';
import { must, refused, startTestCore, type TestCore } from '../../support/test-core';

let dir: string;
let tc: TestCore;
const ids: Record<string, string> = {};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'omni-search-groups-'));
  // Written through the store (as turns write them), oldest first, before the core opens the file.
  let t = Date.UTC(2026, 0, 1);
  const db = openDatabase(join(dir, DATABASE_FILE));
  const store = createStore(db, { now: () => (t += 1000) });
  const conversation = (key: string, turns: Array<[string, string]>, attachment = false) => {
    const c = store.createConversation({ title: `About ${key}`, model: 'qwen3-omni-flash', voice: 'Cherry' });
    ids[key] = c.id;
    for (const [i, [q, a]] of turns.entries()) {
      const user = store.addMessage({
        conversationId: c.id, role: 'user', text: q, status: 'complete',
        attachments: attachment && i === 0 ? [{ id: `att-${key}`, kind: 'image', name: 'alps.png', summary: 'Sent as it is.', prepared: {} }] : [],
      });
      ids[`${key}.q${i}`] = user.id;
      ids[`${key}.a${i}`] = store.addMessage({ conversationId: c.id, role: 'assistant', text: a, status: 'complete' }).id;
    }
  };
  conversation('everest', [
    ['How tall is Mount Everest, the highest mountain?', 'Mount Everest is 8,849 m tall: the highest mountain on Earth.'],
    ['And K2?', 'K2 is the second highest MOUNTAIN.'],
    ['Which mountain is hardest to climb?', 'Annapurna, by its death rate.'],
  ]);
  conversation('beijing', [['北京天气怎么样？', '北京今天晴，气温十度。']]);
  conversation('alps', [['Mountain weather in the Alps, please.', 'Alpine weather changes fast in the mountains.']], true);
  conversation('other', [['Tell me a joke.', 'Why did the chicken cross the road?']]);
  db.close();
  tc = await startTestCore({ dataDir: dir });
});
afterAll(async () => {
  await tc.close();
  await rm(dir, { recursive: true, force: true });
});

const search = (input: ConversationSearchInput) => must(tc.call('search.conversations', input));
const marked = (g: ConversationSearchGroup) => g.hits.map((h) => h.snippet.ranges.map(([a, b]) => h.snippet.text.slice(a, b)));

describe('search grouped by conversation', () => {
  it('groups hits under their conversation, newest hit first, each with its role, title and marked words', async () => {
    const r = await search({ query: 'mountain' });
    expect(r.more).toBe(false);
    expect(r.groups.map((g) => g.conversation.title)).toEqual(['About alps', 'About everest']);
    const [alps, everest] = r.groups as [ConversationSearchGroup, ConversationSearchGroup];
    expect(alps.conversation.hasMedia).toBe(true);
    expect(alps.hits.map((h) => [h.messageId, h.role])).toEqual([[ids['alps.a0'], 'assistant'], [ids['alps.q0'], 'user']]);
    // Four of Everest's messages hold the word; three are listed, newest first, and the group says there are more.
    expect(everest.hits.map((h) => [h.messageId, h.role])).toEqual([
      [ids['everest.q2'], 'user'], [ids['everest.a1'], 'assistant'], [ids['everest.a0'], 'assistant'],
    ]);
    expect(everest.more).toBe(true);
    for (const g of r.groups) for (const words of marked(g)) for (const w of words) expect(w.toLowerCase()).toBe('mountain');
    expect(marked(everest)[1]).toEqual(['MOUNTAIN']);
    expect(everest.hits[0]!.snippet.text).toBe('Which mountain is hardest to climb?');
    expect(everest.hits[0]!.createdAt).toBeGreaterThan(everest.hits[1]!.createdAt);

    const all = await search({ query: 'mountain', conversationId: ids.everest, hitsPerConversation: 10 });
    expect(all.groups).toHaveLength(1);
    expect(all.groups[0]!.hits.map((h) => h.messageId)).toEqual([ids['everest.q2'], ids['everest.a1'], ids['everest.a0'], ids['everest.q0']]);
    expect(all.groups[0]!.more).toBe(false);
  });

  it('filters by speaker: only the questions, or only the replies', async () => {
    const mine = await search({ query: 'mountain', speaker: 'user' });
    expect(mine.groups.flatMap((g) => g.hits.map((h) => h.role))).toEqual(['user', 'user', 'user']);
    expect(mine.groups.flatMap((g) => g.hits.map((h) => h.messageId))).toEqual([ids['alps.q0'], ids['everest.q2'], ids['everest.q0']]);
    const theirs = await search({ query: 'weather', speaker: 'assistant' });
    expect(theirs.groups.map((g) => [g.conversation.id, g.hits.map((h) => h.messageId)])).toEqual([[ids.alps, [ids['alps.a0']]]]);
  });

  it('filters to conversations with media (a question that carried a file)', async () => {
    const r = await search({ query: 'mountain', withMedia: true });
    expect(r.groups.map((g) => g.conversation.id)).toEqual([ids.alps]);
    expect((await search({ query: 'Everest', withMedia: true })).groups).toEqual([]);
  });

  it('finds a 2-character Chinese word (LIKE, no trigram) and marks it in both roles', async () => {
    const r = await search({ query: '北京' });
    expect(r.groups.map((g) => g.conversation.id)).toEqual([ids.beijing]);
    expect(r.groups[0]!.hits.map((h) => h.role)).toEqual(['assistant', 'user']);
    expect(marked(r.groups[0]!)).toEqual([['北京'], ['北京']]);
    // With a 3+ character term beside it: both must match, both marked where the trigram index marks.
    const both = await search({ query: '北京 天气怎么样' });
    expect(both.groups[0]!.hits.map((h) => h.messageId)).toEqual([ids['beijing.q0']]);
  });

  it('stops at the number of conversations asked for and says there may be more; an empty query finds nothing', async () => {
    const one = await search({ query: 'mountain', conversations: 1 });
    expect(one.groups.map((g) => g.conversation.id)).toEqual([ids.alps]);
    expect(one.more).toBe(true);
    expect(await search({ query: '   ' })).toEqual({ groups: [], more: false });
    expect(await search({ query: 'zephyrquartz' })).toEqual({ groups: [], more: false });
    expect((await refused(tc.call('search.conversations', { query: 'x', speaker: 'robot' as never }))).kind).toBe('invalid_input');
  });
});
