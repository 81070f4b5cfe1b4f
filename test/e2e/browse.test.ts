// Browsing a large history as a user meets it: 10,000 conversations generated in the data directory
// before the app starts, the real browser shell and core, headless Chromium. The list and a 1,000-turn
// conversation render only what is visible; rename and delete work from the keyboard and reach the file.
import { cp, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { DATABASE_FILE } from '../../electron/core/app-core';
import { generateHistory, type GeneratedHistory } from '../bench/history-data';
import { useAppHarness } from '../support/use-app-harness';

const CONVERSATIONS = 10_000;
const LONG_TURNS = 1_000;

let history: GeneratedHistory;

// The history is generated once; each test starts from its own copy of it.
const app = useAppHarness({
  prefix: 'omni-browse-',
  prepare: async (dir) => {
    await mkdir(join(dir, 'history'), { recursive: true });
    // One message per conversation besides the long one keeps the generation quick.
    history = generateHistory(join(dir, 'history'), {
      conversations: CONVERSATIONS, messages: CONVERSATIONS - 1 + LONG_TURNS * 2, longTurns: LONG_TURNS, longPosition: 3,
    });
  },
  seed: (dataDir, dir) => cp(join(dir, 'history'), dataDir, { recursive: true }),
}, { startMs: 240_000 });

const nav = (page: Page) => page.getByRole('navigation', { name: 'Conversations' });
const link = (page: Page, title: string) => nav(page).getByRole('link', { name: title, exact: true });
const entry = (page: Page, title: string) =>
  nav(page).getByRole('listitem').filter({ has: page.getByRole('link', { name: title, exact: true }) });
const titleOf = (n: number) => `Conversation ${n}`;

async function linkNames(page: Page): Promise<string[]> {
  return nav(page).getByRole('link').allInnerTexts();
}

function inDatabase(id: string): { title: string } | undefined {
  const db = new Database(join(app.dataDir, DATABASE_FILE), { readonly: true });
  try {
    return db.prepare<[string], { title: string }>('SELECT title FROM conversations WHERE id = ?').get(id);
  } finally {
    db.close();
  }
}

async function visible(l: Locator): Promise<boolean> {
  return l.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const h = (el.ownerDocument as any).defaultView.innerHeight as number;
    return r.height > 0 && r.bottom > 0 && r.top < h;
  });
}

