// A history file damaged on disk (a b-tree page in the middle overwritten, the file header kept): the
// quick check at start finds it, the core starts in the recovery state instead of failing, never writes
// to the file, exports what can still be read as Markdown, and on request keeps the file aside as
// omni-desk.damaged-<timestamp>.db and starts a fresh history.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, DATABASE_FILE } from '../../../electron/core/app-core';
import { UserError } from '../../../electron/core/user-error';
import { DAMAGED_MESSAGE } from '../../../electron/core/recovery';
import { createStore, openDatabase } from '../../../electron/core/store';
import type { Core } from '../../../electron/core/core-interface';

let dir: string;
let dataDir: string;
let file: string;
let folderAnswer: string | null;
const cores: Core[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'omni-damaged-'));
  dataDir = join(dir, 'data');
  file = join(dataDir, DATABASE_FILE);
  folderAnswer = null;
});
afterEach(async () => {
  for (const c of cores.splice(0)) await c.close();
  await rm(dir, { recursive: true, force: true });
});

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

async function start(): Promise<Core> {
  const core = await createCore({
    dataDir, shell: 'electron', version: 'test', envKey: null, cipher: null,
    chooseFolder: () => Promise.resolve(folderAnswer),
  });
  cores.push(core);
  return core;
}

interface Made {
  conversations: { id: string; title: string }[];
  texts: Map<string, string>;
}

/** A history with 40 conversations of 6 turns each (enough for many pages), closed cleanly (no -wal left). */
function makeHistory(settings: Record<string, unknown> = { language: 'zh-CN' }): Made {
  const db = openDatabase(file);
  const store = createStore(db);
  store.setSetting('settings', settings);
  const made: Made = { conversations: [], texts: new Map() };
  for (let c = 0; c < 40; c++) {
    const title = c % 2 ? `Trip plan ${c}` : `旅行计划 ${c}`;
    const conv = store.createConversation({ title, model: 'qwen3-omni-flash', voice: 'Cherry' });
    made.conversations.push({ id: conv.id, title });
    for (let t = 0; t < 6; t++) {
      const text = `${t % 2 ? 'Answer' : 'Question'} ${c}.${t}: ${'words and 文字 '.repeat(20)}end ${c}.${t}`;
      const m = store.addMessage({ conversationId: conv.id, role: t % 2 ? 'assistant' : 'user', text, status: 'complete' });
      made.texts.set(m.id, text);
    }
  }
  db.close();
  return made;
}

/** Overwrites the start (page header and cell pointers) of a leaf page of `messages` in the middle of the table. */
function damageMiddlePage(): void {
  const db = new BetterSqlite3(file, { readonly: true });
  const pageSize = Number(db.pragma('page_size', { simple: true }));
  const leaves = db.prepare("SELECT pageno FROM dbstat WHERE name = 'messages' AND pagetype = 'leaf' ORDER BY pageno").pluck().all() as number[];
  db.close();
  expect(leaves.length).toBeGreaterThan(10);
  const page = leaves[Math.floor(leaves.length / 2)]!;
  const bytes = readFileSync(file);
  const at = (page - 1) * pageSize;
  for (let i = 0; i < 48; i++) bytes[at + i] = 0xa5 ^ (i * 37);
  writeFileSync(file, bytes);
}

