// The Conversations list as a user meets it at 1280×800 and 800×600, in Chromium over the real core (its
// clock set to store conversations days and months ago) and the stand-in: date groups (Today, Yesterday,
// Previous 7 days, a month, Older) in that order with their conversations under them; Pin moves one to a
// Pinned group on top and Unpin puts it back; with generated titles on, the stand-in sees the title request
// and the list and header show the model's title; a media-only question's fallback is worded per language.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useAppHarness } from '../support/use-app-harness';
import { openWithSidebar, sendMessage, settled } from '../support/conversation-page';

const DAY = 86_400_000;
let clock: number | null = null;
const app = useAppHarness({
  prefix: 'omni-e2e-list-groups-', now: () => clock ?? Date.now(), scenario: { audioSeconds: 0.2, text: 'Sure.' },
});

const openAt = (width: number, height: number) => openWithSidebar(app, width, height);

/** Headings and titles top to bottom, as the list lays them out. */
function listed(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const doc = (globalThis as any).document;
    const items = [...doc.querySelectorAll('.conversation-list li, .conversation-list .list-group-heading')] as any[];
    return items
      .map((li) => ({ top: parseFloat(li.style.top), text: li.classList.contains('list-group-heading') ? `# ${li.textContent}` : li.querySelector('.conversation-link')?.textContent ?? '' }))
      .sort((a, b) => a.top - b.top)
      .map((x) => x.text);
  });
}

async function seed(): Promise<void> {
  const now = Date.now();
  const today = new Date(now);
  const midnight = new Date(today.getFullYear(), today.getMonth(), today.getDate()).getTime();
  // Each at noon of its day, so "today" never falls into tomorrow whatever the hour.
  const at = [
    ['Ninety days ago', midnight - 90 * DAY + 12 * 3_600_000],
    ['Four days ago', midnight - 4 * DAY + 12 * 3_600_000],
    ['Yesterday at noon', midnight - 1 * DAY + 12 * 3_600_000],
    ['Earlier today', Math.max(midnight + 60_000, now - 60_000)],
  ] as const;
  for (const [text, when] of at) {
    clock = when;
    const { outcome } = await app.testCore.send({ text });
    expect(outcome.status).toBe('complete');
  }
  clock = null;
}

describe.each([
  [1280, 800],
  [800, 600],
])('the list at %i×%i', (W, H) => {
  it('groups conversations by date, newest first; Pin moves one to the top and Unpin back', async () => {
    await seed();
    const { page, errors } = await openAt(W, H);
    await expect.poll(() => listed(page)).toEqual([
      '# Today', 'Earlier today', '# Yesterday', 'Yesterday at noon', '# Previous 7 days', 'Four days ago',
      expect.stringMatching(/^# /), 'Ninety days ago',
    ]);
    const old = (await listed(page))[6]!;
    // Ninety days ago is a month of the last twelve, named by its month.
    expect(old).toMatch(/^# [A-Z][a-z]+( \d{4})?$/);

    const nav = page.getByRole('navigation', { name: 'Conversations' });
    // To a screen reader each date is a group named by its heading (a heading it can jump to), holding a
    // list of that date's conversations, counted within the group.
    const groupNames = await nav.getByRole('group').evaluateAll((els) =>
      els.map((el) => (globalThis as any).document.getElementById(el.getAttribute('aria-labelledby'))?.textContent));
    expect(groupNames).toEqual(['Today', 'Yesterday', 'Previous 7 days', old.slice(2)]);
    for (const [name, title] of [['Today', 'Earlier today'], ['Yesterday', 'Yesterday at noon'], ['Previous 7 days', 'Four days ago']]) {
      const group = nav.getByRole('group', { name });
      expect(await group.getByRole('heading', { name, level: 3 }).count()).toBe(1);
      const items = group.getByRole('list').getByRole('listitem');
      expect(await items.getByRole('link').allInnerTexts()).toEqual([title]);
      expect([await items.getAttribute('aria-posinset'), await items.getAttribute('aria-setsize')]).toEqual(['1', '1']);
    }
    expect(await nav.getByRole('group', { name: old.slice(2) }).getByRole('link').allInnerTexts()).toEqual(['Ninety days ago']);
    const entry = nav.locator('li', { has: page.getByRole('link', { name: 'Four days ago' }) });
    await entry.hover();
    await entry.getByRole('button', { name: 'Pin' }).click();
    await expect.poll(() => listed(page)).toEqual([
      '# Pinned', 'Four days ago', '# Today', 'Earlier today', '# Yesterday', 'Yesterday at noon', old, 'Ninety days ago',
    ]);
    expect(await nav.getByRole('group', { name: 'Pinned' }).getByRole('link').allInnerTexts()).toEqual(['Four days ago']);
    const pinned = nav.locator('li', { has: page.getByRole('link', { name: 'Four days ago' }) });
    await pinned.hover();
    await pinned.getByRole('button', { name: 'Unpin' }).click();
    await expect.poll(() => listed(page)).toEqual([
      '# Today', 'Earlier today', '# Yesterday', 'Yesterday at noon', '# Previous 7 days', 'Four days ago', old, 'Ninety days ago',
    ]);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('titles', () => {
  it('a generated title: the stand-in sees the title request, the list and the header show its answer', async () => {
    await app.core.handlers['settings.update']({ generateTitles: true });
    app.replies({ rules: [{ when: 'You name conversations', text: 'Capital of France' }] });
    const { page, errors } = await openAt(1280, 800);
    const reply = await sendMessage(page, 'what is the capital of **France**? asking for a quiz');
    expect(await settled(reply)).toBe('complete');
    const nav = page.getByRole('navigation', { name: 'Conversations' });
    await nav.getByRole('link', { name: 'Capital of France', exact: true }).waitFor({ timeout: 15_000 });
    await expect.poll(() => page.locator('.topbar-title').innerText()).toBe('Capital of France');
    const titleRequests = app.standin.requests.filter((r) => JSON.stringify(r.body).includes('You name conversations'));
    expect(titleRequests.length).toBe(1);
    expect((titleRequests[0]!.body as { modalities?: string[] }).modalities ?? ['text']).toEqual(['text']);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('with generated titles off, the title is the question\'s words without Markdown', async () => {
    const { page, errors } = await openAt(800, 600);
    const before = app.standin.requests.length;
    const reply = await sendMessage(page, '## What is **the capital** of `France`?');
    expect(await settled(reply)).toBe('complete');
    await page.getByRole('navigation', { name: 'Conversations' }).getByRole('link', { name: 'What is the capital of France?', exact: true }).waitFor();
    expect(app.standin.requests.length).toBe(before + 1);
    expect(errors).toEqual([]);
    await page.close();
  });
});
