// Live voice's limits and faults as a user meets them, in Chromium through the browser shell against the
// Realtime stand-in, the fake microphone saying a real question (espeak-ng) and then pausing: the session's
// maximum length (set short through the core's live options) shown, warned with what will happen, then
// ended cleanly with the turns kept; a dropped socket shown as reconnecting, then going on, or ending with a
// sentence and the turns kept; and error events worded with what to do, in English and Chinese.
import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { LiveOptions } from '../../electron/core/live/live-handlers';
import { must } from '../support/test-core';
import { useAppHarness } from '../support/use-app-harness';
import { messageArticle, spokenMicrophone } from '../support/fake-microphone';

const QUESTION = 'What is the tallest mountain in Europe?';
const ANSWER = 'Mont Blanc, at about four thousand eight hundred metres.';

/** The next test app's live limits (set before app.reset(); the defaults otherwise). */
let live: LiveOptions = {};
afterEach(() => {
  live = {};
});

const app = useAppHarness({
  prefix: 'omni-e2e-live-faults-',
  // Said, then a pause long enough for the answer before the file loops.
  ...spokenMicrophone(QUESTION, 8),
  live: () => live,
});

const article = messageArticle;

async function startLive(page: Page, names = { start: 'Live voice', end: 'End live voice' }): Promise<void> {
  await page.getByRole('button', { name: names.start, exact: true }).click();
  await page.getByRole('button', { name: names.end, exact: true }).waitFor({ timeout: 20_000 });
  // Begun (End shows while it connects too): the core's session is open in a conversation.
  await expect.poll(async () => (await must(app.testCore.call('live.status', {}))).length, { timeout: 20_000 }).toBe(1);
}

describe('Live voice: the session\'s maximum length', () => {
  it('shows the time left quietly, warns before the end with what will happen, ends cleanly and keeps the turns', async () => {
    live = { maxSessionMs: 16_000, warnBeforeMs: 9_000 };
    await app.reset();
    app.standin.realtime.setScenario({ transcripts: [QUESTION], replies: [ANSWER], audioSeconds: 1.2, pace: 1 });
    const { page, errors } = await app.openApp();
    await startLive(page);
    // The time left, as a timer (read on demand, not announced), in seconds near the end.
    const left = page.getByRole('timer', { name: 'Time left in this live session' });
    await expect.poll(async () => (await left.textContent()) ?? '').toMatch(/^0:(0\d|1[0-6]) left$/);
    await article(page, 'User', QUESTION).waitFor({ timeout: 30_000 });
    await article(page, 'Assistant', ANSWER).first().waitFor({ timeout: 30_000 });

    const warning = page.getByRole('status').filter({ hasText: 'reaches its maximum length' });
    await warning.waitFor({ timeout: 20_000 });
    expect(await warning.textContent()).toMatch(/^This live session reaches its maximum length in \d+ seconds and then ends by itself\. Everything said stays in this conversation; press Live voice again afterwards to go on\.$/);

    // The end, said once, quietly; the session is over and what was said stays.
    const ended = page.getByRole('status').filter({ hasText: 'Live voice ended: the session reached its maximum length.' });
    await ended.waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Live voice', exact: true }).waitFor();
    await expect.poll(() => warning.count()).toBe(0);
    expect(await page.getByRole('alert').count()).toBe(0);
    await expect.poll(() => left.count()).toBe(0);
    await article(page, 'User', QUESTION).first().waitFor();
    await article(page, 'Assistant', ANSWER).first().waitFor();
    // Ended by the app, cleanly (a close frame), not dropped.
    expect(app.standin.realtime.sessions.at(-1)!.closed).toMatchObject({ code: 1000 });
    expect(await must(app.testCore.call('live.status', {}))).toEqual([]);
    // Dismissed, it goes; it is not said again.
    await ended.getByRole('button', { name: 'Dismiss' }).click();
    await expect.poll(() => ended.count()).toBe(0);
    expect(errors).toEqual([]);
  }, 120_000);

  it('in Chinese: the warning and the end are said in Chinese', async () => {
    live = { maxSessionMs: 7_000, warnBeforeMs: 5_000 };
    await app.reset();
    await app.core.handlers['settings.update']({ language: 'zh-CN' });
    const { page, errors } = await app.newPage();
    await page.goto(app.shell.url);
    await startLive(page, { start: '实时语音', end: '结束实时语音' });
    await page.getByRole('timer', { name: '本次实时语音的剩余时间' }).filter({ hasText: /^剩余 0:0\d$/ }).waitFor();
    await page.getByRole('status').filter({ hasText: /^本次实时语音将在\d+秒后达到最长时长并自动结束。/ }).waitFor({ timeout: 20_000 });
    await page.getByRole('status').filter({ hasText: '实时语音已结束：本次会话达到了最长时长。' }).waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: '实时语音', exact: true }).waitFor();
    expect(errors).toEqual([]);
  }, 120_000);
});

