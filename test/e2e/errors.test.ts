// Errors, rate limits, usage and the input limit as a user meets them: the real UI in Chromium through the
// browser shell, the real core and SQLite file, the stand-in producing each failure. Found by role and name.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { DEFAULT_TEXT, type StandinScenario } from '../standin';
import { ERROR_CASES } from '../support/error-cases';
import { useAppHarness } from '../support/use-app-harness';
import { newConversation, newReplyAfter, sendMessage as send, settled } from '../support/conversation-page';

const app = useAppHarness({ prefix: 'omni-errors-e2e-', scenario: { audioSeconds: 0.3, text: 'All good here.' } });

// Text replies unless a test asks for spoken ones.
beforeEach(async () => {
  await app.core.handlers['settings.update']({ speakReplies: false });
});

/** The stand-in's next replies: `s` on a clean slate (setScenario alone merges, failures included). */
const replies = (s: Partial<StandinScenario>) => app.replies(s);

const replyArticles = (page: Page) => page.getByRole('article', { name: 'Assistant message' });
const messageBox = (page: Page) => page.getByRole('textbox', { name: 'Message' });

const statusOf = (reply: Locator) => reply.getByRole('status').innerText();

// A representative set of the reference's errors: what the reply's status says (once: not again in the window's alert).
const CASES: { name: string; scenario: Partial<StandinScenario>; says: RegExp }[] = [
  {
    name: 'account overdue',
    scenario: { httpError: { status: 400, code: 'Arrearage', message: 'Access denied, please make sure your account is in good standing.', type: 'Arrearage' } },
    says: /^Failed: Access denied: the Alibaba Cloud account behind this key has an overdue payment\. Top up the account/,
  },
  {
    name: 'free tier exhausted',
    scenario: { httpError: { status: 403, code: 'AllocationQuota.FreeTierOnly', message: 'The free tier of the model has been exhausted.' } },
    says: /^Failed: The free quota for this model is used up.*Switch it off in the Model Studio console/,
  },
  {
    name: 'content moderation on the input',
    scenario: { httpError: { status: 400, code: 'data_inspection_failed', message: 'Input data may contain inappropriate content.', type: 'data_inspection_failed' } },
    says: /^Failed: The provider's content safety check refused this message.*Rephrase it or remove the attachment/,
  },
  {
    name: 'model not enabled',
    scenario: { httpError: { status: 404, code: 'model_not_found', message: 'Model can not be found.' } },
    says: /^Failed: This model is not available with this key and region.*Choose another model in Settings/,
  },
  { name: 'server error', scenario: { http500: true }, says: /^Failed: The API server had a problem \(HTTP 500\).*Try again in a moment/ },
  {
    name: 'an answer the app does not know',
    scenario: { httpError: { status: 409, code: 'Conflict.Novel', message: 'A brand new kind of problem.' } },
    says: /^Failed: The API refused the request \(HTTP 409, Conflict\.Novel\) \(request id [0-9a-f-]{36}\)\. The server said: "A brand new kind of problem\."/,
  },
];

