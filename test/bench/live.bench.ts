// Benchmark: Live voice end to end — the Realtime stand-in (server VAD from the energy of what it hears), the
// real core and browser shell, and the real app in headless Chromium with a spoken WAV as its fake microphone
// (a question, then a pause shorter than the answer, looped: every answer is spoken over, a barge-in).
// Measured over one session (BENCH_LIVE_SECONDS, default 120 s):
//   • reply latency: the stand-in's end-of-speech event (speech_stopped sent) → the reply's first sample queued
//     in the playback worklet (its inlet took the frame), and the client's share of it: the stand-in's first
//     audio delta sent → that sample queued (the rest is the stand-in's own commit → response → first delta);
//   • barge-in: speech detected (the stand-in's speech_started sent) → playback silent (the playing worklet's
//     own time of stopping: from its next 128-sample quantum on it sends silence; the core's stop frame reaches
//     it through the worker and the inlet), and → the page posting its own stop to that worklet (the page's path);
//   • microphone chunk captured (in the capture worklet) → sent on the Realtime socket: the session's
//     micToSocketP50Ms/P95Ms (its last 1,000 chunks), with chunks missing or out of order;
//   • underruns over the session (the playback reports of every reply).
// BENCH_LIVE_BUSY=1 blocks the page's main thread for 200 ms once a second (a busy loop, as a long render would),
// to show what still does not wait on it. Clocks: Date.now() on one machine (page, worklets, core and stand-in). Run with `npm run bench live`.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { startWebShell } from '../../electron/web/server';
import { decodeLiveFrame, LIVE_FRAME_REPLY } from '../../shared/live-audio';
import { speechWav } from '../core/attachments/recording-audio';
import { startStandin } from '../standin';
import { launchChromium } from '../support/browser';
import { startTestCore } from '../support/test-core';

const root = path.resolve(__dirname, '../..');
/** BENCH_LIVE_SECONDS: a shorter session for a quick run (the figures in the README are from the 2-minute one). */
const SECONDS = Number(process.env.BENCH_LIVE_SECONDS ?? 120);
const QUESTION = 'What is the tallest mountain in Europe?';
/** The pause after the question before it is said again: shorter than the answer, so it is spoken over. */
const PAUSE_S = 3;
const ANSWER_S = 6;
const BUSY = process.env.BENCH_LIVE_BUSY === '1';

interface Report {
  messageId: string;
  underruns: number;
  queueLatencyMs: number[];
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
}
const f = (x: number | null) => (x === null || Number.isNaN(x) ? '    –' : x.toFixed(1).padStart(6));
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');

/** Installed before the app runs: when the page posts stop to a worklet, and when a worklet says it stopped. */
function watchStops(): void {
  const w = globalThis as unknown as { __liveBench: { stops: number[]; stopped: number[] } };
  w.__liveBench = { stops: [], stopped: [] };
  const post = MessagePort.prototype.postMessage;
  MessagePort.prototype.postMessage = function (this: unknown, message: unknown, transfer?: unknown) {
    if ((message as { type?: unknown } | null)?.type === 'stop') w.__liveBench.stops.push(Date.now());
    return (post as (m: unknown, t?: unknown) => void).call(this, message, transfer);
  } as typeof post;
  const desc = Object.getOwnPropertyDescriptor(MessagePort.prototype, 'onmessage')!;
  Object.defineProperty(MessagePort.prototype, 'onmessage', {
    configurable: true,
    get() {
      return desc.get!.call(this);
    },
    set(fn: ((e: MessageEvent) => void) | null) {
      desc.set!.call(this, fn && function (this: unknown, e: MessageEvent) {
        const d = e.data as { type?: unknown; reason?: unknown; stoppedAt?: unknown } | null;
        // The worklet's own time of going silent (its clock is Date.now() too).
        if (d?.type === 'done' && d.reason === 'stopped') w.__liveBench.stopped.push(typeof d.stoppedAt === 'number' ? d.stoppedAt : Date.now());
        return fn.call(this, e);
      });
    },
  });
}

