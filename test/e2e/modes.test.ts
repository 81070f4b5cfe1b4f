// Modes and rules as a user meets them, in Chromium through the browser shell over the real core (real
// SQLite file) and the DashScope stand-in: Thinking turns Speak replies off and says so, and the reasoning
// streams into its own panel; a conversation's system prompt goes first in the request; Qwen-Omni-Turbo
// with spoken replies and a system prompt is explained before sending and both fixes work; the header shows
// the conversation's own settings again after reopening it.
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { useAppHarness } from '../support/use-app-harness';
import { newConversation as startNewConversation, sendMessage, settled } from '../support/conversation-page';
import { chooseOption } from '../support/select';
import { chooseVoice, voiceShown, voiceTrigger } from '../support/voice-picker';

const REASONING = 'First I recall that the question is about mountains. Then I compare Everest with K2, and Everest is taller. So the answer is Everest.';

const app = useAppHarness({ prefix: 'omni-e2e-modes-', scenario: { audioSeconds: 0.4, text: 'Everest is the tallest.' } });

type Body = { model: string; messages: { role: string; content: unknown }[]; modalities: string[]; audio?: unknown; enable_thinking?: boolean };
const lastBody = (): Body => app.standin.requests.at(-1)!.body as Body;

const options = (page: Page): Locator => page.getByRole('dialog', { name: 'Conversation options' });
const summary = (page: Page): Locator => page.getByTestId('conversation-settings');

async function openOptions(page: Page): Promise<Locator> {
  if (!(await options(page).isVisible())) await page.getByRole('button', { name: 'Conversation options' }).click();
  await options(page).waitFor();
  return options(page);
}

/** Sends a message and waits until its reply has ended. */
async function ask(page: Page, text: string): Promise<Locator> {
  const before = app.standin.requests.length;
  const reply = await sendMessage(page, text);
  expect(await settled(reply)).toBe('complete');
  expect(app.standin.requests.length).toBe(before + 1);
  return reply;
}

