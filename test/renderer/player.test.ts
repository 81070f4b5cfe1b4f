// The live-playback path in real Chromium: the shipped worklet file and the renderer's PcmPlayer
// (bundled on the fly with vite), fed real tone samples. A recorder worklet behind the player captures
// what really leaves it, so "gapless" and "no drops" are checked sample by sample, and the playback speed
// by the reply's samples played against the wall clock and by the pitch of what came out.
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'vite';
import type { Page } from 'playwright-core';
import { inTime } from '../support/audio-delivery';
import { openWorkletPage, type WorkletPage } from '../support/worklet-page';
import { RECORDER } from '../support/recorder-worklet';

const root = resolve(__dirname, '../..');
const RATE = 24_000;

interface Outcome {
  state: string;
  pushed: number;
  pushedSamples: number;
  playedSamples: number;
  underruns: number;
  firstSoundMs: number | null;
  latencies: number;
  chunks: number;
  /** Silent samples found between the first and the last pushed sample in the output. */
  gapSamples: number;
  /** Non-zero samples the recorder heard in total. */
  heardCount: number;
  mismatches: number;
  error: string | null;
  /** played samples just after pausing, the state then, and played samples just before resuming */
  duringPause: [number, string, number] | [];
  /** Each push: its samples and when it was made (performance.now()). */
  pushes: { samples: number; at: number }[];
  worstLateMs: number | null;
  outputSamples: number;
  /** At each report of the worklet: [samples sent out so far (the audio clock), the reply's samples played]. */
  trace: [number, number][];
  /** Power of the heard sound at each asked frequency (Goertzel), relative to the strongest of them. */
  tones: Record<string, number>;
}