describe('errors in Chromium', () => {
  it('each failure says what happened and what to do, once, in the reply; the window shows no alert for it', async () => {
    const { page, errors } = await app.openApp();
    for (const c of CASES) {
      await newConversation(page);
      replies(c.scenario);
      const reply = await send(page, `Trying: ${c.name}`);
      await settled(reply);
      expect(await reply.getAttribute('data-status')).toBe('failed');
      expect(await statusOf(reply), c.name).toMatch(c.says);
      // The reason is said once, in the reply: the window's alert is for what belongs to no reply.
      const reason = new RegExp(c.says.source.replace('^Failed: ', ''));
      expect((await reply.innerText()).match(new RegExp(reason.source, 'g')) ?? [], c.name).toHaveLength(1);
      expect(await page.getByRole('alert').count(), c.name).toBe(0);
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it('every error case of the reference: the reply says it, keeps the question and what arrived, and Retry brings the answer', async () => {
    const { page, errors } = await app.openApp();
    for (const c of ERROR_CASES) {
      await newConversation(page);
      replies({ text: DEFAULT_TEXT, ...c.scenario });
      const question = `Case: ${c.name}`;
      const failed = await send(page, question);
      await settled(failed);
      expect(await failed.getAttribute('data-status'), c.name).toBe(c.kind === 'cut_off' ? 'cut_off' : 'failed');
      // A cut-off reply's status is just 'Cut off'; why is said under it, in the reply too.
      if (c.kind === 'cut_off') expect(await statusOf(failed), c.name).toBe('Cut off');
      expect(await (c.kind === 'cut_off' ? failed.locator('.reply-detail').innerText() : statusOf(failed)), c.name).toMatch(c.says);
      expect(await page.getByRole('alert').count(), c.name).toBe(0);
      expect(await page.getByRole('article', { name: 'User message' }).last().innerText(), c.name).toContain(question);
      // What arrived before a mid-reply failure stays in the reply (a prefix of what the stand-in sent).
      if (c.partial) expect(await failed.innerText(), c.name).toContain(DEFAULT_TEXT.slice(0, 6));
      const failedId = await failed.getAttribute('data-message-id');

      replies({});
      await failed.getByRole('button', { name: 'Retry', exact: true }).click();
      const answer = await newReplyAfter(page, failedId);
      await settled(answer);
      expect(await answer.getAttribute('data-status'), c.name).toBe('complete');
      expect(await answer.innerText(), c.name).toContain('All good here.');
      // The failed attempt is kept as the earlier version.
      await answer.getByRole('button', { name: 'Previous version' }).waitFor();
    }
    expect(errors).toEqual([]);
    await page.close();
  }, 300_000);

  it('in Chinese: the kind explained in Chinese, with the server words and request id for an unknown answer', async () => {
    const { page } = await app.openApp();
    await app.core.handlers['settings.update']({ language: 'zh-CN' });
    // The interface language changes the accessible names too (the UI contract's English is for 'en').
    await page.reload();
    await page.getByRole('button', { name: '新对话', exact: true }).waitFor();
    const sendZh = (text: string) => send(page, text, { box: '消息', send: '发送' });
    replies({ httpError: { status: 400, code: 'Arrearage', message: 'Access denied.', type: 'Arrearage' } });
    let reply = await sendZh('你好');
    await settled(reply);
    expect(await reply.getAttribute('aria-label')).toBe('助手消息');
    expect(await statusOf(reply)).toMatch(/^失败：访问被拒绝：你的阿里云账号已欠费。请在阿里云控制台充值后重试。$/);
    await newConversation(page, '新对话');
    replies({ httpError: { status: 409, code: 'Conflict.Novel', message: 'A brand new kind of problem.' } });
    reply = await sendZh('再试一次');
    await settled(reply);
    expect(await statusOf(reply)).toMatch(/^失败：服务拒绝了这个请求。.*服务器返回：“A brand new kind of problem\.” 请求 ID：[0-9a-f-]{36}$/);
    await page.close();
  });

  it('a failure before the request (no key) keeps the draft; a failure mid-reply keeps what arrived', async () => {
    const { page, errors } = await app.openApp();
    await app.core.handlers['key.clear']({});
    await messageBox(page).fill('Please keep this draft.');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => page.getByRole('alert').innerText()).toMatch(/No API key .*yet\. Open Settings/);
    expect(await messageBox(page).inputValue()).toBe('Please keep this draft.');
    expect(await replyArticles(page).count()).toBe(0);
    await app.core.handlers['key.set']({ key: app.standin.apiKey });

    replies({ text: 'The first part of this answer arrives, and then the check stops it.', errorFrameAfterChunks: 12 });
    const reply = await send(page, 'Tell me something.');
    await settled(reply);
    expect(await statusOf(reply)).toMatch(/^Failed: The provider's content safety check stopped this reply partway\. What arrived is kept/);
    const shown = await reply.innerText();
    expect(shown).toMatch(/The first part/);
    // Still there after a reload: the partial text was stored, not just shown.
    await page.reload();
    await expect.poll(() => replyArticles(page).last().innerText(), { timeout: 20_000 }).toMatch(/The first part[\s\S]*stopped this reply partway/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('429 twice, then the reply: a countdown inside the reply, then the text streams', async () => {
    const { page, errors } = await app.openApp();
    replies({ text: 'Here after the wait.', http429: true, retryAfterSeconds: 1, failNext: 2 });
    const reply = await send(page, 'Busy right now?');
    await expect.poll(() => reply.getByRole('status').innerText().catch(() => ''), { timeout: 10_000 })
      .toMatch(/^Rate limited — retrying (in 1 s|now) \(retry [12] of 3\)$/);
    await settled(reply);
    expect(await reply.getAttribute('data-status')).toBe('complete');
    expect(await reply.innerText()).toMatch(/Here after the wait\./);
    expect(await reply.getByRole('status').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('Stop during the countdown cancels the reply', async () => {
    const { page } = await app.openApp();
    replies({ http429: true, retryAfterSeconds: 20 });
    const reply = await send(page, 'Try later');
    await expect.poll(() => reply.getByRole('status').innerText().catch(() => ''), { timeout: 10_000 }).toMatch(/retrying in \d+ s/);
    await page.getByRole('button', { name: 'Stop' }).click();
    await settled(reply);
    expect(await reply.getAttribute('data-status')).toBe('cancelled');
    await page.close();
  });
});

describe('usage and the input limit in Chromium', () => {
  it("each reply's Details show its tokens by kind, and the conversation's total is in the header", async () => {
    await app.core.handlers['settings.update']({ speakReplies: true });
    const { page, errors } = await app.openApp();
    replies({ text: 'Spoken and written.' });
    const first = await send(page, 'Say something.');
    await settled(first);
    replies({ text: 'Again.' });
    const second = await send(page, 'Once more.');
    await settled(second);
    for (const reply of [first, second]) {
      await reply.getByRole('button', { name: 'Details' }).click();
      const details = page.getByRole('dialog', { name: 'Reply details' });
      expect(await details.innerText()).toMatch(/In\s+[\d,]+ \(text [\d,]+\)\s+Out\s+[\d,]+ \(text [\d,]+, audio [\d,]+\)/);
      await page.keyboard.press('Escape');
      await details.waitFor({ state: 'detached' });
    }

    // The newest conversation is this one; its total is the sum of what the server reported per reply.
    const [newest] = await app.core.handlers['conversations.list']({ limit: 1 });
    const detail = await app.core.handlers['conversations.get']({ id: newest!.id });
    const perReply = detail.messages.map((m) => m.usage?.totalTokens ?? 0).filter((n) => n > 0);
    expect(perReply).toHaveLength(2);
    const total = perReply[0]! + perReply[1]!;
    await expect.poll(() => page.getByText(`Total: ${total.toLocaleString('en')} tokens`, { exact: true }).count()).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('past the input limit Send is held with the fix shown; leaving the earliest turns out sends, and the reply says so', async () => {
    const { page, errors } = await app.openApp();
    await newConversation(page);
    const rules = page.getByRole('region', { name: 'Composer' }).getByRole('alert');
    const sendButton = page.getByRole('button', { name: 'Send', exact: true });

    // A short message: nothing held. A message of ~17,500 tokens on its own: held, with no way but shortening it.
    await messageBox(page).fill('A short question.');
    expect(await rules.count()).toBe(0);
    await messageBox(page).fill('a'.repeat(70_000));
    await expect.poll(() => rules.innerText()).toMatch(/This message is about 17,50\d input tokens, over Qwen3-Omni-Flash’s limit of 16,384: it cannot go as it is\. Shorten the text, or make an attachment take less\./);
    expect(await sendButton.isDisabled()).toBe(true);
    expect(await rules.getByRole('button').count()).toBe(0);

    // Two turns of ~6,000 tokens fit; a third passes the limit with them: held until the user chooses.
    replies({ text: 'Noted.' });
    const big = (n: number) => `Part ${n}: ${'lorem '.repeat(4000)}`;
    await settled(await send(page, big(1)));
    await settled(await send(page, big(2)));
    await messageBox(page).fill(big(3));
    await expect.poll(() => rules.innerText()).toMatch(/With the conversation so far this is about 1[78],\d{3} input tokens, over Qwen3-Omni-Flash’s limit of 16,384: the earliest turns would have to be left out\./);
    expect(await sendButton.isDisabled()).toBe(true);
    await rules.getByRole('button', { name: 'Send without the earliest turns' }).click();
    await rules.waitFor({ state: 'detached' });
    expect(await sendButton.isDisabled()).toBe(false);
    const third = await send(page, big(3));
    await settled(third);
    expect(await third.innerText()).toMatch(/The earliest turn was left out to fit the model’s input limit\./);
    const sent = app.standin.requests.at(-1)!.body as { messages: { role: string; content: string }[] };
    expect(sent.messages.filter((m) => m.role === 'user').map((m) => m.content.slice(0, 7))).toEqual(['Part 2:', 'Part 3:']);
    // After sending, the empty composer holds nothing.
    expect(await rules.count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});
