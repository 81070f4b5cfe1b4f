// Versions of a turn end to end: the real UI in Chromium through the browser shell, the real core and
// SQLite file, the stand-in answering. Regenerate a reply and go back to the first one (kept after a
// reload), edit a question (the turns after it belong to the other version and return with it), and
// Retry a reply that failed (the failure stays as version 1). Found by role and name only.
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { StandinScenario } from '../standin';
import { useAppHarness } from '../support/use-app-harness';
import { sendMessage, settled as ended } from '../support/conversation-page';

const app = useAppHarness({ prefix: 'omni-branch-e2e-', scenario: { audioSeconds: 0.3 } });

/** The stand-in's next replies: `s` on a clean slate (setScenario alone merges, failures included). */
const replies = (s: Partial<StandinScenario>) => app.replies(s);

const users = (page: Page) => page.getByRole('article', { name: 'User message' });
const replyArticles = (page: Page) => page.getByRole('article', { name: 'Assistant message' });

/** What the conversation shows, article by article (the version counter included). */
async function shown(page: Page): Promise<string[]> {
  return page.getByRole('article').evaluateAll((els) => els.map((e) => ((e as { innerText: string }).innerText).replace(/\s+/g, ' ').trim()));
}

async function settled(reply: Locator): Promise<void> {
  await ended(reply);
}

async function send(page: Page, text: string): Promise<void> {
  await ended(await sendMessage(page, text));
}

describe('editing and regenerating, in Chromium', () => {
  it('regenerate, switch back (kept after reload), edit a question and switch between its versions, Retry a failure', async () => {
    await app.core.handlers['settings.update']({ speakReplies: false });
    const { page, errors } = await app.openApp();
    replies({ text: 'Red is a warm colour.' });
    await send(page, 'Name a colour.');
    replies({ text: 'Green grows.' });
    await send(page, 'Another one?');

    // Regenerate the second reply: the stand-in answers differently; the new one is version 2 of 2.
    replies({ text: 'Blue, like the sea.' });
    const second = replyArticles(page).nth(1);
    await second.getByRole('button', { name: 'Regenerate' }).click();
    await expect.poll(() => replyArticles(page).nth(1).innerText(), { timeout: 20_000 }).toMatch(/Blue, like the sea\./);
    await settled(replyArticles(page).nth(1));
    await expect.poll(() => replyArticles(page).nth(1).innerText()).toMatch(/2 \/ 2/);
    expect(await replyArticles(page).count()).toBe(2);

    // Back to the first version: its text again, and so after a reload.
    await replyArticles(page).nth(1).getByRole('button', { name: 'Previous version' }).click();
    await expect.poll(() => replyArticles(page).nth(1).innerText()).toMatch(/Green grows\.[\s\S]*1 \/ 2/);
    expect(await replyArticles(page).nth(1).getByRole('button', { name: 'Previous version' }).isDisabled()).toBe(true);
    await page.reload();
    await expect.poll(() => shown(page), { timeout: 20_000 }).toEqual([
      expect.stringMatching(/^Name a colour\./),
      expect.stringMatching(/Red is a warm colour\./),
      expect.stringMatching(/^Another one\?/),
      expect.stringMatching(/Green grows\..*1 \/ 2/),
    ]);

    // Edit the first question: a new reply, and the second turn leaves the view (it is the other version's).
    replies({ text: 'Then yellow.' });
    const first = users(page).first();
    await first.getByRole('button', { name: 'Edit' }).click();
    const box = first.getByRole('textbox', { name: 'Edited text' });
    expect(await box.inputValue()).toBe('Name a colour.');
    await box.fill('Name a bright colour.');
    await first.getByRole('button', { name: 'Save and send' }).click();
    await expect.poll(() => shown(page), { timeout: 20_000 }).toEqual([
      expect.stringMatching(/^Name a bright colour\..*2 \/ 2/),
      expect.stringMatching(/Then yellow\./),
    ]);
    await settled(replyArticles(page).last());
    expect(app.standin.requests.at(-1)!.body.messages).toEqual([{ role: 'user', content: 'Name a bright colour.' }]);

    // And back: the first question with everything after it returns (that version's newest path).
    await users(page).first().getByRole('button', { name: 'Previous version' }).click();
    await expect.poll(() => shown(page)).toEqual([
      expect.stringMatching(/^Name a colour\..*1 \/ 2/),
      expect.stringMatching(/Red is a warm colour\./),
      expect.stringMatching(/^Another one\?/),
      expect.stringMatching(/Blue, like the sea\..*2 \/ 2/),
    ]);

    // A reply that fails shows Retry; Retry succeeds and the failed attempt stays as version 1.
    replies({ http500: true, failNext: 1 });
    await send(page, 'And a third?');
    const failed = replyArticles(page).last();
    expect(await failed.getAttribute('data-status')).toBe('failed');
    await failed.getByRole('status').filter({ hasText: /^Failed/ }).waitFor();
    expect(await failed.getByRole('button', { name: 'Regenerate' }).count()).toBe(0);
    replies({ text: 'Purple, this time.' });
    await failed.getByRole('button', { name: 'Retry' }).click();
    await expect.poll(() => replyArticles(page).last().innerText(), { timeout: 20_000 }).toMatch(/Purple, this time\.[\s\S]*2 \/ 2/);
    await settled(replyArticles(page).last());
    expect(await replyArticles(page).last().getAttribute('data-status')).toBe('complete');
    await replyArticles(page).last().getByRole('button', { name: 'Previous version' }).click();
    await expect.poll(() => replyArticles(page).last().getAttribute('data-status')).toBe('failed');
    expect(await replyArticles(page).last().innerText()).toMatch(/1 \/ 2/);

    // A search hit in a version that is not shown opens with that version shown.
    await page.getByRole('button', { name: 'New conversation' }).click();
    await expect.poll(() => page.getByRole('article').count()).toBe(0);
    await page.getByRole('searchbox', { name: 'Search conversations' }).fill('Green grows');
    await page.getByRole('option', { name: /Green grows/ }).click();
    await expect.poll(() => shown(page), { timeout: 20_000 }).toEqual([
      expect.stringMatching(/^Name a colour\..*1 \/ 2/),
      expect.stringMatching(/Red is a warm colour\./),
      expect.stringMatching(/^Another one\?/),
      expect.stringMatching(/Green grows\..*1 \/ 2/),
    ]);
    await page.getByRole('searchbox', { name: 'Search conversations' }).fill('bright colour');
    await page.getByRole('option', { name: /bright colour/ }).click();
    await expect.poll(() => shown(page)).toEqual([
      expect.stringMatching(/^Name a bright colour\..*2 \/ 2/),
      expect.stringMatching(/Then yellow\./),
    ]);
    expect(errors).toEqual([]);
  }, 120_000);
});
