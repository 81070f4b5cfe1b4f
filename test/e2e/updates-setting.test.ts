// Settings → Interface → "Check for updates automatically": off until the user turns it on, kept once on,
// in both languages; and shown only where the app can update itself (the desktop app), never in the
// browser shell. The page is the real renderer through the browser shell; for the desktop case the core
// reports the Electron shell in app.info, which is all the page goes by.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useAppHarness } from '../support/use-app-harness';

async function openSettings(page: Page, settings: string): Promise<void> {
  await page.getByRole('button', { name: settings, exact: true }).click();
  await page.getByRole('dialog', { name: settings, exact: true }).waitFor();
}

describe('in the desktop app', () => {
  const app = useAppHarness({ prefix: 'omni-updates-desktop-', coreShell: 'electron' });

  it('is off until the user turns it on, and then stays on', async () => {
    const { page, errors } = await app.openApp();
    await openSettings(page, 'Settings');
    const updates = page.getByRole('checkbox', { name: 'Check for updates automatically' });
    await expect.poll(() => updates.isChecked()).toBe(false);
    // What it does is said beside it.
    expect(await updates.getAttribute('aria-describedby')).toBeTruthy();
    await expect.poll(() => page.getByText("Omni Desk looks for a newer release on the project's GitHub releases page").count()).toBe(1);
    expect((await app.core.handlers['settings.get']({})).checkForUpdates).toBe(false);

    await updates.check();
    await expect.poll(async () => (await app.core.handlers['settings.get']({})).checkForUpdates).toBe(true);
    await page.reload();
    await openSettings(page, 'Settings');
    expect(await page.getByRole('checkbox', { name: 'Check for updates automatically' }).isChecked()).toBe(true);

    await page.getByRole('checkbox', { name: 'Check for updates automatically' }).uncheck();
    await expect.poll(async () => (await app.core.handlers['settings.get']({})).checkForUpdates).toBe(false);
    expect(errors).toEqual([]);
  });

  it('says it in Chinese when the interface is Chinese', async () => {
    await app.core.handlers['settings.update']({ language: 'zh-CN' });
    const { page, errors } = await app.newPage();
    await page.goto(app.shell.url);
    await openSettings(page, '设置');
    await page.getByRole('checkbox', { name: '自动检查更新' }).waitFor();
    expect(await page.getByText('开启后，Omni Desk 会在启动时以及每天两次').count()).toBe(1);
    expect(errors).toEqual([]);
  });
});

describe('in the browser shell', () => {
  const app = useAppHarness({ prefix: 'omni-updates-web-' });

  it('is not offered: the browser shell never updates itself', async () => {
    const { page, errors } = await app.openApp();
    await openSettings(page, 'Settings');
    await page.getByRole('combobox', { name: 'Language' }).or(page.getByLabel('Language')).first().waitFor();
    expect(await page.getByRole('checkbox', { name: 'Check for updates automatically' }).count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
