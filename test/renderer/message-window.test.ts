// The open conversation's windowed list (renderer/conversation/useMessageWindow.ts) in Chromium, through
// the browser shell over the real core: a message far taller than its estimate, scrolled up to a screen at
// a time, comes into view and stays there — the list settles on a window instead of re-rendering forever.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useAppHarness } from '../support/use-app-harness';

const app = useAppHarness({ prefix: 'omni-message-window-', scenario: { audioSeconds: 0.3, realtime: false } });

/** Forty short lines: 100-odd characters, estimated as two lines of text, shown as forty. */
const TALL = Array.from({ length: 40 }, (_, i) => `${i + 1}.`).join('\n');
const REPLY = 'A reply of a few lines. '.repeat(30);

/** A conversation whose first question is the tall one, then enough turns to put it far above the bottom. */
async function tallConversation(): Promise<string> {
  await app.core.handlers['settings.update']({ speakReplies: false });
  app.replies({ text: REPLY });
  const { sent, outcome } = await app.testCore.send({ text: TALL });
  expect(outcome.status).toBe('complete');
  for (let i = 1; i <= 6; i++) {
    const turn = await app.testCore.send({ conversationId: sent.conversationId, text: `Question ${i}` });
    expect(turn.outcome.status).toBe('complete');
  }
  return sent.conversationId;
}

/**
 * Scrolls the conversation up by `step` px at a time (two frames between), until its top or `max` steps;
 * answers where it ended (null: the conversation view was gone).
 */
function scrollUpInSteps(page: Page, step: number, max = 500): Promise<number | null> {
  return page.evaluate(async ({ px, max }) => {
    // Runs in the page (this file is type-checked without the DOM library).
    const g = globalThis as any;
    const el = g.document.querySelector('.scroller');
    const frame = () => new Promise((r) => g.requestAnimationFrame(() => g.requestAnimationFrame(r)));
    let steps = 0;
    while (el.isConnected && el.scrollTop > 0 && steps < max) {
      el.scrollTop = Math.max(0, el.scrollTop - px);
      await frame();
      steps++;
    }
    return el.isConnected ? (el.scrollTop as number) : null;
  }, { px: step, max });
}

describe('the windowed conversation in Chromium', () => {
  it('a message much taller than estimated comes into view when scrolled to, and the view stays put', async () => {
    const id = await tallConversation();
    const { page, errors } = await app.openApp();
    await page.goto(`${app.shell.url}#/c/${id}`);
    const first = page.getByRole('article', { name: 'User message' }).filter({ hasText: /^1\.\s+2\./ });
    await page.getByRole('article', { name: 'User message' }).filter({ hasText: 'Question 6' }).waitFor();
    // Far above the bottom, the tall question is not rendered yet: its height is still the estimate.
    expect(await first.count()).toBe(0);

    // Half a screen at a time, as a quick wheel or the Page Up key moves, up to the top.
    expect(await scrollUpInSteps(page, 260)).toBe(0);
    expect(errors).toEqual([]);
    // The whole question shows, at its real height, and the view is not thrown back down.
    await first.waitFor({ timeout: 10_000 });
    expect(await first.innerText()).toContain('40.');
    await page.waitForTimeout(500);
    expect(await first.count()).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('a message that grew while out of view (a picture that loaded) comes back at its new height, and the view stays put', async () => {
    const id = await tallConversation();
    const { messages } = await app.core.handlers['conversations.get']({ id });
    const { page, errors } = await app.openApp();
    await page.goto(`${app.shell.url}#/c/${id}`);
    const first = page.getByRole('article', { name: 'User message' }).filter({ hasText: /^1\.\s+2\./ });
    await page.getByRole('article', { name: 'User message' }).filter({ hasText: 'Question 6' }).waitFor();
    // Seen once at the top (measured), then left for the bottom, where it is not rendered.
    expect(await scrollUpInSteps(page, 100_000)).toBe(0);
    await first.waitFor();
    const before = (await first.boundingBox())!.height;
    await page.locator('.scroller').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await expect.poll(() => first.count()).toBe(0);
    // Meanwhile it grows by 800 px, as a picture in it would once loaded.
    // (A rule added to the app's own style sheet: its CSP refuses a new inline one.)
    await page.evaluate((rule) => {
      const sheet = (globalThis as any).document.styleSheets[0];
      sheet.insertRule(rule, sheet.cssRules.length);
    }, `[data-key="${messages[0]!.id}"] .bubble { padding-bottom: 800px !important; }`);

    expect(await scrollUpInSteps(page, 260)).toBe(0);
    expect(errors).toEqual([]);
    await first.waitFor({ timeout: 10_000 });
    expect((await first.boundingBox())!.height).toBeGreaterThan(before + 700);
    await page.waitForTimeout(500);
    expect(await first.count()).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('scrolled up a little at a time (a trackpad, a line at a time), the view leaves the bottom and stays where it was taken', async () => {
    const id = await tallConversation();
    const { page, errors } = await app.openApp();
    await page.goto(`${app.shell.url}#/c/${id}`);
    await page.getByRole('article', { name: 'User message' }).filter({ hasText: 'Question 6' }).waitFor();
    const gap = () => page.locator('.scroller').evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight);
    await expect.poll(gap).toBeLessThan(2);
    // Ten steps of 20 px: each one less than what counts as "near the bottom", together well above it.
    await scrollUpInSteps(page, 20, 10);
    await page.waitForTimeout(300);
    expect(await gap()).toBeGreaterThan(150);
    await page.getByRole('button', { name: 'Jump to latest' }).waitFor();
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('a long conversation opens on its last turn, then scrolls up all the way to its first', async () => {
    await app.core.handlers['settings.update']({ speakReplies: false });
    app.replies({ text: 'A short reply.' });
    const first = await app.testCore.send({ text: 'Question 1' });
    for (let i = 2; i <= 20; i++) await app.testCore.send({ conversationId: first.sent.conversationId, text: `Question ${i}` });
    const { page, errors } = await app.openApp();
    await page.goto(`${app.shell.url}#/c/${first.sent.conversationId}`);
    await page.getByRole('article', { name: 'User message' }).filter({ hasText: /^Question 20$/ }).waitFor();
    // 40 messages: it opened on its last ones and reads the rest behind them; the top is the first question.
    expect(await scrollUpInSteps(page, 2_000)).toBe(0);
    await page.getByRole('article', { name: 'User message' }).filter({ hasText: /^Question 1$/ }).waitFor();
    await expect.poll(() => page.locator('.messages').getAttribute('aria-busy')).toBeNull();
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});
