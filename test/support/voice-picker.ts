// The Settings voice picker (a combobox that opens a searchable list) as tests drive it.
import type { Locator, Page } from 'playwright-core';

export function voiceTrigger(scope: Locator): Locator {
  return scope.getByRole('combobox', { name: 'Voice' });
}

/** Opens the list, clicks the voice whose id is `id` (as the API names it), and waits for the list to close. */
export async function chooseVoice(page: Page, scope: Locator, id: string): Promise<void> {
  await voiceTrigger(scope).click();
  const list = page.getByRole('listbox', { name: 'Search voices' });
  await list.locator(`[cmdk-item][data-value="${id}" i]`).click();
  await list.waitFor({ state: 'detached' });
}

/** The voices the list offers, by label (the list is opened and closed again with Escape). */
export async function voiceLabels(page: Page, scope: Locator): Promise<string[]> {
  await voiceTrigger(scope).click();
  const list = page.getByRole('listbox', { name: 'Search voices' });
  await list.waitFor();
  const labels = await list.locator('.ui-command-label').allInnerTexts();
  await page.keyboard.press('Escape');
  await list.waitFor({ state: 'detached' });
  return labels;
}

/** The chosen voice's label, as the trigger shows it. */
export function voiceShown(scope: Locator): Promise<string> {
  return voiceTrigger(scope).innerText().then((s) => s.trim());
}
