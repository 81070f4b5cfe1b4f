// Versions of a turn through the assembled core, against the stand-in over real HTTP, on a real SQLite
// file: regenerate a reply, edit a question (its files kept), switch between versions — and what the next
// request to the model carries each time (only the shown path).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core-interface';
import { DEFAULT_SCENARIO, startStandin, type Standin, type StandinScenario } from '../standin';
import { startTestCore, type TestCore } from '../support/test-core';
import { image, lastUserParts } from './attachments/media';

let standin: Standin;
let dir: string;
let tc: TestCore;

beforeAll(async () => {
  standin = await startStandin();
});
afterAll(async () => {
  await standin.close();
});
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'omni-branch-'));
  tc = await startTestCore({ standin, dataDir: join(dir, 'data') });
  await tc.core.handlers['settings.update']({ speakReplies: false });
});
afterEach(async () => {
  await tc.close();
  await rm(dir, { recursive: true, force: true });
});

function scenario(s: Partial<StandinScenario>): void {
  standin.setScenario({ ...DEFAULT_SCENARIO, audioSeconds: 0.2, ...s });
}

const outcome = (messageId: string) => tc.outcome(messageId);

/** Sends, waits for the reply to end, and returns the result. */
async function turn(text: string, conversationId: string | null, reply: string) {
  scenario({ text: reply });
  const r = await tc.core.handlers['chat.send']({ conversationId, text, attachmentIds: [], options: {} });
  expect((await outcome(r.assistantMessage.id)).status).toBe('complete');
  return r;
}

const shown = async (id: string) =>
  (await tc.core.handlers['conversations.get']({ id })).messages.map((m) => [m.role, m.text, m.versions?.index, m.versions?.count]);
const lastHistory = () => standin.requests.at(-1)!.body.messages as { role: string; content: unknown }[];

