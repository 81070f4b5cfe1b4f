// Twenty files dropped at once in the real window (Chromium, the browser shell's uploads, the real core
// and ffmpeg): the chips whose turn has not come say "Waiting…" (in English and in Chinese), every one
// ends ready to send, and a twenty-first is refused with a sentence saying how many a message carries.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { MAX_DRAFT_ATTACHMENTS } from '../../shared/contract';
import { useAppHarness } from '../support/use-app-harness';
import { ffmpeg } from '../media/media-helpers';

const app = useAppHarness({
  prefix: 'omni-queue-e2e-',
  async prepare(dir) {
    // TIFF pictures: each is checked by ffprobe and converted to JPEG by ffmpeg.
    await ffmpeg('-f', 'lavfi', '-i', 'testsrc=size=1024x768:rate=1', '-frames:v', String(MAX_DRAFT_ATTACHMENTS + 1), join(dir, 'shot-%02d.tif'));
  },
});

const pictures = () => readdirSync(app.dir).filter((n) => n.endsWith('.tif')).sort().map((n) => join(app.dir, n));

/** Every word a chip's state has shown since now (Waiting…, Ready to send…), kept by the page as it changes. */
async function recordChipStates(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const g = globalThis as any;
    g.__chipStates = new Set<string>();
    const note = () => {
      for (const el of g.document.querySelectorAll('.chip-state-word')) g.__chipStates.add(el.textContent);
    };
    new g.MutationObserver(note).observe(g.document.body, { subtree: true, childList: true, characterData: true });
  });
  return () => page.evaluate(() => [...(globalThis as any).__chipStates] as string[]);
}

async function dropTwenty(page: Page, ready: string): Promise<string[]> {
  const seen = await recordChipStates(page);
  await page.locator('input[type=file]').setInputFiles(pictures().slice(0, MAX_DRAFT_ATTACHMENTS));
  const chips = page.locator('.attachment-chip');
  // Twenty uploads of 2 MB each: on a loaded 2-core machine they took over 30 s once.
  await expect.poll(() => chips.count(), { timeout: 60_000 }).toBe(MAX_DRAFT_ATTACHMENTS);
  await expect.poll(() => page.locator('.chip-state-word', { hasText: ready }).count(), { timeout: 90_000 }).toBe(MAX_DRAFT_ATTACHMENTS);
  return seen();
}

describe('twenty files dropped at once', () => {
  it('wait their turn saying so, all end ready, and a twenty-first is refused with a sentence', async () => {
    const { page, errors } = await app.openApp();
    const states = await dropTwenty(page, 'Ready to send');
    expect(states).toContain('Waiting…');
    expect(states).toContain('Ready to send');

    await page.locator('input[type=file]').setInputFiles(pictures()[MAX_DRAFT_ATTACHMENTS]!);
    const alert = page.getByRole('alert').filter({ hasText: /at most/ });
    await alert.waitFor();
    expect(await alert.innerText()).toMatch(`A message can carry at most ${MAX_DRAFT_ATTACHMENTS} attachments`);
    expect(await page.locator('.attachment-chip').count()).toBe(MAX_DRAFT_ATTACHMENTS);
    // Nothing of the refused file was uploaded: the uploads folder holds the twenty copies only.
    expect(readdirSync(join(app.dataDir, 'uploads'))).toHaveLength(MAX_DRAFT_ATTACHMENTS);
    expect(errors).toEqual([]);
  }, 180_000);

  it('says 等待中… in Chinese', async () => {
    await app.core.handlers['settings.update']({ language: 'zh-CN' });
    const opened = await app.newPage();
    await opened.page.goto(app.shell.url);
    await opened.page.getByRole('textbox').first().waitFor();
    const states = await dropTwenty(opened.page, '可以发送');
    expect(states).toContain('等待中…');
  }, 180_000);
});
