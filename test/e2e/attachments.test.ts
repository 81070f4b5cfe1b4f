// Attachments as a user meets them, in Chromium through the browser shell: drag files over the window and
// drop them, pick them with Attach, see each chip's thumbnail, one line of facts and its state, open its
// details, choose the part of a long file with `Keep from`, send, and check what the DashScope stand-in
// received (decoded and measured with ffprobe). The real UI, the real core with real ffmpeg, a real SQLite file.
import { execFile } from 'node:child_process';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { ffmpeg, tools } from '../media/media-helpers';
import { useAppHarness } from '../support/use-app-harness';
import { sendMessage, settled } from '../support/conversation-page';
import { audio25min, DATA_URI_LIMIT, dataUrlToFile, image, lastUserParts, mediaFacts, partOf, video200s } from '../core/attachments/media';

const run = promisify(execFile);
const media = { video: '', audio: '', image: '', red: '', blueVideo: '', chirp: '', big: '', pdf: '' };

const app = useAppHarness({
  prefix: 'omni-e2e-attach-',
  scenario: { audioSeconds: 0.5, realtime: false },
  prepare: async (d) => {
    media.red = join(d, 'red.png');
    media.blueVideo = join(d, 'blue.mp4');
    media.chirp = join(d, 'chirp.mp3');
    media.big = join(d, 'lecture.mp4');
    media.pdf = join(d, 'report.pdf');
    [media.video, media.audio, media.image] = await Promise.all([
      video200s(d), audio25min(d), image(d),
      ffmpeg('-f', 'lavfi', '-i', 'color=c=red:s=640x480', '-frames:v', '1', media.red),
      ffmpeg('-f', 'lavfi', '-i', 'color=c=blue:s=320x240:r=10', '-f', 'lavfi', '-i', 'sine=f=440', '-t', '8',
        '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', media.blueVideo),
      // Five minutes whose pitch rises 2 Hz a second (200 Hz at 0:00, 440 Hz at 2:00, 800 Hz at 5:00).
      ffmpeg('-f', 'lavfi', '-i', 'aevalsrc=sin(2*PI*(200*t+t*t)):s=16000:d=300', '-ac', '1', '-c:a', 'libmp3lame', '-b:a', '32k', media.chirp),
      // The case: 200 s of 640×480 with sound, more than Qwen3-Omni-Flash's input limit at full size.
      ffmpeg('-f', 'lavfi', '-i', 'testsrc2=s=640x480:r=5:d=200', '-f', 'lavfi', '-i', 'sine=d=200', '-c:v', 'libx264', '-preset', 'ultrafast',
        '-g', '10', '-c:a', 'aac', '-b:a', '32k', '-shortest', media.big),
      writeFile(media.pdf, '%PDF-1.4\n% a report, not a picture\n'),
    ]);
  },
});

async function openApp(): Promise<{ page: Page; errors: string[] }> {
  const opened = await app.openApp();
  await opened.page.getByRole('button', { name: 'Attach' }).waitFor();
  return opened;
}

const chip = (page: Page, name: string): Locator => page.getByRole('group', { name: `Attachment: ${name}` });

async function pick(page: Page, ...files: string[]): Promise<void> {
  await page.locator('input[type=file]').setInputFiles(files);
}

/** The page's own DragEvents on the window, carrying a File made from `file`'s bytes (null: a drag of no files). */
async function drag(page: Page, kinds: readonly string[], file: { path: string; name: string; type: string } | null): Promise<void> {
  const b64 = file ? (await readFile(file.path)).toString('base64') : '';
  await page.evaluate(({ kinds, b64, name, type }) => {
    // Runs in the page (this file is type-checked without the DOM library).
    const g = globalThis as any;
    const dt = new g.DataTransfer();
    if (name) dt.items.add(new g.File([Uint8Array.from(g.atob(b64), (c: string) => c.charCodeAt(0))], name, { type }));
    const target = g.document.querySelector('.composer') ?? g.document.body;
    for (const kind of kinds) {
      target.dispatchEvent(new g.DragEvent(kind, { dataTransfer: dt, bubbles: true, cancelable: true, relatedTarget: null }));
    }
  }, { kinds, b64, name: file?.name ?? '', type: file?.type ?? '' });
}