describe('Live voice: a dropped socket', () => {
  it('shows reconnecting while the socket is opened again, says it came back, and goes on in the same conversation', async () => {
    app.standin.realtime.setScenario({ transcripts: [QUESTION, 'Once more'], replies: [ANSWER, 'Still Mont Blanc.'], audioSeconds: 1.2, pace: 1 });
    const { page, errors } = await app.openApp();
    await startLive(page);
    await article(page, 'Assistant', ANSWER).waitFor({ timeout: 30_000 });
    await expect.poll(() => article(page, 'Assistant', ANSWER).getAttribute('data-status'), { timeout: 20_000 }).toBe('complete');
    const first = app.standin.realtime.sessions.at(-1)!;
    // A slow new connection, so the window can be seen waiting for it.
    app.standin.realtime.setScenario({ upgradeDelayMs: 2_500 });
    app.standin.realtime.drop();
    await page.getByRole('status').filter({ hasText: 'Connection lost, reconnecting…' }).waitFor({ timeout: 10_000 });
    await page.getByRole('status').filter({ hasText: 'The connection came back and Live voice is listening again.' }).waitFor({ timeout: 20_000 });
    await page.getByRole('status').filter({ hasText: /^(Listening|Hearing you|Answering)/ }).waitFor({ timeout: 10_000 });
    expect(app.standin.realtime.sessions.at(-1)).not.toBe(first);
    // The microphone's next question goes to the new socket and is answered in the same conversation.
    await article(page, 'Assistant', 'Still Mont Blanc.').waitFor({ timeout: 40_000 });
    await article(page, 'User', QUESTION).waitFor();
    await article(page, 'Assistant', ANSWER).waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    await page.getByRole('button', { name: 'End live voice' }).click();
    await page.getByRole('button', { name: 'Live voice', exact: true }).waitFor();
    expect(errors).toEqual([]);
  }, 120_000);

  it('in Chinese: when it cannot be opened again, the session ends with a sentence and the turns are kept', async () => {
    app.standin.realtime.setScenario({ transcripts: [QUESTION], replyText: ANSWER, audioSeconds: 1.2, pace: 1 });
    await app.core.handlers['settings.update']({ language: 'zh-CN' });
    const { page, errors } = await app.newPage();
    await page.goto(app.shell.url);
    await startLive(page, { start: '实时语音', end: '结束实时语音' });
    await page.getByRole('article').filter({ hasText: ANSWER }).waitFor({ timeout: 30_000 });
    app.standin.realtime.setScenario({ refuseUpgrades: 1 });
    app.standin.realtime.drop();
    const alert = page.getByRole('alert');
    await alert.filter({ hasText: '与实时语音服务的连接中断，且无法重新建立。' }).waitFor({ timeout: 20_000 });
    expect(await alert.textContent()).toBe('与实时语音服务的连接中断，且无法重新建立。到目前为止说过的内容都保留在此对话中；请检查网络连接，然后再次点击“实时语音”。');
    await page.getByRole('button', { name: '实时语音', exact: true }).waitFor();
    await page.getByRole('article').filter({ hasText: QUESTION }).waitFor();
    await page.getByRole('article').filter({ hasText: ANSWER }).waitFor();
    // Said once: the alert, not a second sentence beside the composer.
    expect(await page.locator('.live-note').count()).toBe(0);
    expect(errors).toEqual([]);
  }, 120_000);
});

describe('Live voice: error events', () => {
  const SERVER = { type: 'server_error', code: null, message: 'Internal service error: null' };
  const ODD = { type: 'invalid_request_error', code: 'strange_thing', message: 'Something unusual happened.' };

  it('words each error event the service sends with what to do, never its code, and the session goes on', async () => {
    const { page, errors } = await app.openApp();
    await startLive(page);
    app.standin.realtime.sendError(SERVER);
    const alert = page.getByRole('alert');
    await alert.filter({ hasText: 'had a problem with the last turn' }).waitFor({ timeout: 20_000 });
    expect(await alert.textContent()).toBe('The live voice service had a problem with the last turn. Say it again; if it keeps happening, end Live voice and start it again.');
    app.standin.realtime.sendError(ODD);
    await alert.filter({ hasText: 'Something unusual happened.' }).waitFor({ timeout: 20_000 });
    const text = (await alert.textContent()) ?? '';
    expect(text).toBe('The live voice service reported a problem (“Something unusual happened.”). Go on speaking; if nothing answers, end Live voice and start it again.');
    expect(text).not.toMatch(/strange_thing|invalid_request_error|server_error/);
    // Not fatal: the session still runs.
    await page.getByRole('button', { name: 'End live voice' }).waitFor();
    expect(await must(app.testCore.call('live.status', {}))).toHaveLength(1);
    await page.getByRole('button', { name: 'End live voice' }).click();
    expect(errors).toEqual([]);
  }, 120_000);

  it('in Chinese', async () => {
    await app.core.handlers['settings.update']({ language: 'zh-CN' });
    const { page, errors } = await app.newPage();
    await page.goto(app.shell.url);
    await startLive(page, { start: '实时语音', end: '结束实时语音' });
    app.standin.realtime.sendError(SERVER);
    const alert = page.getByRole('alert');
    await alert.filter({ hasText: '实时语音服务处理上一轮时出了问题。' }).waitFor({ timeout: 20_000 });
    expect(await alert.textContent()).toBe('实时语音服务处理上一轮时出了问题。请再说一遍；如果反复出现，请结束实时语音后重新开始。');
    app.standin.realtime.sendError(ODD);
    await alert.filter({ hasText: '实时语音服务报告了一个问题（“Something unusual happened.”）。' }).waitFor({ timeout: 20_000 });
    expect(await alert.textContent()).not.toMatch(/strange_thing/);
    await page.getByRole('button', { name: '结束实时语音', exact: true }).click();
    expect(errors).toEqual([]);
  }, 120_000);
});
