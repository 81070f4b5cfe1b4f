// Attachments as a user meets them, in Chromium through the browser shell: pick or drop a file, read on
// its chip what was found and what will be done, send, and check what the DashScope stand-in received
// (decoded and measured with ffprobe). The real UI, the real core with real ffmpeg, a real SQLite file.
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { useAppHarness } from '../support/use-app-harness';
import { sendMessage, settled } from '../support/conversation-page';
import { audio25min, DATA_URI_LIMIT, dataUrlToFile, image, lastUserParts, mediaFacts, partOf, video200s } from '../core/attachments/media';

const media = { video: '', audio: '', image: '' };

const app = useAppHarness({
  prefix: 'omni-e2e-attach-',
  scenario: { audioSeconds: 0.5, realtime: false },
  prepare: async (d) => {
    [media.video, media.audio, media.image] = await Promise.all([video200s(d), audio25min(d), image(d)]);
  },
});

async function openApp(): Promise<{ page: Page; errors: string[] }> {
  const opened = await app.openApp();
  await opened.page.getByRole('button', { name: 'Attach' }).waitFor();
  return opened;
}

const chip = (page: Page, name: string): Locator => page.getByRole('group', { name: `Attachment: ${name}` });

async function pick(page: Page, file: string): Promise<void> {
  await page.locator('input[type=file]').setInputFiles(file);
}

/** A real drop: the file's bytes become a File in the page, dropped on the Composer with a DataTransfer. */
async function drop(page: Page, file: string, name: string, type: string): Promise<void> {
  const b64 = (await readFile(file)).toString('base64');
  const target = await page.getByRole('region', { name: 'Composer' }).elementHandle();
  await page.evaluate(
    ({ b64, name, type, target }) => {
      // Runs in the page (this file is type-checked without the DOM library).
      const g = globalThis as any;
      const bytes = Uint8Array.from(g.atob(b64), (c: string) => c.charCodeAt(0));
      const dt = new g.DataTransfer();
      dt.items.add(new g.File([bytes], name, { type }));
      for (const kind of ['dragenter', 'dragover', 'drop']) {
        target.dispatchEvent(new g.DragEvent(kind, { dataTransfer: dt, bubbles: true, cancelable: true }));
      }
    },
    { b64, name, type, target },
  );
}

/** Clicks Send and returns the request body the stand-in received for it, once the reply is done. */
async function sendAndCapture(page: Page, text: string) {
  const before = app.standin.requests.length;
  expect(await settled(await sendMessage(page, text || null), 60_000)).toBe('complete');
  expect(app.standin.requests.length).toBe(before + 1);
  return app.standin.requests[before]!.body as { messages: { role: string; content: unknown }[] };
}