// The page's driver: pushes a tone through the real PcmPlayer on a schedule, as the bridge would.
const DRIVER = `
import { PcmPlayer, loadPlayerWorklet } from './player.js';
const RATE = ${RATE};
let ctx;
async function setup() {
  ctx = new AudioContext({ sampleRate: RATE });
  await loadPlayerWorklet(ctx);
  await ctx.audioWorklet.addModule('recorder.worklet.js');
  await ctx.resume();
}
function tone(n, start) {
  const bytes = new Uint8Array(n * 2);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < n; i++) {
    const t = (start + i) / RATE;
    view.setInt16(i * 2, Math.round(9000 * Math.sin(2 * Math.PI * 440 * t + 0.7) + 3000 * Math.sin(2 * Math.PI * 1234 * t)), true);
  }
  return bytes;
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
// opts: { seconds, chunkMs, mode: 'steady' | 'burst', gapAfterMs, gapMs, stopAfterMs, oddSplit }
window.runStream = async (opts) => {
  if (!ctx) await setup();
  const recorder = new AudioWorkletNode(ctx, 'test-recorder', { numberOfInputs: 1, numberOfOutputs: 1, outputChannelCount: [1] });
  const recorded = [];
  recorder.port.onmessage = (e) => { if (e.data.type === 'samples') recorded.push(e.data.data); };
  recorder.connect(ctx.destination);
  const player = new PcmPlayer(ctx, { destination: recorder, rate: opts.rate ?? 1 });
  // The speed changes as asked. Each report of the worklet gives both counters of one moment: what went out
  // (the audio clock, 24,000 a second of real time while it plays) and how far the reply got.
  for (const c of opts.rateChanges ?? []) setTimeout(() => player.setRate(c.rate), c.atMs);
  const trace = [];
  const untrace = player.subscribe(() => {
    const s = player.stats;
    const last = trace[trace.length - 1];
    if (s.outputSamples > 0 && (!last || last[0] !== s.outputSamples)) trace.push([s.outputSamples, s.playedSamples]);
  });
  const total = Math.round(opts.seconds * RATE);
  const per = Math.round((opts.chunkMs / 1000) * RATE);
  const all = tone(total, 0);
  let chunks = 0;
  const pushes = [];
  const t0 = performance.now();
  let stopTimer = null;
  if (opts.stopAfterMs) stopTimer = setTimeout(() => player.stop(), opts.stopAfterMs);
  // Pause, read the played count twice while paused, then resume.
  const duringPause = [];
  if (opts.pauseAtMs) {
    setTimeout(async () => {
      player.pause();
      await sleep(150);
      duringPause.push(player.stats.playedSamples, player.stats.state);
      await sleep(opts.pauseForMs);
      duringPause.push(player.stats.playedSamples);
      player.resume();
    }, opts.pauseAtMs);
  }
  for (let s = 0; s < total; s += per) {
    const at = (s / RATE) * 1000 + (opts.gapAfterMs !== undefined && (s / RATE) * 1000 >= opts.gapAfterMs ? opts.gapMs : 0);
    if (opts.mode === 'steady') {
      const wait = t0 + at - performance.now();
      if (wait > 0) await sleep(wait);
    }
    let bytes = all.subarray(s * 2, Math.min(total, s + per) * 2);
    // Odd byte boundaries, as a transport may cut them: the player must rejoin split samples.
    if (opts.oddSplit && bytes.length > 3) {
      player.push(bytes.subarray(0, 3), Date.now());
      bytes = bytes.subarray(3);
    }
    player.push(bytes, Date.now());
    pushes.push({ samples: Math.min(total, s + per) - s, at: performance.now() });
    chunks++;
    if (player.isDone) break;
  }
  player.end();
  const stats = await player.finished;
  untrace();
  if (stopTimer) clearTimeout(stopTimer);
  await sleep(100);
  await new Promise((r) => { recorder.port.onmessage = (e) => { if (e.data.type === 'samples') recorded.push(e.data.data); else r(); }; recorder.port.postMessage('flush'); });
  recorder.disconnect();
  const heardF = recorded.flatMap((a) => Array.from(a));
  const heardInt = heardF.map((x) => Math.round(x * 32768));
  const first = heardInt.findIndex((x) => x !== 0);
  const pushed = new Int16Array(all.buffer.slice(0));
  // Walk the pushed samples through what was heard; silence inserted in between (a pause, an
  // underrun) is skipped and counted as gapSamples, any other difference is a mismatch.
  let mismatches = 0;
  let gapSamples = 0;
  if (first >= 0) {
    let j = first;
    for (let i = 0; i < total; i++) {
      if (pushed[i] !== 0) while (j < heardInt.length && heardInt[j] === 0) { j++; gapSamples++; }
      if (heardInt[j] !== pushed[i]) mismatches++;
      j++;
    }
  } else {
    mismatches = total;
  }
  // How loud each asked frequency is in what was heard (sound only, silence left out).
  const sound = heardF.filter((x) => x !== 0);
  const power = {};
  for (const f of opts.tones ?? []) {
    const k = 2 * Math.cos((2 * Math.PI * f) / RATE);
    let a = 0, b = 0;
    for (const x of sound) { const c = x + k * a - b; b = a; a = c; }
    power[f] = a * a + b * b - k * a * b;
  }
  const strongest = Math.max(1e-12, ...Object.values(power));
  const tones = Object.fromEntries(Object.entries(power).map(([f, v]) => [f, v / strongest]));
  return {
    outputSamples: stats.outputSamples, trace, tones,
    state: stats.state, pushed: total, pushedSamples: stats.pushedSamples, playedSamples: stats.playedSamples,
    underruns: stats.underruns, firstSoundMs: stats.firstSoundMs, latencies: stats.queueLatencyMs.length, chunks,
    gapSamples, heardCount: heardInt.filter((x) => x !== 0).length, mismatches, error: stats.error, duringPause, pushes, worstLateMs: stats.worstLateMs,
  };
};
window.ready = true;
`;

const PAGE = `<!doctype html><meta charset="utf-8"><title>player test</title><script type="module" src="driver.js"></script>`;

let worklet: WorkletPage;
let page: Page;

