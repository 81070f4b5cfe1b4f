// Voice in, as a user meets it: in Chromium through the browser shell, with Chromium's fake microphone fed
// a real spoken question (espeak-ng, then a pause, looped). Record, stop, hear it back on the chip, send,
// and check what the DashScope stand-in received (decoded and measured with ffmpeg); hands-free turns
// with no click; the model's limit; no microphone; access refused; a recording removed.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { RECORDINGS_DIR } from '../../electron/core/attachments/recording';
import { launchChromium } from '../support/browser';
import { collectErrors } from '../support/app-harness';
import { useAppHarness } from '../support/use-app-harness';
import { dataUrlToFile, lastUserParts } from '../core/attachments/media';
import { decodedFacts } from '../core/attachments/recording-audio';
import { spokenMicrophone } from '../support/fake-microphone';

/** The input_audio formats the API lists. */
const LISTED = ['mp3', 'wav', 'amr', 'aac', '3gp'];
/** Said, then this long a pause before the file loops: hands-free hears a question end. */
const PAUSE_SEC = 3;

const app = useAppHarness({
  prefix: 'omni-e2e-voice-',
  scenario: { audioSeconds: 1, realtime: false, text: 'Mont Blanc, at about 4,806 metres.' },
  ...spokenMicrophone('What is the tallest mountain in Europe, and how high is it?', PAUSE_SEC),
});

const chips = (page: Page): Locator => page.getByRole('group', { name: /^Attachment: Recording \d\d-\d\d-\d\d\.webm$/ });
const recordingsLeft = () => readdir(join(app.dataDir, RECORDINGS_DIR)).catch(() => []);

/** The app in a browser of its own (other microphone flags), its errors collected; the browser closes after `use`. */
async function inBrowser(args: string[], use: (page: Page, errors: string[]) => Promise<void>): Promise<void> {
  const browser: Browser = await launchChromium(args);
  try {
    const page = await browser.newPage();
    const errors = collectErrors(page);
    await page.goto(app.shell.url);
    await page.getByRole('button', { name: 'Record' }).waitFor();
    await use(page, errors);
  } finally {
    await browser.close();
  }
}

async function replyComplete(page: Page, count: number): Promise<void> {
  await page.locator('article[aria-label="Assistant message"][data-status="complete"]').nth(count - 1).waitFor({ timeout: 60_000 });
}

/**
 * How long the Record button said "Stop recording", timed in the page (the test's own clock would add
 * Playwright's round trips, a few hundred ms, to the recording time). Call before starting.
 */
