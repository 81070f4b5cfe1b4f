// Hear voice in Settings, in Chromium at 1280×800 and 800×600 over the real core and the stand-in: the first
// click asks the model once (a tiny request in that voice) and the sample plays; later clicks, and a click
// after a reload, play it from disk with no new request; another voice asks again.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useAppHarness } from '../support/use-app-harness';

const app = useAppHarness({ prefix: 'omni-e2e-voice-sample-', scenario: { audioSeconds: 0.6, text: 'Hi, this is how I sound.' } });

async function openSettings(page: Page): Promise<ReturnType<Page['getByRole']>> {
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings', exact: true });
  await dialog.waitFor();
  return dialog;
}

const sampleRequests = () => app.standin.requests.filter((r) => (r.body as { audio?: unknown })?.audio !== undefined);

/** Clicks Hear voice and waits until the sample has played to its end; whether it came from disk. */
async function hear(page: Page, dialog: ReturnType<Page['getByRole']>, voice: string): Promise<string | null> {
  const audio = page.locator(`audio[data-voice-sample="${voice}"]`);
  const ended = Number(await audio.getAttribute('data-ended'));
  await dialog.getByRole('button', { name: 'Hear voice' }).click();
  await page.locator(`audio[data-voice-sample="${voice}"][data-ended="${ended + 1}"]`).waitFor({ state: 'attached', timeout: 20_000 });
  expect(await audio.evaluate((el: any) => el.duration)).toBeGreaterThan(0.3);
  return audio.getAttribute('data-cached');
}

describe.each([
  [1280, 800],
  [800, 600],
])('Hear voice at %i×%i', (W, H) => {
  it('asks the model once, plays the sample, then plays it from disk (after a reload too); another voice asks again', async () => {
    const { page, errors } = await app.newPage();
    await page.setViewportSize({ width: W, height: H });
    await page.goto(app.shell.url);
    await page.getByRole('textbox', { name: 'Message' }).waitFor();
    let dialog = await openSettings(page);
    const before = sampleRequests().length;
    expect(await hear(page, dialog, 'Cherry')).toBe('false');
    expect(sampleRequests().length).toBe(before + 1);
    expect(JSON.stringify(sampleRequests().at(-1)!.body)).toContain('Cherry');
    expect(await hear(page, dialog, 'Cherry')).toBe('true');
    expect(sampleRequests().length).toBe(before + 1);

    await page.reload();
    await page.getByRole('textbox', { name: 'Message' }).waitFor();
    dialog = await openSettings(page);
    expect(await hear(page, dialog, 'Cherry')).toBe('true');
    expect(sampleRequests().length).toBe(before + 1);

    await dialog.getByRole('combobox', { name: 'Voice' }).selectOption('Ethan');
    expect(await hear(page, dialog, 'Ethan')).toBe('false');
    expect(sampleRequests().length).toBe(before + 2);
    expect(errors).toEqual([]);
    await page.close();
  });
});
