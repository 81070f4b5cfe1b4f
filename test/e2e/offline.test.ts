// Offline, end to end in Chromium through the browser shell: a conversation of several turns with a picture
// and a recording is made against the stand-in; then the stand-in is stopped, the key cleared, and the shell
// started again on the same data directory. Browsing (the picture still shows), search in English and
// Chinese (a hit opens its message), replay from disk, Export WAV and Export conversation all still work;
// Send says why it cannot (no key; with a key, no network) and keeps the draft and its attachment.
import { execFileSync } from 'node:child_process';
import { cp, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ffmpeg } from '../media/media-helpers';
import { startStandin } from '../standin';
import { useAppHarness } from '../support/use-app-harness';
import { startTestCore } from '../support/test-core';

const EN_REPLY = 'The picture shows colourful test bars on a screen.';
const ZH_REPLY = '这段录音是一个持续两秒的测试音调。';
const TITLE = 'What is in this picture?';

let deadUrl = '';
let picture = '';
let spokenSamples: number[] = [];

/** Online, once: three turns against a stand-in, two of them with media, every reply spoken; then the stand-in stops. */
async function makeHistory(dir: string): Promise<void> {
  picture = join(dir, 'bars.png');
  const recording = join(dir, '录音.mp3');
  await Promise.all([
    ffmpeg('-f', 'lavfi', '-i', 'testsrc=size=160x120', '-frames:v', '1', picture),
    ffmpeg('-f', 'lavfi', '-i', 'sine=frequency=300:sample_rate=16000', '-t', '2', '-ac', '1', '-c:a', 'libmp3lame', '-b:a', '32k', recording),
  ]);
  const standin = await startStandin({ scenario: { audioSeconds: 1, chunkMs: 100 } });
  deadUrl = standin.baseUrl;
  const online = await startTestCore({ standin, dataDir: join(dir, 'history'), envKey: null });
  await online.core.handlers['key.set']({ key: standin.apiKey });
  let conversationId: string | null = null;
  const turn = async (text: string, reply: string, file: string | null) => {
    standin.setScenario({ text: reply });
    const ids: string[] = [];
    if (file) {
      const { id } = online.core.attachPath(file);
      expect((await online.core.attachmentSettled(id))?.state).toBe('ready');
      ids.push(id);
    }
    const { sent, outcome } = await online.send({ conversationId, text, attachmentIds: ids, options: { speakReplies: true } });
    expect(outcome.status).toBe('complete');
    conversationId = sent.conversationId;
  };
  await turn(TITLE, EN_REPLY, picture);
  await turn('这段录音里是什么？', ZH_REPLY, recording);
  await turn('Thanks!', 'You are welcome.', null);
  const detail = await online.core.handlers['conversations.get']({ id: conversationId! });
  spokenSamples = detail.messages.filter((m) => m.role === 'assistant').map((m) => m.audio?.samples ?? 0);
  expect(spokenSamples.every((n) => n > 0)).toBe(true);
  await online.core.handlers['key.clear']({});
  await online.close();
  await standin.close();
}

// Offline: each test's shell starts on its own copy of that history, the server gone, no key anywhere.
const app = useAppHarness({
  prefix: 'omni-offline-',
  prepare: makeHistory,
  seed: (dataDir, dir) => cp(join(dir, 'history'), dataDir, { recursive: true }),
  baseUrls: () => ({ intl: deadUrl, cn: deadUrl }),
  apiKey: null,
});

const open = () => app.openApp();

async function openConversation(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Conversations' }).getByRole('link', { name: /^What is in this picture\?/ }).click();
  await page.getByRole('article', { name: 'Assistant message' }).filter({ hasText: EN_REPLY }).waitFor();
}

