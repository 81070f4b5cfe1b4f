// Assistant replies rendered as Markdown in the real UI (browser shell, real core, stand-in replies, headless
// Chromium): formatting shows as elements, only web links become links and they never navigate the app, and
// HTML in a reply is shown as text, never run.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useAppHarness } from '../support/use-app-harness';

const app = useAppHarness({ prefix: 'omni-markdown-', scenario: { audioSeconds: 0.5, realtime: false } });

const REPLY = [
  '# Volcano notes',
  '',
  'Lava is **molten rock** and *very* hot; run `lava --cool` to check.',
  '',
  '- Etna',
  '- Vesuvius',
  '',
  '```sh',
  'echo "<b>not bold</b>"',
  '```',
  '',
  'Read [the survey](https://example.com/volcanoes) or [this](javascript:window.__pwned=1).',
  '',
  '<img src=x onerror="window.__pwned=1"> <script>window.__pwned=2</script>',
].join('\n');

async function ask(page: Page, question: string, reply: string): Promise<void> {
  app.standin.setScenario({ text: reply, audioSeconds: 0.5, realtime: false });
  await page.getByRole('button', { name: 'New conversation' }).click();
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.fill(question);
  await box.press('Enter');
  // The whole reply, not its first piece: Send is back as soon as the request is taken, before the reply streams.
  await page.getByRole('article', { name: 'Assistant message' }).and(page.locator('[data-status="complete"]')).waitFor();
  await page.getByRole('button', { name: 'Send' }).waitFor();
}

describe('assistant replies as Markdown in Chromium', () => {
  it('shows headings, bold, lists, code and https links as elements, and HTML or javascript: links as plain text', async () => {
    const { page, errors } = await app.openApp();
    await ask(page, 'Tell me about volcanoes <b>please</b>', REPLY);
    const reply = page.getByRole('article', { name: 'Assistant message' }).last();
    await reply.getByRole('heading', { name: 'Volcano notes' }).waitFor();

    expect(await reply.locator('strong').allInnerTexts()).toEqual(['molten rock']);
    expect(await reply.locator('em').allInnerTexts()).toEqual(['very']);
    expect(await reply.getByRole('listitem').allInnerTexts()).toEqual(['Etna', 'Vesuvius']);
    expect(await reply.locator('p code').allInnerTexts()).toEqual(['lava --cool']);
    expect(await reply.locator('pre code').innerText()).toBe('echo "<b>not bold</b>"');

    const links = reply.locator('a');
    expect(await links.count()).toBe(1);
    expect(await links.first().getAttribute('href')).toBe('https://example.com/volcanoes');
    expect(await links.first().innerText()).toBe('the survey');
    await reply.getByText('[this](javascript:window.__pwned=1)').waitFor();

    expect(await reply.locator('img, script, b').count()).toBe(0);
    await reply.getByText('<img src=x onerror="window.__pwned=1">', { exact: false }).waitFor();
    await reply.getByText('<script>window.__pwned=2</script>', { exact: false }).waitFor();

    // The user's own message stays plain text.
    const mine = page.getByRole('article', { name: 'User message' }).last();
    expect(await mine.locator('b').count()).toBe(0);
    await mine.getByText('Tell me about volcanoes <b>please</b>').waitFor();

    // A click hands the address to window.open; the app itself stays where it was.
    await page.evaluate(() => {
      const w = globalThis as any;
      w.__opened = [];
      w.open = (...args: unknown[]) => {
        w.__opened.push(args);
        return null;
      };
    });
    const before = page.url();
    await links.first().click();
    expect(await page.evaluate(() => (globalThis as any).__opened)).toEqual([['https://example.com/volcanoes', '_blank', 'noopener']]);
    expect(page.url()).toBe(before);

    expect(await page.evaluate(() => (globalThis as any).__pwned)).toBeUndefined();
    expect(errors).toEqual([]);
  });

  it('renders a reply cut off mid-bold and mid-code-block (as while streaming) without breaking', async () => {
    const { page, errors } = await app.openApp();
    await ask(page, 'Show code', 'Here is **half bold and\n\n```js\nconst x = 1;');
    const reply = page.getByRole('article', { name: 'Assistant message' }).last();
    await reply.getByText('Here is **half bold and').waitFor();
    expect(await reply.locator('pre code').innerText()).toBe('const x = 1;');
    expect(await reply.locator('strong').count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
