// The conversation view as the end-to-end tests drive it: send a question and get the reply it started,
// wait for a reply to end, start a new conversation. Each read of "the newest reply" happens in the page
// in one step: counting the replies and then asking the last one for its id (two round trips) can meet a
// view that has replaced it in between — a conversation switched, or the windowed list re-rendered — and
// then waits for an article that never comes.
import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';

/** A reply (an assistant message) in any interface language: only replies carry a status. */
export const REPLY = 'article[data-status]';

/** The id of the newest reply shown, or null when none is (the windowed view always renders the newest). */
export function newestReplyId(page: Page): Promise<string | null> {
  return page.evaluate((selector) => {
    // Runs in the page (this file is type-checked without the DOM library).
    const all = (globalThis as any).document.querySelectorAll(selector);
    return all.length === 0 ? null : (all[all.length - 1].getAttribute('data-message-id') as string | null);
  }, REPLY);
}

/** The reply with this id. */
export function replyById(page: Page, id: string): Locator {
  return page.locator(`${REPLY}[data-message-id="${id}"]`);
}

/** Waits until a reply other than `before` is the newest shown, and returns it. */
export async function newReplyAfter(page: Page, before: string | null, timeout = 30_000): Promise<Locator> {
  let id: string | null = null;
  await expect.poll(async () => {
    id = await newestReplyId(page);
    return id !== null && id !== before;
  }, { timeout, message: `a new reply after ${before ?? 'none'}` }).toBe(true);
  return replyById(page, id!);
}

/**
 * Types `text` into the composer (unless it is null: what is there goes), clicks Send, and returns the reply
 * this started. `names` are the accessible names in another interface language.
 */
export async function sendMessage(
  page: Page,
  text: string | null,
  names: { box?: string; send?: string } = {},
): Promise<Locator> {
  const before = await newestReplyId(page);
  if (text !== null) await page.getByRole('textbox', { name: names.box ?? 'Message' }).fill(text);
  await page.getByRole('button', { name: names.send ?? 'Send', exact: true }).click();
  return newReplyAfter(page, before);
}

/** Waits until the reply has ended, however it ended, and returns its status. */
export async function settled(reply: Locator, timeout = 30_000): Promise<string> {
  let status: string | null = null;
  await expect.poll(async () => {
    status = await reply.getAttribute('data-status', { timeout: 1_000 }).catch(() => null);
    return status !== null && status !== 'streaming';
  }, { timeout, message: 'the reply to end' }).toBe(true);
  return status!;
}

/** Clicks New conversation (`name` in another language) and waits until the view shows no message. */
export async function newConversation(page: Page, name = 'New conversation'): Promise<void> {
  await page.getByRole('button', { name, exact: true }).click();
  await expect.poll(() => page.getByRole('article').count(), { message: 'the new conversation to show' }).toBe(0);
}

/** A new page of the app at width×height with the Conversations list in view (unfolded when the window folded it). */
export async function openWithSidebar(
  app: { newPage(): Promise<{ page: Page; errors: string[] }>; shell: { url: string } },
  width: number,
  height: number,
): Promise<{ page: Page; errors: string[] }> {
  const { page, errors } = await app.newPage();
  await page.setViewportSize({ width, height });
  await page.goto(app.shell.url);
  await page.getByRole('textbox', { name: 'Message' }).waitFor();
  const nav = page.getByRole('navigation', { name: 'Conversations' });
  if (!(await nav.isVisible())) await page.getByRole('button', { name: 'Toggle sidebar' }).click();
  return { page, errors };
}
