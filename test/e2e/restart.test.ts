// The first thing a user does, end to end, with the app as `npm run serve` runs it: ask a question, see
// the text stream in while the spoken reply plays, reload the page, quit the app, start it again — the
// conversation is still there and its audio plays from disk. Real shell process, real SQLite file, real
// Chromium; only DashScope is replaced, by the local stand-in.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startStandin, type Standin } from '../standin';
import { expectGapless } from '../support/audio-delivery';
import { launchChromium } from '../support/browser';

const root = path.resolve(__dirname, '../..');
let dataDir: string;
let standin: Standin;
let browser: Browser;
const children: ChildProcess[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'omni-e2e-'));
  standin = await startStandin({ scenario: { audioSeconds: 3, realtime: true } });
  browser = await launchChromium();
});

afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  await browser?.close();
  await standin?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** Starts the browser shell as a user would and returns the URL it prints. */
async function startShell(): Promise<{ url: string; stop: () => Promise<number | null> }> {
  const child = spawn(process.execPath, [path.join(root, 'scripts/serve.mjs'), '--data-dir', dataDir, '--base-url', standin.baseUrl], {
    cwd: root,
    env: { ...process.env, DASHSCOPE_API_KEY: standin.apiKey },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const nl = out.indexOf('\n');
      if (nl >= 0) resolve(out.slice(0, nl));
    });
    void exited.then(() => reject(new Error(`the shell exited before printing its URL:\n${err}`)));
  });
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

async function playbackEnded(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const all = (globalThis as any).document.querySelectorAll('article[data-playback-state]');
    return all.length > 0 && all[all.length - 1].getAttribute('data-playback-state') === 'ended';
  }, undefined, { timeout: 60_000 });
}

describe('a spoken chat turn through `npm run serve`', () => {
  it('streams, plays gaplessly, is saved, and plays again after a reload and a restart', async () => {
    const answer = 'Mount Everest is the tallest mountain above sea level, at about 8849 metres.';
    // The title the app asks for after the first reply (issue 16) may land before or after the restart: either
    // way the conversation is listed under a name with "tallest mountain" in it.
    standin.setScenario({ text: answer, audioSeconds: 3, realtime: true, rules: [{ when: 'You name conversations', text: 'Tallest mountain' }] });
    const first = await startShell();
    expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(first.url);

    await page.getByRole('textbox', { name: 'Message' }).fill('What is the tallest mountain?');
    await page.getByRole('textbox', { name: 'Message' }).press('Enter');
    const reply = page.getByRole('article', { name: 'Assistant message' }).last();
    await reply.waitFor();

    // The text streams: seen part-way (some text, not all of it) while the reply is still coming in.
    const partial = await page.waitForFunction(
      (full) => {
        const all = (globalThis as any).document.querySelectorAll('article[data-status]');
        const a = all[all.length - 1];
        if (!a) return false;
        const text: string = a.innerText ?? '';
        const words = full.split(' ');
        const seen = words.filter((w: string) => text.includes(w)).length;
        return seen > 0 && seen < words.length && a.getAttribute('data-status') === 'streaming' ? seen : false;
      },
      answer,
      { timeout: 20_000, polling: 20 },
    );
    expect(await partial.jsonValue()).toBeGreaterThan(0);

    await playbackEnded(page);
    expect(await reply.getAttribute('data-status')).toBe('complete');
    await reply.getByText(answer).waitFor();
    // The reply's 3 s at 24 kHz (not the stand-in's lastAudio(): `npm run serve` generates a title after the
    // first reply, and that text-only request is the stand-in's last by now).
    const samples = 3 * 24_000;
    await expectGapless(page, reply, samples);

    // Reload: the conversation is in the list and opens with its reply. Its name is the question, or the title
    // `npm run serve` generates after the first reply (on, as a user has it), whichever the list shows by now.
    await page.reload();
    const conversations = page.getByRole('navigation', { name: 'Conversations' }).getByRole('link');
    await conversations.first().waitFor();
    expect(await conversations.count()).toBe(1);

    // Quit and start again on the same data directory (a new token, a new port).
    expect(await first.stop()).toBe(0);
    const second = await startShell();
    expect(second.url).not.toBe(first.url);
    await page.goto(second.url);
    await page.getByRole('navigation', { name: 'Conversations' }).getByRole('link').first().click();
    const saved = page.getByRole('article', { name: 'Assistant message' }).last();
    await saved.getByText(answer).waitFor();
    await page.getByRole('article', { name: 'User message' }).getByText('What is the tallest mountain?').waitFor();
    await saved.getByRole('button', { name: 'Play' }).click();
    await playbackEnded(page);
    expect(Number(await saved.getAttribute('data-played-samples'))).toBe(samples);
    expect(errors).toEqual([]);
    expect(await second.stop()).toBe(0);
    await page.close();
  });
});