/** Clicks Send and returns the request body the stand-in received for it, once the reply is done. */
async function sendAndCapture(page: Page, text: string | null) {
  const before = app.standin.requests.length;
  expect(await settled(await sendMessage(page, text || null), 60_000)).toBe('complete');
  expect(app.standin.requests.length).toBe(before + 1);
  return app.standin.requests[before]!.body as { messages: { role: string; content: unknown }[] };
}

/** The average colour of a chip's thumbnail as the page drew it, and its natural size. */
/**
 * A draft preview's URL below the page's folder (the browser shell's access token: /<token>/draft/…), which
 * it must be in; what is left is the route.
 */
function belowPage(href: string): string {
  const folder = new URL(app.shell.url).pathname.slice(0, -1);
  const { pathname } = new URL(href);
  expect(pathname.startsWith(`${folder}/`), pathname).toBe(true);
  return pathname.slice(folder.length);
}

function thumbnailOf(c: Locator) {
  return c.locator('img.chip-thumb').evaluate(async (el) => {
    const img = el as any;
    if (!img.complete || img.naturalWidth === 0) await new Promise((r) => img.addEventListener('load', r, { once: true }));
    const g = globalThis as any;
    const canvas = g.document.createElement('canvas');
    canvas.width = 1;
    canvas.height = 1;
    const ctx = canvas.getContext('2d');
    ctx.drawImage(img, 0, 0, 1, 1);
    const [r, gr, b] = ctx.getImageData(0, 0, 1, 1).data as number[];
    return { rgb: [r, gr, b], width: img.naturalWidth as number, height: img.naturalHeight as number, src: img.src as string };
  });
}

/**
 * The pitch (Hz) near the start and the end of an audio file (the second from 0.5 s in, and the one ending
 * 0.5 s before the end: an MP3's encoder delay is silence), by zero crossings of its decoded samples.
 */
async function pitchAtEnds(file: string): Promise<{ first: number; last: number; seconds: number }> {
  const { stdout } = await run(tools.ffmpeg, ['-v', 'error', '-i', file, '-ac', '1', '-ar', '16000', '-f', 's16le', 'pipe:1'],
    { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 });
  const pcm = new Int16Array(stdout.buffer, stdout.byteOffset, Math.floor(stdout.byteLength / 2));
  const crossings = (from: number) => {
    let n = 0;
    for (let i = from + 1; i < from + 16_000; i++) if ((pcm[i - 1]! < 0) !== (pcm[i]! < 0)) n++;
    return n / 2;
  };
  return { first: crossings(8_000), last: crossings(pcm.length - 24_000), seconds: pcm.length / 16_000 };
}

