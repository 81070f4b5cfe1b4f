// Export WAV end to end: the real UI in Chromium, through the browser shell, over the real core and the
// stand-in. A spoken reply plays to its end; its Export WAV button downloads a .wav whose header and length
// match the samples received, byte for byte.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useAppHarness } from '../support/use-app-harness';

const app = useAppHarness({ prefix: 'omni-export-wav-', scenario: { audioSeconds: 1.5, realtime: true } });

async function lastReplyEnded(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      // Runs in the page (this file is type-checked without the DOM library).
      const all = (globalThis as any).document.querySelectorAll('article[data-playback-state]');
      return all[all.length - 1]?.getAttribute('data-playback-state') === 'ended';
    },
    undefined,
    { timeout: 30_000 },
  );
}

describe('Export WAV in Chromium, through the browser shell', () => {
  it('downloads the reply as a 16-bit mono 24 kHz WAV holding exactly the samples that were received and played', async () => {
    app.replies({ text: '巴黎是法国的首都。' });
    const { page, errors } = await app.openApp();
    await page.getByRole('textbox', { name: 'Message' }).fill('What is the capital of France?');
    await page.getByRole('button', { name: 'Send' }).click();
    const reply = page.getByRole('article', { name: 'Assistant message' }).last();
    await reply.getByText('巴黎是法国的首都。').waitFor();
    await lastReplyEnded(page);

    const received = app.standin.lastAudio();
    const samples = received.byteLength / 2;
    expect(samples).toBeGreaterThan(24_000);
    expect(Number(await reply.getAttribute('data-played-samples'))).toBe(samples);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      reply.getByRole('button', { name: 'Export WAV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^What is the capital of France \d{4}-\d\d-\d\d \d\d-\d\d\.wav$/);
    const file = join(app.dir, 'downloaded.wav');
    await download.saveAs(file);
    const wav = new Uint8Array(await readFile(file));

    const v = new DataView(wav.buffer, wav.byteOffset, wav.byteLength);
    const ascii = (at: number) => String.fromCharCode(...wav.subarray(at, at + 4));
    expect([ascii(0), ascii(8), ascii(12), ascii(36)]).toEqual(['RIFF', 'WAVE', 'fmt ', 'data']);
    expect(v.getUint32(4, true)).toBe(36 + samples * 2);
    expect(v.getUint16(20, true)).toBe(1); // integer PCM
    expect(v.getUint16(22, true)).toBe(1); // mono
    expect(v.getUint32(24, true)).toBe(24_000);
    expect(v.getUint32(28, true)).toBe(48_000);
    expect(v.getUint16(32, true)).toBe(2);
    expect(v.getUint16(34, true)).toBe(16);
    expect(v.getUint32(40, true)).toBe(samples * 2);
    expect(wav.byteLength).toBe(44 + samples * 2);
    expect(Buffer.from(wav.subarray(44)).equals(Buffer.from(received))).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the download route answers only below the page\'s token folder, only for a reply id, as an attachment', async () => {
    // A spoken reply, stored by the core.
    app.replies({ text: '巴黎是法国的首都。', realtime: false });
    const { sent, outcome } = await app.testCore.send({ text: 'What is the capital of France?' });
    expect(outcome.status).toBe('complete');
    const base = new URL(app.shell.url);
    const noToken = await fetch(new URL('/export/wav/anything', base.origin));
    expect(noToken.status).toBeGreaterThanOrEqual(400);
    expect(noToken.headers.get('content-disposition')).toBeNull();

    const { page } = await app.openApp();
    // Relative to the page, as the bridge asks: the token's folder.
    const status = (path: string) => page.evaluate(async (p) => (await fetch(p)).status, path);
    expect(await status('export/wav/..%2F..%2Fetc%2Fpasswd')).toBe(404);
    expect(await status('export/wav/no-such-reply')).toBe(404);
    expect(await status(`/export/wav/${sent.assistantMessage.id}`)).toBe(401);

    const detail = await app.core.handlers['conversations.get']({ id: sent.conversationId });
    const spoken = detail.messages.find((m) => m.role === 'assistant' && (m.audio?.samples ?? 0) > 0)!;
    const head = await page.evaluate(async (p) => {
      const r = await fetch(p);
      return { status: r.status, type: r.headers.get('content-type'), disposition: r.headers.get('content-disposition'), bytes: (await r.arrayBuffer()).byteLength };
    }, `export/wav/${spoken.id}`);
    expect(head).toMatchObject({ status: 200, type: 'audio/wav', bytes: 44 + spoken.audio!.samples * 2 });
    expect(head.disposition).toMatch(/^attachment; filename="What is the capital of France [\d -]+\.wav"/);
    await page.close();
  });
});