describe('attachments in Chromium, through the browser shell', () => {
  it('a 200-second video picked with Attach: the chip says it will be trimmed; the stand-in gets ≤150 s within budget', async () => {
    const { page, errors } = await openApp();
    await pick(page, media.video);
    const c = chip(page, 'long-clip.mp4');
    await c.getByText('Ready to send').waitFor({ timeout: 60_000 });
    const text = await c.innerText();
    expect(text).toMatch(/Video \(MP4\) · 3:20/);
    expect(text).toMatch(/longer than the model accepts \(3:20; the limit is 2:30\): only the first 2:30 will be sent/);
    // The chip offers frames instead of a trimmed file.
    expect(await c.getByRole('radio').count()).toBe(2);
    const body = await sendAndCapture(page, 'What happens in this clip?');
    const url = partOf(lastUserParts(body), 'video_url').video_url.url;
    expect(url.startsWith('data:;base64,')).toBe(true);
    expect(url.length).toBeLessThanOrEqual(DATA_URI_LIMIT);
    const facts = await mediaFacts(await dataUrlToFile(url, join(app.dir, 'e2e-video.mp4')));
    expect(facts.durationSec).toBeLessThanOrEqual(150);
    expect(facts.video).toBe(1);
    // The chip is gone and the message says what went with it.
    expect(await chip(page, 'long-clip.mp4').count()).toBe(0);
    await page.getByRole('article', { name: 'User message' }).getByText(/long-clip\.mp4/).waitFor();
    // The upload's temporary copy is removed once sent.
    expect(await readdir(join(app.dataDir, 'uploads'))).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('a 25-minute audio file dropped on the window is trimmed to ≤20 min and sent as input_audio', async () => {
    const { page, errors } = await openApp();
    await page.getByRole('button', { name: 'New conversation' }).click();
    await drop(page, media.audio, 'long-talk.mp3', 'audio/mpeg');
    const c = chip(page, 'long-talk.mp3');
    await c.getByText('Ready to send').waitFor({ timeout: 60_000 });
    expect(await c.innerText()).toMatch(/Audio .*25:00[\s\S]*only the first 20:00 will be sent/);
    const body = await sendAndCapture(page, 'Summarise this talk.');
    const audio = partOf(lastUserParts(body), 'input_audio').input_audio;
    expect(audio.data.length).toBeLessThanOrEqual(DATA_URI_LIMIT);
    const facts = await mediaFacts(await dataUrlToFile(audio.data, join(app.dir, `e2e-audio.${audio.format}`)));
    expect(facts.durationSec).toBeLessThanOrEqual(20 * 60);
    expect(facts.audio).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('an image is sent as one image_url; a second attachment of another kind is refused with the message shown, the first kept', async () => {
    const { page, errors } = await openApp();
    await page.getByRole('button', { name: 'New conversation' }).click();
    await pick(page, media.image);
    const first = chip(page, 'picture.png');
    await first.getByText('Ready to send').waitFor({ timeout: 30_000 });
    expect(await first.innerText()).toMatch(/Image .*320×240/);

    const box = page.getByRole('textbox', { name: 'Message' });
    await box.fill('Describe the picture.');
    await pick(page, media.audio);
    const second = chip(page, 'long-talk.mp3');
    await second.getByText(/“long-talk\.mp3” \(audio\) cannot go with “picture\.png” \(image\): remove one of them/).waitFor({ timeout: 30_000 });
    expect(await second.getByText('Cannot be sent').count()).toBe(1);
    // Nothing else was lost, and Send waits until the refused chip is removed.
    expect(await first.getByText('Ready to send').count()).toBe(1);
    expect(await box.inputValue()).toBe('Describe the picture.');
    expect(await page.getByRole('button', { name: 'Send' }).isDisabled()).toBe(true);

    await second.getByRole('button', { name: 'Remove' }).click();
    await second.waitFor({ state: 'detached' });
    expect(await page.getByRole('button', { name: 'Send' }).isDisabled()).toBe(false);
    const body = await sendAndCapture(page, '');
    const parts = lastUserParts(body);
    expect(parts.map((p) => p.type)).toEqual(['image_url', 'text']);
    const url = partOf(parts, 'image_url').image_url.url;
    expect(url).toMatch(/^data:image\/(png|jpeg);base64,/);
    expect((await mediaFacts(await dataUrlToFile(url, join(app.dir, 'e2e-image')))).video).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('a pasted link to a video becomes a chip and is sent as the link itself', async () => {
    const { page, errors } = await openApp();
    await page.getByRole('button', { name: 'New conversation' }).click();
    const box = page.getByRole('textbox', { name: 'Message' });
    await box.fill('What is in this one?');
    const link = 'https://media.example.com/clips/surf.mp4';
    await box.evaluate((el, text) => {
      // Runs in the page (this file is type-checked without the DOM library).
      const g = globalThis as any;
      const dt = new g.DataTransfer();
      dt.setData('text/plain', text);
      el.dispatchEvent(new g.ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    }, link);
    const c = chip(page, 'surf.mp4');
    await c.getByText('Ready to send').waitFor();
    expect(await c.innerText()).toMatch(/Video link · media\.example\.com/);
    expect(await box.inputValue()).toBe('What is in this one?');
    const body = await sendAndCapture(page, '');
    expect(lastUserParts(body)).toEqual([
      { type: 'video_url', video_url: { url: link } },
      { type: 'text', text: 'What is in this one?' },
    ]);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('a pasted screenshot (a File only in memory, as Chromium names it image.png) becomes a chip and is sent as the picture', async () => {
    const { page, errors } = await openApp();
    await page.getByRole('button', { name: 'New conversation' }).click();
    const box = page.getByRole('textbox', { name: 'Message' });
    await box.fill('What does my screen show?');
    const b64 = (await readFile(media.image)).toString('base64');
    await box.evaluate((el, b64) => {
      // Runs in the page (this file is type-checked without the DOM library).
      const g = globalThis as any;
      const dt = new g.DataTransfer();
      dt.items.add(new g.File([Uint8Array.from(g.atob(b64), (c: string) => c.charCodeAt(0))], 'image.png', { type: 'image/png' }));
      el.dispatchEvent(new g.ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    }, b64);
    const c = chip(page, 'image.png');
    await c.getByText('Ready to send').waitFor({ timeout: 30_000 });
    expect(await c.innerText()).toMatch(/Image \(PNG\)/);
    expect(await box.inputValue()).toBe('What does my screen show?');
    const parts = lastUserParts(await sendAndCapture(page, ''));
    expect(partOf(parts, 'image_url').image_url.url).toMatch(/^data:image\/(png|jpeg);base64,/);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('the kept window of a long video can be moved from its chip; Remove drops the chip', async () => {
    const { page, errors } = await openApp();
    await page.getByRole('button', { name: 'New conversation' }).click();
    await pick(page, media.video);
    const c = chip(page, 'long-clip.mp4');
    await c.getByText('Ready to send').waitFor({ timeout: 60_000 });
    const start = c.getByRole('spinbutton', { name: 'Send from second' });
    expect(await start.inputValue()).toBe('0');
    await start.fill('40');
    await start.press('Tab');
    await c.getByText(/only 0:40–3:10 will be sent/).waitFor({ timeout: 60_000 });
    await c.getByText('Ready to send').waitFor({ timeout: 60_000 });
    await c.getByRole('button', { name: 'Remove' }).click();
    await c.waitFor({ state: 'detached' });
    expect(await app.core.handlers['attachments.list']({})).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});
