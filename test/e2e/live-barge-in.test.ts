// Barge-in in the window, as a user meets it: the fake microphone says a question, pauses while the answer
// starts playing, then speaks again over it. The Realtime stand-in's VAD hears the second speech from its
// energy; the page stops playback at once, response.cancel reaches the stand-in, and the stored reply is
// marked interrupted (quietly) and keeps exactly the audio that was played.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { useAppHarness } from '../support/use-app-harness';
import { concat, silence16k, speech16k } from '../core/live/helpers';
import { EnergyVad } from '../standin/realtime-vad';
import { VAD } from '../../shared/realtime-catalog';
import { fakeMicrophoneArgs } from '../support/fake-microphone';

const QUESTION = 'What is the tallest mountain in Europe?';
const OVER = 'Wait, what about Asia?';
const ANSWER = 'Mont Blanc is the tallest mountain in the Alps, at about four thousand eight hundred metres, and many climb it every summer.';
/**
 * The pause after the question: the answer starts about VAD.silenceMs into it and plays for the rest (long
 * enough for its first sound to come out on a loaded machine before the second speech).
 */
const PAUSE_MS = 4_600;

/** Where the stand-in's VAD hears speech start and stop in the microphone's sound (ms from its start). */
let vadEvents: { kind: string; ms: number }[] = [];

const app = useAppHarness({
  prefix: 'omni-e2e-live-barge-',
  // Question, pause, speech over the answer, then a long quiet: the file loops only after the test, even on a
  // loaded machine (a looped question would start another exchange).
  prepare: async (dir) => {
    const pcm = concat(await speech16k(QUESTION), silence16k(PAUSE_MS), await speech16k(OVER), silence16k(90_000));
    const vad = new EnergyVad(VAD.threshold.default, VAD.silenceMs.default);
    vadEvents = vad.push(pcm);
    await writeFile(join(dir, 'mic.raw'), pcm);
    const ff = spawnSync(process.env.FFMPEG_BIN ?? 'ffmpeg', ['-v', 'error', '-y', '-f', 's16le', '-ar', '16000', '-ac', '1', '-i', join(dir, 'mic.raw'), '-ar', '48000', join(dir, 'mic.wav')]);
    if (ff.status !== 0) throw new Error(`ffmpeg could not make the microphone's file: ${String(ff.stderr)}`);
  },
  chromiumArgs: fakeMicrophoneArgs,
});

describe('Barge-in in the window', () => {
  it('speaking over a playing reply stops it, cancels it at the stand-in, and keeps what was heard, marked interrupted', async () => {
    // The answer streams at real time for 8 s, so it is still arriving (and playing) when the second speech comes.
    app.standin.realtime.setScenario({ transcripts: [QUESTION, OVER], replies: [ANSWER, 'Everest, in the Himalaya.'], audioSeconds: 8, pace: 1 });
    // The file as the stand-in's VAD hears it: the question's end, then the second speech's start.
    const [, firstEnd, secondStart] = vadEvents;
    expect(vadEvents.map((e) => e.kind)).toEqual(['started', 'stopped', 'started', 'stopped']);

    const { page, errors } = await app.openApp();
    await page.getByRole('button', { name: 'Live voice' }).click();
    const first = page.getByRole('article', { name: 'Assistant message' }).first();
    await first.waitFor({ timeout: 60_000 });
    // Followed by its id: the second answer comes later in the same view.
    const reply = page.locator(`article[data-message-id="${(await first.getAttribute('data-message-id'))!}"]`);
    // It plays, then the second speech stops it: the view says interrupted, quietly.
    await expect.poll(() => reply.getAttribute('data-status'), { timeout: 60_000 }).toBe('interrupted');
    await reply.getByRole('status').filter({ hasText: 'Interrupted' }).waitFor();
    expect(await reply.getAttribute('class')).toContain('message-live');
    await expect.poll(() => reply.getAttribute('data-playback-state'), { timeout: 10_000 }).toBe('stopped');
    // The second question is heard and kept as a turn of its own.
    await page.getByRole('article', { name: 'User message' }).filter({ hasText: OVER }).waitFor({ timeout: 60_000 }).catch(async (err: unknown) => {
      const r = app.standin.realtime.sessions.at(-1)!;
      console.log('DIAG', { turns: r.turns.map((x) => x.byteLength / 32_000), inputSec: r.input.reduce((n, c) => n + c.byteLength, 0) / 32_000, events: r.events.filter((e) => e.type !== 'input_audio_buffer.append').map((e) => e.type), articles: await page.getByRole('article').allInnerTexts() });
      throw err;
    });

    // response.cancel reached the stand-in, for the reply that was still arriving.
    const rec = app.standin.realtime.sessions.at(-1)!;
    expect(rec.events.some((e) => e.type === 'response.cancel')).toBe(true);
    expect(rec.responses[0]!.cancelled).toBe(true);

    // The stored reply ends where playback stopped. `heard` was counted by the page when the user spoke; the
    // worklet's last count (after its stop) can be ahead by what played until the stop reached it: one progress
    // report (8 render quanta, ~43 ms) plus the message's way to the worklet — at most 150 ms, the issue's
    // barge-in budget. It can never be behind.
    const conversationId = /#\/c\/([^/?]+)/.exec(page.url())![1]!;
    const messageId = (await reply.getAttribute('data-message-id'))!;
    let stored = 0;
    await expect.poll(async () => {
      const got = await app.testCore.call('conversations.get', { id: conversationId });
      const m = got.ok ? got.value.messages.find((x) => x.id === messageId) : undefined;
      stored = m?.audio?.samples ?? 0;
      return m?.status;
    }, { timeout: 10_000 }).toBe('interrupted');
    const played = Number(await reply.getAttribute('data-played-samples'));
    expect(stored).toBeGreaterThan(0.3 * 24_000); // it did play before the user spoke
    expect(played - stored).toBeGreaterThanOrEqual(0);
    expect(played - stored).toBeLessThanOrEqual(0.15 * 24_000);
    // Less than the stand-in sent, and byte for byte its beginning.
    const sent = Buffer.concat(rec.responses[0]!.audio);
    expect(stored * 2).toBeLessThan(sent.byteLength);
    const wav = await page.evaluate(async (id) => {
      const res = await fetch(new URL(`reply/${id}.wav`, (globalThis as any).location.href));
      return Array.from(new Uint8Array(await res.arrayBuffer()));
    }, messageId);
    expect(wav.length - 44).toBe(stored * 2);
    expect(Buffer.from(wav.slice(44)).equals(sent.subarray(0, stored * 2))).toBe(true);
    // And about what could have played: the reply started once the VAD had heard VAD.silenceMs of quiet after
    // the question, and the user was heard two 20-ms frames into the second speech. The sound runs on past that
    // moment for as long as the page takes to act on the event; 1 s allows for a loaded 2-core machine (the
    // 150-ms barge-in target is measured by the live benchmark, not here).
    const windowMs = secondStart!.ms + 40 - (firstEnd!.ms + VAD.silenceMs.default);
    expect(stored / 24).toBeLessThanOrEqual(windowMs + 1_000);

    await page.getByRole('button', { name: 'End live voice' }).click();
    await page.getByRole('button', { name: 'Live voice' }).waitFor();
    expect(errors).toEqual([]);
  }, 150_000);
});
