// Assistant replies rendered as Markdown in the real UI (browser shell, real core, stand-in replies, headless
// Chromium, the app's CSP): GFM tables, nested and task lists, strikethrough, math typeset by KaTeX with its
// own fonts, highlighted code with its language and Copy code, Copy of the whole reply; only web links
// become links and they never navigate the app, and HTML in a reply is shown as text, never run.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useAppHarness } from '../support/use-app-harness';

const app = useAppHarness({ prefix: 'omni-markdown-', scenario: { audioSeconds: 0.5, realtime: false } });

const RICH = [
  '# Volcano notes',
  '',
  'Lava is **molten rock**, ~~cold~~ *very* hot; run `lava --cool` to check.',
  '',
  '| Volcano | Height (m) | Active |',
  '| --- | ---: | :---: |',
  '| Etna | 3,357 | yes |',
  '| Vesuvius | 1,281 | yes |',
  '',
  '1. Before you go:',
  '   - pack water',
  '   - check the forecast',
  '2. At the crater.',
  '',
  '- [x] Boots',
  '- [ ] Gas mask',
  '',
  '```python',
  'def erupt(force):',
  '    return force * 2  # twice as strong',
  '```',
  '',
  'The energy is $E = mc^2$ and the sum is',
  '',
  '$$',
  '\\sum_{n=1}^{\\infty} \\frac{1}{n^2} = \\frac{\\pi^2}{6}',
  '$$',
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

const clipboard = (page: Page) => page.evaluate(() => (globalThis as any).navigator.clipboard.readText() as Promise<string>);

describe('assistant replies as Markdown in Chromium', () => {
  it('shows tables, nested and task lists, strikethrough, math and highlighted code; HTML and javascript: links as text', async () => {
    const { page, errors } = await app.openApp();
    await ask(page, 'Tell me about volcanoes <b>please</b>', RICH);
    const reply = page.getByRole('article', { name: 'Assistant message' }).last();
    await reply.getByRole('heading', { name: 'Volcano notes' }).waitFor();

    expect(await reply.locator('strong').allInnerTexts()).toEqual(['molten rock']);
    expect(await reply.locator('em').allInnerTexts()).toEqual(['very']);
    expect(await reply.locator('del').allInnerTexts()).toEqual(['cold']);
    expect(await reply.locator('p code').allInnerTexts()).toEqual(['lava --cool']);

    // The table: a real one, its columns aligned as written, scrolling sideways inside its own region.
    const table = reply.getByRole('region', { name: 'Table' }).getByRole('table');
    expect(await table.getByRole('columnheader').allInnerTexts()).toEqual(['Volcano', 'Height (m)', 'Active']);
    expect(await table.getByRole('row').count()).toBe(3);
    expect(await table.getByRole('cell', { name: '3,357' }).evaluate((el) => (globalThis as any).getComputedStyle(el).textAlign)).toBe('right');

    // The nested list stays one ordered list of two items, the bullets inside the first.
    const ordered = reply.locator('ol');
    expect(await ordered.count()).toBe(1);
    expect(await ordered.locator(':scope > li').count()).toBe(2);
    expect(await ordered.locator(':scope > li').first().locator('ul > li').allInnerTexts()).toEqual(['pack water', 'check the forecast']);
    // The task list: boxes, checked as written, not editable.
    const boxes = reply.getByRole('checkbox');
    expect(await boxes.count()).toBe(2);
    expect(await boxes.first().isChecked()).toBe(true);
    expect(await boxes.last().isChecked()).toBe(false);
    expect(await boxes.first().isDisabled()).toBe(true);

    // Code: its language, the code as written, coloured by highlight.js (loaded for it).
    const code = reply.locator('.code-block');
    expect(await code.locator('.code-lang').innerText()).toBe('python');
    expect(await code.locator('pre code').innerText()).toBe('def erupt(force):\n    return force * 2  # twice as strong');
    await code.locator('.hljs-keyword', { hasText: 'def' }).waitFor();
    await code.locator('.hljs-comment').waitFor();
    const keywordColour = await code.locator('.hljs-keyword').first().evaluate((el) => (globalThis as any).getComputedStyle(el).color);
    const plainColour = await code.locator('pre code').evaluate((el) => (globalThis as any).getComputedStyle(el).color);
    expect(keywordColour).not.toBe(plainColour);

    // Math: typeset by KaTeX inline and as a block, its fonts served by the app (the CSP allows no others).
    await reply.locator('.math-inline .katex').waitFor();
    await reply.locator('.math-display .katex-display').waitFor();
    expect(await reply.locator('.math-inline annotation').textContent()).toBe('E = mc^2');
    expect(await reply.locator('.math-source').count()).toBe(0);
    await expect.poll(() => page.evaluate(() => (globalThis as any).document.fonts.check('20px KaTeX_Main')), { timeout: 10_000 }).toBe(true);
    const inlineBox = (await reply.locator('.math-inline .katex-html').boundingBox())!;
    expect(inlineBox.width).toBeGreaterThan(40);

    // Links: only https became a link; the javascript: one is its text.
    const links = reply.locator('a');
    expect(await links.count()).toBe(1);
    expect(await links.first().getAttribute('href')).toBe('https://example.com/volcanoes');
    expect(await links.first().getAttribute('target')).toBe('_blank');
    expect(await links.first().getAttribute('rel')).toBe('noopener noreferrer');
    expect(await links.first().innerText()).toBe('the survey');
    await reply.getByText('this', { exact: true }).waitFor();

    // HTML stays text.
    expect(await reply.locator('img, script, b').count()).toBe(0);
    await reply.getByText('<img src=x onerror="window.__pwned=1">', { exact: false }).waitFor();
    await reply.getByText('<script>window.__pwned=2</script>', { exact: false }).waitFor();

    // The user's own message stays plain text.
    const mine = page.getByRole('article', { name: 'User message' }).last();
    expect(await mine.locator('b').count()).toBe(0);
    await mine.getByText('Tell me about volcanoes <b>please</b>').waitFor();

    // A click hands the address to window.open (Electron sends http(s) to the system browser); the app stays put.
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
    // No CSP refusal (an inline style, a data: font) and no other error on the way.
    expect(errors).toEqual([]);
  });

  it('a reply opened again shows its formulas and code as the first time (typeset and highlighted from the caches)', async () => {
    const { page, errors } = await app.openApp();
    await ask(page, 'Volcano notes again', RICH);
    const reply = page.getByRole('article', { name: 'Assistant message' }).last();
    await reply.locator('.math-display .katex-display').waitFor();
    await reply.locator('.code-block .hljs-keyword').first().waitFor();
    await expect.poll(() => page.evaluate(() => (globalThis as any).document.fonts.check('20px KaTeX_Main')), { timeout: 10_000 }).toBe(true);
    const boxes = async () => ({
      inline: (await reply.locator('.math-inline .katex-html').boundingBox())!,
      display: (await reply.locator('.math-display .katex-html').boundingBox())!,
    });
    const first = await boxes();

    await page.getByRole('button', { name: 'New conversation' }).click();
    await expect.poll(() => reply.count()).toBe(0);
    await page.locator('nav a', { hasText: 'Volcano notes again' }).click();
    await reply.locator('.math-display .katex-display').waitFor();
    // The formulas come back as they were typeset (their inline styles, cloned, are not refused by the CSP:
    // a fraction and a sum keep their heights) and the code is highlighted without a plain pass first.
    expect(await reply.locator('.math-source').count()).toBe(0);
    expect(await reply.locator('.code-block .hljs-keyword').count()).toBeGreaterThan(0);
    const again = await boxes();
    expect(again.inline.width).toBeCloseTo(first.inline.width, 0);
    expect(again.display.height).toBeCloseTo(first.display.height, 0);
    expect(again.display.height).toBeGreaterThan(first.inline.height * 1.5);
    expect(errors).toEqual([]);
  });

  it('Copy code copies the block, Copy copies the reply as Markdown', async () => {
    await app.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const { page, errors } = await app.openApp();
    await ask(page, 'Some code', RICH);
    const reply = page.getByRole('article', { name: 'Assistant message' }).last();
    await reply.getByRole('button', { name: 'Copy code' }).click();
    await expect.poll(() => clipboard(page)).toBe('def erupt(force):\n    return force * 2  # twice as strong');
    await reply.getByRole('button', { name: 'Copy', exact: true }).click();
    await expect.poll(() => clipboard(page)).toBe(RICH);
    // The question has its own Copy.
    await page.getByRole('article', { name: 'User message' }).getByRole('button', { name: 'Copy', exact: true }).click();
    await expect.poll(() => clipboard(page)).toBe('Some code');
    expect(errors).toEqual([]);
  });

  it('renders a reply cut off mid-bold and mid-code-block without breaking', async () => {
    const { page, errors } = await app.openApp();
    await ask(page, 'Show code', 'Here is **half bold and\n\n```js\nconst x = 1;');
    const reply = page.getByRole('article', { name: 'Assistant message' }).last();
    await reply.getByText('Here is **half bold and').waitFor();
    expect(await reply.locator('pre code').innerText()).toBe('const x = 1;');
    expect(await reply.locator('strong').count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
