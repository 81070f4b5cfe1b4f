// Deleting a conversation deletes the pictures, recordings and videos kept for it in <dataDir>/media —
// except a file another conversation, or an attachment still waiting in the composer, shares by content.
// Real ffmpeg, a real SQLite file, the stand-in.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../../electron/core/app-core';
import type { Core } from '../../../electron/core/core-interface';
import { startStandin, type Standin } from '../../standin';
import { ffmpeg } from '../../media/media-helpers';

let dir: string;
let standin: Standin;
let core: Core;
const pictures: Record<string, string> = {};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'omni-delete-media-'));
  standin = await startStandin({ scenario: { audioSeconds: 0.2 } });
  for (const colour of ['red', 'green', 'blue']) {
    pictures[colour] = join(dir, `${colour}.png`);
    await ffmpeg('-f', 'lavfi', '-i', `color=c=${colour}:size=320x240`, '-frames:v', '1', pictures[colour]!);
  }
  core = await createCore({ dataDir: join(dir, 'data'), shell: 'web', version: 'test', baseUrl: standin.baseUrl, envKey: standin.apiKey });
  await core.handlers['settings.update']({ speakReplies: false });
}, 60_000);
afterAll(async () => {
  await core?.close();
  await standin?.close();
  await rm(dir, { recursive: true, force: true });
});

/** Every file kept in the media store (`media/xx/…`). */
async function storedFiles(): Promise<string[]> {
  const root = join(dir, 'data', 'media');
  const out: string[] = [];
  for (const sub of await readdir(root).catch(() => [] as string[])) {
    if (sub.startsWith('.')) continue;
    for (const f of await readdir(join(root, sub))) out.push(`${sub}/${f}`);
  }
  return out.sort();
}

async function attach(colour: string): Promise<string> {
  const { id } = core.attachPath(pictures[colour]!);
  expect((await core.attachmentSettled(id))?.state).toBe('ready');
  return id;
}

async function send(attachmentIds: string[]): Promise<string> {
  const r = await core.handlers['chat.send']({ conversationId: null, text: 'What colour?', attachmentIds, options: {} });
  await expect.poll(async () => (await core.handlers['conversations.get']({ id: r.conversationId })).messages.at(-1)?.status, { timeout: 20_000 })
    .toBe('complete');
  return r.conversationId;
}

describe('deleting a conversation', () => {
  it("deletes its stored pictures, but not one another conversation or the composer's draft still uses", async () => {
    const first = await send([await attach('red'), await attach('green'), await attach('blue')]);
    const second = await send([await attach('green')]);
    const draft = await attach('blue');
    const all = await storedFiles();
    expect(all).toHaveLength(3);

    await core.handlers['conversations.delete']({ id: first });
    // Red was only in the deleted conversation; green is in the other one, blue waits in the draft.
    const left = await storedFiles();
    expect(left).toHaveLength(2);

    // Deleting the other conversation takes green; blue stays while the draft holds it.
    await core.handlers['conversations.delete']({ id: second });
    const last = await storedFiles();
    expect(last).toHaveLength(1);
    expect(left).toContain(last[0]);
    await core.handlers['attachments.remove']({ id: draft });
  }, 60_000);
});
