// Benchmark: spoken replies streamed by the stand-in through the browser shell into Chromium, today's
// build (the renderer of OLD_COMMIT, read from git and built the same way: every chunk crosses the page's
// main thread, a fixed 250 ms start) against this one (issue 20: chunks on their own channel, a worker and
// the AudioWorklet, an adaptive jitter buffer), side by side in one run, against the same core and shell
// (which still sends a page that asks for no audio channel its samples in the events, as before).
// Cases, each 5 replies × 6 s of 24 kHz PCM in 100 ms chunks:
//   1. 1× real time, the page idle;
//   2. 1× real time, the page's main thread blocked for 200 ms once a second (a busy loop in the page);
//   3. faster than real time (a chunk every 5 ms: ~20×), the page idle.
// Per case and build: first sound after the first chunk (p50, p95: in today's build from the chunk reaching
// the page to the page hearing the worklet start; in this one from the chunk reaching the worklet to the
// quantum that sounds), chunk arrival in the core → queued in the worklet (p50, p95, Date.now() on both ends:
// today's as the page learns of it, this one's in the worklet), and underruns.
// Run with `npm run bench playback` (it builds first).
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { createCore } from '../../electron/core/app-core';
import { startWebShell } from '../../electron/web/server';
import { startStandin, type StandinScenario } from '../standin';
import { launchChromium } from '../support/browser';
import { buildApp, oldTree } from './old-renderer';

const root = path.resolve(__dirname, '../..');
/** The last commit before issue 20. */
const OLD_COMMIT = 'a37d3c0';
const REPLIES = Number(process.env.BENCH_REPLIES ?? 5);
const SECONDS = Number(process.env.BENCH_AUDIO_SECONDS ?? 6);
/** BENCH_CASE / BENCH_BUILD: only the cases / builds whose name contains it; BENCH_VERBOSE=1: each reply's figures. */
const ONLY_CASE = process.env.BENCH_CASE ?? '';
const ONLY_BUILD = process.env.BENCH_BUILD ?? '';
const VERBOSE = process.env.BENCH_VERBOSE === '1';

interface Case {
  name: string;
  scenario: Partial<StandinScenario>;
  busy: boolean;
}
const CASES: Case[] = [
  { name: '1× real time, idle page', scenario: { realtime: true, chunkMs: 100 }, busy: false },
  { name: '1× real time, page blocked 200 ms/s', scenario: { realtime: true, chunkMs: 100 }, busy: true },
  { name: 'faster than real time (~20×)', scenario: { realtime: false, gapMs: 5, chunkMs: 100 }, busy: false },
];

interface Report {
  underruns: number;
  firstSoundMs: number | null;
  queueLatencyMs: number[];
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
}
const f = (x: number) => (Number.isNaN(x) ? '   –' : x < 10 ? x.toFixed(1).padStart(5) : x.toFixed(0).padStart(5));

/** The page's main thread busy for 200 ms once a second, as a long render would hold it. */
function blockMainThread(page: Page): Promise<void> {
  return page.evaluate(() => {
    (globalThis as unknown as { __busy: unknown }).__busy = setInterval(() => {
      const until = performance.now() + 200;
      while (performance.now() < until) {
        /* busy */
      }
    }, 1000);
  });
}

async function main(): Promise<void> {
  const newDir = path.join(root, 'out/renderer');
  if (!existsSync(path.join(newDir, 'index.html'))) throw new Error('out/renderer is missing: run `npm run build` first.');
  await mkdir(path.join(root, '.tmp'), { recursive: true });
  const work = await mkdtemp(path.join(root, '.tmp/bench-playback-'));
  const dataDir = await mkdtemp(path.join(tmpdir(), 'omni-bench-'));
  const builds: Array<[string, string]> = [];
  const old = await oldTree(path.join(work, 'old'), OLD_COMMIT);
  if (old) {
    buildApp(work, old, path.join(work, 'today'));
    builds.push([`today (${OLD_COMMIT})`, path.join(work, 'today')]);
  }
  builds.push(['issue 20', newDir]);

  const standin = await startStandin({ scenario: { audioSeconds: SECONDS } });
  const core = await createCore({ dataDir, shell: 'web', version: 'bench', baseUrl: standin.baseUrl, envKey: standin.apiKey, cipher: null });
  const reports: Report[] = [];
  const handle = core.handlers['playback.report'];
  core.handlers['playback.report'] = (r) => {
    reports.push(r);
    return handle(r);
  };
  const browser = await launchChromium();
  const rows: string[] = [];
  try {
    for (const c of CASES.filter((x) => x.name.includes(ONLY_CASE))) {
      standin.setScenario({ ...c.scenario, audioSeconds: SECONDS });
      for (const [label, staticDir] of builds.filter(([l]) => l.includes(ONLY_BUILD))) {
        const shell = await startWebShell({ core, staticDir });
        const page = await browser.newPage();
        try {
          await page.goto(shell.url);
          await page.getByRole('textbox', { name: 'Message' }).waitFor();
          if (c.busy) await blockMainThread(page);
          const got: Report[] = [];
          for (let i = 0; i < REPLIES; i++) {
            const before = reports.length;
            await page.getByRole('button', { name: 'New conversation' }).click();
            await page.getByRole('textbox', { name: 'Message' }).fill(`Benchmark question ${i + 1}`);
            await page.getByRole('button', { name: 'Send' }).click();
            const deadline = Date.now() + (SECONDS + 30) * 1000;
            while (reports.length === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
            if (reports.length === before) throw new Error(`${c.name}, ${label}, reply ${i + 1}: no playback report`);
            const r = reports[reports.length - 1]!;
            got.push(r);
            if (VERBOSE) {
              const jitter = await page.locator('article[data-message-id]').last().getAttribute('data-jitter-target-ms').catch(() => null);
              console.log(`  ${label} reply ${i + 1}: first sound ${r.firstSoundMs} ms, queued p95 ${f(pct(r.queueLatencyMs, 95))} ms, underruns ${r.underruns}, jitter target ${jitter ?? '–'} ms`);
            }
          }
          const first = got.map((r) => r.firstSoundMs).filter((x): x is number => x !== null);
          const lat = got.flatMap((r) => r.queueLatencyMs);
          const underruns = got.reduce((n, r) => n + r.underruns, 0);
          rows.push(`${c.name.padEnd(38)} ${label.padEnd(16)} ${f(pct(first, 50))} ${f(pct(first, 95))}   ${f(pct(lat, 50))} ${f(pct(lat, 95))}   ${String(underruns).padStart(4)}`);
          console.log(rows[rows.length - 1]);
        } finally {
          await page.close();
          await shell.close();
        }
      }
    }
    console.log(`\nplayback: ${REPLIES} replies × ${SECONDS} s of 24 kHz PCM per case, 100 ms chunks, side by side in one run`);
    console.log(`${'case'.padEnd(38)} ${'build'.padEnd(16)} first sound ms   arrival→queued ms   underruns`);
    console.log(`${''.padEnd(38)} ${''.padEnd(16)}   p50   p95        p50   p95`);
    for (const r of rows) console.log(r);
  } finally {
    await browser.close();
    await core.close();
    await standin.close();
    await rm(dataDir, { recursive: true, force: true });
    await rm(work, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
