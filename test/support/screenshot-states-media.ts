// Screenshot states of media before and after it goes (issue 15): chips for a picture, a video and a
// recording, a long video's Keep from range, a file being fitted, a chip that cannot go, the drop target,
// a chip's details, and a sent picture open in the lightbox. Media are made with ffmpeg and espeak-ng in the
// run's own folder and attached through the core as a dropped file would be (so every page of the state
// shows the same chips, which the core keeps until sent or removed).
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { ChatEvent } from '../../shared/contract';
import type { Core } from '../../electron/core/core-interface';
import { ffmpeg, speech } from '../media/media-helpers';
import type { ScreenshotState, SeedContext, ShowContext } from './screenshot-states';

function state<Seeded>(s: ScreenshotState<Seeded>): ScreenshotState<unknown> {
  return s as ScreenshotState<unknown>;
}

const media = {
  picture: (dir: string, name: string, src = 'mandelbrot=s=960x640') =>
    ffmpeg('-f', 'lavfi', '-i', src, '-frames:v', '1', '-update', '1', join(dir, name)).then(() => join(dir, name)),
  video: (dir: string, name: string, seconds: number, size = '640x360') =>
    ffmpeg('-f', 'lavfi', '-i', `testsrc2=s=${size}:r=15:d=${seconds}`, '-f', 'lavfi', '-i', `sine=f=330:d=${seconds}`,
      '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '30', '-c:a', 'aac', '-shortest', join(dir, name)).then(() => join(dir, name)),
};

/** Attaches a file as a drop would (the name it shows) and waits until the core is done with it. */
async function attach(core: Core, file: string, name: string): Promise<string> {
  const { id } = core.attachPath(file, { name });
  await core.attachmentSettled(id);
  return id;
}

/** A chip in the page, by its translated name, once its state is shown. */
async function chipShown(page: Page, t: ShowContext<unknown>['t'], name: string, state: 'attach.ready' | 'attach.error' = 'attach.ready') {
  const chip = page.getByRole('group', { name: t('attach.chip', { name }) });
  await chip.getByText(t(state), { exact: true }).waitFor({ timeout: 60_000 });
  return chip;
}

/** Thumbnails, strips and waveforms drawn, so the picture is not taken between two of them. */
async function previewsLoaded(page: Page): Promise<void> {
  await page.waitForFunction(() => [...(globalThis as any).document.querySelectorAll('.chips img, .message-media img')]
    .every((img: any) => img.complete && img.naturalWidth > 0), undefined, { timeout: 20_000 });
}

/** One question with files, through the core as the app sends it, answered by the stand-in. */
async function askWith(ctx: SeedContext, text: string, attachmentIds: string[], reply: string, conversationId: string | null = null): Promise<string> {
  ctx.standin.setScenario({ text: reply, realtime: false, audioSeconds: 1, speech: false });
  const ended = new Promise<void>((resolve) => {
    const off = ctx.core.subscribe((name, payload) => {
      if (name === 'chat.event' && (payload as ChatEvent).kind === 'outcome') {
        off();
        resolve();
      }
    });
  });
  const sent = await ctx.core.handlers['chat.send']({ conversationId, text, attachmentIds, options: { speakReplies: false } });
  await ended;
  return sent.conversationId;
}

export const MEDIA_STATES: readonly ScreenshotState[] = [
  state({
    name: 'attach-pictures',
    shows: 'two pictures as chips with thumbnails, and a file that cannot be sent (its reason in the chip)',
    async seed({ core, dir }) {
      await attach(core, await media.picture(dir, 'a.png'), 'mandelbrot.png');
      await attach(core, await media.picture(dir, 'b.jpg', 'testsrc2=s=1280x720'), 'test-card-1280.jpg');
      const pdf = join(dir, 'c.pdf');
      await writeFile(pdf, '%PDF-1.4\n% not a picture\n');
      await attach(core, pdf, 'quarterly-report.pdf');
    },
    async show(page, { t }) {
      await chipShown(page, t, 'mandelbrot.png');
      await chipShown(page, t, 'test-card-1280.jpg');
      await chipShown(page, t, 'quarterly-report.pdf', 'attach.error');
      await previewsLoaded(page);
    },
  }),

  state({
    name: 'attach-video',
    shows: 'a short video as a chip (a frame as its thumbnail), its details open',
    async seed({ core, dir }) {
      await attach(core, await media.video(dir, 'v.mp4', 24), 'team-standup.mp4');
    },
    async show(page, { t }) {
      const chip = await chipShown(page, t, 'team-standup.mp4');
      await previewsLoaded(page);
      await chip.getByRole('button', { name: t('attach.details') }).click();
      await page.getByRole('dialog', { name: t('attach.detailsLabel', { name: 'team-standup.mp4' }) }).waitFor();
    },
  }),

  state({
    name: 'attach-audio',
    shows: 'a spoken recording as a chip with its waveform, a question typed',
    async seed({ core, dir }) {
      const wav = join(dir, 'memo.wav');
      await speech(wav, 'Remember to buy milk, eggs and bread, and call the dentist before Friday to move the appointment.');
      await attach(core, wav, 'voice-memo.wav');
    },
    async show(page, { t }) {
      await chipShown(page, t, 'voice-memo.wav');
      await page.getByRole('textbox', { name: t('composer.message') }).fill('What do I need to do this week?');
    },
  }),

  state({
    name: 'attach-keep',
    shows: 'a 200-s 640×480 video over the model\'s limits: the Keep from range on its filmstrip, moved to 0:40, fitted within the input limit',
    async seed({ core, dir }) {
      const id = await attach(core, await media.video(dir, 'long.mp4', 200, '640x480'), 'lecture-recording.mp4');
      await core.handlers['attachments.setOptions']({ id, windowStartSec: 40 });
      await core.attachmentSettled(id);
    },
    async show(page, { t }) {
      await chipShown(page, t, 'lecture-recording.mp4');
      await page.getByRole('slider', { name: t('attach.keepFrom') }).waitFor();
      await previewsLoaded(page);
    },
  }),

  state({
    name: 'attach-fitting',
    shows: 'a long video being fitted: its progress on the chip, Send waiting',
    async seed({ dir }) {
      return media.video(dir, 'conference-talk.mp4', 200, '960x540');
    },
    async show(page, { t, seeded }) {
      // Each page attaches it again (the one before is removed), and is photographed while it is fitted.
      const input = page.locator('input[type=file]');
      for (const remove of await page.getByRole('button', { name: t('attach.remove') }).all()) await remove.click();
      await input.setInputFiles(seeded as string);
      const chip = page.getByRole('group', { name: t('attach.chip', { name: 'conference-talk.mp4' }) });
      await chip.locator('progress').waitFor({ timeout: 60_000 });
      await page.waitForFunction(() => Number((globalThis as any).document.querySelector('.chip-progress')?.value ?? 0) >= 8, undefined, { timeout: 60_000 });
      await previewsLoaded(page);
    },
  }),

  state({
    name: 'drop-target',
    shows: 'two files dragged over the window: the drop target says what it takes, for which model',
    async show(page) {
      await page.evaluate(() => {
        const g = globalThis as any;
        const dt = new g.DataTransfer();
        dt.items.add(new g.File(['x'], 'holiday.jpg', { type: 'image/jpeg' }));
        dt.items.add(new g.File(['y'], 'interview.mp3', { type: 'audio/mpeg' }));
        const target = g.document.querySelector('.conversation') ?? g.document.body;
        target.dispatchEvent(new g.DragEvent('dragenter', { dataTransfer: dt, bubbles: true, cancelable: true }));
        target.dispatchEvent(new g.DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
      });
      await page.locator('.drop-target').waitFor();
    },
  }),

  state({
    name: 'sent-media',
    shows: 'a conversation with a sent picture, a recording and a video, in the app\'s own players',
    async seed(ctx) {
      const pic = await attach(ctx.core, await media.picture(ctx.dir, 's1.png'), 'fractal.png');
      const id = await askWith(ctx, 'What is this shape called?', [pic], 'It is the Mandelbrot set, drawn in false colour.');
      const wav = join(ctx.dir, 'q.wav');
      await speech(wav, 'Can you summarise the plan for next week in two sentences?');
      const rec = await attach(ctx.core, wav, 'question.wav');
      await askWith(ctx, '', [rec], 'Next week: finish the report on Tuesday, then prepare Friday\'s demo.', id);
      const clip = await attach(ctx.core, await media.video(ctx.dir, 's3.mp4', 12), 'demo-clip.mp4');
      await askWith(ctx, 'What happens in this clip?', [clip], 'A test pattern scrolls while a tone plays.', id);
      return id;
    },
    async show(page, { t, seeded }) {
      await page.evaluate((h) => {
        (globalThis as any).location.hash = h;
      }, `#/c/${seeded as string}`);
      await page.getByRole('slider', { name: t('player.seek') }).last().waitFor();
      await page.locator('article[data-status="complete"]').nth(2).waitFor();
      await page.waitForFunction(() => [...(globalThis as any).document.querySelectorAll('video')].every((v: any) => v.readyState >= 2));
      await previewsLoaded(page);
    },
  }),

  state({
    name: 'lightbox',
    shows: 'a question sent with three pictures; the second open large in the lightbox',
    async seed(ctx) {
      const ids = [
        await attach(ctx.core, await media.picture(ctx.dir, 'l1.png'), 'fractal.png'),
        await attach(ctx.core, await media.picture(ctx.dir, 'l2.png', 'testsrc2=s=1280x720'), 'test-card.png'),
        await attach(ctx.core, await media.picture(ctx.dir, 'l3.png', 'life=s=800x600:mold=10:ratio=0.2:life_color=#ffcc33:death_color=#203060'), 'game-of-life.png'),
      ];
      return askWith(ctx, 'Which of these three pictures has the most detail?', ids, 'The fractal: its edge has detail at every scale.');
    },
    async show(page, { t, seeded }) {
      await page.evaluate((h) => {
        (globalThis as any).location.hash = h;
      }, `#/c/${seeded as string}`);
      const open = page.getByRole('button', { name: t('lightbox.open', { name: 'test-card.png' }) });
      await open.waitFor();
      await previewsLoaded(page);
      await open.click();
      const dialog = page.getByRole('dialog', { name: 'test-card.png' });
      await dialog.waitFor();
      await page.waitForFunction(() => {
        const img = (globalThis as any).document.querySelector('.lightbox-picture');
        return img && img.complete && img.naturalWidth > 0;
      });
    },
  }),
];