async function watchRecordingTime(page: Page): Promise<() => Promise<number>> {
  await page.evaluate(() => {
    // Runs in the page (this file is type-checked without the DOM library).
    const g = globalThis as any;
    g.__recording = { since: null, total: 0 };
    new g.MutationObserver(() => {
      const recording = g.document.querySelector('button[aria-label="Stop recording"]') !== null;
      const r = g.__recording;
      if (recording && r.since === null) r.since = g.performance.now();
      if (!recording && r.since !== null) {
        r.total += g.performance.now() - r.since;
        r.since = null;
      }
    }).observe(g.document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-label'] });
  });
  return () => page.evaluate(() => (globalThis as any).__recording.total / 1000);
}

/** The one input_audio item of a recorded request, decoded and measured. */
async function sentAudio(index: number, name: string) {
  const parts = lastUserParts(app.standin.requests[index]!.body as { messages: { role: string; content: unknown }[] });
  const audio = parts.filter((p) => p.type === 'input_audio');
  expect(audio).toHaveLength(1);
  const item = (audio[0] as Extract<(typeof parts)[number], { type: 'input_audio' }>).input_audio;
  expect(LISTED).toContain(item.format);
  return { format: item.format, ...(await decodedFacts(await dataUrlToFile(item.data, join(app.dir, `${name}.${item.format}`)))) };
}

describe('voice in, in Chromium through the browser shell', () => {
  it('records a spoken question, plays it back on its chip, and sends it as one listed-format input_audio of the recorded length', async () => {
    const { page, errors } = await app.openApp();
    const record = page.getByRole('button', { name: 'Record' });
    expect(await record.getAttribute('title')).toMatch(/Ctrl\+Shift\+Space|⌘⇧Space/);
    const recordingTime = await watchRecordingTime(page);
    await record.click();
    const stop = page.getByRole('button', { name: 'Stop recording' });
    await stop.waitFor();
    const startedAt = Date.now();

    // While recording: the level moves with the voice, and the time runs against flash's 20 minutes.
    const meter = page.getByRole('meter', { name: 'Input level' });
    await page.waitForFunction((el) => (el as unknown as { value: number }).value > 0.3, await meter.elementHandle(), { timeout: 10_000 });
    await page.getByRole('timer', { name: 'Recording time' }).getByText(/^0:0[1-9] \/ 20:00$/).waitFor({ timeout: 10_000 });
    await page.waitForTimeout(Math.max(0, 4_000 - (Date.now() - startedAt)));
    await stop.click();
    await record.waitFor();
    const recordedSec = await recordingTime();
    expect(recordedSec).toBeGreaterThan(3.5);

    const chip = chips(page);
    await chip.getByText('Ready to send').waitFor({ timeout: 60_000 });
    expect(await chip.innerText()).toMatch(/^Recording \d\d-\d\d-\d\d\.webm\nAudio · 0:0\d · [\d.]+ kB\nReady to send/);
    // Its details say it is converted: the browser's WebM is not a format the API takes.
    await chip.getByRole('button', { name: 'Details' }).click();
    const details = page.getByRole('dialog', { name: /^About Recording/ });
    expect(await details.innerText()).toMatch(/WebM ·[\s\S]*WebM is not one of the formats the API takes: it will be converted to/);
    await page.keyboard.press('Escape');
    await details.waitFor({ state: 'detached' });
    // The chip plays the recording from the page's own copy.
    const player = chip.locator('audio');
    expect(await player.getAttribute('src')).toMatch(/^blob:/);
    await player.evaluate((el) => (el as unknown as { play(): Promise<void> }).play());
    await page.waitForFunction((el) => (el as unknown as { currentTime: number }).currentTime > 0.2, await player.elementHandle(), { timeout: 10_000 });
    await player.evaluate((el) => (el as unknown as { pause(): void }).pause());

    const before = app.standin.requests.length;
    await page.getByRole('button', { name: 'Send' }).click();
    await replyComplete(page, 1);
    expect(app.standin.requests.length).toBe(before + 1);
    const sent = await sentAudio(before, 'recorded');
    expect(Math.abs(sent.durationSec - recordedSec)).toBeLessThan(0.5);
    // Speech, not silence (digital silence measures about -91 dB).
    expect(sent.meanVolumeDb).toBeGreaterThan(-45);
    // Kept with the message like any attachment; the chip and the temporary copy are gone.
    await page.getByRole('article', { name: 'User message' }).getByText(/Recording \d\d-\d\d-\d\d\.webm/).waitFor();
    expect(await chips(page).count()).toBe(0);
    expect(await recordingsLeft()).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('the shortcut starts and stops a recording; Remove takes it away and nothing is sent', async () => {
    const { page, errors } = await app.openApp();
    await page.getByRole('button', { name: 'New conversation' }).click();
    await page.keyboard.press('Control+Shift+Space');
    await page.getByRole('button', { name: 'Stop recording' }).waitFor();
    await page.getByRole('timer', { name: 'Recording time' }).getByText(/^0:01/).waitFor({ timeout: 10_000 });
    await page.keyboard.press('Control+Shift+Space');
    const chip = chips(page);
    await chip.getByText('Ready to send').waitFor({ timeout: 60_000 });
    expect(await recordingsLeft()).toHaveLength(1);

    const before = app.standin.requests.length;
    await chip.getByRole('button', { name: 'Remove' }).click();
    await chip.waitFor({ state: 'detached' });
    expect(await page.getByRole('button', { name: 'Send' }).isDisabled()).toBe(true);
    await page.getByRole('textbox', { name: 'Message' }).press('Enter');
    expect(app.standin.requests.length).toBe(before);
    expect(await app.core.handlers['attachments.list']({})).toEqual([]);
    await expect.poll(recordingsLeft).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('hands-free: two spoken questions are sent and answered with no click between them; turning it off ends the loop', async () => {
    const { page, errors } = await app.openApp();
    await page.getByRole('button', { name: 'New conversation' }).click();
    const before = app.standin.requests.length;
    // Each time listening starts: how the replies' sound stood at that moment (seen in the page itself).
    await page.evaluate(() => {
      const g = globalThis as any;
      g.__listenings = [];
      let recording = false;
      new g.MutationObserver(() => {
        const now = g.document.querySelector('button[aria-label="Stop recording"]') !== null;
        if (now && !recording) {
          const replies = [...g.document.querySelectorAll('article[aria-label="Assistant message"]')];
          g.__listenings.push(replies.map((r: any) => `${r.getAttribute('data-status')}/${r.getAttribute('data-playback-state')}`));
        }
        recording = now;
      }).observe(g.document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-label'] });
    });
    const handsFree = page.getByRole('switch', { name: 'Hands-free' });
    await handsFree.check();

    // Each question ends at the pause after it, is sent, and its spoken reply plays out before listening again.
    await expect.poll(() => app.standin.requests.length, { timeout: 150_000 }).toBeGreaterThanOrEqual(before + 2);
    await replyComplete(page, 2);
    await page.getByRole('button', { name: 'Stop recording' }).waitFor({ timeout: 30_000 });
    expect(await page.getByRole('article', { name: 'User message' }).count()).toBe(2);
    // Listening began at once, then again only after each spoken reply had arrived whole and played to its end.
    expect((await page.evaluate(() => (globalThis as any).__listenings)).slice(0, 3)).toEqual([
      [],
      ['complete/ended'],
      ['complete/ended', 'complete/ended'],
    ]);
    for (const i of [0, 1]) {
      const sent = await sentAudio(before + i, `hands-free-${i}`);
      expect(sent.meanVolumeDb).toBeGreaterThan(-45);
      // The whole question and the pause that ended it, not more than one loop of the file.
      expect(sent.durationSec).toBeGreaterThan(2);
      expect(sent.durationSec).toBeLessThan(20);
    }
    // Listening for a third: the switch ends it; what was heard so far stays as a chip to send or remove.
    await handsFree.uncheck();
    await page.getByRole('button', { name: 'Record' }).waitFor();
    expect(await handsFree.isChecked()).toBe(false);
    const chip = chips(page);
    await chip.waitFor();
    await chip.getByRole('button', { name: 'Remove' }).click();
    await chip.waitFor({ state: 'detached' });
    expect(app.standin.requests.length).toBe(before + 2);
    expect(errors).toEqual([]);
    await page.close();
  }, 240_000);

  it('the hands-free pause is set in Settings, in seconds, and out-of-range values are not saved', async () => {
    const { page, errors } = await app.openApp();
    await page.getByRole('button', { name: 'Settings' }).click();
    const field = page.getByRole('dialog', { name: 'Settings' }).getByRole('spinbutton', { name: 'Hands-free: pause that sends the question (seconds)' });
    expect(await field.inputValue()).toBe('1.5');
    await field.fill('0.8');
    await field.press('Enter');
    await expect.poll(async () => (await app.core.handlers['settings.get']({})).handsFreeSilenceMs).toBe(800);
    await field.fill('60');
    await field.blur();
    expect(await field.inputValue()).toBe('0.8');
    expect((await app.core.handlers['settings.get']({})).handsFreeSilenceMs).toBe(800);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('stops by itself at the model\'s audio limit (Qwen-Omni-Turbo: 3 minutes) and says so', async () => {
    await app.core.handlers['settings.update']({ model: 'qwen-omni-turbo', voice: 'Cherry' });
    const { page, errors } = await app.newPage();
    // The page's clock is Playwright's, so three minutes pass in a moment. Only the clock jumps: the
    // microphone records in real time, so a few real seconds of the question are recorded first — a
    // recording of no real length would hold no sound to send (and its chip says so).
    await page.clock.install();
    await page.goto(app.shell.url);
    await page.getByRole('button', { name: 'Record' }).click();
    await page.getByRole('button', { name: 'Stop recording' }).waitFor();
    const timer = page.getByRole('timer', { name: 'Recording time' });
    const meter = page.getByRole('meter', { name: 'Input level' });
    await page.waitForFunction((el) => (el as unknown as { value: number }).value > 0.3, await meter.elementHandle(), { timeout: 10_000 });
    await timer.getByText(/^0:02 \/ 3:00$/).waitFor({ timeout: 15_000 });
    await page.clock.fastForward('02:55');
    // Not yet: just under the limit the recording goes on.
    await timer.getByText(/^2:5\d \/ 3:00$/).waitFor();
    expect(await page.getByRole('button', { name: 'Stop recording' }).count()).toBe(1);
    await page.clock.fastForward('00:03');
    const said = page.getByRole('status').filter({ hasText: 'Recording stopped by itself' });
    await said.waitFor();
    expect(await said.innerText()).toMatch(/Qwen-Omni-Turbo takes at most 3:00 of audio\. The recording is attached/);
    await page.getByRole('button', { name: 'Record' }).waitFor();
    // What was really recorded (seconds of speech, whatever the page's clock said) is ready to send.
    const chip = chips(page);
    await chip.getByText('Ready to send').waitFor({ timeout: 60_000 });
    // (The timer counts from the click; the recorder starts a moment later, so ~2 s on it can be 1.x s of audio.)
    expect(await chip.innerText()).toMatch(/\nAudio · 0:0[1-9] · /);
    await chip.getByRole('button', { name: 'Remove' }).click();
    await chip.waitFor({ state: 'detached' });
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);

  it('no microphone: an alert says so and what to do; the draft stays and typing still sends', async () => {
    // No fake device: headless Chromium on this machine has no audio input at all.
    await inBrowser([], async (page, errors) => {
      const box = page.getByRole('textbox', { name: 'Message' });
      await box.fill('What is the tallest mountain in Europe?');
      await page.getByRole('button', { name: 'Record' }).click();
      const alert = page.getByRole('alert').filter({ hasText: 'No microphone was found' });
      await alert.waitFor();
      expect(await alert.innerText()).toMatch(/Connect one .* then press Record again\. You can still type your question\./);
      expect(await box.inputValue()).toBe('What is the tallest mountain in Europe?');
      expect(await page.getByRole('button', { name: 'Stop recording' }).count()).toBe(0);

      const before = app.standin.requests.length;
      await page.getByRole('button', { name: 'Send' }).click();
      await replyComplete(page, 1);
      expect(app.standin.requests.length).toBe(before + 1);
      expect(errors).toEqual([]);
    });
  }, 60_000);

  it('microphone access refused: an alert says how to allow it, hands-free turns itself off, typing still works', async () => {
    // A microphone exists, but nothing grants this page access to it.
    await inBrowser(['--use-fake-device-for-media-stream'], async (page, errors) => {
      const handsFree = page.getByRole('switch', { name: 'Hands-free' });
      // click, not check(): the switch turns itself off again at once, which is what this test is about.
      await handsFree.click();
      const alert = page.getByRole('alert').filter({ hasText: 'not allowed to use the microphone' });
      await alert.waitFor();
      expect(await alert.innerText()).toMatch(/Allow microphone access for this window .* then press Record again\. You can still type your question\./);
      expect(await handsFree.isChecked()).toBe(false);
      await page.getByRole('textbox', { name: 'Message' }).fill('Typed instead.');
      expect(await page.getByRole('button', { name: 'Send' }).isDisabled()).toBe(false);
      expect(errors).toEqual([]);
    });
  }, 60_000);
});
