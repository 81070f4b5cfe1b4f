// The Conversations list and the open conversation's title as a user meets them, in two windows (two pages on
// the same browser shell and core, real SQLite file, the DashScope stand-in): a new conversation, a rename and
// a delete reach this window's list and title and the other window's list. A change is a cheap signal: the
// window fetches again only the page of rows in view (conversations.page), never the whole list.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useAppHarness } from '../support/use-app-harness';

const app = useAppHarness({ prefix: 'omni-e2e-list-', scenario: { audioSeconds: 0.3, text: 'West Lake is lovely in spring.' } });

interface Window {
  page: Page;
  errors: string[];
  /** The request names this window sent over the WebSocket, with their input. */
  requests: { name: string; input: unknown }[];
}

async function openWindow(): Promise<Window> {
  const page = await app.context.newPage();
  const w: Window = { page, errors: [], requests: [] };
  page.on('pageerror', (e) => w.errors.push(e.message));
  page.on('websocket', (ws) =>
    ws.on('framesent', ({ payload }) => {
      if (typeof payload !== 'string') return;
      const msg = JSON.parse(payload) as { name?: string; input?: unknown };
      if (msg.name) w.requests.push({ name: msg.name, input: msg.input });
    }),
  );
  await page.goto(app.shell.url);
  await page.getByRole('button', { name: 'New conversation', exact: true }).waitFor();
  return w;
}

const nav = (page: Page) => page.getByRole('navigation', { name: 'Conversations' });
const link = (page: Page, title: string) => nav(page).getByRole('link', { name: title, exact: true });
const entry = (page: Page, title: string) =>
  nav(page).getByRole('listitem').filter({ has: page.getByRole('link', { name: title, exact: true }) });
const heading = (page: Page) => page.getByRole('heading', { level: 1 }).innerText();

async function rename(page: Page, from: string, to: string): Promise<void> {
  await entry(page, from).getByRole('button', { name: 'Rename' }).click();
  const box = nav(page).getByRole('textbox', { name: 'Conversation title' });
  await box.fill(to);
  await box.press('Enter');
}

describe('the Conversations list across windows', () => {
  it('a send, a rename and a delete reach this window\'s list and title and the other window\'s list', async () => {
    const a = await openWindow();
    const b = await openWindow();
    const question = 'Planning a trip to Hangzhou';

    // A starts a conversation: its title heads A's list and is A's heading; B's list shows it too.
    await a.page.getByRole('textbox', { name: 'Message' }).fill(question);
    await a.page.getByRole('button', { name: 'Send' }).click();
    await a.page.getByRole('article', { name: 'Assistant message' }).and(a.page.locator('[data-status="complete"]')).waitFor({ timeout: 20_000 });
    await link(a.page, question).waitFor();
    await expect.poll(() => heading(a.page)).toBe(question);
    await link(b.page, question).waitFor();

    // B renames it: A's list and A's heading follow, without a reload.
    await rename(b.page, question, 'Hangzhou 行程');
    await link(b.page, 'Hangzhou 行程').waitFor();
    await link(a.page, 'Hangzhou 行程').waitFor();
    await expect.poll(() => heading(a.page)).toBe('Hangzhou 行程');
    expect(await link(a.page, question).count()).toBe(0);

    // A renames it back from its own list: its heading follows at once, and so does B's list.
    await rename(a.page, 'Hangzhou 行程', 'West Lake');
    await expect.poll(() => heading(a.page)).toBe('West Lake');
    await link(b.page, 'West Lake').waitFor();

    // A second conversation from B goes to the top of A's list.
    await b.page.getByRole('textbox', { name: 'Message' }).fill('Tea in Longjing village');
    await b.page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => nav(a.page).getByRole('link').allInnerTexts()).toEqual(['Tea in Longjing village', 'West Lake']);

    // B deletes the first: it leaves A's list, and the count says so.
    await entry(b.page, 'West Lake').getByRole('button', { name: 'Delete' }).click();
    await b.page.getByRole('dialog', { name: 'Delete conversation?' }).getByRole('button', { name: 'Delete' }).click();
    await link(b.page, 'West Lake').waitFor({ state: 'detached' });
    await link(a.page, 'West Lake').waitFor({ state: 'detached' });
    expect(await nav(a.page).getByRole('link').allInnerTexts()).toEqual(['Tea in Longjing village']);

    // Every change above was a signal to fetch the rows in view again: one page, never the whole list.
    for (const w of [a, b]) {
      const names = w.requests.map((r) => r.name);
      expect(names).not.toContain('conversations.list');
      const pages = w.requests.filter((r) => r.name === 'conversations.page');
      expect(pages.length).toBeGreaterThan(3);
      expect(pages.every((r) => (r.input as { offset: number }).offset === 0)).toBe(true);
    }
    expect([...a.errors, ...b.errors]).toEqual([]);
    await a.page.close();
    await b.page.close();
  }, 120_000);
});
