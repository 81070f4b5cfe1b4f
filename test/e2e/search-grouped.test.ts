// Search across conversations as a user meets it at 1280×800 and 800×600, in Chromium over the real core
// and the stand-in: hits grouped by conversation (its title once), each with who said it and the searched
// words marked; ↑/↓ move through the hits while the search box keeps the focus, Enter opens the hit's
// conversation scrolled to its message; the speaker and "has media" chips narrow the hits; clearing the
// search brings the Conversations list back and takes the mark off the message; a conversation with more
// hits than the first three ends in "More matches in this conversation", which brings the rest.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openWithSidebar } from '../support/conversation-page';
import { useAppHarness } from '../support/use-app-harness';

const REPLY = 'Glaciers carve deep valleys over many centuries.';
const app = useAppHarness({ prefix: 'omni-e2e-search-grouped-', scenario: { audioSeconds: 0.2, text: REPLY } });

/** A small picture made by ffmpeg, for a question that carries media. */
function picture(): Uint8Array<ArrayBuffer> {
  const dir = mkdtempSync(join(tmpdir(), 'omni-search-pic-'));
  try {
    const file = join(dir, 'ice.png');
    execFileSync(process.env.FFMPEG_BIN ?? 'ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'color=c=skyblue:s=64x48', '-frames:v', '1', file]);
    const bytes = readFileSync(file);
    return new Uint8Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function seed(): Promise<void> {
  const core = app.testCore;
  expect((await core.send({ text: 'Tell me about glaciers in Norway' })).outcome.status).toBe('complete');
  const att = await core.core.handlers['attachments.addBytes']({ name: 'ice.png', mimeType: 'image/png', bytes: picture() });
  expect((await core.core.attachmentSettled(att.id))?.state).toBe('ready');
  expect((await core.send({ text: 'Are these glaciers melting?', attachmentIds: [att.id] })).outcome.status).toBe('complete');
  expect((await core.send({ text: 'Something about deserts' })).outcome.status).toBe('complete');
}

async function openAt(width: number, height: number): Promise<{ page: Page; errors: string[] }> {
  const opened = await openWithSidebar(app, width, height);
  await opened.page.getByRole('navigation', { name: 'Conversations' }).getByText('Something about deserts').waitFor();
  return opened;
}

/** Each group's title and its hits as "role: snippet", top to bottom. */
function shownHits(page: Page): Promise<Array<{ title: string; hits: string[]; marks: string[] }>> {
  return page.getByRole('listbox', { name: 'Search results' }).evaluate((list) =>
    [...list.querySelectorAll('[role="group"]')].map((g: any) => ({
      title: g.getAttribute('aria-label'),
      hits: [...g.querySelectorAll('[role="option"]')].map((o: any) => `${o.querySelector('.search-hit-role').textContent}: ${o.querySelector('.search-hit-snippet').textContent}`),
      marks: [...g.querySelectorAll('mark')].map((m: any) => m.textContent.toLowerCase()),
    })),
  );
}

const activeId = (page: Page) => page.evaluate(() => (globalThis as any).document.activeElement?.getAttribute('aria-label'));

describe.each([
  [1280, 800],
  [800, 600],
])('grouped search at %i×%i', (width, height) => {
  it('groups hits by conversation with roles and marks; arrows and Enter open a hit; chips filter; clearing restores the list', async () => {
    await seed();
    const { page, errors } = await openAt(width, height);
    const box = page.getByRole('searchbox', { name: 'Search conversations' });
    const nav = page.getByRole('navigation', { name: 'Conversations' });
    await box.fill('glaciers');

    // Three conversations, newest first, each titled once (the stand-in's reply speaks of glaciers in every
    // one): the desert one by its reply alone, the others by their question (You) and reply (the model).
    await expect.poll(() => shownHits(page).then((g) => g.map((x) => x.title))).toEqual(['Something about deserts', 'Are these glaciers melting?', 'Tell me about glaciers in Norway']);
    const [desert, ...groups] = await shownHits(page);
    expect(desert?.hits).toEqual([expect.stringMatching(/^Qwen[^:]*: Glaciers carve deep valleys/)]);
    for (const g of groups) {
      expect(g.hits).toHaveLength(2);
      expect(g.hits.some((h) => h.startsWith('You: '))).toBe(true);
      const model = g.hits.find((h) => !h.startsWith('You: '));
      expect(model).toMatch(/^Qwen[^:]*: Glaciers carve deep valleys/);
      expect(new Set(g.marks)).toEqual(new Set(['glaciers']));
    }
    // The hits stand in for the list; no conversation shows twice.
    expect(await nav.isVisible()).toBe(false);
    expect(await page.locator('.search-group-title').allInnerTexts()).toHaveLength(3);

    // ↓ ↓ ↓ ↑ ↓ reaches the third hit (the second conversation's question: newest first within it); the focus never leaves the box.
    const options = page.getByRole('option');
    for (let i = 0; i < 3; i++) await box.press('ArrowDown');
    await box.press('ArrowUp');
    await box.press('ArrowDown');
    const chosenId = await box.getAttribute('aria-activedescendant');
    const chosen = page.locator(`[id="${chosenId}"]`);
    expect(await chosen.getAttribute('aria-selected')).toBe('true');
    expect(await options.evaluateAll((os, id) => os.findIndex((o: any) => o.id === id), chosenId)).toBe(2);
    expect(await activeId(page)).toBe('Search conversations');
    const chosenText = await chosen.locator('.search-hit-snippet').innerText();

    // Enter opens that conversation scrolled to the message, marked.
    await box.press('Enter');
    const target = page.locator('article.search-target');
    await target.waitFor();
    expect(await target.innerText()).toContain(chosenText.replace(/…/g, '').trim().slice(0, 12));
    expect(await target.getAttribute('aria-label')).toBe('User message');
    expect(await target.innerText()).toContain('Are these glaciers melting?');
    expect(await activeId(page)).toBe('Search conversations');

    // Chips: only the questions, then only the replies, then only conversations with media.
    const fromYou = page.getByRole('button', { name: 'You', exact: true });
    const fromModel = page.getByRole('button', { name: 'The model', exact: true });
    const hasMedia = page.getByRole('button', { name: 'Has media' });
    await fromYou.click();
    expect(await fromYou.getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => shownHits(page).then((g) => g.flatMap((x) => x.hits))).toEqual([
      'You: Are these glaciers melting?', 'You: Tell me about glaciers in Norway',
    ]);
    await fromModel.click();
    expect(await fromYou.getAttribute('aria-pressed')).toBe('false');
    await expect.poll(() => shownHits(page).then((g) => g.flatMap((x) => x.hits).every((h) => /^Qwen[^:]*: Glaciers carve/.test(h)) && g.length)).toBe(3);
    await fromModel.click();
    await hasMedia.click();
    await expect.poll(() => shownHits(page).then((g) => g.map((x) => x.title))).toEqual(['Are these glaciers melting?']);
    await box.fill('deserts');
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'No messages match.' }).count()).toBe(1);

    // Escape clears: the list is back, whole, and no message stays marked.
    await box.press('Escape');
    expect(await box.inputValue()).toBe('');
    await nav.waitFor();
    expect(await page.getByRole('listbox', { name: 'Search results' }).count()).toBe(0);
    for (const title of ['Something about deserts', 'Are these glaciers melting?', 'Tell me about glaciers in Norway']) await nav.getByText(title).waitFor();
    expect(await page.locator('.search-target').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Has media' }).count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);

  it('More matches in this conversation brings the rest of its hits, by keyboard and by a click', async () => {
    // One conversation of four turns: eight hits (each question and each reply speak of glaciers), another of one.
    const first = await app.testCore.send({ text: 'Glaciers, question one' });
    for (const n of ['two', 'three', 'four']) {
      expect((await app.testCore.send({ text: `Glaciers, question ${n}`, conversationId: first.sent.conversationId })).outcome.status).toBe('complete');
    }
    expect((await app.testCore.send({ text: 'Glaciers and nothing more' })).outcome.status).toBe('complete');
    const { page, errors } = await openWithSidebar(app, width, height);
    await page.getByRole('navigation', { name: 'Conversations' }).getByText('Glaciers and nothing more').waitFor();
    const box = page.getByRole('searchbox', { name: 'Search conversations' });
    await box.fill('glaciers');
    const results = page.getByRole('listbox', { name: 'Search results' });
    const long = results.getByRole('group', { name: 'Glaciers, question one' });
    await expect.poll(() => long.getByRole('option').allInnerTexts()).toHaveLength(4);
    const more = long.getByRole('option', { name: 'More matches in this conversation' });
    expect(await long.getByRole('option').last().innerText()).toBe('More matches in this conversation');
    // The short one has no More; the count is of the hits shown.
    const short = results.getByRole('group', { name: 'Glaciers and nothing more' });
    expect(await short.getByRole('option', { name: 'More matches in this conversation' }).count()).toBe(0);
    await page.getByRole('status').filter({ hasText: '5 matches' }).waitFor();

    // ↓ past the short one's two hits and the long one's three reaches More; Enter brings the rest in its place,
    // newest first, and the place stays on the first new hit while the box keeps the focus.
    for (let i = 0; i < 6; i++) await box.press('ArrowDown');
    expect(await box.getAttribute('aria-activedescendant')).toBe(await more.getAttribute('id'));
    await box.press('Enter');
    await expect.poll(() => long.locator('.search-hit').count()).toBe(8);
    expect(await more.count()).toBe(0);
    const hits = await long.locator('.search-hit').evaluateAll((os) => os.map((o: any) => o.querySelector('.search-hit-snippet').textContent as string));
    expect(hits.filter((h) => h.startsWith('Glaciers, question'))).toEqual(['Glaciers, question four', 'Glaciers, question three', 'Glaciers, question two', 'Glaciers, question one']);
    await page.getByRole('status').filter({ hasText: '10 matches' }).waitFor();
    const reached = page.locator(`[id="${await box.getAttribute('aria-activedescendant')}"]`);
    expect(await reached.getAttribute('aria-selected')).toBe('true');
    expect(await long.locator('.search-hit').nth(3).getAttribute('id')).toBe(await reached.getAttribute('id'));
    expect(await activeId(page)).toBe('Search conversations');

    // New words fold it again; a click on More brings the rest too.
    await box.fill('glaciers question');
    await expect.poll(() => long.getByRole('option').allInnerTexts()).toEqual([expect.any(String), expect.any(String), expect.any(String), 'More matches in this conversation']);
    await more.click();
    await expect.poll(() => long.locator('.search-hit-snippet').allInnerTexts()).toEqual(['Glaciers, question four', 'Glaciers, question three', 'Glaciers, question two', 'Glaciers, question one']);
    expect(await more.count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);
});
