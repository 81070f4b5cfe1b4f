// A full disk, for real: the core's data folder on a small tmpfs filled to its last page (as root; else
// SQLite's max_page_count on the core's own connection). At send, nothing is half-stored and the refusal
// says the disk is full and where; mid-reply, the reply ends as failed saying so, what arrived stays
// visible (and playable) and is written once there is room; no request ever carries two user turns in a row.
import BetterSqlite3 from 'better-sqlite3';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../../electron/core/app-core';
import type { ChatEvent } from '../../../shared/contract';
import { DEFAULT_SCENARIO, startStandin, type Standin, type StandinScenario } from '../../standin';
import { ffmpeg } from '../../media/media-helpers';
import { fillableDisk, type FillableDisk } from '../../support/small-disk';
import { refused, startTestCore, type TestCore } from '../../support/test-core';

let standin: Standin;
let disk: FillableDisk;
let tc: TestCore;
let changed: Array<string | null>;

beforeAll(async () => {
  standin = await startStandin();
});
afterAll(async () => {
  await standin.close();
});
beforeEach(async () => {
  disk = await fillableDisk('omni-diskfull-');
  if (disk.noMountReason) console.log(`disk-full tests use SQLite's max_page_count: ${disk.noMountReason}`);
  standin.setScenario({ ...DEFAULT_SCENARIO });
  tc = await startTestCore({ standin, dataDir: disk.dataDir, databaseOpened: (db) => disk.databaseOpened(db) });
  changed = [];
  tc.core.subscribe((name, payload) => {
    if (name === 'conversations.changed') changed.push((payload as { conversationId: string | null }).conversationId);
  });
});
afterEach(async () => {
  await disk.free();
  await tc.close();
  await disk.close();
});

function scenario(s: Partial<StandinScenario>): void {
  standin.setScenario({ ...DEFAULT_SCENARIO, ...s });
}

/** The roles and texts of the last request the stand-in received. */
function lastRequest(): Array<{ role: string; text: string }> {
  const body = standin.requests.at(-1)!.body as { messages: Array<{ role: string; content: unknown }> };
  return body.messages.map((m) => ({
    role: m.role,
    text: typeof m.content === 'string' ? m.content : (m.content as Array<{ type: string; text?: string }>).map((p) => p.text ?? '').join(''),
  }));
}

function pushedAudio(id: string): Buffer {
  return Buffer.concat(tc.events.filter((e): e is Extract<ChatEvent, { kind: 'audio' }> => e.kind === 'audio' && e.messageId === id).map((e) => e.pcm));
}

/** The reply's row as the file holds it, read by a connection of its own. */
function storedRow(messageId: string): { status: string; text: string; audio: number; error: string | null } {
  const db = new BetterSqlite3(join(disk.dataDir, DATABASE_FILE), { readonly: true });
  try {
    return db.prepare(`
      SELECT status, text, error_json AS error,
        (SELECT coalesce(sum(length(pcm)), 0) FROM audio_chunks WHERE message_id = m.id) AS audio
      FROM messages m WHERE id = ?`).get(messageId) as { status: string; text: string; audio: number; error: string | null };
  } finally {
    db.close();
  }
}