async function bundlePlayer(): Promise<string> {
  const out = await build({
    configFile: false,
    logLevel: 'silent',
    root,
    build: {
      write: false,
      minify: false,
      lib: { entry: resolve(root, 'renderer/player/pcm-player.ts'), formats: ['es'], fileName: 'player' },
    },
  });
  const outputs = Array.isArray(out) ? out : [out];
  for (const o of outputs) {
    if ('output' in o) {
      const chunk = o.output.find((c) => c.type === 'chunk');
      if (chunk && chunk.type === 'chunk') return chunk.code;
    }
  }
  throw new Error('vite produced no player bundle');
}

beforeAll(async () => {
  worklet = await openWorkletPage({
    '/': ['text/html', PAGE],
    '/driver.js': ['text/javascript', DRIVER],
    '/player.js': ['text/javascript', await bundlePlayer()],
    '/recorder.worklet.js': ['text/javascript', RECORDER],
  });
  page = worklet.page;
});

afterAll(async () => {
  await worklet?.close();
});

function run(opts: Record<string, unknown>): Promise<Outcome> {
  return page.evaluate((o) => (globalThis as unknown as { runStream(o: unknown): Promise<Outcome> }).runStream(o), opts);
}

describe('live reply playback (AudioWorklet in Chromium)', () => {
  it('plays a steady real-time stream gaplessly: no underruns, every sample heard in order', async () => {
    const r = await run({ seconds: 3, chunkMs: 100, mode: 'steady' });
    expect(r.error).toBeNull();
    expect(r.state).toBe('ended');
    expect(r.pushedSamples).toBe(r.pushed);
    expect(r.playedSamples).toBe(r.pushed);
    expect(r.mismatches).toBe(0);
    // Gapless whenever the page's timers pushed each chunk in time; a machine too busy to run them on time
    // makes real gaps, which the player must count as underruns (and still play every sample in order).
    // How late the latest push reached the worklet against when its first sample was due, by the player's own account.
    const late = r.worstLateMs ?? -Infinity;
    if (inTime(late)) {
      expect(r.underruns).toBe(0);
      expect(r.gapSamples).toBe(0);
    } else {
      console.log(`pushes up to ${Math.round(late)} ms late on a busy machine: ${r.underruns} underrun(s), ${r.gapSamples} silent samples`);
      expect(r.gapSamples > 0).toBe(r.underruns > 0);
    }
    expect(r.latencies).toBe(r.chunks);
    // Measured (not null, and not dropped as undefined on its way out of the page), after the jitter buffer filled.
    expect(r.firstSoundMs).toBeGreaterThan(0);
  });

  it('plays all of a 10 s reply that arrives in one burst, without dropping a sample', async () => {
    const r = await run({ seconds: 10, chunkMs: 80, mode: 'burst', oddSplit: true });
    expect(r.error).toBeNull();
    expect(r.state).toBe('ended');
    expect(r.pushedSamples).toBe(r.pushed);
    expect(r.playedSamples).toBe(r.pushed);
    expect(r.underruns).toBe(0);
    expect(r.mismatches).toBe(0);
    expect(r.gapSamples).toBe(0);
  });

  it('counts underruns when the stream pauses for a second in the middle, and still plays everything', async () => {
    const r = await run({ seconds: 2, chunkMs: 100, mode: 'steady', gapAfterMs: 1000, gapMs: 1000 });
    expect(r.state).toBe('ended');
    expect(r.underruns).toBeGreaterThanOrEqual(1);
    expect(r.playedSamples).toBe(r.pushed);
    expect(r.mismatches).toBe(0);
    expect(r.gapSamples).toBeGreaterThan(0);
  });

  it('pauses and resumes: nothing plays while paused, then everything plays, with no underruns', async () => {
    const r = await run({ seconds: 2, chunkMs: 100, mode: 'burst', pauseAtMs: 600, pauseForMs: 800 });
    expect(r.state).toBe('ended');
    const [atPause, stateThen, beforeResume] = r.duringPause;
    expect(stateThen).toBe('paused');
    expect(atPause).toBeGreaterThan(0);
    expect(beforeResume).toBe(atPause);
    expect(r.playedSamples).toBe(r.pushed);
    expect(r.underruns).toBe(0);
    expect(r.mismatches).toBe(0);
    expect(r.gapSamples).toBeGreaterThan(0.5 * 24_000);
  });

  it('stops when told: playback ends early and is marked stopped', async () => {
    const r = await run({ seconds: 4, chunkMs: 100, mode: 'burst', stopAfterMs: 700 });
    expect(r.state).toBe('stopped');
    expect(r.playedSamples).toBeGreaterThan(0);
    expect(r.playedSamples).toBeLessThan(r.pushed);
    expect(r.heardCount).toBeLessThan(r.pushed);
  });
});