async function main(): Promise<void> {
  const staticDir = path.join(root, 'out/renderer');
  if (!existsSync(path.join(staticDir, 'index.html'))) throw new Error('out/renderer is missing: run `npm run build` first.');
  const dir = await mkdtemp(path.join(tmpdir(), 'omni-bench-live-'));
  const wav = await speechWav(dir, 'mic', QUESTION, PAUSE_S);
  const loadBefore = load();
  const standin = await startStandin();
  standin.realtime.setScenario({ transcripts: [], replyText: 'Mont Blanc.', replies: [], audioSeconds: ANSWER_S, pace: 1, chunkMs: 100 });
  const test = await startTestCore({ standin, prefix: 'omni-bench-live-' });
  const core = test.core;
  // Each reply frame the core sends to the page: its message and when the core received it (frame.time).
  const firstFrame = new Map<string, number>();
  const liveAudio = core.liveAudio.bind(core);
  core.liveAudio = (id, send, onEnded) => liveAudio(id, (frame) => {
    if (frame[0] === LIVE_FRAME_REPLY) {
      const fr = decodeLiveFrame(frame);
      if (!firstFrame.has(fr.messageId)) firstFrame.set(fr.messageId, fr.time);
    }
    send(frame);
  }, onEnded);
  const reports: Report[] = [];
  const report = core.handlers['playback.report'];
  core.handlers['playback.report'] = (r) => {
    reports.push(r);
    return report(r);
  };
  const shell = await startWebShell({ core, staticDir, uploadDir: path.join(dir, 'uploads') });
  const browser = await launchChromium(['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-audio-capture=${wav}`]);
  try {
    const page = await browser.newPage();
    await page.addInitScript(watchStops);
    await page.goto(shell.url);
    await page.getByRole('button', { name: 'Live voice' }).click();
    await page.getByRole('button', { name: 'End live voice' }).waitFor({ timeout: 30_000 });
    if (BUSY) {
      await page.evaluate(() => {
        setInterval(() => {
          const until = performance.now() + 200;
          while (performance.now() < until) {
            /* busy */
          }
        }, 1000);
      });
    }
    const startedAt = Date.now();
    console.log(`live: a ${SECONDS} s session (question ${QUESTION.length} chars of espeak-ng, ${PAUSE_S} s pause, ${ANSWER_S} s answers at 1×, 100 ms chunks${BUSY ? '; the page blocked 200 ms once a second' : ''}); load average ${loadBefore}`);
    while (Date.now() - startedAt < SECONDS * 1000) await new Promise((r) => setTimeout(r, 1000));
    const status = await core.handlers['live.status']({});
    const stats = status[0]?.stats;
    const loadAfter = load();
    await page.getByRole('button', { name: 'End live voice' }).click();
    await page.getByRole('button', { name: 'Live voice' }).waitFor();
    // The last reply's report comes once its player stops.
    const until = Date.now() + 5000;
    while (reports.length < firstFrame.size && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    const marks = await page.evaluate(() => (globalThis as unknown as { __liveBench: { stops: number[]; stopped: number[] } }).__liveBench);

    const rec = standin.realtime.sessions.at(-1)!;
    const sent = rec.sent;
    // Responses with audio in order, paired with the replies the page got in order.
    const responses = rec.responses.filter((r) => r.audio.length > 0);
    const replies = [...firstFrame.keys()];
    const total: number[] = [];
    const client: number[] = [];
    for (let i = 0; i < Math.min(responses.length, replies.length); i++) {
      const r = reports.find((x) => x.messageId === replies[i]);
      const coreAt = firstFrame.get(replies[i]!)!;
      if (!r || r.queueLatencyMs.length === 0) continue;
      const queuedAt = coreAt + r.queueLatencyMs[0]!;
      const firstDelta = sent.find((e) => e.type === 'response.audio.delta' && e.responseId === responses[i]!.id);
      const created = sent.find((e) => e.type === 'response.created' && e.at <= (firstDelta?.at ?? Infinity) && e.at >= 0);
      const stopped = [...sent].reverse().find((e) => e.type === 'input_audio_buffer.speech_stopped' && e.at <= (firstDelta?.at ?? 0));
      if (!firstDelta || !stopped || !created) continue;
      client.push(queuedAt - firstDelta.at);
      total.push(queuedAt - stopped.at);
    }
    // Barge-in: each stop the page posted within 3 s of a speech_started (the first after it).
    const starts = sent.filter((e) => e.type === 'input_audio_buffer.speech_started').map((e) => e.at);
    const toStop: number[] = [];
    const toStopped: number[] = [];
    for (const s of starts) {
      const stop = marks.stops.find((t) => t >= s && t - s < 3000);
      const done = marks.stopped.find((t) => t >= s && t - s < 3000);
      if (done !== undefined) toStopped.push(done - s);
      if (stop !== undefined) toStop.push(stop - s);
    }
    const underruns = reports.reduce((n, r) => n + r.underruns, 0);
    console.log(`load average after: ${loadAfter}`);
    console.log(`${'measure'.padEnd(58)}     n    p50    p95   target`);
    console.log(`${'end of speech → reply\'s first sample queued in the worklet'.padEnd(58)} ${String(total.length).padStart(5)} ${f(pct(total, 50))} ${f(pct(total, 95))}`);
    console.log(`${'  client overhead (first delta sent → queued)'.padEnd(58)} ${String(client.length).padStart(5)} ${f(pct(client, 50))} ${f(pct(client, 95))}   ≤ 50`);
    console.log(`${'barge-in: speech detected → playback silent (worklet)'.padEnd(58)} ${String(toStopped.length).padStart(5)} ${f(pct(toStopped, 50))} ${f(pct(toStopped, 95))}   ≤ 150`);
    console.log(`${'  … → the page posts its own stop (the page\'s path)'.padEnd(58)} ${String(toStop.length).padStart(5)} ${f(pct(toStop, 50))} ${f(pct(toStop, 95))}`);
    console.log(`${'mic chunk captured → sent on the socket'.padEnd(58)} ${String(stats?.micFrames ?? 0).padStart(5)} ${f(stats?.micToSocketP50Ms ?? null)} ${f(stats?.micToSocketP95Ms ?? null)}   ≤ 30`);
    console.log(`mic chunks missing ${stats?.micFramesMissing ?? '–'}, out of order ${stats?.micFramesOutOfOrder ?? '–'}; replies ${replies.length}, playback reports ${reports.length}; underruns over ${SECONDS} s: ${underruns} (target 0)`);
  } finally {
    await browser.close();
    await shell.close();
    await test.close();
    await standin.close();
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