describe('with the stand-in stopped and no key', () => {
  it('browses the conversation with its media, and finds it by search in English and Chinese', async () => {
    const { page, errors } = await open();
    await openConversation(page);
    const articles = page.getByRole('article');
    expect(await articles.count()).toBe(6);
    await page.getByRole('article', { name: 'Assistant message' }).filter({ hasText: ZH_REPLY }).waitFor();
    // The picture still shows, read from this machine.
    const img = page.getByRole('article', { name: 'User message' }).first().locator('img').first();
    await img.waitFor();
    await page.waitForFunction((el) => (el as any).complete && (el as any).naturalWidth > 0, await img.elementHandle());

    const search = page.getByRole('searchbox', { name: 'Search conversations' });
    const results = page.getByRole('list', { name: 'Search results' });
    await search.fill('test bars');
    const en = results.getByRole('button').filter({ hasText: TITLE }).filter({ has: page.locator('mark', { hasText: 'bars' }) });
    await en.waitFor();
    expect(await en.locator('mark').allInnerTexts()).toEqual(['test', 'bars']);
    await search.fill('测试音调');
    // The hit of this query (the list may still show the last one for a moment).
    const zh = results.getByRole('button').filter({ hasText: TITLE }).filter({ has: page.locator('mark', { hasText: '测试音调' }) });
    await zh.waitFor();
    expect(await zh.locator('mark').allInnerTexts()).toEqual(['测试音调']);
    await zh.click();
    await page.locator('article.search-target').filter({ hasText: ZH_REPLY }).waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });

  it('replays a reply from disk, and exports its WAV and the whole conversation', async () => {
    const { page, errors } = await open();
    await openConversation(page);
    const reply = page.getByRole('article', { name: 'Assistant message' }).filter({ hasText: EN_REPLY });
    await reply.getByRole('button', { name: 'Play' }).click();
    await page.waitForFunction(
      () => [...(globalThis as any).document.querySelectorAll('article[data-playback-state]')].some((a: any) => a.getAttribute('data-playback-state') === 'ended'),
      undefined, { timeout: 30_000 },
    );
    expect(Number(await reply.getAttribute('data-played-samples'))).toBe(spokenSamples[0]);

    const [wavDownload] = await Promise.all([page.waitForEvent('download'), reply.getByRole('button', { name: 'Export WAV' }).click()]);
    const wav = await readFile((await wavDownload.path())!);
    expect(wav.toString('latin1', 0, 4)).toBe('RIFF');
    expect(wav.readUInt32LE(40)).toBe(spokenSamples[0]! * 2);
    expect(wav.byteLength).toBe(44 + spokenSamples[0]! * 2);

    const [zipDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export conversation' }).click()]);
    expect(zipDownload.suggestedFilename()).toBe('What is in this picture.zip');
    const zip = join(app.dir, 'conversation.zip');
    await zipDownload.saveAs(zip);
    expect(execFileSync('unzip', ['-t', zip], { encoding: 'utf8' })).toMatch(/No errors detected/);
    const names = execFileSync('unzip', ['-Z1', zip], { encoding: 'utf8' }).trim().split('\n');
    expect(names).toEqual(expect.arrayContaining([
      'What is in this picture/What is in this picture.md', 'What is in this picture/What is in this picture.wav',
    ]));
    expect(names.filter((n) => n.startsWith('What is in this picture/media/')).length).toBe(5); // picture, recording, 3 replies
    const joined = execFileSync('unzip', ['-p', zip, 'What is in this picture/What is in this picture.wav']);
    const silences = (spokenSamples.length - 1) * 12_000;
    expect(joined.readUInt32LE(40)).toBe((spokenSamples.reduce((a, b) => a + b, 0) + silences) * 2);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the conversation download answers only below the page\'s token folder, and only for a conversation id', async () => {
    const origin = new URL(app.shell.url).origin;
    const [conversation] = await app.core.handlers['conversations.list']({ limit: 1 });
    const noToken = await fetch(`${origin}/export/conversation/${conversation!.id}`);
    expect(noToken.status).toBeGreaterThanOrEqual(400);
    expect(noToken.headers.get('content-disposition')).toBeNull();
    const { page } = await open();
    const get = (path: string) => page.evaluate(async (p) => {
      const r = await fetch(p);
      return { status: r.status, type: r.headers.get('content-type'), text: r.ok ? '' : await r.text() };
    }, path);
    // Relative to the page, as the bridge asks: the token's folder.
    expect((await get('export/conversation/..%2F..%2Fetc%2Fpasswd')).status).toBe(404);
    expect((await get('export/conversation/no-such-conversation')).status).toBe(404);
    expect(await get(`export/conversation/${conversation!.id}`)).toMatchObject({ status: 200, type: 'application/zip' });
    // With a healthy history there is nothing to recover.
    expect(await get('recovery/export')).toMatchObject({ status: 400, text: expect.stringMatching(/nothing to recover/) });
    await page.close();
  });

  it('Send says there is no key, then no network, and keeps the draft and its attachment', async () => {
    const { page } = await open();
    await openConversation(page);
    const box = page.getByRole('textbox', { name: 'Message' });
    await box.fill('Are you still there?');
    await page.locator('input[type=file]').setInputFiles(picture);
    const chip = page.getByRole('group', { name: 'Attachment: bars.png' });
    await chip.waitFor();
    const send = page.getByRole('button', { name: 'Send' });
    await page.waitForFunction((el) => !(el as any).disabled, await send.elementHandle(), { timeout: 30_000 });
    await send.click();

    const noKey = page.getByRole('alert').filter({ hasText: /API key/ });
    await noKey.waitFor();
    expect(await noKey.innerText()).toMatch(/No API key/);
    expect(await box.inputValue()).toBe('Are you still there?');
    expect(await chip.count()).toBe(1);
    expect(await page.getByRole('article').count()).toBe(6);

    // With a key but no server: the reply says the server cannot be reached; the question is kept.
    await app.core.handlers['key.set']({ key: 'sk-offline-test-key' });
    await send.click();
    const failed = page.getByRole('article', { name: 'Assistant message' }).last();
    await failed.getByRole('status').filter({ hasText: /Failed: .*Could not reach the API server/ }).waitFor({ timeout: 30_000 });
    await page.getByRole('article', { name: 'User message' }).filter({ hasText: 'Are you still there?' }).waitFor();
    await page.close();
  });
});
