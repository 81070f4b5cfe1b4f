// The window's frame as a user meets it at 1280×800 and 800×600, in Chromium over the real core and the
// stand-in: the sidebar folds by itself under 900 px and by Toggle sidebar or Ctrl+B at any width (New
// conversation and Settings move to the header while it is folded, Ctrl+K unfolds it to search); the header
// stays one line with the title and one model · voice button, whose panel fits inside the window and can be
// scrolled to its Done.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useAppHarness } from '../support/use-app-harness';
import { sendMessage, settled } from '../support/conversation-page';

const app = useAppHarness({ prefix: 'omni-e2e-layout-', scenario: { audioSeconds: 0.3, text: 'Hello there.' } });

async function openAt(width: number, height: number): Promise<{ page: Page; errors: string[] }> {
  const { page, errors } = await app.newPage();
  await page.setViewportSize({ width, height });
  await page.goto(app.shell.url);
  await page.getByRole('textbox', { name: 'Message' }).waitFor();
  return { page, errors };
}

const nav = (page: Page) => page.getByRole('navigation', { name: 'Conversations' });
const toggle = (page: Page) => page.getByRole('button', { name: 'Toggle sidebar' });

/** The header's box and its title's, and whether the title is cut with an ellipsis rather than wrapped. */
function header(page: Page): Promise<{ height: number; titleHeight: number; lineHeight: number; right: number; width: number }> {
  return page.evaluate(() => {
    const doc = (globalThis as any).document;
    const bar = doc.querySelector('header.topbar').getBoundingClientRect();
    const title = doc.querySelector('.topbar-title');
    const t = title.getBoundingClientRect();
    const lineHeight = parseFloat((globalThis as any).getComputedStyle(title).lineHeight) || 20;
    const kids = [...doc.querySelector('header.topbar').children].map((k: any) => k.getBoundingClientRect().right);
    return { height: bar.height, titleHeight: t.height, lineHeight, right: Math.max(...kids), width: (globalThis as any).innerWidth };
  });
}

describe.each([
  [1280, 800],
  [800, 600],
])('the frame at %i×%i', (W, H) => {
  const narrow = W < 900;

  it(`the sidebar is ${narrow ? 'folded by itself' : 'open'}; Toggle sidebar and Ctrl+B fold and unfold it; Ctrl+K unfolds it to search`, async () => {
    const { page, errors } = await openAt(W, H);
    expect(await nav(page).isVisible()).toBe(!narrow);
    expect(await toggle(page).getAttribute('aria-expanded')).toBe(String(!narrow));
    // While folded, the header offers what the sidebar did (one of each: the sidebar's copies are hidden).
    const newButtons = page.getByRole('button', { name: 'New conversation', exact: true });
    const settingsButtons = page.getByRole('button', { name: 'Settings', exact: true });
    expect(await newButtons.count()).toBe(1);
    expect(await settingsButtons.count()).toBe(1);
    expect(!!(await newButtons.evaluate((el) => el.closest('header')))).toBe(narrow);

    await toggle(page).click();
    expect(await nav(page).isVisible()).toBe(narrow);
    expect(await toggle(page).getAttribute('aria-expanded')).toBe(String(narrow));

    // Ctrl+B from the message box, then back.
    await page.getByRole('textbox', { name: 'Message' }).focus();
    await page.keyboard.press('Control+b');
    expect(await nav(page).isVisible()).toBe(!narrow);
    await page.keyboard.press('Control+b');
    expect(await nav(page).isVisible()).toBe(narrow);

    // Folding from inside the sidebar gives the keyboard to the button that brings it back.
    if (!(await nav(page).isVisible())) await page.keyboard.press('Control+b');
    await page.getByRole('searchbox', { name: 'Search conversations' }).focus();
    await page.keyboard.press('Control+b');
    expect(await nav(page).isVisible()).toBe(false);
    expect(await toggle(page).evaluate((el) => el === (el.ownerDocument as any).activeElement)).toBe(true);

    // Search while folded: the sidebar opens with the search box focused.
    await page.keyboard.press('Control+k');
    expect(await nav(page).isVisible()).toBe(true);
    expect(await page.getByRole('searchbox', { name: 'Search conversations' }).evaluate((el) => el === (el.ownerDocument as any).activeElement)).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the header stays one line with a long title, and the model · voice panel fits in the window with its Done reachable', async () => {
    const { page, errors } = await openAt(W, H);
    const reply = await sendMessage(page, 'Hello! This is a rather long first question, long enough to need more than the room a header has for its title, surely?');
    expect(await settled(reply)).toBe('complete');
    await page.waitForURL(/#\/c\//);
    const h = await header(page);
    expect(h.height).toBeLessThanOrEqual(53);
    expect(h.titleHeight).toBeLessThan(h.lineHeight * 1.6);
    expect(h.right).toBeLessThanOrEqual(h.width);
    // The button says model · voice in one line and is named for what it opens.
    const options = page.getByRole('button', { name: 'Conversation options' });
    expect(await page.getByTestId('conversation-settings').locator('[data-setting="model"]').innerText()).toBe('Qwen3-Omni-Flash');
    expect(await page.getByTestId('conversation-settings').locator('[data-setting="voice"]').innerText()).toBe('Cherry');
    const button = (await options.boundingBox())!;
    expect(button.height).toBeLessThanOrEqual(34);

    await options.click();
    const panel = page.getByRole('dialog', { name: 'Conversation options' });
    await panel.waitFor();
    await panel.evaluate((el: any) => Promise.all(el.getAnimations({ subtree: true }).map((a: any) => a.finished)));
    const box = (await panel.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(W);
    expect(box.y + box.height).toBeLessThanOrEqual(H);
    const done = panel.getByRole('button', { name: 'Done' });
    await done.scrollIntoViewIfNeeded();
    const doneBox = (await done.boundingBox())!;
    expect(doneBox.y + doneBox.height).toBeLessThanOrEqual(H);
    await done.click();
    await expect.poll(() => panel.count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('crossing 900 px', () => {
  it('folds the sidebar when the window narrows and opens it again when it widens', async () => {
    const { page, errors } = await openAt(1280, 800);
    expect(await nav(page).isVisible()).toBe(true);
    await page.setViewportSize({ width: 800, height: 600 });
    await expect.poll(() => nav(page).isVisible()).toBe(false);
    await page.setViewportSize({ width: 1100, height: 700 });
    await expect.poll(() => nav(page).isVisible()).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });
});