describe('a damaged history file', () => {
  it('starts in the recovery state, touches nothing, and exports what can be read', async () => {
    const made = makeHistory();
    damageMiddlePage();
    const before = sha(file);
    const names = () => readdirSync(dataDir).filter((f) => f.startsWith('omni-desk') && !/-(wal|shm)$/.test(f)).sort();
    const listing = names();

    const core = await start();
    expect(await core.handlers['recovery.status']({})).toMatchObject({ needed: true, reason: 'damaged', fileName: DATABASE_FILE });
    expect((await core.handlers['recovery.status']({})).detail).toBeTruthy();
    // The window can still show itself, in the language the user chose (read from the damaged file)…
    expect((await core.handlers['settings.get']({})).language).toBe('zh-CN');
    expect(await core.handlers['attachments.list']({})).toEqual([]);
    // A stored picture's URL is a plain 404 that says why (both shells serve the answer as it is).
    expect(await core.media({ path: 'media/abcdef', method: 'GET', range: null })).toMatchObject({ status: 404, text: DAMAGED_MESSAGE });
    // …and everything else says why it cannot be done.
    const refused = (await (async () => core.handlers['conversations.get']({ id: made.conversations[0]!.id }))().catch((e: unknown) => e)) as UserError;
    expect(refused).toBeInstanceOf(UserError);
    expect(refused.message).toBe(DAMAGED_MESSAGE);

    // Export: a new folder of Markdown files in the one picked.
    const parent = join(dir, 'picked');
    await mkdir(parent);
    folderAnswer = parent;
    const result = await core.handlers['recovery.export']({});
    expect(result.saved).toBe(true);
    expect(result.conversations).toBeGreaterThan(30);
    const [folder] = readdirSync(parent);
    expect(folder).toMatch(/^Omni Desk recovered \d{4}-\d\d-\d\d \d\d-\d\d$/);
    const files = readdirSync(join(parent, folder!));
    expect(files).toContain('README.md');
    const all = files.filter((f) => f !== 'README.md').map((f) => readFileSync(join(parent, folder!, f), 'utf8')).join('\n');
    // Most turns are there, each exactly as written; the lost ones are only those of the damaged page.
    const found = [...made.texts.values()].filter((t) => all.includes(t));
    expect(found.length).toBeGreaterThan(made.texts.size * 0.8);
    expect(found.length).toBeLessThan(made.texts.size);
    for (const c of made.conversations.slice(0, 3)) expect(files).toContain(`${c.title}.md`);
    expect(readFileSync(join(parent, folder!, 'README.md'), 'utf8')).toMatch(/could not be read/);

    // The browser shell's download: the same Markdown in one .zip.
    const zip = await core.recoveryZip();
    expect(zip.conversations).toBe(result.conversations);
    const zipFile = join(dir, zip.fileName);
    await writeFile(zipFile, zip.zip);
    expect(execFileSync('unzip', ['-t', zipFile], { encoding: 'utf8' })).toMatch(/No errors detected/);

    await core.close();
    cores.length = 0;
    // Nothing was written to the damaged file, nor beside it.
    expect(sha(file)).toBe(before);
    expect(names()).toEqual(listing);
  });

  it('starts a fresh history on request, keeping the damaged file aside byte for byte', async () => {
    makeHistory();
    damageMiddlePage();
    const before = sha(file);
    const core = await start();
    const { keptAs } = await core.handlers['recovery.startFresh']({});
    expect(keptAs).toMatch(/^omni-desk\.damaged-\d{8}-\d{6}\.db$/);
    expect(sha(join(dataDir, keptAs))).toBe(before);
    // The same core now runs on a new, empty history.
    expect(await core.handlers['recovery.status']({})).toMatchObject({ needed: false });
    expect(await core.handlers['conversations.list']({ limit: 10 })).toEqual([]);
    expect(existsSync(file)).toBe(true);
    await core.handlers['settings.update']({ language: 'en' });

    // And the next start is a normal one, on the new file; the damaged one is still kept.
    await core.close();
    cores.length = 0;
    const again = await start();
    expect(await again.handlers['recovery.status']({})).toMatchObject({ needed: false });
    expect((await again.handlers['settings.get']({})).language).toBe('en');
    expect(sha(join(dataDir, keptAs))).toBe(before);
  });

  it('a fresh history keeps the language even when a custom endpoint (gone with the old file) was chosen', async () => {
    makeHistory({ language: 'zh-CN', region: 'ep_selfhosted', speakReplies: false });
    damageMiddlePage();
    const core = await start();
    await core.handlers['recovery.startFresh']({});
    const settings = await core.handlers['settings.get']({});
    expect(settings).toMatchObject({ language: 'zh-CN', speakReplies: false, region: 'intl' });
  });

  it('finds a file whose first page is garbage, and one that is not a database at all', async () => {
    makeHistory();
    const bytes = readFileSync(file);
    bytes.fill(0x5a, 100, 1024);
    writeFileSync(file, bytes);
    const core = await start();
    expect((await core.handlers['recovery.status']({})).needed).toBe(true);
    // Nothing readable is not an error: the export says so.
    expect((await core.recoveryZip()).conversations).toBe(0);
    await core.close();
    cores.length = 0;

    writeFileSync(file, 'not a database at all\n'.repeat(300));
    const other = await start();
    expect(await other.handlers['recovery.status']({})).toMatchObject({ needed: true, reason: 'not_a_database' });
  });
});
