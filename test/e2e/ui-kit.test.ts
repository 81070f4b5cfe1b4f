// The UI kit (renderer/ui) in headless Chromium at 800×600, on a page bundled by vite from
// test/e2e/ui-kit/ with the app's styles and served under the app's own Content-Security-Policy: every
// control reached by Tab with its role and name, tooltips on keyboard focus, a tall popover kept inside the
// window and scrolling, the select and the menu driven by keys only, the searchable list filtering, the
// dialog's header staying put and its focus trap, the slider's keys, the theme attribute and the system's
// choice, and no CSP violation or console error on the way.
import { createServer, type Server } from 'node:http';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'vite';
import react from '@vitejs/plugin-react';
import type { Browser, Locator, Page } from 'playwright-core';
import { RENDERER_HEADERS } from '../../electron/shells-common/csp';
import { cspSafeStyles } from '../../scripts/vite-csp-safe-styles';
import { launchChromium } from '../support/browser';

const W = 800;
const H = 600;
let dir: string;
let server: Server;
let url: string;
let browser: Browser;

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'omni-ui-kit-'));
  await build({
    configFile: false, logLevel: 'silent', root: resolve(__dirname, 'ui-kit'), base: './',
    plugins: [react(), cspSafeStyles()], build: { outDir: dir, emptyOutDir: true, minify: false },
  });
  server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = join(dir, path === '/' ? 'index.html' : path);
    readFile(file).then(
      (body) => {
        res.writeHead(200, { ...RENDERER_HEADERS, 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
        res.end(body);
      },
      () => {
        res.writeHead(404);
        res.end();
      },
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
  if (dir) await rm(dir, { recursive: true, force: true });
});

interface KitPage {
  page: Page;
  /** Page errors, console errors and CSP violations, as they happened. */
  problems: string[];
}

async function openKit(colorScheme: 'light' | 'dark' = 'light'): Promise<KitPage> {
  const page = await browser.newPage({ viewport: { width: W, height: H }, colorScheme });
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  await page.exposeFunction('reportViolation', (s: string) => problems.push(`CSP: ${s}`));
  await page.addInitScript(() => {
    (globalThis as any).document.addEventListener('securitypolicyviolation', (e: any) =>
      (globalThis as any).reportViolation(`${e.violatedDirective} ${e.sourceFile}:${e.lineNumber}`));
  });
  await page.goto(url);
  await page.getByRole('button', { name: 'Open dialog' }).waitFor();
  return { page, problems };
}

const focused = (l: Locator) => l.evaluate((el) => el === (el.ownerDocument as any).activeElement);
const said = (page: Page) => page.getByRole('status', { name: 'Said' });

/** Whether the element lies inside the 800×600 window with `margin` px to spare. */
async function inside(l: Locator, margin = 0): Promise<boolean> {
  const b = await l.boundingBox();
  if (!b) return false;
  return b.x >= margin && b.y >= margin && b.x + b.width <= W - margin && b.y + b.height <= H - margin;
}

/** Waits for a popper or dialog to be placed (Radix measures first, off screen) and its opening animation to end. */
async function settled(l: Locator): Promise<void> {
  await expect.poll(() => l.evaluate((el: any) => el.getBoundingClientRect().top >= 0), { timeout: 5_000 }).toBe(true);
  await l.evaluate((el: any) => Promise.all(el.getAnimations({ subtree: true }).map((a: any) => a.finished)));
}

async function settlesInside(l: Locator, margin = 0): Promise<void> {
  await settled(l);
  expect(await inside(l, margin)).toBe(true);
}

describe('the UI kit in Chromium at 800×600, under the app\'s CSP', () => {
  it('every control is reached by Tab, in order, with its role and name; the icon button carries its shortcut', async () => {
    const { page, problems } = await openKit();
    const order: Locator[] = [
      page.getByRole('button', { name: 'Search conversations' }),
      page.getByRole('button', { name: 'Hover me' }),
      page.getByRole('button', { name: 'Conversation actions' }),
      page.getByRole('combobox', { name: 'Fruit' }),
      page.getByRole('combobox', { name: 'Voice' }),
      page.getByRole('slider', { name: 'Keep from' }),
      page.getByRole('button', { name: 'Open dialog' }),
      page.getByRole('button', { name: 'Open popover' }),
    ];
    for (const l of order) {
      await page.keyboard.press('Tab');
      expect(await focused(l), String(l)).toBe(true);
    }
    expect(await order[0]!.getAttribute('aria-keyshortcuts')).toBe('Control+K');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('a tooltip shows on keyboard focus with the label and the shortcut, describes only what the name does not say, and Escape hides it', async () => {
    const { page, problems } = await openKit();
    await page.keyboard.press('Tab');
    const tip = page.locator('.ui-tooltip');
    await tip.waitFor();
    expect(await tip.innerText()).toMatch(/^Search conversations/);
    expect(await tip.locator('kbd').innerText()).toBe('Ctrl+K');
    await settlesInside(tip);
    // Its description is the shortcut; the name is not said twice.
    const button = page.getByRole('button', { name: 'Search conversations' });
    const describedBy = await button.getAttribute('aria-describedby');
    expect(describedBy).toBeTruthy();
    expect(await page.locator(`[id="${describedBy}"]`).innerText()).toBe('Ctrl+K');
    await page.keyboard.press('Escape');
    await tip.waitFor({ state: 'detached' });

    await page.keyboard.press('Tab');
    await page.locator('.ui-tooltip', { hasText: 'A plain tooltip' }).waitFor();
    expect(problems).toEqual([]);
    await page.close();
  });

  it('a popover taller than the window opens from the bottom corner inside it, scrolls, keeps the keyboard, and gives it back', async () => {
    const { page, problems } = await openKit();
    const trigger = page.getByRole('button', { name: 'Open popover' });
    await trigger.focus();
    await page.keyboard.press('Enter');
    const pop = page.getByRole('dialog', { name: 'Tall popover' });
    await pop.waitFor();
    await settlesInside(pop, 8);
    expect(await pop.evaluate((el: any) => el.scrollHeight > el.clientHeight)).toBe(true);
    // The keyboard is in it, on its first control; Tab goes on to the last one, scrolled into view.
    expect(await focused(pop.getByRole('button', { name: 'First button' }))).toBe(true);
    await page.keyboard.press('Tab');
    const last = pop.getByRole('button', { name: 'Last button' });
    expect(await focused(last)).toBe(true);
    expect(await inside(last)).toBe(true);
    expect(await pop.evaluate((el: any) => el.scrollTop)).toBeGreaterThan(0);
    await page.keyboard.press('Enter');
    await said(page).getByText('popover end').waitFor();
    await page.keyboard.press('Escape');
    await pop.waitFor({ state: 'detached' });
    await expect.poll(() => focused(trigger)).toBe(true); // given back a tick after the layer closes
    expect(problems).toEqual([]);
    await page.close();
  });

  it('the select is a combobox run by the keyboard: open, type to jump, Enter to choose; its list stays in the window', async () => {
    const { page, problems } = await openKit();
    const select = page.getByRole('combobox', { name: 'Fruit' });
    expect(await select.innerText()).toBe('Cherry');
    await select.focus();
    await page.keyboard.press('Enter');
    const list = page.locator('.ui-select-content');
    await list.waitFor();
    expect(await list.getAttribute('role')).toBe('listbox');
    // Open, the select is modal: the rest of the page, its trigger too, is hidden from screen readers.
    expect(await page.locator('#fruit').getAttribute('aria-expanded')).toBe('true');
    await settlesInside(list, 8);
    expect(await list.getByRole('option').count()).toBe(20);
    await page.keyboard.type('pea');
    await expect.poll(() => list.getByRole('option', { name: /^Peach/ }).getAttribute('data-highlighted')).toBe('');
    await page.keyboard.press('Enter');
    await list.waitFor({ state: 'detached' });
    expect(await select.innerText()).toBe('Peach');
    expect(await focused(select)).toBe(true);
    // Arrow keys open it too, starting from the chosen one.
    await page.keyboard.press('ArrowDown');
    await list.waitFor();
    await settled(list);
    const highlighted = () => list.locator('[data-highlighted]').innerText();
    expect(await highlighted()).toBe('Peach');
    await page.keyboard.press('ArrowDown');
    // Radix moves the highlight a tick after the key (to let typeahead gather letters).
    await expect.poll(highlighted).toBe('Plum');
    await page.keyboard.press('Enter');
    expect(await select.innerText()).toBe('Plum');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('the menu opens from its icon button by Enter, moves by arrows, acts on Enter and gives the focus back', async () => {
    const { page, problems } = await openKit();
    const trigger = page.getByRole('button', { name: 'Conversation actions' });
    await trigger.focus();
    await page.keyboard.press('Enter');
    const menu = page.getByRole('menu', { name: 'Conversation actions' }); // named by its button
    await menu.waitFor();
    expect(await menu.getByRole('menuitem').allInnerTexts()).toEqual(['Rename', 'Delete']);
    await page.keyboard.press('ArrowDown');
    // Radix moves the focus a tick after the key, as it does the select's highlight.
    await expect.poll(() => focused(menu.getByRole('menuitem', { name: 'Delete' }))).toBe(true);
    await page.keyboard.press('Enter');
    await said(page).getByText('delete').waitFor();
    await menu.waitFor({ state: 'detached' });
    await expect.poll(() => focused(trigger)).toBe(true); // given back a tick after the layer closes
    expect(problems).toEqual([]);
    await page.close();
  });

  it('the searchable list filters as you type, by label, hint or keyword, and Enter chooses the highlighted item', async () => {
    const { page, problems } = await openKit();
    const input = page.getByRole('combobox', { name: 'Voice' });
    const list = page.getByRole('listbox', { name: 'Voice' });
    expect(await list.getByRole('option').count()).toBe(4);
    await input.fill('cantonese');
    await expect.poll(() => list.getByRole('option').allInnerTexts()).toEqual([expect.stringContaining('Cantonese - Rocky')]);
    await input.press('Enter');
    await said(page).getByText('voice Rocky').waitFor();
    await input.fill('auntie');
    await expect.poll(() => list.getByRole('option').count()).toBe(1);
    await input.fill('zzz');
    await page.getByText('No voice matches.').waitFor();
    await input.fill('');
    await expect.poll(() => list.getByRole('option').count()).toBe(4);
    // Arrows move the highlight, which the field names as its active descendant.
    const first = await input.getAttribute('aria-activedescendant');
    await input.press('ArrowDown');
    await expect.poll(() => input.getAttribute('aria-activedescendant')).not.toBe(first);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('the slider moves by arrows, Page Up and Home/End, and says its value in words', async () => {
    const { page, problems } = await openKit();
    const slider = page.getByRole('slider', { name: 'Keep from' });
    await slider.focus();
    await page.keyboard.press('ArrowRight');
    expect(await slider.getAttribute('aria-valuenow')).toBe('31');
    await page.keyboard.press('PageUp');
    expect(await slider.getAttribute('aria-valuenow')).toBe('41');
    await page.keyboard.press('Home');
    expect(await slider.getAttribute('aria-valuenow')).toBe('0');
    await page.keyboard.press('End');
    expect(await slider.getAttribute('aria-valuenow')).toBe('120');
    expect(await slider.getAttribute('aria-valuetext')).toBe('120 s of 120');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('the dialog fits the window, keeps its header while the body scrolls, traps the focus and returns it on Escape', async () => {
    const { page, problems } = await openKit();
    const trigger = page.getByRole('button', { name: 'Open dialog' });
    await trigger.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Kit dialog' });
    await dialog.waitFor();
    expect(await dialog.getAttribute('aria-modal')).toBe('true');
    await settlesInside(dialog, 8);
    // The keyboard lands on the dialog itself (its title is read), not on Close with its tooltip.
    expect(await focused(dialog)).toBe(true);
    const close = dialog.getByRole('button', { name: 'Close' });
    const before = await close.boundingBox();
    const body = page.locator('.ui-dialog-body');
    expect(await body.evaluate((el: any) => el.scrollHeight > el.clientHeight)).toBe(true);
    await page.keyboard.press('Tab');
    expect(await focused(close)).toBe(true);
    await page.keyboard.press('Tab');
    const bottom = dialog.getByRole('button', { name: 'Bottom button' });
    expect(await focused(bottom)).toBe(true);
    expect(await inside(bottom)).toBe(true);
    expect(await body.evaluate((el: any) => el.scrollTop)).toBeGreaterThan(0);
    expect(await close.boundingBox()).toEqual(before);
    // The focus stays inside: past the last control comes Close again.
    await page.keyboard.press('Tab');
    expect(await focused(close)).toBe(true);
    // Escape closes the topmost layer first: Close's tooltip, then the dialog. (The tooltip is opened by the
    // pointer here: after the focus trap wraps round, Radix does not reliably open it again on focus.)
    await close.hover();
    await page.locator('.ui-tooltip', { hasText: 'Close' }).waitFor();
    await page.keyboard.press('Escape');
    await page.locator('.ui-tooltip').waitFor({ state: 'detached' });
    expect(await dialog.isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => focused(trigger)).toBe(true); // given back a tick after the layer closes
    expect(problems).toEqual([]);
    await page.close();
  });

  it('the theme: the attribute wins, no attribute follows the system live, and painters are told each change', async () => {
    const { page, problems } = await openKit('light');
    const bg = () => page.evaluate(() => (globalThis as any).getComputedStyle((globalThis as any).document.body).backgroundColor as string);
    const scheme = () => page.evaluate(() => (globalThis as any).getComputedStyle((globalThis as any).document.documentElement).colorScheme as string);
    const kit = (js: string) => page.evaluate(js);
    const LIGHT = 'rgb(247, 247, 249)';
    const DARK = 'rgb(22, 23, 27)';
    expect(await bg()).toBe(LIGHT);
    await kit("kit.applyTheme('dark')");
    expect(await bg()).toBe(DARK);
    expect(await scheme()).toBe('dark');
    expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
    await kit("kit.applyTheme('system')");
    expect(await page.locator('html').getAttribute('data-theme')).toBeNull();
    expect(await bg()).toBe(LIGHT);
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await bg()).toBe(DARK);
    // The system's change arrives as an event at the next frame.
    await expect.poll(() => kit('kit.themes')).toEqual(['dark', 'light', 'dark']);
    await kit("kit.applyTheme('light')");
    expect(await bg()).toBe(LIGHT);
    expect(await scheme()).toBe('light');
    // A system change under a chosen theme changes nothing, and says nothing.
    await page.emulateMedia({ colorScheme: 'light' });
    await page.evaluate(() => new Promise((r) => (globalThis as any).requestAnimationFrame(r)));
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.evaluate(() => new Promise((r) => (globalThis as any).requestAnimationFrame(r)));
    expect(await bg()).toBe(LIGHT);
    expect(await kit('kit.themes')).toEqual(['dark', 'light', 'dark', 'light']);
    // Portalled parts (a dialog) take the theme too.
    await kit("kit.applyTheme('dark')");
    await page.getByRole('button', { name: 'Open dialog' }).click();
    const panel = await page.getByRole('dialog', { name: 'Kit dialog' }).evaluate((el: any) => el.ownerDocument.defaultView.getComputedStyle(el).backgroundColor);
    expect(panel).toBe('rgb(28, 30, 35)');
    expect(problems).toEqual([]);
    await page.close();
  });
});