/** A new conversation with one turn in it; its address. */
async function newConversation(page: Page, first: string): Promise<string> {
  await startNewConversation(page);
  await ask(page, first);
  await page.waitForURL(/#\/c\//, { timeout: 10_000 });
  return page.url();
}

describe('modes and rules in the app', () => {
  it('Thinking turns Speak replies off, says why, and the reasoning streams into its own panel', async () => {
    const { page, errors } = await app.openApp();
    await newConversation(page, 'Hello');
    expect(lastBody().modalities).toEqual(['text', 'audio']);

    const panel = await openOptions(page);
    const speak = panel.getByRole('checkbox', { name: 'Speak replies' });
    const thinking = panel.getByRole('checkbox', { name: 'Thinking' });
    expect(await speak.isChecked()).toBe(true);
    await thinking.check();
    expect(await speak.isChecked()).toBe(false);
    await expect.poll(() => panel.getByRole('status').filter({ hasText: /\S/ }).innerText()).toBe('Thinking replies are text only (the API allows no audio then), so Speak replies is now off.');
    await expect.poll(() => summary(page).innerText()).toContain('Thinking');
    expect(await summary(page).locator('[data-setting="speak"]').innerText()).toBe('Text only');
    await panel.getByRole('button', { name: 'Done' }).click();

    // Slow enough to watch the reasoning arrive piece by piece.
    app.standin.setScenario({ reasoning: REASONING, gapMs: 120 });
    const before = app.standin.requests.length;
    await page.getByRole('textbox', { name: 'Message' }).fill('Which mountain is the tallest?');
    await page.getByRole('button', { name: 'Send' }).click();
    const reply = page.getByRole('article', { name: 'Assistant message' }).last();
    const reasoning = reply.locator('details.reasoning');
    await reasoning.waitFor({ timeout: 20_000 });
    expect(await reasoning.getAttribute('open')).toBeNull(); // folded away until opened
    expect(await reasoning.locator('summary').innerText()).toBe('Thinking…');
    await reasoning.locator('summary').click();
    const seen = new Set<number>();
    await expect.poll(async () => {
      seen.add((await reasoning.locator('.reasoning-text').innerText()).length);
      return seen.size >= 3 && (await reply.getAttribute('data-status')) === 'streaming';
    }, { timeout: 20_000, interval: 50 }).toBe(true);
    await reply.and(page.locator('[data-status="complete"]')).waitFor({ timeout: 30_000 });
    expect(await reasoning.locator('.reasoning-text').innerText()).toBe(REASONING);
    expect(await reasoning.locator('summary').innerText()).toBe('Reasoning');
    app.standin.setScenario({ gapMs: 1 });

    expect(app.standin.requests.length).toBe(before + 1);
    expect(lastBody().enable_thinking).toBe(true);
    expect(lastBody().modalities).toEqual(['text']);
    expect(lastBody().audio).toBeUndefined();
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a conversation\'s system prompt goes first in the request, as the system message', async () => {
    const { page, errors } = await app.openApp();
    await newConversation(page, 'Hi there');
    const prompt = 'You are a geography tutor. Answer in one sentence.';
    const panel = await openOptions(page);
    await panel.getByRole('textbox', { name: 'System prompt' }).fill(prompt);
    await panel.getByRole('button', { name: 'Done' }).click();
    await expect.poll(() => summary(page).locator('[data-setting="system-prompt"]').count()).toBe(1);

    await ask(page, 'Where is Everest?');
    const body = lastBody();
    expect(body.messages[0]).toEqual({ role: 'system', content: prompt });
    expect(body.messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(body.messages.filter((m) => m.role === 'system')).toHaveLength(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('Qwen-Omni-Turbo with spoken replies and a system prompt is explained before sending, and both fixes work', async () => {
    const { page, errors } = await app.openApp();
    await newConversation(page, 'Start');
    const panel = await openOptions(page);
    await chooseOption(page, panel.getByRole('combobox', { name: 'Model' }), 'Qwen-Omni-Turbo');
    await panel.getByRole('textbox', { name: 'System prompt' }).fill('Be brief.');
    const speak = panel.getByRole('checkbox', { name: 'Speak replies' });
    await speak.check();
    await panel.getByRole('button', { name: 'Done' }).click();

    const alert = page.getByRole('region', { name: 'Composer' }).getByRole('alert');
    const explained = 'Qwen-Omni-Turbo does not accept a system prompt when replies are spoken. Turn Speak replies off, or remove the system prompt.';
    await expect.poll(() => alert.innerText(), { timeout: 5_000 }).toContain(explained);
    await page.getByRole('textbox', { name: 'Message' }).fill('Tell me about Everest.');
    expect(await page.getByRole('button', { name: 'Send' }).isDisabled()).toBe(true);
    const requests = app.standin.requests.length;

    // Fix 1: text replies, the system prompt stays.
    await alert.getByRole('button', { name: 'Turn off Speak replies' }).click();
    await expect.poll(() => alert.count()).toBe(0);
    expect(app.standin.requests.length).toBe(requests);
    await ask(page, 'Tell me about Everest.');
    expect(lastBody().model).toBe('qwen-omni-turbo');
    expect(lastBody().messages[0]).toEqual({ role: 'system', content: 'Be brief.' });
    expect(lastBody().modalities).toEqual(['text']);

    // Spoken again: explained again; Fix 2: the system prompt goes, the spoken reply stays.
    await (await openOptions(page)).getByRole('checkbox', { name: 'Speak replies' }).check();
    await options(page).getByRole('button', { name: 'Done' }).click();
    await expect.poll(() => alert.innerText()).toContain(explained);
    await alert.getByRole('button', { name: 'Remove the system prompt' }).click();
    await expect.poll(() => alert.count()).toBe(0);
    expect(await summary(page).locator('[data-setting="system-prompt"]').count()).toBe(0);
    await ask(page, 'And K2?');
    expect(lastBody().messages.some((m) => m.role === 'system')).toBe(false);
    expect(lastBody().modalities).toEqual(['text', 'audio']);
    expect(lastBody().audio).toEqual({ voice: 'Cherry', format: 'wav' });
    expect(await (await openOptions(page)).getByRole('textbox', { name: 'System prompt' }).inputValue()).toBe('');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the header shows the conversation\'s own settings after reopening it', async () => {
    const { page, errors } = await app.openApp();
    await newConversation(page, 'Remember me');
    const panel = await openOptions(page);
    await chooseOption(page, panel.getByRole('combobox', { name: 'Model' }), 'Qwen3-Omni-Flash 2025-12-01');
    await chooseVoice(page, panel, 'Serena');
    // The same voice picker as Settings: searchable by language, each voice with its languages, Hear voice
    // beside it; Escape closes the voice list alone, the panel stays.
    await voiceTrigger(panel).click();
    await page.getByRole('combobox', { name: 'Search voices' }).fill('Cantonese');
    const found = page.getByRole('listbox', { name: 'Search voices' }).getByRole('option');
    await expect.poll(() => found.first().innerText()).toMatch(/^Cantonese - \w+\s+Cantonese · Cantonese/);
    await page.keyboard.press('Escape');
    await expect.poll(() => found.count()).toBe(0);
    expect(await options(page).count()).toBe(1);
    expect(await voiceShown(panel)).toBe('Serena');
    expect(await panel.getByRole('button', { name: 'Hear voice' }).count()).toBe(1);
    await panel.getByRole('textbox', { name: 'System prompt' }).fill('Speak like a sailor.');
    await panel.getByRole('button', { name: 'Done' }).click();
    const expected = 'Qwen3-Omni-Flash 2025-12-01·Serena·Spoken·No thinking·System prompt';
    const text = async () => (await summary(page).locator('[data-setting]').allInnerTexts()).join('·');
    await expect.poll(text).toBe(expected);
    const url = page.url();

    // Another conversation shows its own (the global Settings), then reopening this one shows these again.
    await page.getByRole('button', { name: 'New conversation', exact: true }).click();
    await expect.poll(text).toBe('Qwen3-Omni-Flash·Cherry·Spoken·No thinking');
    await page.close();

    const again = await app.openApp();
    await again.page.goto(url);
    await again.page.getByRole('article', { name: 'Assistant message' }).first().waitFor();
    await expect.poll(async () => (await summary(again.page).locator('[data-setting]').allInnerTexts()).join('·')).toBe(expected);
    expect(await (await openOptions(again.page)).getByRole('textbox', { name: 'System prompt' }).inputValue()).toBe('Speak like a sailor.');
    expect([...errors, ...again.errors]).toEqual([]);
    await again.page.close();
  });

  it('Conversation options by keyboard: the focus goes into the panel and back to its button, Escape closes it', async () => {
    const { page, errors } = await app.openApp();
    const button = page.getByRole('button', { name: 'Conversation options' });
    const focused = () => page.evaluate(() => {
      const el = (globalThis as any).document.activeElement;
      return (el?.getAttribute('aria-label') ?? el?.textContent ?? '') as string;
    });
    await button.focus();
    await page.keyboard.press('Enter');
    await options(page).waitFor();
    // The first field has the keyboard: an arrow key or Enter opens the model's list without a click.
    expect(await options(page).getByRole('combobox', { name: 'Model' }).evaluate((el) => el === (el.ownerDocument as any).activeElement)).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => options(page).count()).toBe(0);
    await expect.poll(() => focused()).toBe('Conversation options'); // Radix gives the focus back a tick after closing

    // The global Settings replaces the panel, which does not come back (taking the focus) when Settings closes.
    await button.click();
    await options(page).waitFor();
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await settings.waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => settings.isVisible()).toBe(false);
    expect(await options(page).count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});
