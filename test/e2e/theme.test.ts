// Settings → Theme in Chromium at 1280×800 and 800×600 over the real core: Dark makes the window dark in a
// light system and stays after a reload, Light the other way round, Same as the system follows the system;
// and "Name conversations with the model" is a setting the core keeps.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useAppHarness } from '../support/use-app-harness';
import { chooseOption } from '../support/select';

const app = useAppHarness({ prefix: 'omni-e2e-theme-' });

async function openAt(width: number, height: number, colorScheme: 'light' | 'dark'): Promise<{ page: Page; errors: string[] }> {
  const { page, errors } = await app.newPage();
  await page.setViewportSize({ width, height });
  await page.emulateMedia({ colorScheme });
  await page.goto(app.shell.url);
  await page.getByRole('textbox', { name: 'Message' }).waitFor();
  return { page, errors };
}

/** The main pane's background: dark when its lightness is low. */
function looksDark(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const doc = (globalThis as any).document;
    const bg = (globalThis as any).getComputedStyle(doc.querySelector('main')).backgroundColor as string;
    const [r, g, b] = (bg.match(/[\d.]+/g) ?? ['255', '255', '255']).map(Number);
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b! < 128;
  });
}

async function chooseTheme(page: Page, label: string): Promise<void> {
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings', exact: true });
  await dialog.waitFor();
  await chooseOption(page, dialog.getByRole('combobox', { name: 'Theme' }), label);
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
}

describe.each([
  [1280, 800],
  [800, 600],
])('the theme at %i×%i', (W, H) => {
  it('Dark in a light system, kept after a reload; Light in a dark one; Same as the system follows it', async () => {
    const { page, errors } = await openAt(W, H, 'light');
    expect(await looksDark(page)).toBe(false);
    await chooseTheme(page, 'Dark');
    await expect.poll(() => looksDark(page)).toBe(true);
    await expect.poll(async () => (await app.core.handlers['settings.get']({})).theme).toBe('dark');
    await page.reload();
    await page.getByRole('textbox', { name: 'Message' }).waitFor();
    await expect.poll(() => looksDark(page)).toBe(true);

    await page.emulateMedia({ colorScheme: 'dark' });
    await chooseTheme(page, 'Light');
    await expect.poll(() => looksDark(page)).toBe(false);
    await chooseTheme(page, 'Same as the system');
    await expect.poll(() => looksDark(page)).toBe(true);
    await page.emulateMedia({ colorScheme: 'light' });
    await expect.poll(() => looksDark(page)).toBe(false);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('generated titles', () => {
  it('can be turned off in Settings, and the core keeps it', async () => {
    await app.core.handlers['settings.update']({ generateTitles: true });
    const { page, errors } = await openAt(800, 600, 'light');
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const box = page.getByRole('dialog', { name: 'Settings', exact: true }).getByRole('checkbox', { name: 'Name conversations with the model' });
    expect(await box.isChecked()).toBe(true);
    await box.uncheck();
    await expect.poll(async () => (await app.core.handlers['settings.get']({})).generateTitles).toBe(false);
    expect(errors).toEqual([]);
    await page.close();
  });
});
