// The recovery screen in Chromium, through the browser shell: a history file damaged on disk (a page of
// messages overwritten in the middle) makes the app start in the recovery state. The window says what
// happened and offers Export readable conversations (a .zip download of Markdown files) and Start a fresh
// database (the damaged file kept aside byte for byte); after Continue the normal window is back, empty.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, DATABASE_FILE } from '../../electron/core/app-core';
import type { Core } from '../../electron/core/core-interface';
import { createStore, openDatabase } from '../../electron/core/store';
import { startWebShell, type WebShell } from '../../electron/web/server';
import { buildRenderer } from '../support/app-harness';
import { launchChromium } from '../support/browser';

let dir: string;
let dataDir: string;
let file: string;
let core: Core;
let shell: WebShell;
let browser: Browser;
let damagedSha: string;

/** 30 conversations of 4 turns, closed cleanly, then a leaf page of `messages` in the middle overwritten. */
function makeDamagedHistory(): void {
  const db = openDatabase(file);
  const store = createStore(db);
  for (let c = 0; c < 30; c++) {
    const conv = store.createConversation({ title: `Holiday plan ${c}`, model: 'qwen3-omni-flash', voice: 'Cherry' });
    for (let t = 0; t < 4; t++) {
      store.addMessage({ conversationId: conv.id, role: t % 2 ? 'assistant' : 'user', text: `Turn ${c}.${t} ${'about the trip 旅行 '.repeat(20)}`, status: 'complete' });
    }
  }
  db.close();
  const ro = new BetterSqlite3(file, { readonly: true });
  const pageSize = Number(ro.pragma('page_size', { simple: true }));
  const leaves = ro.prepare("SELECT pageno FROM dbstat WHERE name = 'messages' AND pagetype = 'leaf' ORDER BY pageno").pluck().all() as number[];
  ro.close();
  const bytes = readFileSync(file);
  const at = (leaves[Math.floor(leaves.length / 2)]! - 1) * pageSize;
  for (let i = 0; i < 48; i++) bytes[at + i] = 0x5a ^ (i * 29);
  writeFileSync(file, bytes);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'omni-recovery-e2e-'));
  dataDir = join(dir, 'data');
  file = join(dataDir, DATABASE_FILE);
  const staticDir = join(dir, 'renderer');
  await mkdir(dataDir, { recursive: true });
  makeDamagedHistory();
  damagedSha = createHash('sha256').update(readFileSync(file)).digest('hex');
  await buildRenderer(staticDir);
  core = await createCore({ dataDir, shell: 'web', version: '0.0.0-test', envKey: null, cipher: null });
  shell = await startWebShell({ core, staticDir, uploadDir: join(dataDir, 'uploads') });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await shell?.close();
  await core?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('a damaged history in Chromium', () => {
  it('explains, exports what can be read, and starts a fresh database keeping the damaged one', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(shell.url);

    const alert = page.getByRole('alert').filter({ hasText: 'Your history could not be opened' });
    await alert.waitFor();
    expect(await alert.innerText()).toContain(`The history file ${DATABASE_FILE} is damaged`);
    expect(await alert.innerText()).toMatch(/Nothing in it has been changed/);
    // The normal window is not there to write into a history that is not there.
    expect(await page.getByRole('textbox', { name: 'Message' }).count()).toBe(0);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      alert.getByRole('button', { name: 'Export readable conversations' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^Omni Desk recovered \d{4}-\d\d-\d\d \d\d-\d\d\.zip$/);
    const zip = join(dir, 'recovered.zip');
    await download.saveAs(zip);
    expect(execFileSync('unzip', ['-t', zip], { encoding: 'utf8' })).toMatch(/No errors detected/);
    const names = execFileSync('unzip', ['-Z1', zip], { encoding: 'utf8' }).trim().split('\n');
    expect(names.some((n) => n.endsWith('/README.md'))).toBe(true);
    expect(names.filter((n) => /\/Holiday plan \d+\.md$/.test(n)).length).toBeGreaterThan(20);
    await page.getByRole('status').filter({ hasText: /^\d+ conversations were saved as Markdown files\.$/ }).waitFor();
    expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(damagedSha);

    await alert.getByRole('button', { name: 'Start a fresh database' }).click();
    const done = page.getByRole('status').filter({ hasText: 'A fresh history was started' });
    await done.waitFor();
    const keptAs = /kept as (omni-desk\.damaged-\d{8}-\d{6}\.db)/.exec(await done.innerText())?.[1];
    expect(keptAs).toBeDefined();
    expect(readdirSync(dataDir)).toContain(keptAs);
    expect(createHash('sha256').update(readFileSync(join(dataDir, keptAs!))).digest('hex')).toBe(damagedSha);

    await done.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'New conversation', exact: true }).waitFor();
    await page.getByRole('textbox', { name: 'Message' }).waitFor();
    expect(await page.getByRole('alert').filter({ hasText: 'Your history could not be opened' }).count()).toBe(0);
    expect(await core.handlers['conversations.list']({ limit: 10 })).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
