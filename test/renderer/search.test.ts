// Search across conversations as a user meets it: the real UI through the browser shell over the real
// core and SQLite file, replies from the local stand-in, in headless Chromium. Found by role and name.
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { useAppHarness } from '../support/use-app-harness';

const app = useAppHarness({ prefix: 'omni-search-', scenario: { audioSeconds: 1, realtime: false } });

const EN_REPLY = 'Mount Everest rises 8,849 metres above the sea.';
const ZH_REPLY = '珠穆朗玛峰是世界最高峰，位于中国和尼泊尔的边境。';

const LONG_REPLY = Array.from({ length: 120 }, (_, i) => `Sentence ${i + 1} of a long answer about glaciers.`).join(' ');

async function converse(page: Page, question: string, reply: string, fresh = true): Promise<void> {
  app.standin.setScenario({ text: reply, audioSeconds: 1, realtime: false });
  if (fresh) await page.getByRole('button', { name: 'New conversation' }).click();
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.fill(question);
  await box.press('Enter');
  await page.getByRole('article', { name: 'Assistant message' }).getByText(reply).waitFor();
  await page.getByRole('button', { name: 'Send' }).waitFor();
}

async function inView(l: Locator): Promise<boolean> {
  return l.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const h = (el.ownerDocument as any).defaultView.innerHeight as number;
    return r.bottom > 0 && r.top < h;
  });
}

/** The article the search opened: marked, focused, and on screen. */
async function revealed(page: Page): Promise<{ text: string; focused: boolean; inView: boolean; hash: string }> {
  const target = page.locator('article.search-target');
  await target.waitFor();
  return {
    text: await target.innerText(),
    focused: await target.evaluate((el) => el === (el.ownerDocument as any).activeElement),
    inView: await inView(target),
    hash: await page.evaluate(() => (globalThis as any).location.hash as string),
  };
}

describe('search across conversations in Chromium, through the browser shell', () => {
  it('finds English and Chinese (3+ and 2 characters), shows the marked snippet and opens the conversation at that message', async () => {
    const { page, errors } = await app.openApp();
    await converse(page, 'Which mountain is the tallest?', EN_REPLY);
    // A long later turn, so the hit lies far above where the conversation opens (at its bottom).
    await converse(page, 'And glaciers?', LONG_REPLY, false);
    const everest = page.getByRole('article', { name: 'Assistant message' }).filter({ hasText: EN_REPLY });
    // Off screen once the view has followed the long reply to its bottom (a frame or two after the text lands,
    // later on a loaded machine); the view renders only what is near the viewport, so it may not exist at all.
    await expect.poll(async () => (await everest.count()) === 0 || !(await inView(everest)), { timeout: 10_000 }).toBe(true);
    const enHash = await page.evaluate(() => (globalThis as any).location.hash as string);
    await converse(page, '世界上最高的山是哪座？', ZH_REPLY);
    const zhHash = await page.evaluate(() => (globalThis as any).location.hash as string);
    expect(enHash).not.toBe(zhHash);

    const search = page.getByRole('searchbox', { name: 'Search conversations' });
    const results = page.getByRole('listbox', { name: 'Search results' });

    // English, typed in lower case, while the Chinese conversation is open.
    await search.fill('everest');
    const enHit = results.getByRole('group', { name: 'Which mountain is the tallest?' }).getByRole('option');
    await enHit.waitFor();
    expect(await results.getByRole('option').count()).toBe(1);
    expect(await enHit.locator('mark').allInnerTexts()).toEqual(['Everest']);
    expect(await enHit.innerText()).toContain('Mount Everest rises');
    await enHit.click();
    let opened = await revealed(page);
    expect(opened.hash.split('?')[0]).toBe(enHash.split('?')[0]);
    expect(opened.text).toContain(EN_REPLY);
    expect(opened).toMatchObject({ focused: true, inView: true });
    expect(await page.locator('article.search-target').getAttribute('aria-label')).toBe('Assistant message');

    // Chinese of three characters and more: the trigram index.
    await search.fill('尼泊尔');
    const zhHit = results.getByRole('group', { name: '世界上最高的山是哪座？' }).getByRole('option');
    await zhHit.waitFor();
    expect(await results.getByRole('option').count()).toBe(1);
    expect(await zhHit.locator('mark').allInnerTexts()).toEqual(['尼泊尔']);
    await zhHit.click();
    await page.waitForFunction((h) => (globalThis as any).location.hash.split('?')[0] === h, zhHash.split('?')[0]);
    opened = await revealed(page);
    expect(opened.text).toContain(ZH_REPLY);
    expect(opened).toMatchObject({ focused: true, inView: true });

    // Two characters: the LIKE fallback finds the question as well as the reply.
    await search.fill('最高');
    await results.getByRole('option').nth(1).waitFor();
    expect(await results.getByRole('option').count()).toBe(2);
    expect(await results.locator('mark').allInnerTexts()).toEqual(['最高', '最高']);
    // Nothing found says so.
    await search.fill('photosynthesis');
    await page.getByRole('status').filter({ hasText: 'No messages match.' }).waitFor();
    expect(await results.count()).toBe(0);
    // Markup typed or stored is text: a query with FTS5 syntax and angle brackets just finds nothing.
    await search.fill('"<b>" AND *');
    await page.getByRole('status').filter({ hasText: 'No messages match.' }).waitFor();

    expect(errors).toEqual([]);
    await page.close();
  });
});
