// A live voice session kept like every turn, as a user meets it in Chromium through the browser shell: the
// fake microphone says a question (espeak-ng, then a long pause), the Realtime stand-in hears it by its
// energy and answers. Once the session has ended the conversation shows the spoken turn with its transcript
// and its recording at its real length (it plays), the reply with its words and the normal reply controls,
// and a line opening the session with its length and Export WAV — one WAV of the whole session, downloaded.
// The sidebar search finds a word said in the session, and a typed question after it carries the session's
// transcript as history (the reply as text). In Chinese too.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useAppHarness } from '../support/use-app-harness';
import { sendMessage, settled } from '../support/conversation-page';
import { spokenMicrophone } from '../support/fake-microphone';

const QUESTION = 'Where does the Aletsch glacier begin?';
const ANSWER = 'It begins at the Jungfraujoch, below the Jungfrau and the Mönch.';

const app = useAppHarness({
  prefix: 'omni-e2e-live-history-',
  // Said, then a pause long enough for the answer and the test's clicks before the file loops, even on a
  // loaded machine (a looped question would start another exchange).
  ...spokenMicrophone(QUESTION, 90),
});

/** One spoken exchange, then End live voice; answers the stored question and reply. */
async function talkOnce(page: Page, names: { start: string; end: string }) {
  await page.getByRole('button', { name: names.start, exact: true }).click();
  await page.waitForURL(/#\/c\//, { timeout: 20_000 });
  const reply = page.locator('article[data-status]').filter({ hasText: ANSWER }).first();
  await reply.waitFor({ timeout: 60_000 });
  expect(await settled(reply, 60_000)).toBe('complete');
  await page.getByRole('button', { name: names.end, exact: true }).click();
  await page.getByRole('button', { name: names.start, exact: true }).waitFor();
  const conversationId = /#\/c\/([^/?]+)/.exec(page.url())![1]!;
  const got = await app.testCore.call('conversations.get', { id: conversationId });
  if (!got.ok) throw new Error(got.error.message);
  const [question, answer] = got.value.messages;
  if (!question || !answer) throw new Error('the session kept fewer than two turns');
  return { conversationId, question, answer };
}

function wavFacts(wav: Uint8Array) {
  const v = new DataView(wav.buffer, wav.byteOffset, wav.byteLength);
  const ascii = (at: number) => String.fromCharCode(...wav.subarray(at, at + 4));
  return {
    tags: [ascii(0), ascii(8), ascii(12), ascii(36)], format: v.getUint16(20, true), channels: v.getUint16(22, true),
    rate: v.getUint32(24, true), bits: v.getUint16(34, true), dataBytes: v.getUint32(40, true), pcm: wav.subarray(44),
  };
}

describe('A live voice session in the conversation', () => {
  it('shows the spoken turn with its transcript and real length (it plays), the reply with its controls, and exports the session as one WAV', async () => {
    app.standin.realtime.setScenario({ transcripts: [QUESTION], replyText: ANSWER, replies: [], audioSeconds: 1.5, pace: 1 });
    const { page, errors } = await app.openApp();
    const { question, answer } = await talkOnce(page, { start: 'Live voice', end: 'End live voice' });
    expect(question.liveSessionId).toBeTruthy();
    const recording = question.attachments[0]!;
    expect(recording.durationSec).toBeGreaterThan(1);

    // The spoken turn: its transcript, and its recording at its real length (not "0:00 / 0:00"), no file name.
    const spoken = page.getByRole('article', { name: 'User message' }).filter({ hasText: QUESTION });
    const time = spoken.locator('.media-player-time');
    const length = recording.durationSec!.toFixed(1);
    await expect.poll(() => time.textContent()).toBe(`0.0 / ${length} s`);
    expect(await spoken.innerText()).not.toContain('.wav');
    // It plays: the time moves and reaches the end.
    await spoken.getByRole('button', { name: 'Play' }).click();
    await expect.poll(() => time.textContent(), { timeout: 20_000 }).toBe(`${length} / ${length} s`);

    // The reply: its words, and the normal reply controls over its stored audio.
    const reply = page.getByRole('article', { name: 'Assistant message' }).filter({ hasText: ANSWER });
    const seek = reply.getByRole('slider', { name: 'Seek' });
    expect(Number(await seek.getAttribute('data-total-samples'))).toBe(answer.audio!.samples);
    expect(answer.audio!.samples).toBe(1.5 * 24_000);
    await reply.getByRole('button', { name: 'Play' }).waitFor();
    await reply.getByRole('button', { name: 'Export WAV' }).waitFor();

    // The session's line: its length and Export WAV, which downloads the whole session as one WAV.
    const line = page.getByRole('group', { name: /^Live voice · \d+ s$/ });
    await line.waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      line.getByRole('button', { name: 'Export WAV of the whole session' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/ live \d{4}-\d\d-\d\d \d\d-\d\d\.wav$/);
    const file = join(app.dir, 'session.wav');
    await download.saveAs(file);
    const wav = wavFacts(new Uint8Array(await readFile(file)));
    expect(wav).toMatchObject({ tags: ['RIFF', 'WAVE', 'fmt ', 'data'], format: 1, channels: 1, rate: 24_000, bits: 16 });
    expect(wav.dataBytes).toBe(wav.pcm.byteLength);
    // The question (16 kHz, brought to 24 kHz), a 0.3 s pause, then exactly the reply the stand-in sent.
    const sent = Buffer.concat(app.standin.realtime.sessions.at(-1)!.responses[0]!.audio);
    const questionSamples = Math.round(recording.durationSec! * 24_000);
    expect(Math.abs(wav.pcm.byteLength / 2 - (questionSamples + 0.3 * 24_000 + sent.byteLength / 2))).toBeLessThanOrEqual(2);
    expect(Buffer.from(wav.pcm.subarray(wav.pcm.byteLength - sent.byteLength)).equals(sent)).toBe(true);
    expect(errors).toEqual([]);
  }, 120_000);

  it('search finds a word said in the session, and a typed question after it carries the session as history', async () => {
    app.standin.realtime.setScenario({ transcripts: [QUESTION], replyText: ANSWER, replies: [], audioSeconds: 1, pace: 0 });
    const { page, errors } = await app.openApp();
    const { conversationId } = await talkOnce(page, { start: 'Live voice', end: 'End live voice' });

    // The sidebar search finds "Aletsch", a word only the spoken turn's transcript holds; the hit opens it.
    const box = page.getByRole('searchbox', { name: 'Search conversations' });
    await box.fill('Aletsch');
    const hit = page.getByRole('listbox', { name: 'Search results' }).getByRole('option').filter({ hasText: 'Aletsch' });
    await hit.waitFor();
    expect(await hit.locator('.search-hit-role').textContent()).toBe('You');
    await hit.click();
    await page.locator('article.search-target').filter({ hasText: QUESTION }).waitFor();
    await box.fill('');

    // A typed question after the session: the request carries the spoken question and the spoken answer as text.
    app.replies({ text: 'About twenty-three kilometres.' });
    const before = app.standin.requests.length;
    const reply = await sendMessage(page, 'And how long is it?');
    expect(await settled(reply, 60_000)).toBe('complete');
    const chat = app.standin.requests.slice(before).find((r) => Array.isArray((r.body as { messages?: unknown }).messages));
    const messages = (chat!.body as { messages: { role: string; content: unknown }[] }).messages.filter((m) => m.role !== 'system');
    expect(messages).toEqual([
      { role: 'user', content: QUESTION },
      { role: 'assistant', content: ANSWER },
      { role: 'user', content: 'And how long is it?' },
    ]);
    expect(page.url()).toContain(conversationId);
    expect(errors).toEqual([]);
  }, 120_000);

  it('in Chinese: the session line, its Export WAV and the spoken turn are worded in Chinese', async () => {
    app.standin.realtime.setScenario({ transcripts: [QUESTION], replyText: ANSWER, replies: [], audioSeconds: 1, pace: 0 });
    await app.core.handlers['settings.update']({ language: 'zh-CN' });
    const { page, errors } = await app.newPage();
    await page.goto(app.shell.url);
    await talkOnce(page, { start: '实时语音', end: '结束实时语音' });
    const line = page.getByRole('group', { name: /^实时语音 · \d+ 秒$/ });
    await line.waitFor();
    await line.getByRole('button', { name: '导出 WAV（整段会话）', exact: true }).waitFor();
    const spoken = page.getByRole('article', { name: '用户消息' }).filter({ hasText: QUESTION });
    await expect.poll(() => spoken.locator('.media-player-time').textContent()).toMatch(/^0\.0 \/ \d+\.\d 秒$/);
    await spoken.getByRole('button', { name: '播放', exact: true }).waitFor();
    expect(errors).toEqual([]);
  }, 120_000);
});