describe('versions of a turn', () => {
  it('regenerate: a second reply to the same question, streamed; the next turn sends only the shown path', async () => {
    const a = await turn('Name a colour.', null, 'Red.');
    const b = await turn('Another one?', a.conversationId, 'Green.');

    scenario({ text: 'Blue, since you ask.' });
    const again = await tc.core.handlers['chat.regenerate']({ messageId: b.assistantMessage.id });
    expect(again.conversationId).toBe(a.conversationId);
    expect(again.userMessage.id).toBe(b.userMessage.id);
    expect(again.assistantMessage.id).not.toBe(b.assistantMessage.id);
    expect((await outcome(again.assistantMessage.id)).status).toBe('complete');
    expect(tc.pushedText(again.assistantMessage.id))
      .toBe('Blue, since you ask.');
    // The request for the new version is the same question, without the reply it replaces.
    expect(lastHistory()).toEqual([
      { role: 'user', content: 'Name a colour.' },
      { role: 'assistant', content: 'Red.' },
      { role: 'user', content: 'Another one?' },
    ]);

    expect(await shown(a.conversationId)).toEqual([
      ['user', 'Name a colour.', 0, 1],
      ['assistant', 'Red.', 0, 1],
      ['user', 'Another one?', 0, 1],
      ['assistant', 'Blue, since you ask.', 1, 2],
    ]);
    const detail = await tc.core.handlers['conversations.get']({ id: a.conversationId });
    expect(detail.messages[3]?.versions?.ids).toEqual([b.assistantMessage.id, again.assistantMessage.id]);

    await turn('And a third?', a.conversationId, 'Yellow.');
    expect(lastHistory()).toEqual([
      { role: 'user', content: 'Name a colour.' },
      { role: 'assistant', content: 'Red.' },
      { role: 'user', content: 'Another one?' },
      { role: 'assistant', content: 'Blue, since you ask.' },
      { role: 'user', content: 'And a third?' },
    ]);
  });

  it('switching versions changes what the conversation shows and what the next request holds', async () => {
    const a = await turn('Pick a number.', null, 'Seven.');
    scenario({ text: 'Forty-two.' });
    const again = await tc.core.handlers['chat.regenerate']({ messageId: a.assistantMessage.id });
    await outcome(again.assistantMessage.id);
    const later = await turn('Why that one?', a.conversationId, 'It answers everything.');

    const back = await tc.core.handlers['messages.switchVersion']({ messageId: a.assistantMessage.id });
    // The first version had nothing after it: the turn after the second version is out of view now.
    expect(back.messages.map((m) => m.text)).toEqual(['Pick a number.', 'Seven.']);
    expect(await shown(a.conversationId)).toEqual([['user', 'Pick a number.', 0, 1], ['assistant', 'Seven.', 0, 2]]);
    await turn('Why seven?', a.conversationId, 'It is lucky.');
    expect(lastHistory()).toEqual([
      { role: 'user', content: 'Pick a number.' },
      { role: 'assistant', content: 'Seven.' },
      { role: 'user', content: 'Why seven?' },
    ]);

    // Back to the second version: the path after it returns as it was (its newest turn).
    const forth = await tc.core.handlers['messages.switchVersion']({ messageId: again.assistantMessage.id });
    expect(forth.messages.map((m) => m.id)).toEqual([a.userMessage.id, again.assistantMessage.id, later.userMessage.id, later.assistantMessage.id]);
    await turn('Really?', a.conversationId, 'Really.');
    expect(lastHistory().map((m) => m.content)).toEqual(['Pick a number.', 'Forty-two.', 'Why that one?', 'It answers everything.', 'Really?']);

    // Survives a restart: the shown version is stored, not kept in memory.
    await tc.close();
    tc = await startTestCore({ standin, dataDir: join(dir, 'data') });
    expect((await shown(a.conversationId)).map((r) => r[1])).toEqual(['Pick a number.', 'Forty-two.', 'Why that one?', 'It answers everything.', 'Really?', 'Really.']);
  });

  it('edit: a new question in place of the old, sent with the original files; the old one stays a version', async () => {
    const { id } = tc.core.attachPath(await image(dir));
    expect((await tc.core.attachmentSettled(id))?.state).toBe('ready');
    scenario({ text: 'A test pattern.' });
    const a = await tc.core.handlers['chat.send']({ conversationId: null, text: 'What is this?', attachmentIds: [id], options: {} });
    await outcome(a.assistantMessage.id);
    const sentImage = lastUserParts(standin.requests.at(-1)!.body)[0];
    expect(sentImage?.type).toBe('image_url');
    const b = await turn('Which colours?', a.conversationId, 'Many.');

    scenario({ text: 'Colour bars and a gradient.' });
    const edited = await tc.core.handlers['chat.edit']({ messageId: a.userMessage.id, text: 'Describe this picture in detail.' });
    expect(edited.userMessage.id).not.toBe(a.userMessage.id);
    expect(edited.userMessage.text).toBe('Describe this picture in detail.');
    expect(edited.userMessage.attachments).toEqual(a.userMessage.attachments);
    expect((await outcome(edited.assistantMessage.id)).status).toBe('complete');
    // Only the edited question goes, with the same picture, first.
    const body = standin.requests.at(-1)!.body;
    expect(body.messages).toHaveLength(1);
    expect(lastUserParts(body)).toEqual([sentImage, { type: 'text', text: 'Describe this picture in detail.' }]);

    expect(await shown(a.conversationId)).toEqual([
      ['user', 'Describe this picture in detail.', 1, 2],
      ['assistant', 'Colour bars and a gradient.', 0, 1],
    ]);
    const back = await tc.core.handlers['messages.switchVersion']({ messageId: a.userMessage.id });
    expect(back.messages.map((m) => m.id)).toEqual([a.userMessage.id, a.assistantMessage.id, b.userMessage.id, b.assistantMessage.id]);
    expect(back.messages[0]?.versions).toEqual({ index: 0, count: 2, ids: [a.userMessage.id, edited.userMessage.id] });
  });

  it('Retry of a failed reply is a regenerate: the failure stays as version 1', async () => {
    scenario({ http500: true, failNext: 1 });
    const a = await tc.core.handlers['chat.send']({ conversationId: null, text: 'Hello?', attachmentIds: [], options: {} });
    expect((await outcome(a.assistantMessage.id)).status).toBe('failed');
    scenario({ text: 'Hello again.' });
    const retry = await tc.core.handlers['chat.regenerate']({ messageId: a.assistantMessage.id });
    expect((await outcome(retry.assistantMessage.id)).status).toBe('complete');
    const detail = await tc.core.handlers['conversations.get']({ id: a.conversationId });
    expect(detail.messages.map((m) => [m.text, m.status])).toEqual([['Hello?', 'complete'], ['Hello again.', 'complete']]);
    expect(detail.messages[1]?.versions).toEqual({ index: 1, count: 2, ids: [a.assistantMessage.id, retry.assistantMessage.id] });
  });

  it('refuses what cannot be done, saying what to do', async () => {
    const a = await turn('Hi', null, 'Hello.');
    await expect(tc.core.handlers['chat.regenerate']({ messageId: a.userMessage.id })).rejects.toThrow(/reply no longer exists/);
    await expect(tc.core.handlers['chat.edit']({ messageId: a.assistantMessage.id, text: 'x' })).rejects.toThrow(/question no longer exists/);
    await expect(tc.core.handlers['chat.edit']({ messageId: a.userMessage.id, text: '   ' })).rejects.toThrow(/Type the new question/);
    await expect(Promise.resolve().then(() => tc.core.handlers['messages.switchVersion']({ messageId: 'nope' }))).rejects.toThrow(/no longer exists/);

    // While a reply streams, the conversation's versions stay as they are.
    scenario({ text: 'Slow.', firstChunkDelayMs: 2_000 });
    const live = await tc.core.handlers['chat.regenerate']({ messageId: a.assistantMessage.id });
    await expect(tc.core.handlers['chat.regenerate']({ messageId: live.assistantMessage.id })).rejects.toThrow(/still coming in/);
    await expect(Promise.resolve().then(() => tc.core.handlers['messages.switchVersion']({ messageId: a.assistantMessage.id }))).rejects.toThrow(/still coming in/);
    await tc.core.handlers['chat.stop']({ messageId: live.assistantMessage.id });
    expect((await outcome(live.assistantMessage.id)).status).toBe('cancelled');
  });
  it('two requests at once in one conversation: one reply streams, the other is refused as busy', async () => {
    const a = await turn('Hi', null, 'Hello.');
    scenario({ text: 'Only one.' });
    const before = standin.requests.length;
    // Sent together, as two pages (or a double click) would: neither waits for the other's answer.
    const both = await Promise.allSettled([
      tc.core.handlers['chat.send']({ conversationId: a.conversationId, text: 'First?', attachmentIds: [], options: {} }),
      tc.core.handlers['chat.send']({ conversationId: a.conversationId, text: 'Second?', attachmentIds: [], options: {} }),
      tc.core.handlers['chat.regenerate']({ messageId: a.assistantMessage.id }),
    ]);
    const sent = both.filter((r) => r.status === 'fulfilled');
    const refused = both.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(sent).toHaveLength(1);
    expect(refused.map((r) => String(r.reason))).toEqual([expect.stringMatching(/still coming in/), expect.stringMatching(/still coming in/)]);
    const live = (sent[0] as PromiseFulfilledResult<Awaited<ReturnType<Core['handlers']['chat.send']>>>).value;
    expect((await outcome(live.assistantMessage.id)).status).toBe('complete');
    expect(standin.requests.length - before).toBe(1);
    expect(await shown(a.conversationId)).toEqual([
      ['user', 'Hi', 0, 1],
      ['assistant', 'Hello.', 0, 1],
      ['user', 'First?', 0, 1],
      ['assistant', 'Only one.', 0, 1],
    ]);
  });
});
