// Live voice's audio on the fast path (issue 21), in Chromium through the browser shell: the microphone's
// chunks go from the capture AudioWorklet to the worker that holds the session's socket, and the reply's
// frames from that worker into the playback worklet, without the page's main thread. Shown by blocking the
// main thread with a busy loop (as a long render would): chunks keep reaching the core meanwhile, none lost and
// in order, and the reply still plays from the worklet.
import { describe, expect, it } from 'vitest';
import { useAppHarness } from '../support/use-app-harness';
import { spokenMicrophone } from '../support/fake-microphone';

const QUESTION = 'What is the tallest mountain in Europe?';
const ANSWER = 'Mont Blanc, at about four thousand eight hundred metres.';
const BLOCKS = 3;
const BLOCK_MS = 300;
const SETTLE_MS = 60;

const app = useAppHarness({
  prefix: 'omni-e2e-live-fast-',
  ...spokenMicrophone(QUESTION, 8),
});

describe('Live voice on the fast path', () => {
  it('keeps sending the microphone while the page\'s main thread is blocked, none lost and in order, and still plays the reply', async () => {
    app.standin.realtime.setScenario({ transcripts: [QUESTION], replyText: ANSWER, replies: [], audioSeconds: 1.5, pace: 1 });
    const reports: { messageId: string; playedSamples: number }[] = [];
    const report = app.core.handlers['playback.report'];
    app.core.handlers['playback.report'] = (r) => {
      reports.push(r);
      return report(r);
    };
    const { page, errors } = await app.openApp();
    await page.getByRole('button', { name: 'Live voice' }).click();
    await page.getByRole('button', { name: 'End live voice' }).waitFor({ timeout: 20_000 });
    const stats = async () => {
      const open = await app.testCore.call('live.status', {});
      if (!open.ok) throw new Error(open.error.message);
      return open.value[0]!.stats;
    };
    await expect.poll(async () => (await stats()).micFrames, { timeout: 20_000 }).toBeGreaterThan(3);

    // Each block: the page's main thread busy for BLOCK_MS; meanwhile the core's count of microphone frames is
    // read from here. Only readings inside the loop count, from SETTLE_MS after its start (a frame the page sent
    // just before it began may still be on its way).
    let duringBlocks = 0;
    for (let i = 0; i < BLOCKS; i++) {
      const readings: { at: number; frames: number }[] = [];
      let blocking = true;
      const loop = page.evaluate((ms) => {
        const start = Date.now();
        while (Date.now() - start < ms) {
          /* busy, as a long render */
        }
        return { start, end: Date.now() };
      }, BLOCK_MS).finally(() => {
        blocking = false;
      });
      while (blocking) {
        readings.push({ at: Date.now(), frames: (await stats()).micFrames });
        await new Promise((r) => setTimeout(r, 10));
      }
      const { start, end } = await loop;
      const inside = readings.filter((r) => r.at > start + SETTLE_MS && r.at < end);
      if (inside.length >= 2) duringBlocks += inside.at(-1)!.frames - inside[0]!.frames;
    }
    // 100 ms chunks: about two per block arrive while the page cannot run a line of its own code (none through it).
    expect(duringBlocks).toBeGreaterThanOrEqual(2);
    const s = await stats();
    expect(s.micFramesMissing).toBe(0);
    expect(s.micFramesOutOfOrder).toBe(0);

    // The reply (its frames routed by the worker into the playback worklet) is played: its player says how much.
    await page.getByRole('article', { name: 'Assistant message' }).filter({ hasText: ANSWER }).waitFor({ timeout: 60_000 });
    await expect.poll(() => reports.length, { timeout: 30_000 }).toBeGreaterThan(0);
    expect(reports[0]!.playedSamples).toBeGreaterThan(24_000); // more than a second of the 1.5 s reply
    expect((await stats()).replyFrames).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'End live voice' }).click();
    await page.getByRole('button', { name: 'Live voice' }).waitFor();
    expect(errors).toEqual([]);
  }, 120_000);
});
