// The kit's Select (renderer/ui/Select.tsx, Radix) as tests drive it: a combobox button that opens a listbox
// of options in a layer of its own (outside the field's dialog or panel), chosen by a click as a user would.
import type { Locator, Page } from 'playwright-core';

/** Opens the list, clicks the option with this exact name, and waits for the list to close. */
export async function chooseOption(page: Page, combobox: Locator, name: string): Promise<void> {
  await combobox.click();
  const list = page.getByRole('listbox');
  await list.getByRole('option', { name, exact: true }).click();
  await list.waitFor({ state: 'detached' });
}

/** The options the list offers, by name (opened, then closed again with Escape). */
export async function optionNames(page: Page, combobox: Locator): Promise<string[]> {
  await combobox.click();
  const list = page.getByRole('listbox');
  await list.waitFor();
  const names = await list.getByRole('option').allInnerTexts();
  await page.keyboard.press('Escape');
  await list.waitFor({ state: 'detached' });
  return names.map((n) => n.trim());
}

/** What the closed field shows (the chosen option's name). */
export function shownOption(combobox: Locator): Promise<string> {
  return combobox.innerText().then((s) => s.trim());
}
