// The Voice picker as a user meets it: the real UI (bundled from renderer/ with vite), served by the real
// browser shell over the real core and the local DashScope stand-in, in headless Chromium. Found by role and
// name, as shared/ui-contract.md names them.
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { useAppHarness } from '../support/use-app-harness';
import { chooseVoice, voiceLabels, voiceShown } from '../support/voice-picker';
import { chooseOption } from '../support/select';

const app = useAppHarness({ prefix: 'omni-voices-', scenario: { audioSeconds: 1 } });

async function openSettings(): Promise<{ page: Page; dialog: Locator; errors: string[] }> {
  const { page, errors } = await app.openApp();
  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await dialog.waitFor();
  return { page, dialog, errors };
}

/** The voice list under the picker, opened: one entry per voice of the chosen model. */
async function voiceList(dialog: Locator, model: string): Promise<string[]> {
  const details = dialog.locator('details.voice-list');
  if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
  return dialog.getByRole('list', { name: `Voices of ${model}` }).getByRole('listitem').allInnerTexts();
}

describe('Voice picker', () => {
  it('lists only the chosen model\'s voices, each with its description and languages', async () => {
    const { page, dialog, errors } = await openSettings();
    const model = dialog.getByRole('combobox', { name: 'Model' });

    await chooseOption(page, model, 'Qwen3-Omni-Flash 2025-12-01');
    expect(await voiceLabels(page, dialog)).toHaveLength(49);
    expect(await voiceList(dialog, 'Qwen3-Omni-Flash 2025-12-01')).toHaveLength(49);

    await chooseOption(page, model, 'Qwen-Omni-Turbo');
    await dialog.getByRole('list', { name: 'Voices of Qwen-Omni-Turbo' }).waitFor();
    expect(await voiceLabels(page, dialog)).toEqual(['Cherry', 'Serena', 'Ethan', 'Chelsie']);
    const turbo = await voiceList(dialog, 'Qwen-Omni-Turbo');
    expect(turbo).toHaveLength(4);
    expect(turbo[0]).toContain('A sunny, positive, friendly, and natural young woman');
    expect(turbo[1]).toContain('A gentle young woman');
    expect(turbo[3]).toContain('A two-dimensional virtual girlfriend');
    // Turbo's voices speak two languages; the same voices with Flash speak ten.
    for (const entry of turbo) expect(entry).toMatch(/Chinese, English$/);
    // The chosen voice is described under the picker.
    await chooseVoice(page, dialog, 'Serena');
    expect(await dialog.locator('.voice-about').innerText()).toBe('A gentle young woman — Chinese, English');
    expect(await dialog.locator('.voice-list li[aria-current="true"]').innerText()).toContain('Serena');

    // Dialect voices are shown by their dialect.
    await chooseOption(page, model, 'Qwen3-Omni-Flash');
    const flash = await voiceList(dialog, 'Qwen3-Omni-Flash');
    expect(flash).toHaveLength(17);
    const jada = flash.find((e) => e.includes('Jada'));
    expect(jada).toContain('Shanghai - Jada');
    expect(jada).toContain('A fast-paced, energetic Shanghai auntie');
    expect(jada).toMatch(/Shanghainese, English, French/);
    expect(await voiceLabels(page, dialog)).toContain('Cantonese - Rocky');
    // The picker searches by language too, and shows each voice's dialect and languages.
    await dialog.getByRole('combobox', { name: 'Voice' }).click();
    await page.getByRole('combobox', { name: 'Search voices' }).fill('Shanghainese');
    const found = page.getByRole('listbox', { name: 'Search voices' }).getByRole('option');
    await expect.poll(() => found.first().innerText()).toMatch(/Shanghai - Jada/);
    expect(await found.first().innerText()).toMatch(/Shanghai - Jada[\s\S]*Shanghainese · Shanghainese, English, French/);
    await page.keyboard.press('Enter');
    await expect.poll(() => voiceShown(dialog)).toBe('Shanghai - Jada');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('keeps the voice when the new model has it and says so when it does not', async () => {
    const { page, dialog, errors } = await openSettings();
    const model = dialog.getByRole('combobox', { name: 'Model' });
    const status = dialog.getByRole('status').filter({ hasText: /switched to/ });

    await chooseOption(page, model, 'Qwen3-Omni-Flash 2025-12-01');
    await chooseVoice(page, dialog, 'Momo');
    expect(await dialog.locator('.voice-about').innerText()).toContain('Playful and mischievous, cheering you up');
    await chooseOption(page, model, 'Qwen-Omni-Turbo');
    await status.waitFor();
    expect(await status.innerText()).toBe("Momo isn't available for Qwen-Omni-Turbo; switched to Cherry.");
    expect(await voiceShown(dialog)).toBe('Cherry');
    // The core agrees: the saved settings carry the replacement, not the voice Turbo would refuse.
    expect(await app.core.handlers['settings.get']({})).toMatchObject({ model: 'qwen-omni-turbo', voice: 'Cherry' });

    // Ethan is a voice of both: it stays, and nothing claims a switch.
    await chooseVoice(page, dialog, 'Ethan');
    expect(await status.count()).toBe(0);
    await chooseOption(page, model, 'Qwen3-Omni-Flash');
    await dialog.getByText('All 17 voices of Qwen3-Omni-Flash').waitFor();
    expect(await voiceShown(dialog)).toBe('Ethan');
    expect(await status.count()).toBe(0);

    // The 7B model has no Cherry: the replacement is its first voice, and the message names it.
    await chooseVoice(page, dialog, 'Jada');
    await chooseOption(page, model, 'Qwen2.5-Omni-7B');
    await status.waitFor();
    expect(await status.innerText()).toBe("Shanghai - Jada isn't available for Qwen2.5-Omni-7B; switched to Ethan.");
    expect(await voiceShown(dialog)).toBe('Ethan');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('says it in Chinese when the interface is Chinese', async () => {
    const { page, dialog } = await openSettings();
    await chooseOption(page, dialog.getByRole('combobox', { name: 'Model' }), 'Qwen3-Omni-Flash 2025-12-01');
    await chooseVoice(page, dialog, 'Momo');
    await chooseOption(page, dialog.getByRole('combobox', { name: 'Language' }), '简体中文');
    const zh = page.getByRole('dialog', { name: '设置' });
    await zh.waitFor();
    await chooseOption(page, zh.getByRole('combobox', { name: '模型' }), 'Qwen-Omni-Turbo');
    const status = zh.getByRole('status').filter({ hasText: '已改用' });
    await status.waitFor();
    expect(await status.innerText()).toBe('Qwen-Omni-Turbo 没有音色 Momo，已改用 Cherry。');
    // The voice's description in Chinese too, not the guide's English.
    expect(await zh.locator('.voice-about').innerText()).toBe('阳光积极、亲切自然的年轻女声 — 中文、英语');
    await page.close();
  });
});
