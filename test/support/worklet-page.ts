// A page in headless Chromium for the worklet tests (player.test.ts, audio-channel.test.ts): the files given
// (path → [content type, body]) plus the app's worklet and the modules it imports, served as the app serves
// them, and the page opened once its script sets window.ready.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './browser';

const WORKLET_FILES = ['pcm-player.worklet.js', 'audio-inlet.js', 'audio-frame.js', 'jitter-buffer.js'];

export interface WorkletPage {
  page: Page;
  close(): Promise<void>;
}

export async function openWorkletPage(given: Record<string, [string, string]>): Promise<WorkletPage> {
  const files = { ...given };
  for (const f of WORKLET_FILES) files[`/${f}`] = ['text/javascript', await readFile(resolve(__dirname, '../../resources/public', f), 'utf8')];
  const server = createServer((req, res) => {
    const f = files[(req.url ?? '/').split('?')[0] ?? '/'];
    if (!f) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': f[0], 'cache-control': 'no-store' }).end(f[1]);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  let browser: Browser | null = null;
  const close = async () => {
    await browser?.close();
    await new Promise((r) => server.close(r));
  };
  try {
    browser = await launchChromium();
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await page.waitForFunction('window.ready === true', undefined, { timeout: 10_000 }).catch(() => {
      throw new Error(`test page did not load: ${errors.join('; ')}`);
    });
    return { page, close };
  } catch (err) {
    await close();
    throw err;
  }
}