async function until(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('the disk is full when a message is sent', () => {
  it('stores nothing of it, says the disk is full and where, and the next send after freeing space just works', async () => {
    scenario({ text: 'One.', audioSeconds: 1 });
    const first = await tc.send({ text: 'Question one' });
    expect(first.outcome.status).toBe('complete');
    const conversationId = first.sent.conversationId;

    await disk.fill();
    // Under max_page_count a short row may still fit in a page that has room (a full disk has none):
    // there the question is long enough to need a new page.
    const two = disk.how === 'tmpfs' ? 'Question two' : `Question two ${'…'.repeat(3000)}`;
    const error = await refused(tc.call('chat.send', { conversationId, text: two, attachmentIds: [], options: {} }));
    expect(error).toMatchObject({ kind: 'disk_full', code: 'disk_full_send', folder: disk.dataDir });
    expect(error.message).toContain(disk.dataDir);
    expect(error.message).toMatch(/is full.*neither sent nor saved.*Free some space/);
    expect(error.message).not.toMatch(/Something went wrong/);
    // A new conversation is refused the same way, and leaves no empty conversation behind.
    expect((await refused(tc.call('chat.send', { conversationId: null, text: two, attachmentIds: [], options: {} }))).kind).toBe('disk_full');
    const shown = await tc.core.handlers['conversations.get']({ id: conversationId });
    expect(shown.messages.map((m) => m.text)).toEqual(['Question one', 'One.']);
    expect(await tc.core.handlers['conversations.list']({ limit: 10 })).toHaveLength(1);

    await disk.free();
    scenario({ text: 'Three.', audioSeconds: 1 });
    const third = await tc.send({ conversationId, text: 'Question three' });
    expect(third.outcome.status).toBe('complete');
    expect(lastRequest()).toEqual([
      { role: 'user', text: 'Question one' },
      { role: 'assistant', text: 'One.' },
      { role: 'user', text: 'Question three' },
    ]);
  });

  it('a question whose reply brought no words is not sent again: never two user turns in a row', async () => {
    scenario({ text: 'Zero.', audioSeconds: 1 });
    const zero = await tc.send({ text: 'Question zero' });
    const conversationId = zero.sent.conversationId;
    scenario({ http500: true, failNext: 1 });
    const one = await tc.send({ conversationId, text: 'Question one' });
    expect(one.outcome.status).toBe('failed');
    const two = await tc.send({ conversationId, text: 'Question two' });
    expect(two.outcome.status).toBe('complete');
    const roles = lastRequest().map((m) => m.role);
    expect(roles).toEqual(['user', 'assistant', 'user']);
    expect(lastRequest().at(-1)!.text).toBe('Question two');
  });
});

describe('the disk fills while a reply streams', () => {
  it('ends the reply as failed saying so; what arrived stays shown and playable, and is written once there is room', async () => {
    scenario({ text: 'A long answer. '.repeat(40), audioSeconds: 8, realtime: true });
    const sent = await tc.core.handlers['chat.send']({ conversationId: null, text: 'Talk for a while', attachmentIds: [], options: {} });
    const { conversationId } = sent;
    const replyId = sent.assistantMessage.id;
    await until(() => pushedAudio(replyId).length >= 5 * 4800, 'half a second of audio');

    await disk.fill();
    const started = Date.now();
    const outcome = await tc.outcome(replyId, 10_000);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(outcome.status).toBe('failed');
    expect(outcome.error).toMatchObject({ kind: 'disk_full', code: 'disk_full_reply', folder: disk.dataDir });
    expect(outcome.error!.message).toMatch(new RegExp(`${disk.dataDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\) is full, so this reply was stopped`));
    // The request was stopped: the reply did not go on streaming into memory.
    const textAtEnd = tc.pushedText(replyId);
    const audioAtEnd = pushedAudio(replyId);
    expect(audioAtEnd.length).toBeLessThan(8 * 48_000);

    // A reload meanwhile: the reply as it arrived, failed (not streaming), its audio whole.
    const shown = (await tc.core.handlers['conversations.get']({ id: conversationId })).messages.at(-1)!;
    expect(shown).toMatchObject({ id: replyId, status: 'failed', text: textAtEnd, audio: { samples: audioAtEnd.length / 2 } });
    expect(shown.error?.kind).toBe('disk_full');
    const replay = await tc.core.handlers['reply.audio']({ messageId: replyId });
    expect(Buffer.from(replay.pcm).equals(audioAtEnd)).toBe(true);
    // Nothing streams by its id: Stop answers so (the window then stops showing it as streaming).
    expect(await tc.core.handlers['chat.stop']({ messageId: replyId })).toEqual({ stopped: false });
    expect(storedRow(replyId).status).toBe('streaming');

    // Room again: the held reply is written by itself (and the window told to read it again).
    changed.length = 0;
    await disk.free();
    await until(() => storedRow(replyId).status === 'failed', 'the held reply written', 10_000);
    expect(changed).toContain(conversationId);
    const row = storedRow(replyId);
    expect(row.text).toBe(textAtEnd);
    expect(row.audio).toBe(audioAtEnd.length);
    expect(JSON.parse(row.error!)).toMatchObject({ kind: 'disk_full', folder: disk.dataDir });

    // And the next turn just works, with the words that arrived as the earlier answer.
    scenario({ text: 'Short.', audioSeconds: 1 });
    const next = await tc.send({ conversationId, text: 'And now?' });
    expect(next.outcome.status).toBe('complete');
    expect(lastRequest().map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
    expect(lastRequest()[1]!.text).toBe(textAtEnd);
  });

  it('a Send refused for a full disk while a reply is held loses none of that reply: it is written once there is room', async () => {
    scenario({ text: 'Kept words. '.repeat(40), audioSeconds: 6, realtime: true });
    const sent = await tc.core.handlers['chat.send']({ conversationId: null, text: 'Go on', attachmentIds: [], options: {} });
    const { conversationId } = sent;
    const replyId = sent.assistantMessage.id;
    await until(() => pushedAudio(replyId).length >= 3 * 4800, 'some audio');
    await disk.fill();
    expect((await tc.outcome(replyId, 10_000)).error?.kind).toBe('disk_full');
    const textAtEnd = tc.pushedText(replyId);
    const audioAtEnd = pushedAudio(replyId);

    // Still full: the next question is refused, and the held reply must not go with the refused write.
    const refusal = await Promise.resolve(tc.core.handlers['chat.send']({ conversationId, text: 'Are you there?', attachmentIds: [], options: {} })).then(
      () => null, (err: unknown) => err as { info?: { kind?: string } },
    );
    expect(refusal?.info?.kind).toBe('disk_full');
    const shown = (await tc.core.handlers['conversations.get']({ id: conversationId })).messages;
    expect(shown.map((m) => m.status)).toEqual(['complete', 'failed']);
    expect(shown[1]!.text).toBe(textAtEnd);

    await disk.free();
    await until(() => storedRow(replyId).status === 'failed', 'the held reply written', 10_000);
    expect(storedRow(replyId)).toMatchObject({ text: textAtEnd, audio: audioAtEnd.length });
  });

  it('a reply held when the app closes stays as far as it was written, and shows as interrupted on the next start', async () => {
    scenario({ text: 'Words. '.repeat(40), audioSeconds: 6, realtime: true });
    const sent = await tc.core.handlers['chat.send']({ conversationId: null, text: 'Go on', attachmentIds: [], options: {} });
    const replyId = sent.assistantMessage.id;
    await until(() => pushedAudio(replyId).length >= 3 * 4800, 'some audio');
    await disk.fill();
    expect((await tc.outcome(replyId, 10_000)).error?.kind).toBe('disk_full');
    await tc.close();
    expect(tc.logs.join('\n')).toMatch(/could not be saved before closing/);
    await disk.free();
    const again = await startTestCore({ standin, dataDir: disk.dataDir });
    try {
      const m = (await again.core.handlers['conversations.get']({ id: sent.conversationId })).messages.at(-1)!;
      expect(m.status).toBe('interrupted');
    } finally {
      await again.close();
    }
  });
});

describe('the disk is full while a file is prepared', () => {
  it("the chip says the disk is full (not that the file is damaged)", async () => {
    if (disk.how !== 'tmpfs') {
      console.log(`skipped: ffmpeg writes files, which max_page_count cannot fill (${disk.noMountReason})`);
      return;
    }
    const src = await mkdtemp(join(tmpdir(), 'omni-diskfull-src-'));
    try {
      const picture = join(src, 'scan.tif');
      await ffmpeg('-f', 'lavfi', '-i', 'testsrc=size=1024x768', '-frames:v', '1', picture);
      await disk.fill();
      const { id } = tc.core.attachPath(picture);
      const view = await tc.core.attachmentSettled(id);
      expect(view?.state).toBe('error');
      expect(view?.error).toBe('Preparing “scan.tif” stopped: the disk that holds Omni Desk\'s data is full. Free some space on that disk, then remove it and attach it again.');
      // The window words it from its code (test/renderer/i18n.test.ts: in Chinese too).
      expect(view?.problem).toEqual({ code: 'diskFull', params: { name: 'scan.tif' } });
      await tc.core.handlers['attachments.remove']({ id });
    } finally {
      await rm(src, { recursive: true, force: true });
    }
  });
});
