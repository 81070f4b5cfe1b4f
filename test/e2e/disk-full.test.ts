// A full disk as the window shows it: the real UI in Chromium through the browser shell, the core's data
// folder on a small tmpfs that the test fills (as root; else SQLite's max_page_count). The window says
// the disk is full and where; a reply cut by it ends as failed with what arrived still on screen, also
// after a reload; Stop never leaves a Stop button behind, even when the reply's end never reached the page.
import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useAppHarness } from '../support/use-app-harness';
import { newestReplyId, replyById, sendMessage, settled } from '../support/conversation-page';
import { fillableDisk, type FillableDisk } from '../support/small-disk';

let disk: FillableDisk;
const app = useAppHarness({
  prefix: 'omni-diskfull-e2e-',
  scenario: { audioSeconds: 0.5, text: 'Short answer.' },
  dataRoot: () => ({ dir: disk.dataDir, databaseOpened: (db) => disk.databaseOpened(db) }),
});

beforeAll(async () => {
  disk = await fillableDisk('omni-diskfull-e2e-disk-');
  if (disk.noMountReason) console.log(`the disk-full window tests use SQLite's max_page_count: ${disk.noMountReason}`);
});
afterEach(async () => {
  await disk.free();
});
afterAll(async () => {
  await disk?.close();
});

const stopButton = (page: Page) => page.getByRole('button', { name: 'Stop', exact: true });
const messageBox = (page: Page) => page.getByRole('textbox', { name: 'Message' });

describe('a full disk in the window', () => {
  it('at Send: the alert says the disk is full and names the folder; the draft stays; Send works once there is room', async () => {
    const { page, errors } = await app.openApp();
    expect(await settled(await sendMessage(page, 'First question'))).toBe('complete');

    await disk.fill();
    const draft = disk.how === 'tmpfs' ? 'Second question' : `Second question ${'…'.repeat(3000)}`;
    await messageBox(page).fill(draft);
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    const alert = page.getByRole('alert').filter({ hasText: /is full/ });
    await alert.waitFor();
    const said = await alert.innerText();
    expect(said).toContain(app.dataDir);
    expect(said).toMatch(/neither sent nor saved.*Free some space/);
    expect(said).not.toMatch(/Something went wrong/);
    expect(await messageBox(page).inputValue()).toBe(draft);
    expect(await page.getByRole('article').count()).toBe(2);

    await disk.free();
    const reply = await sendMessage(page, null);
    expect(await settled(reply)).toBe('complete');
    expect(await page.getByRole('article').count()).toBe(4);
    expect(errors).toEqual([]);
  });

  it('mid-reply: the reply ends as failed saying the disk is full, keeps what arrived (also after a reload), and the next turn works', async () => {
    await app.core.handlers['settings.update']({ speakReplies: true });
    app.replies({ text: 'This answer goes on for a while. '.repeat(30), audioSeconds: 8, realtime: true });
    const { page, errors } = await app.openApp();
    const reply = await sendMessage(page, 'Tell me a long story');
    await expect.poll(async () => (await reply.innerText()).length, { timeout: 20_000 }).toBeGreaterThan(60);
    await stopButton(page).waitFor();

    await disk.fill();
    expect(await settled(reply, 15_000)).toBe('failed');
    const status = await reply.getByRole('status').innerText();
    expect(status).toContain(app.dataDir);
    expect(status).toMatch(/is full, so this reply was stopped\. What arrived stays here/);
    const kept = await reply.locator('.reply-text').innerText();
    expect(kept.length).toBeGreaterThan(30);
    expect(await stopButton(page).count()).toBe(0);

    // A reload while the reply is still held in memory: shown as it arrived, failed, not streaming.
    await page.reload();
    await page.getByRole('article', { name: 'Assistant message' }).last().waitFor();
    const id = (await newestReplyId(page))!;
    const again = replyById(page, id);
    expect(await again.getAttribute('data-status')).toBe('failed');
    expect(await again.locator('.reply-text').innerText()).toBe(kept);
    expect(await stopButton(page).count()).toBe(0);

    await disk.free();
    app.replies({ text: 'Back again.', audioSeconds: 0.5 });
    const next = await sendMessage(page, 'Are you there?');
    expect(await settled(next)).toBe('complete');
    expect(errors).toEqual([]);
  });

  it('Stop ends what the window shows as streaming even when the reply\'s end never reached the page', async () => {
    app.replies({ text: 'Lost in transit. '.repeat(20), audioSeconds: 3, realtime: true });
    const { page } = await app.openApp();
    // The network between the page and the shell loses one frame: the reply's outcome.
    let dropped = 0;
    await page.routeWebSocket(/\/ws(\?[^/]*)?$/, (ws) => {
      const server = ws.connectToServer();
      ws.onMessage((m) => server.send(m));
      server.onMessage((m) => {
        if (typeof m === 'string' && m.includes('"kind":"outcome"')) {
          dropped++;
          return;
        }
        ws.send(m);
      });
    });
    await page.reload();
    await page.getByRole('button', { name: 'New conversation', exact: true }).waitFor();
    const reply = await sendMessage(page, 'Say something');
    await stopButton(page).waitFor();
    // The core ends the reply; the page never hears of it and still shows it streaming.
    await expect.poll(() => dropped, { timeout: 20_000 }).toBe(1);
    expect(await reply.getAttribute('data-status')).toBe('streaming');

    await stopButton(page).click();
    await stopButton(page).waitFor({ state: 'detached', timeout: 5_000 });
    // What the core stored shows: the whole reply, complete.
    await expect.poll(() => reply.getAttribute('data-status'), { timeout: 5_000 }).toBe('complete');
    expect(await reply.locator('.reply-text').innerText()).toContain('Lost in transit.');
  });
});
