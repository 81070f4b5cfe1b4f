// The first run as a new user meets it, at 1280×800 and 800×600 in Chromium over the real core and the
// stand-in, with no key anywhere: a welcome asks for the key (Region first, a link to where keys are made,
// the key field focused, Test connection inline) and leads to a working turn; once a key works, or once it
// is skipped, it is not shown again. After skipping, the notice a send meets opens Settings on the API key
// field, focused and in view.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useAppHarness } from '../support/use-app-harness';
import { sendMessage, settled } from '../support/conversation-page';

const app = useAppHarness({ prefix: 'omni-e2e-welcome-', apiKey: null, welcomeDone: false, scenario: { audioSeconds: 0.3, text: 'Hello!' } });

async function openAt(width: number, height: number): Promise<{ page: Page; errors: string[] }> {
  const { page, errors } = await app.newPage();
  await page.setViewportSize({ width, height });
  await page.goto(app.shell.url);
  await page.getByRole('textbox', { name: 'Message' }).waitFor();
  return { page, errors };
}

const welcome = (page: Page) => page.getByRole('dialog', { name: 'Welcome to Omni Desk' });
const isFocused = (page: Page, name: string) =>
  page.getByRole('textbox', { name, exact: true }).evaluate((el) => el === (el.ownerDocument as any).activeElement);

describe.each([
  [1280, 800],
  [800, 600],
])('the first run at %i×%i', (W, H) => {
  it('welcomes with the key (region first, a link to keys, Test connection inline) and leads to a working turn; not shown again', async () => {
    const { page, errors } = await openAt(W, H);
    const dialog = welcome(page);
    await dialog.waitFor();
    const box = (await dialog.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(H);
    // Region comes before the key, which has the keyboard.
    const region = dialog.getByRole('combobox', { name: 'Region' });
    const key = dialog.getByRole('textbox', { name: 'API key' });
    expect((await region.boundingBox())!.y).toBeLessThan((await key.boundingBox())!.y);
    expect(await isFocused(page, 'API key')).toBe(true);
    expect(await dialog.getByRole('link', { name: 'Where to get an API key' }).getAttribute('href')).toMatch(/^https:\/\/www\.alibabacloud\.com\/.*get-api-key/);
    // No custom endpoints here: that is for Settings.
    expect(await dialog.getByRole('button', { name: 'Add endpoint' }).count()).toBe(0);

    await key.fill(app.standin.apiKey);
    await dialog.getByRole('button', { name: 'Save key' }).click();
    await dialog.getByRole('button', { name: 'Test connection' }).click();
    await dialog.getByRole('status').filter({ hasText: /^Connection OK/ }).waitFor();
    await dialog.getByRole('button', { name: 'Start chatting' }).click();
    await welcome(page).waitFor({ state: 'hidden' });
    expect(await isFocused(page, 'Message')).toBe(true);

    const reply = await sendMessage(page, 'Hi!');
    expect(await settled(reply)).toBe('complete');
    expect((await app.core.handlers['settings.get']({})).welcomeDone).toBe(true);

    await page.reload();
    await page.getByRole('textbox', { name: 'Message' }).waitFor();
    await page.waitForTimeout(300);
    expect(await welcome(page).count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('Skip closes it for good; the no-key notice then opens Settings on the API key field, focused and in view', async () => {
    const { page, errors } = await openAt(W, H);
    await welcome(page).waitFor();
    await welcome(page).getByRole('button', { name: 'Skip for now' }).click();
    await welcome(page).waitFor({ state: 'hidden' });
    await expect.poll(async () => (await app.core.handlers['settings.get']({})).welcomeDone).toBe(true);
    await page.reload();
    await page.getByRole('textbox', { name: 'Message' }).waitFor();
    await page.waitForTimeout(300);
    expect(await welcome(page).count()).toBe(0);

    // The draft is kept by the no-key notice; its Open settings lands on the key.
    await page.getByRole('textbox', { name: 'Message' }).fill('Are you there?');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    const notice = page.getByRole('alert').filter({ hasText: /key/i });
    await notice.getByRole('button', { name: 'Open settings' }).click();
    const settings = page.getByRole('dialog', { name: 'Settings', exact: true });
    await settings.waitFor();
    await settings.evaluate((el: any) => Promise.all(el.getAnimations({ subtree: true }).map((a: any) => a.finished)));
    expect(await isFocused(page, 'API key')).toBe(true);
    const field = (await settings.getByRole('textbox', { name: 'API key' }).boundingBox())!;
    const body = (await settings.locator('.ui-dialog-body').boundingBox())!;
    expect(field.y).toBeGreaterThanOrEqual(body.y - 1);
    expect(field.y + field.height).toBeLessThanOrEqual(body.y + body.height + 1);
    await page.keyboard.press('Escape');
    await settings.waitFor({ state: 'hidden' });
    expect(await page.getByRole('textbox', { name: 'Message' }).inputValue()).toBe('Are you there?');
    expect(errors).toEqual([]);
    await page.close();
  });
});