describe('browsing 10,000 conversations in Chromium, through the browser shell', () => {
  it('lists the newest first with only the visible rows in the page, and scrolls to the oldest', async () => {
    const { page, errors } = await app.openApp();
    await link(page, titleOf(CONVERSATIONS)).waitFor();
    const names = await linkNames(page);
    expect(names.slice(0, 4)).toEqual([titleOf(10_000), titleOf(9_999), titleOf(9_998), history.longTitle]);
    expect(names.length).toBeGreaterThan(5);
    expect(names.length).toBeLessThan(60);
    // Each entry shows its date and model; replies with audio carry the mark.
    const newest = entry(page, titleOf(CONVERSATIONS));
    expect(await newest.innerText()).toMatch(/Qwen/);
    const audioIndex = history.ids.findIndex((id, i) => history.withAudio.has(id) && i > CONVERSATIONS - 12);
    await expect.poll(() => entry(page, titleOf(audioIndex + 1)).getByRole('img', { name: 'Has spoken replies' }).count()).toBe(1);
    expect(await entry(page, titleOf(CONVERSATIONS)).getByRole('img', { name: 'Has spoken replies' }).count()).toBe(0);

    // To the end, the way a scrollbar drag does it: the oldest appears and the page still holds few links.
    const scroller = nav(page).locator('.conversation-scroll');
    await scroller.evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await link(page, titleOf(1)).waitFor();
    expect(await visible(link(page, titleOf(1)))).toBe(true);
    expect((await linkNames(page)).length).toBeLessThan(60);
    expect(await link(page, titleOf(CONVERSATIONS)).count()).toBe(0);

    // Keys move through the list: Home goes back to the newest, arrow down to the next.
    await link(page, titleOf(1)).focus();
    await page.keyboard.press('Home');
    await expect.poll(() => page.evaluate(() => (globalThis as any).document.activeElement?.textContent)).toBe(titleOf(CONVERSATIONS));
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.evaluate(() => (globalThis as any).document.activeElement?.textContent)).toBe(titleOf(9_999));
    expect(errors).toEqual([]);
    await page.close();
  });

  it('renames with the keyboard (Escape cancels, Enter saves) and the new title survives a reload', async () => {
    const { page, errors } = await app.openApp();
    const id = history.ids[CONVERSATIONS - 2]!;
    await link(page, titleOf(9_999)).focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (globalThis as any).document.activeElement?.getAttribute('aria-label'))).toBe('Rename');
    await page.keyboard.press('Enter');
    const box = nav(page).getByRole('textbox', { name: 'Conversation title' });
    await box.waitFor();
    expect(await box.evaluate((el) => el === (el.ownerDocument as any).activeElement)).toBe(true);
    await page.keyboard.type('Not this');
    await page.keyboard.press('Escape');
    await link(page, titleOf(9_999)).waitFor();
    expect(inDatabase(id)?.title).toBe(titleOf(9_999));

    // An empty title is explained, not sent.
    await entry(page, titleOf(9_999)).getByRole('button', { name: 'Rename' }).click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Enter');
    await nav(page).getByRole('alert').filter({ hasText: 'cannot be empty' }).waitFor();
    await page.keyboard.type('  Trip to 上海  ');
    await page.keyboard.press('Enter');
    await link(page, 'Trip to 上海').waitFor();
    // The focus comes back to the renamed entry, and its place in the list is unchanged.
    await expect.poll(() => page.evaluate(() => (globalThis as any).document.activeElement?.textContent)).toBe('Trip to 上海');
    expect((await linkNames(page)).slice(0, 2)).toEqual([titleOf(10_000), 'Trip to 上海']);
    expect(inDatabase(id)?.title).toBe('Trip to 上海');

    await page.reload();
    await link(page, 'Trip to 上海').waitFor();
    expect((await linkNames(page)).slice(0, 2)).toEqual([titleOf(10_000), 'Trip to 上海']);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('asks before deleting: Cancel keeps it, Delete removes it from the list and the file and closes it', async () => {
    const { page, errors } = await app.openApp();
    const id = history.ids[CONVERSATIONS - 3]!;
    await link(page, titleOf(9_998)).click();
    await page.waitForFunction((c) => (globalThis as any).location.hash.startsWith(`#/c/${c}`), id);
    await page.getByRole('article', { name: 'User message' }).first().waitFor();

    await entry(page, titleOf(9_998)).getByRole('button', { name: 'Delete' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete conversation?' });
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain(titleOf(9_998));
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await link(page, titleOf(9_998)).count()).toBe(1);
    expect(inDatabase(id)).toBeDefined();

    // From the keyboard this time: Delete on the focused entry, then the dialog's Delete button.
    await link(page, titleOf(9_998)).focus();
    await page.keyboard.press('Delete');
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await link(page, titleOf(9_998)).waitFor({ state: 'detached' });
    await page.waitForFunction(() => (globalThis as any).location.hash.split('?')[0] === '#/');
    expect(await page.getByRole('article').count()).toBe(0);
    expect(inDatabase(id)).toBeUndefined();
    const names = await linkNames(page);
    expect(names.slice(0, 3)).toEqual([titleOf(10_000), titleOf(9_999), history.longTitle]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('opens a 1,000-turn conversation with few articles in the page; scrolling up reveals earlier turns; a search hit on an early turn scrolls to it', async () => {
    const { page, errors } = await app.openApp();
    await link(page, history.longTitle).click();
    const articles = page.getByRole('article');
    await page.getByRole('article', { name: 'Assistant message' }).filter({ hasText: `Reply ${LONG_TURNS}.` }).waitFor();
    const last = page.locator(`[data-message-id="${history.longMessageIds.at(-1)}"]`);
    await expect.poll(() => visible(last)).toBe(true);
    const rendered = await articles.count();
    expect(rendered).toBeGreaterThan(2);
    expect(rendered).toBeLessThan(100);
    expect(await page.getByText('Turn 1:', { exact: false }).count()).toBe(0);

    // Scroll up to the top the way a user would, a screen at a time... quickly: jump, then wait.
    const scroller = page.locator('.scroller');
    for (let i = 0; i < 30 && (await page.getByText(/^Turn 1: /).count()) === 0; i++) {
      await scroller.evaluate((el) => el.scrollTo(0, 0));
      await page.waitForTimeout(50);
    }
    const first = page.locator(`[data-message-id="${history.longMessageIds[0]}"]`);
    await first.waitFor();
    expect(await first.getAttribute('aria-label')).toBe('User message');
    expect(await articles.count()).toBeLessThan(100);

    // Back to the bottom, then a search for a word only the third reply holds.
    await scroller.evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await last.waitFor();
    await page.getByRole('searchbox', { name: 'Search conversations' }).fill(history.earlyMarker);
    const hit = page.getByRole('listbox', { name: 'Search results' }).getByRole('group', { name: history.longTitle }).getByRole('option').first();
    await hit.click();
    const target = page.locator('article.search-target');
    await target.waitFor();
    expect(await target.getAttribute('data-message-id')).toBe(history.longMessageIds[5]);
    expect(await target.innerText()).toContain('Reply 3.');
    await expect.poll(() => visible(target)).toBe(true);
    expect(await target.evaluate((el) => el === (el.ownerDocument as any).activeElement)).toBe(true);
    expect(await articles.count()).toBeLessThan(100);
    expect(errors).toEqual([]);
    await page.close();
  });
});