/**
 * The reply's samples played per second of audio time (24,000 output samples) between `from` and `to` seconds
 * of output, a straight-line fit over the worklet's reports.
 */
function playedPerSecond(trace: [number, number][], from: number, to: number): number {
  const pts = trace.map(([out, p]) => [(out / RATE) * 1000, p] as [number, number]).filter(([t]) => t >= from && t <= to);
  const n = pts.length;
  const mt = pts.reduce((a, [t]) => a + t, 0) / n;
  const mp = pts.reduce((a, [, p]) => a + p, 0) / n;
  const cov = pts.reduce((a, [t, p]) => a + (t - mt) * (p - mp), 0);
  const vt = pts.reduce((a, [t]) => a + (t - mt) ** 2, 0);
  return (cov / vt) * 1000;
}

describe('playback speed (the time-stretch in the worklet)', () => {
  it('at 2× plays the reply in half the time, every sample of it, with the pitch kept', async () => {
    const r = await run({ seconds: 6, chunkMs: 100, mode: 'burst', rate: 2, tones: [220, 440, 880] });
    expect(r.error).toBeNull();
    expect(r.state).toBe('ended');
    expect(r.playedSamples).toBe(r.pushed);
    expect(r.underruns).toBe(0);
    // Half as many samples went out as the reply holds (frames of 384 samples: within one of them).
    expect(Math.abs(r.outputSamples - r.pushed / 2)).toBeLessThan(2 * 384);
    // The reply's position advanced 48,000 samples for each second of sound that went out.
    const rate = playedPerSecond(r.trace, 300, 2_500);
    expect(rate).toBeGreaterThan(48_000 * 0.95);
    expect(rate).toBeLessThan(48_000 * 1.05);
    // The 440 Hz tone is still 440 Hz: resampling to 2× would have moved it to 880 Hz.
    expect(r.tones['440']).toBe(1);
    expect(r.tones['880']!).toBeLessThan(0.05);
    expect(r.tones['220']!).toBeLessThan(0.05);
  });

  it('changes speed while playing: 1× then 0.75×, without a gap or a lost sample', async () => {
    const r = await run({ seconds: 4, chunkMs: 100, mode: 'burst', rate: 1, rateChanges: [{ atMs: 1_200, rate: 0.75 }], tones: [330, 440, 587] });
    expect(r.error).toBeNull();
    expect(r.state).toBe('ended');
    expect(r.playedSamples).toBe(r.pushed);
    expect(r.underruns).toBe(0);
    // Before the change the reply advanced 24,000 samples for each second of sound, after it 18,000.
    const before = playedPerSecond(r.trace, 150, 850);
    const after = playedPerSecond(r.trace, 1_600, 3_600);
    expect(before).toBeGreaterThan(24_000 * 0.95);
    expect(before).toBeLessThan(24_000 * 1.05);
    expect(after).toBeGreaterThan(18_000 * 0.95);
    expect(after).toBeLessThan(18_000 * 1.05);
    // More came out than went in (the last 2.8 s of the reply took a third longer), and nothing went silent.
    expect(r.outputSamples).toBeGreaterThan(r.pushed * 1.15);
    expect(r.gapSamples).toBeLessThan(0.01 * r.pushed);
    expect(r.tones['440']).toBe(1);
    expect(r.tones['330']!).toBeLessThan(0.05);
  });
});
