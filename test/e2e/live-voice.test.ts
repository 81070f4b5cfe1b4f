// Live voice as a user meets it: in Chromium through the browser shell, the fake microphone fed a real spoken
// question (espeak-ng, then a long pause, looped), the Realtime stand-in hearing it by its energy. Press
// Live voice on the start page, hear the answer, see both turns kept in the new conversation, End live voice.
import { describe, expect, it } from 'vitest';
import { useAppHarness } from '../support/use-app-harness';
import { messageArticle, spokenMicrophone } from '../support/fake-microphone';

const QUESTION = 'What is the tallest mountain in Europe?';
const ANSWER = 'Mont Blanc, at about four thousand eight hundred metres.';

const app = useAppHarness({
  prefix: 'omni-e2e-live-',
  // Said, then a pause long enough for the answer before the file loops, even on a loaded machine (a looped
  // question spoke over the answer and marked it interrupted in a loaded run).
  ...spokenMicrophone(QUESTION, 60),
});

const article = messageArticle;

describe('Live voice', () => {
  it('starts from the composer, keeps the spoken question and the spoken answer in a new conversation, and ends', async () => {
    app.standin.realtime.setScenario({ transcripts: [QUESTION], replyText: ANSWER, replies: [], audioSeconds: 1.5, pace: 1 });
    const { page, errors } = await app.openApp();
    await page.getByRole('button', { name: 'Live voice' }).click();
    // The session opens a conversation of its own and listens.
    await page.waitForURL(/#\/c\//, { timeout: 20_000 });
    const end = page.getByRole('button', { name: 'End live voice' });
    await end.waitFor({ timeout: 20_000 });
    // The question, heard and transcribed, then the answer, each stored and shown as turns (the first of
    // each: on a loaded machine the microphone's file may loop and be answered again before this is read).
    await article(page, 'User', QUESTION).first().waitFor({ timeout: 60_000 });
    await article(page, 'Assistant', ANSWER).first().waitFor({ timeout: 60_000 });
    // What the stand-in received is the microphone: 16 kHz PCM with speech in it, committed as one turn.
    const rec = app.standin.realtime.sessions.at(-1)!;
    expect(rec.input.reduce((n, c) => n + c.byteLength, 0)).toBeGreaterThan(16_000 * 2); // more than a second
    expect(rec.responses.length).toBeGreaterThanOrEqual(1);
    await expect.poll(async () => page.getByRole('article', { name: 'Assistant message' }).first().getAttribute('data-status'), { timeout: 20_000 }).toBe('complete');
    // Audio both ways went on the session's own channel: microphone frames in, the reply's frames out to the page.
    const open = await app.testCore.call('live.status', {});
    if (!open.ok) throw new Error(open.error.message);
    expect(open.value[0]!.stats.micFrames).toBeGreaterThan(10);
    expect(open.value[0]!.stats.replyFrames).toBeGreaterThan(0);
    await page.getByRole('status').filter({ hasText: /^(Listening|Hearing you|Answering)/ }).waitFor();

    await end.click();
    await page.getByRole('button', { name: 'Live voice' }).waitFor();
    // The session is over in the core too (read until it says so: a loaded run once read it a moment early).
    await expect.poll(async () => {
      const status = await app.testCore.call('live.status', {});
      return status.ok && status.value.map((s) => s.state);
    }, { timeout: 10_000 }).toEqual([]);
    // The conversation is named from what was said, and lists both turns after a reload.
    await page.reload();
    await article(page, 'User', QUESTION).first().waitFor();
    await article(page, 'Assistant', ANSWER).first().waitFor();
    await expect.poll(() => page.getByRole('navigation', { name: 'Conversations' }).getByRole('link').first().textContent()).toContain('tallest mountain');
    expect(errors).toEqual([]);
  }, 120_000);

  it('in Chinese: the control and what the session is doing are in Chinese, and it ends the same way', async () => {
    app.standin.realtime.setScenario({ transcripts: [QUESTION], replyText: ANSWER, replies: [], audioSeconds: 1.5, pace: 1 });
    await app.core.handlers['settings.update']({ language: 'zh-CN' });
    const { page, errors } = await app.newPage();
    await page.goto(app.shell.url);
    await page.getByRole('button', { name: '实时语音', exact: true }).click();
    await page.getByRole('status').filter({ hasText: /^(正在聆听|正在听你说|正在回答)/ }).waitFor({ timeout: 20_000 });
    await page.getByRole('article').filter({ hasText: ANSWER }).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: '结束实时语音', exact: true }).click();
    await page.getByRole('button', { name: '实时语音', exact: true }).waitFor();
    expect(errors).toEqual([]);
  }, 120_000);
});
