// Stored media in the conversation, in Chromium through the browser shell: a turn with a picture, one with
// a recording, one with a video, then a reload. The picture shows as a thumbnail that opens large (the
// lightbox: Escape closes it, the arrows move between a message's pictures), the recording and the video
// play in the app's own controls, loading their media from /media/<id> and seeking (a Range request
// answered 206), and a spoken reply shows its waveform, whose seek bar moved to the middle makes Play start
// from there. Real ffmpeg, espeak-ng, SQLite, stand-in.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { ffmpeg, speech } from '../media/media-helpers';
import { useAppHarness } from '../support/use-app-harness';
import { sendMessage, settled } from '../support/conversation-page';

const files = { image: '', audio: '', video: '', red: '', green: '' };

const app = useAppHarness({
  prefix: 'omni-e2e-media-view-',
  scenario: { audioSeconds: 2, realtime: false },
  prepare: async (d) => {
    files.image = join(d, 'chart.png');
    files.audio = join(d, 'question.wav');
    files.video = join(d, 'clip.mp4');
    files.red = join(d, 'red.png');
    files.green = join(d, 'green.png');
    await Promise.all([
      ffmpeg('-f', 'lavfi', '-i', 'color=c=red:s=400x300', '-frames:v', '1', files.red),
      ffmpeg('-f', 'lavfi', '-i', 'color=c=green:s=300x400', '-frames:v', '1', files.green),
      ffmpeg('-f', 'lavfi', '-i', 'testsrc=size=320x240', '-frames:v', '1', files.image),
      speech(files.audio, 'What is the weather like on the moon? Please answer in one sentence.'),
      ffmpeg('-f', 'lavfi', '-i', 'testsrc=size=160x120:rate=10', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=16000',
        '-t', '6', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', files.video),
    ]);
  },
});

/** Sends what the composer holds (typing `text` first) and waits for its reply to complete. */
async function sendAndComplete(page: Page, text: string | null): Promise<void> {
  const reply = await sendMessage(page, text);
  expect(await settled(reply, 60_000)).toBe('complete');
}

async function sendWith(page: Page, file: string, name: string, text: string): Promise<void> {
  await page.locator('input[type=file]').setInputFiles(file);
  await page.getByRole('group', { name: `Attachment: ${name}` }).getByText('Ready to send').waitFor({ timeout: 60_000 });
  await sendAndComplete(page, text);
}

/** Waits for the media element's metadata, then seeks it to the middle; answers what it saw. */
function seekToMiddle(el: Locator) {
  return el.evaluate(async (node) => {
    // Runs in the page (this file is type-checked without the DOM library).
    const m = node as any;
    if (m.readyState < 1) await new Promise((resolve, reject) => {
      m.addEventListener('loadedmetadata', resolve, { once: true });
      m.addEventListener('error', () => reject(new Error(`media error ${m.error?.code}`)), { once: true });
    });
    const duration = m.duration as number;
    const target = duration / 2;
    const seeked = new Promise((resolve) => m.addEventListener('seeked', resolve, { once: true }));
    m.currentTime = target;
    await seeked;
    return { duration, target, currentTime: m.currentTime as number };
  });
}

/** A user turn by its text. The view renders only what is near the viewport: scroll up until it is there. */
async function userTurn(page: Page, text: string): Promise<Locator> {
  const turn = page.getByRole('article', { name: 'User message' }).filter({ hasText: text });
  await expect.poll(async () => {
    if ((await turn.count()) > 0) return true;
    await page.evaluate(() => {
      const el = (globalThis as any).document.querySelector('.scroller');
      if (el) el.scrollTop = Math.max(0, el.scrollTop - el.clientHeight / 2);
    });
    return false;
  }, { timeout: 20_000, message: `the turn “${text}” to be rendered` }).toBe(true);
  await turn.scrollIntoViewIfNeeded({ timeout: 10_000 });
  return turn;
}

describe('stored media in the conversation, through the browser shell', () => {
  it('shows a sent picture, recording and video again after a reload, and the players seek over Range', async () => {
    const { page, errors } = await app.openApp();
    await sendWith(page, files.image, 'chart.png', 'What does this chart show?');
    await sendWith(page, files.audio, 'question.wav', 'Answer the recorded question.');
    await sendWith(page, files.video, 'clip.mp4', 'What happens in this clip?');
    // A link: nothing of it is kept here, so its turn asks /media for nothing (no 404 in the page).
    const box = page.getByRole('textbox', { name: 'Message' });
    await box.fill('And this one?');
    await box.evaluate((el, text) => {
      const g = globalThis as any;
      const dt = new g.DataTransfer();
      dt.setData('text/plain', text);
      el.dispatchEvent(new g.ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    }, 'https://media.example.com/clips/surf.mp4');
    await page.getByRole('group', { name: 'Attachment: surf.mp4' }).getByText('Ready to send').waitFor();
    await sendAndComplete(page, null);

    const media: Array<{ url: string; status: number; range: string | null }> = [];
    // Stored media live below the page's folder (its access token): /<token>/media/<id>; compared without it.
    const folder = new URL(app.shell.url).pathname.slice(0, -1);
    const below = (href: string) => new URL(href).pathname.replace(folder, '');
    page.on('response', (r) => {
      const url = { pathname: below(r.url()) };
      if (url.pathname.startsWith('/media/')) media.push({ url: url.pathname, status: r.status(), range: r.request().headers().range ?? null });
    });
    await page.reload();
    await page.getByRole('article', { name: 'Assistant message' }).last().waitFor();
    const link = await userTurn(page, 'And this one?');
    await link.getByText(/surf\.mp4/).waitFor();
    expect(await link.locator('img, audio, video').count()).toBe(0);

    // The picture: a thumbnail named by its file, decoded from the stored copy, that opens large.
    const turn = await userTurn(page, 'What does this chart show?');
    const img = turn.getByRole('img', { name: 'chart.png' });
    await img.waitFor();
    await page.waitForFunction((el) => (el as any).complete && (el as any).naturalWidth > 0, await img.elementHandle(), { timeout: 15_000 });
    expect(await img.evaluate((el) => (el as any).naturalWidth as number)).toBe(320);
    const src = (await img.getAttribute('src')) ?? '';
    expect(new URL(src).pathname.startsWith(`${folder}/`)).toBe(true);
    expect(below(src)).toMatch(/^\/media\/[A-Za-z0-9_-]+$/);
    const open = turn.getByRole('button', { name: 'Open chart.png' });
    await open.click();
    const lightbox = page.getByRole('dialog', { name: 'chart.png' });
    await lightbox.waitFor();
    expect(await lightbox.getByRole('img', { name: 'chart.png' }).getAttribute('src')).toBe(src);
    await page.keyboard.press('Escape');
    await lightbox.waitFor({ state: 'detached' });
    await expect.poll(() => open.evaluate((el) => (globalThis as any).document.activeElement === el)).toBe(true);

    // The recording and the video: the app's own controls; their media load and seek to the middle.
    for (const [question, selector] of [['Answer the recorded question.', 'audio'], ['What happens in this clip?', 'video']] as const) {
      const t = await userTurn(page, question);
      const el = t.locator(selector);
      expect(await el.getAttribute('controls')).toBeNull();
      await t.getByRole('button', { name: 'Play' }).waitFor();
      const seekBar = t.getByRole('slider', { name: 'Seek' });
      await expect.poll(() => seekBar.getAttribute('max').then(Number)).toBeGreaterThan(1);
      const seen = await seekToMiddle(el);
      expect(seen.duration, selector).toBeGreaterThan(1);
      expect(Math.abs(seen.currentTime - seen.target), selector).toBeLessThan(0.5);
      const path = below((await el.getAttribute('src')) ?? '');
      expect(media.some((m) => m.url === path && m.status === 206 && m.range !== null), `${selector}: a Range request answered 206`).toBe(true);
      expect(media.filter((m) => m.url === path).every((m) => m.status === 200 || m.status === 206)).toBe(true);
      // The seek bar follows the media, and End on it takes the media to its end.
      await expect.poll(() => seekBar.inputValue().then(Number)).toBeGreaterThan(seen.duration / 2 - 0.6);
      await seekBar.focus();
      await seekBar.press('End');
      await expect.poll(() => el.evaluate((m) => (m as any).currentTime as number)).toBeGreaterThan(seen.duration - 0.5);
    }
    // No answer carried a path, and nothing was refused.
    expect(media.every((m) => /^\/media\/[A-Za-z0-9_-]+$/.test(m.url))).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  }, 240_000);

  it('a message\'s pictures open large one after another: arrows move between them, Escape closes', async () => {
    const { page, errors } = await app.openApp();
    await page.locator('input[type=file]').setInputFiles([files.red, files.image, files.green]);
    for (const name of ['red.png', 'chart.png', 'green.png']) {
      await page.getByRole('group', { name: `Attachment: ${name}` }).getByText('Ready to send').waitFor({ timeout: 60_000 });
    }
    await sendAndComplete(page, 'Which colour comes first?');
    const turn = await userTurn(page, 'Which colour comes first?');
    const thumb = await turn.getByRole('img', { name: 'chart.png' }).boundingBox();
    await turn.getByRole('button', { name: 'Open chart.png' }).click();
    // The dialog is named by the picture it shows, and says where it is among the message's pictures.
    const showing = (name: string, where: string) => page.getByRole('dialog', { name }).getByText(where, { exact: true }).waitFor();
    await showing('chart.png', '2 of 3');
    await page.keyboard.press('ArrowRight');
    await showing('green.png', '3 of 3');
    // Past the last, the first; Left goes back.
    await page.keyboard.press('ArrowRight');
    await page.getByRole('dialog', { name: 'red.png' }).waitFor();
    await page.keyboard.press('ArrowLeft');
    await page.getByRole('dialog', { name: 'green.png' }).waitFor();
    await page.getByRole('button', { name: 'Previous picture' }).click();
    const big = page.getByRole('dialog', { name: 'chart.png' });
    await big.waitFor();
    // Larger than its thumbnail in the message (at its own size: 320×240 fits the window).
    const size = await big.getByRole('img', { name: 'chart.png' }).boundingBox();
    expect(size!.width).toBeGreaterThan(thumb!.width);
    expect(size!.width).toBe(320);
    await page.keyboard.press('Escape');
    await big.waitFor({ state: 'detached' });
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('a spoken reply shows its waveform; the seek bar moved to the middle makes Play start there', async () => {
    // A spoken reply of 2 s, stored by the core before the page opens.
    const { sent, outcome } = await app.testCore.send({ text: 'Say something for two seconds.' });
    expect(outcome.status).toBe('complete');
    const detail = await app.core.handlers['conversations.get']({ id: sent.conversationId });
    const samples = detail.messages[detail.messages.length - 1]!.audio!.samples;
    expect(samples).toBe(48_000);
    const { page, errors } = await app.openApp();
    await page.getByRole('navigation', { name: 'Conversations' }).getByRole('link').first().click();
    const reply = page.getByRole('article', { name: 'Assistant message' }).last();
    await reply.waitFor();

    // The note, in the reply's Details: its audio stays here.
    await reply.getByRole('button', { name: 'Details' }).click();
    await page.getByRole('dialog', { name: 'Reply details' }).getByText(/This audio stays on this computer/).waitFor();
    await page.keyboard.press('Escape');

    // The waveform is drawn from the stored audio (bars, not an empty canvas).
    const canvas = reply.locator('canvas');
    await page.waitForFunction((el) => Number((el as any).dataset.peaks) > 0, await canvas.elementHandle(), { timeout: 15_000 });
    const inked = await canvas.evaluate((el) => {
      const c = el as any;
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data as Uint8ClampedArray;
      let n = 0;
      for (let i = 3; i < d.length; i += 4) if (d[i]! > 0) n++;
      return n / (c.width * c.height);
    });
    expect(inked).toBeGreaterThan(0.05);

    // Keyboard: Home, then one second to the right.
    const seek = reply.getByRole('slider', { name: 'Seek' });
    expect(await seek.getAttribute('aria-valuemax')).toBe('2');
    await seek.focus();
    await seek.press('End');
    await expect.poll(() => seek.getAttribute('aria-valuenow')).toBe('2');
    await seek.press('Home');
    await expect.poll(() => seek.getAttribute('aria-valuenow')).toBe('0');
    await seek.press('ArrowRight');
    await expect.poll(() => seek.getAttribute('aria-valuenow')).toBe('1');

    // A click in the middle of the bar, then Play: it plays the second half only.
    await seek.press('Home');
    const box = (await seek.boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    const at = Number(await seek.getAttribute('data-position-samples'));
    expect(Math.abs(at - samples / 2)).toBeLessThan(samples * 0.03);
    await reply.getByRole('button', { name: 'Play' }).click();
    await page.waitForFunction(
      () => (globalThis as any).document.querySelector('article[data-playback-state="ended"]') !== null,
      undefined,
      { timeout: 30_000 },
    );
    const played = Number(await reply.getAttribute('data-played-samples'));
    expect(played).toBe(samples - at);
    // Played to the end: the bar is back at the start for the next Play.
    await expect.poll(() => seek.getAttribute('aria-valuenow')).toBe('0');

    // Seeking while it plays starts it again from there: it plays from 3/4 to the end.
    await reply.getByRole('button', { name: 'Play' }).click();
    await page.waitForFunction(() => (globalThis as any).document.querySelector('article[data-playback-state="playing"]') !== null, undefined, { timeout: 15_000 });
    await page.mouse.click(box.x + box.width * 0.75, box.y + box.height / 2);
    await page.waitForFunction(
      () => (globalThis as any).document.querySelector('article[data-playback-state="ended"]') !== null,
      undefined,
      { timeout: 30_000 },
    );
    const late = Number(await reply.getAttribute('data-played-samples'));
    expect(Math.abs(late - samples / 4)).toBeLessThan(samples * 0.03);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});
