// The Settings dialog (the kit's Dialog) in the real app at 800×600, as a keyboard user meets it: it fits
// the window, its header and Close stay put while its sections scroll, Tab reaches every field (each
// scrolled into view) and stays inside, Escape gives the focus back to Settings; the same in Chinese, and
// in the dark theme the dialog is dark.
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { useAppHarness } from '../support/use-app-harness';

const W = 800;
const H = 600;
const app = useAppHarness({ prefix: 'omni-settings-dialog-', scenario: { audioSeconds: 0.3 } });

async function openPage(colorScheme: 'light' | 'dark', newConversation: string): Promise<{ page: Page; errors: string[] }> {
  const page = await app.browser.newPage({ viewport: { width: W, height: H }, colorScheme });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(app.shell.url);
  await page.getByRole('button', { name: newConversation, exact: true }).waitFor();
  return { page, errors };
}

/** The focused element: its accessible name as the page labels it, and whether it is in view inside the dialog. */
function focusedField(page: Page): Promise<{ name: string; inView: boolean }> {
  return page.evaluate(() => {
    const doc = (globalThis as any).document;
    const el = doc.activeElement;
    const name = (el.getAttribute('aria-label') ?? el.labels?.[0]?.textContent ?? el.textContent ?? '').trim();
    const box = el.getBoundingClientRect();
    const view = (el.closest('.ui-dialog-body') ?? el.closest('.ui-dialog')).getBoundingClientRect();
    const inView = box.height > 0 && box.top >= view.top - 1 && box.bottom <= view.bottom + 1 && !!el.closest('[role="dialog"]');
    return { name, inView };
  });
}

async function settled(dialog: Locator): Promise<void> {
  await dialog.evaluate((el: any) => Promise.all(el.getAnimations({ subtree: true }).map((a: any) => a.finished)));
}

/** Tabs through the dialog from its start until the focus comes back to Close; returns what it met. */
async function tabThrough(page: Page, close: Locator): Promise<{ name: string; inView: boolean }[]> {
  const met: { name: string; inView: boolean }[] = [];
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    const f = await focusedField(page);
    if (met.length > 0 && (await close.evaluate((el) => el === (el.ownerDocument as any).activeElement))) return met;
    met.push(f);
  }
  throw new Error(`Tab never came back to Close: ${met.map((m) => m.name).join(', ')}`);
}

describe('the Settings dialog at 800×600', () => {
  it('fits, keeps its header while the body scrolls, and Tab reaches every field in view and stays inside', async () => {
    const { page, errors } = await openPage('light', 'New conversation');
    const opener = page.getByRole('button', { name: 'Settings', exact: true });
    await opener.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Settings', exact: true });
    await dialog.waitFor();
    await settled(dialog);
    const box = (await dialog.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(8);
    expect(box.y + box.height).toBeLessThanOrEqual(H - 8);
    const body = dialog.locator('.ui-dialog-body');
    expect(await body.evaluate((el: any) => el.scrollHeight > el.clientHeight)).toBe(true);

    const close = dialog.getByRole('button', { name: 'Close' });
    const closeAt = await close.boundingBox();
    const titleAt = await dialog.getByRole('heading', { name: 'Settings' }).boundingBox();
    const met = await tabThrough(page, close);
    const names = met.map((m) => m.name);
    for (const field of ['Model', 'Voice', 'Speak replies', 'Thinking', 'Hands-free: pause that sends the question (seconds)', 'Region', 'API key', 'Save key', 'Test connection', 'Add endpoint', 'Language']) {
      expect(names, field).toContain(field);
    }
    expect(met.filter((m) => !m.inView)).toEqual([]);
    // The last field was reached by scrolling the body; the header did not move.
    expect(await body.evaluate((el: any) => el.scrollTop)).toBeGreaterThan(0);
    expect(await close.boundingBox()).toEqual(closeAt);
    expect(await dialog.getByRole('heading', { name: 'Settings' }).boundingBox()).toEqual(titleAt);

    await page.keyboard.press('Shift+Tab'); // off Close (whose tooltip Escape would close first)
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await opener.evaluate((el) => el === (el.ownerDocument as any).activeElement)).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('in Chinese and dark: named 设置, dark, and its last field reachable', async () => {
    await app.core.handlers['settings.update']({ language: 'zh-CN' });
    try {
      const { page, errors } = await openPage('dark', '新对话');
      await page.getByRole('button', { name: '设置', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: '设置', exact: true });
      await dialog.waitFor();
      await settled(dialog);
      expect(await dialog.evaluate((el: any) => el.ownerDocument.defaultView.getComputedStyle(el).backgroundColor)).toBe('rgb(28, 30, 35)');
      const met = await tabThrough(page, dialog.getByRole('button', { name: '关闭' }));
      expect(met.map((m) => m.name)).toContain('语言');
      expect(met.filter((m) => !m.inView)).toEqual([]);
      const box = (await dialog.boundingBox())!;
      expect(box.y + box.height).toBeLessThanOrEqual(H - 8);
      expect(errors).toEqual([]);
      await page.close();
    } finally {
      await app.core.handlers['settings.update']({ language: 'en' });
    }
  });
});