describe('attachments in Chromium, through the browser shell', () => {
  it('files dragged over the window show the drop target (what it takes, for which model); leaving removes it, a drop attaches', async () => {
    const { page, errors } = await openApp();
    const target = page.getByTestId('drop-target');
    // Text being dragged is not files: no target.
    await drag(page, ['dragenter', 'dragover'], null);
    expect(await target.count()).toBe(0);

    await drag(page, ['dragenter', 'dragover'], { path: media.red, name: 'red.png', type: 'image/png' });
    await target.waitFor();
    const said = await target.innerText();
    expect(said).toMatch(/Drop to attach · 1 file/);
    expect(said).toMatch(/Pictures, audio up to 20:00 and video up to 2:30/);
    expect(said).toMatch(/Fitted for Qwen3-Omni-Flash before sending/);
    await drag(page, ['dragleave'], { path: media.red, name: 'red.png', type: 'image/png' });
    await target.waitFor({ state: 'detached' });

    await drag(page, ['dragenter', 'dragover', 'drop'], { path: media.red, name: 'red.png', type: 'image/png' });
    await target.waitFor({ state: 'detached' });
    await chip(page, 'red.png').getByText('Ready to send').waitFor({ timeout: 30_000 });
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('chips are compact: a picture\'s and a video\'s own thumbnail (made by ffmpeg, by id), one line of facts, details on demand; Remove deletes them', async () => {
    const { page, errors } = await openApp();
    await pick(page, media.red);
    const pic = chip(page, 'red.png');
    await pic.getByText('Ready to send').waitFor({ timeout: 30_000 });
    const thumb = await thumbnailOf(pic);
    expect(belowPage(thumb.src)).toMatch(/^\/draft\/[A-Za-z0-9_-]+\/thumb$/);
    expect(Math.max(thumb.width, thumb.height)).toBeLessThanOrEqual(160);
    expect(thumb.rgb[0]).toBeGreaterThan(180);
    expect(thumb.rgb[2]).toBeLessThan(80);
    expect(await pic.innerText()).toMatch(/^red\.png\nImage · [\d.]+ kB\nReady to send$/);

    // The details open on demand: what was found and what will be done, with the tokens it takes.
    await pic.getByRole('button', { name: 'Details' }).click();
    const details = page.getByRole('dialog', { name: 'About red.png' });
    await details.waitFor();
    expect(await details.innerText()).toMatch(/PNG · 640×480[\s\S]*It will be sent as it is\.[\s\S]*About 414 input tokens of Qwen3-Omni-Flash’s 16,384\./);
    await page.keyboard.press('Escape');
    await details.waitFor({ state: 'detached' });
    await pic.getByRole('button', { name: 'Remove' }).click();
    await pic.waitFor({ state: 'detached' });
    expect((await page.request.get(thumb.src)).status()).toBe(404);

    await pick(page, media.blueVideo);
    const clip = chip(page, 'blue.mp4');
    await clip.getByText('Ready to send').waitFor({ timeout: 30_000 });
    const frame = await thumbnailOf(clip);
    expect(frame.rgb[2]).toBeGreaterThan(180);
    expect(frame.rgb[0]).toBeLessThan(80);
    expect(await clip.innerText()).toMatch(/^blue\.mp4\nVideo · 0:08 · [\d.]+ kB\nReady to send$/);
    // Chips keep to one compact card: never wider than 300 px unless they choose a part.
    expect((await clip.boundingBox())!.width).toBeLessThanOrEqual(301);
    await clip.getByRole('button', { name: 'Remove' }).click();
    await clip.waitFor({ state: 'detached' });
    await expect.poll(async () => readdir(join(app.dataDir, 'media', '.previews')).catch(() => []), { timeout: 10_000 }).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);

  it('Keep from chooses the part of a long recording: arrows, Page Up/Down, Home/End; the stand-in receives exactly that part', async () => {
    // Qwen-Omni-Turbo takes 3 minutes of audio: the 5-minute rising tone is over it.
    await app.core.handlers['settings.update']({ model: 'qwen-omni-turbo', voice: 'Cherry' });
    const { page, errors } = await openApp();
    await pick(page, media.chirp);
    const c = chip(page, 'chirp.mp3');
    await c.getByText('Ready to send').waitFor({ timeout: 60_000 });
    const keep = c.getByRole('slider', { name: 'Keep from' });
    expect(await keep.getAttribute('aria-valuenow')).toBe('0');
    expect(await keep.getAttribute('aria-valuetext')).toBe('0:00 to 3:00 of 5:00');
    await c.getByText('Sends 0:00–3:00 of 5:00').waitFor();
    // The range is drawn on the file's waveform (made beside the fitting: it may come a moment later).
    await c.locator('.keep-wave rect').first().waitFor({ timeout: 30_000 });
    expect(await c.locator('.keep-wave rect').count()).toBeGreaterThan(50);

    await keep.focus();
    await keep.press('ArrowRight');
    await keep.press('PageUp');
    await expect.poll(() => keep.getAttribute('aria-valuenow'), { timeout: 5_000 }).toBe('11');
    await keep.press('End');
    await expect.poll(() => keep.getAttribute('aria-valuenow'), { timeout: 5_000 }).toBe('120.5');
    await c.getByText('Sends 2:00–5:00 of 5:00').waitFor();
    await c.getByText(/Ready to send · 2:00–5:00/).waitFor({ timeout: 60_000 });
    await c.getByText('Ready to send', { exact: true }).waitFor({ timeout: 60_000 });
    // The kept part plays before it goes: the prepared file, served by id.
    const kept = await page.request.get(new URL(`draft/${(await app.core.handlers['attachments.list']({}))[0]!.id}/kept`, app.shell.url).href);
    expect(kept.status()).toBe(200);
    expect(kept.headers()['content-type']).toBe('audio/mpeg');

    const body = await sendAndCapture(page, 'What do you hear?');
    const audio = partOf(lastUserParts(body), 'input_audio').input_audio;
    const file = await dataUrlToFile(audio.data, join(app.dir, `keep.${audio.format}`));
    const heard = await pitchAtEnds(file);
    // 2:00.5 to 5:00 (the tone is 200 + 2t Hz): ~443 Hz a second in, ~798 Hz a second before the end; the
    // first part of the file would be 200–560 Hz.
    expect(heard.seconds).toBeGreaterThan(178);
    expect(heard.seconds).toBeLessThanOrEqual(180);
    expect(Math.abs(heard.first - 443)).toBeLessThan(8);
    expect(Math.abs(heard.last - 798)).toBeLessThan(8);
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);

  it('a 200-s 640×480 video is fitted within Qwen3-Omni-Flash\'s input limit: no over-limit warning, Send on, the chip says how', async () => {
    const { page, errors } = await openApp();
    await pick(page, media.big);
    const c = chip(page, 'lecture.mp4');
    await c.getByText('Ready to send', { exact: true }).waitFor({ timeout: 120_000 });
    // The chip: the part (the model's 2:30) and the smaller pictures that keep it within the input limit.
    expect(await c.locator('.chip-state').innerText()).toMatch(/^Ready to send · 0:00–2:30 · \d{3} px$/);
    // The filmstrip under the range: the whole file, by id.
    const strip = c.locator('img.keep-strip');
    await page.waitForFunction((el) => (el as any).complete && (el as any).naturalWidth > 0, await strip.elementHandle());
    expect(belowPage((await strip.getAttribute('src'))!)).toMatch(/^\/draft\/[A-Za-z0-9_-]+\/strip$/);
    await page.getByRole('textbox', { name: 'Message' }).fill('Summarise the lecture in three points.');
    expect(await page.getByRole('region', { name: 'Composer' }).getByRole('alert').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Send' }).isDisabled()).toBe(false);
    // The details say the same: within the limit, and why the pictures are smaller.
    await c.getByRole('button', { name: 'Details' }).click();
    const details = await page.getByRole('dialog', { name: 'About lecture.mp4' }).innerText();
    expect(details).toMatch(/only the first 2:30 will be sent/);
    expect(details).toMatch(/To stay within the model’s input limit \(16,384 tokens\), its pictures go at \d{3} px \(about 1\d,\d{3} tokens\)\./);
    const tokens = Number(/About ([\d,]+) input tokens/.exec(details)![1]!.replace(/,/g, ''));
    expect(tokens).toBeLessThanOrEqual(16_384 - 1024);
    await page.keyboard.press('Escape');

    const body = await sendAndCapture(page, '');
    const url = partOf(lastUserParts(body), 'video_url').video_url.url;
    const facts = await mediaFacts(await dataUrlToFile(url, join(app.dir, 'fitted.mp4')));
    expect(facts.durationSec).toBeLessThanOrEqual(150);
    expect(facts.durationSec).toBeGreaterThan(145);
    expect([facts.video, facts.audio]).toEqual([1, 1]);
    expect(errors).toEqual([]);
    await page.close();
  }, 240_000);

  it('a long recording and a long question together over the limit: Send is held, and one click fits the recording into the room left', async () => {
    const { page, errors } = await openApp();
    await pick(page, media.audio);
    const c = chip(page, 'long-talk.mp3');
    await c.getByText('Ready to send', { exact: true }).waitFor({ timeout: 60_000 });
    // 20 minutes of sound (15,000 tokens) fit alone; with ~2,000 tokens of text they do not.
    await page.getByRole('textbox', { name: 'Message' }).fill(`Summarise this: ${'word '.repeat(1600)}`);
    const rules = page.getByRole('region', { name: 'Composer' }).getByRole('alert');
    await expect.poll(() => rules.innerText()).toMatch(/This message is about 17,\d{3} input tokens, over Qwen3-Omni-Flash’s limit of 16,384/);
    expect(await page.getByRole('button', { name: 'Send' }).isDisabled()).toBe(true);
    await rules.getByRole('button', { name: 'Fit “long-talk.mp3” into the room left' }).click();
    await c.getByText('Ready to send', { exact: true }).waitFor({ timeout: 60_000 });
    await rules.waitFor({ state: 'detached', timeout: 60_000 });
    expect(await page.getByRole('button', { name: 'Send' }).isDisabled()).toBe(false);
    // The chip says what changed: a shorter part, and why.
    expect(await c.locator('.chip-state').innerText()).toMatch(/^Ready to send · 0:00–1[89]:\d\d$/);
    await c.getByRole('button', { name: 'Details' }).click();
    expect(await page.getByRole('dialog', { name: 'About long-talk.mp3' }).innerText())
      .toMatch(/To stay within the model’s input limit \(16,384 tokens\), only 1[89]:\d\d of it can go/);
    await page.keyboard.press('Escape');
    const body = await sendAndCapture(page, null);
    const audio = partOf(lastUserParts(body), 'input_audio').input_audio;
    const facts = await mediaFacts(await dataUrlToFile(audio.data, join(app.dir, `fit-room.${audio.format}`)));
    expect(facts.durationSec).toBeLessThan(1150);
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);

  it('a 200-second video picked with Attach is trimmed to ≤150 s; the message then shows it; the upload copy is removed', async () => {
    const { page, errors } = await openApp();
    await pick(page, media.video);
    const c = chip(page, 'long-clip.mp4');
    await c.getByText('Ready to send', { exact: true }).waitFor({ timeout: 60_000 });
    expect(await c.innerText()).toMatch(/^long-clip\.mp4\nVideo · 3:20 · [\d.]+ MB\nReady to send · 0:00–2:30/);
    await c.getByRole('button', { name: 'Details' }).click();
    const details = page.getByRole('dialog', { name: 'About long-clip.mp4' });
    expect(await details.innerText()).toMatch(/longer than the model accepts \(3:20; the limit is 2:30\): only the first 2:30 will be sent/);
    // Frames instead of a part are offered there.
    expect(await details.getByRole('radio').count()).toBe(2);
    await page.keyboard.press('Escape');
    const body = await sendAndCapture(page, 'What happens in this clip?');
    const url = partOf(lastUserParts(body), 'video_url').video_url.url;
    expect(url.startsWith('data:;base64,')).toBe(true);
    expect(url.length).toBeLessThanOrEqual(DATA_URI_LIMIT);
    const facts = await mediaFacts(await dataUrlToFile(url, join(app.dir, 'e2e-video.mp4')));
    expect(facts.durationSec).toBeLessThanOrEqual(150);
    expect(facts.video).toBe(1);
    expect(await chip(page, 'long-clip.mp4').count()).toBe(0);
    await page.getByRole('article', { name: 'User message' }).getByText(/long-clip\.mp4/).first().waitFor();
    expect(await readdir(join(app.dataDir, 'uploads'))).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('a 25-minute audio file dropped on the window is trimmed to ≤20 min and sent as input_audio', async () => {
    const { page, errors } = await openApp();
    await drag(page, ['dragenter', 'dragover', 'drop'], { path: media.audio, name: 'long-talk.mp3', type: 'audio/mpeg' });
    const c = chip(page, 'long-talk.mp3');
    await c.getByText('Ready to send', { exact: true }).waitFor({ timeout: 60_000 });
    expect(await c.innerText()).toMatch(/^long-talk\.mp3\nAudio · 25:00 · [\d.]+ MB\nReady to send · 0:00–20:00/);
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
    await pick(page, media.image);
    const first = chip(page, 'picture.png');
    await first.getByText('Ready to send').waitFor({ timeout: 30_000 });
    const box = page.getByRole('textbox', { name: 'Message' });
    await box.fill('Describe the picture.');
    await pick(page, media.audio);
    const second = chip(page, 'long-talk.mp3');
    await second.getByText(/“long-talk\.mp3” \(audio\) cannot go with “picture\.png” \(image\): remove one of them/).waitFor({ timeout: 30_000 });
    expect(await second.getByText('Cannot be sent').count()).toBe(1);
    expect(await first.getByText('Ready to send').count()).toBe(1);
    expect(await box.inputValue()).toBe('Describe the picture.');
    expect(await page.getByRole('button', { name: 'Send' }).isDisabled()).toBe(true);

    await second.getByRole('button', { name: 'Remove' }).click();
    await second.waitFor({ state: 'detached' });
    expect(await page.getByRole('button', { name: 'Send' }).isDisabled()).toBe(false);
    const body = await sendAndCapture(page, '');
    const parts = lastUserParts(body);
    expect(parts.map((p) => p.type)).toEqual(['image_url', 'text']);
    expect(partOf(parts, 'image_url').image_url.url).toMatch(/^data:image\/(png|jpeg);base64,/);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('in Chinese, every chip text and refusal is Chinese: facts, states, details, a mixed kind and a file that is not media', async () => {
    await app.core.handlers['settings.update']({ language: 'zh-CN' });
    const { page, errors } = await app.newPage();
    await page.goto(app.shell.url);
    await page.getByRole('button', { name: '添加附件' }).waitFor();
    await pick(page, media.red);
    const pic = page.getByRole('group', { name: '附件：red.png' });
    await pic.getByText('可以发送').waitFor({ timeout: 30_000 });
    expect(await pic.innerText()).toMatch(/^red\.png\n图片 · [\d.]+ kB\n可以发送$/);
    await pic.getByRole('button', { name: '详情' }).click();
    expect(await page.getByRole('dialog', { name: '关于 red.png' }).innerText()).toMatch(/将按原样发送。[\s\S]*约占 414 个输入 token（Qwen3-Omni-Flash 上限 16,384）。/);
    await page.keyboard.press('Escape');

    await pick(page, media.pdf);
    const pdf = page.getByRole('group', { name: '附件：report.pdf' });
    await pdf.getByText('无法发送').waitFor({ timeout: 30_000 });
    expect(await pdf.innerText()).toMatch(/“report\.pdf”不是可读取的图片、音频或视频文件。请选择图片、录音或视频。/);
    await pick(page, media.blueVideo);
    const clip = page.getByRole('group', { name: '附件：blue.mp4' });
    await clip.getByText('无法发送').waitFor({ timeout: 30_000 });
    expect(await clip.innerText()).toMatch(/“blue\.mp4”（视频）不能与“red\.png”（图片）一起发送/);
    // Nothing English on any chip.
    const all = await page.locator('.chips').innerText();
    expect(all).not.toMatch(/Ready|Cannot|Image|Video|will be|not an image/);
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);

  it('a pasted link to a video becomes a chip and is sent as the link itself', async () => {
    const { page, errors } = await openApp();
    const box = page.getByRole('textbox', { name: 'Message' });
    await box.fill('What is in this one?');
    const link = 'https://media.example.com/clips/surf.mp4';
    await box.evaluate((el, text) => {
      const g = globalThis as any;
      const dt = new g.DataTransfer();
      dt.setData('text/plain', text);
      el.dispatchEvent(new g.ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    }, link);
    const c = chip(page, 'surf.mp4');
    await c.getByText('Ready to send').waitFor();
    expect(await c.innerText()).toMatch(/Video link · media\.example\.com/);
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
    expect(await c.innerText()).toMatch(/^image\.png\nImage · [\d.]+ kB\nReady to send$/);
    expect(await box.inputValue()).toBe('What does my screen show?');
    const parts = lastUserParts(await sendAndCapture(page, ''));
    expect(partOf(parts, 'image_url').image_url.url).toMatch(/^data:image\/(png|jpeg);base64,/);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});

