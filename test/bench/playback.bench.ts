// Benchmark: a steady 1× real-time spoken reply from the stand-in, through the browser shell, played in
// Chromium. Prints, over several replies: the time from an audio chunk's arrival in the core to its
// samples being queued in the worklet (p50, p95), the time from the first audio chunk to sound starting,
// and underruns. Run with `npm run bench` (it builds first when out/ is stale).
import { mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createCore } from '../../electron/core/app-core';
import { startWebShell } from '../../electron/web/server';
import { startStandin } from '../standin';
import { launchChromium } from '../support/browser';

const root = path.resolve(__dirname, '../..');
const REPLIES = Number(process.env.BENCH_REPLIES ?? 5);
const SECONDS = Number(process.env.BENCH_AUDIO_SECONDS ?? 6);

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
}

async function main(): Promise<void> {
  const staticDir = path.join(root, 'out/renderer');
  if (!existsSync(path.join(staticDir, 'index.html'))) throw new Error('out/renderer is missing: run `npm run build` first.');
  const dir = await mkdtemp(path.join(tmpdir(), 'omni-bench-'));
  const standin = await startStandin({ scenario: { audioSeconds: SECONDS, realtime: true, chunkMs: 100 } });
  const core = await createCore({ dataDir: dir, shell: 'web', version: 'bench', baseUrl: standin.baseUrl, envKey: standin.apiKey, cipher: null });
  // Observe the renderer's playback reports as the core receives them.
  const reports: Array<{ underruns: number; firstSoundMs: number | null; queueLatencyMs: number[] }> = [];
  const handle = core.handlers['playback.report'];
  core.handlers['playback.report'] = (r) => {
    reports.push(r);
    return handle(r);
  };
  const shell = await startWebShell({ core, staticDir });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(shell.url);
    for (let i = 0; i < REPLIES; i++) {
      const before = reports.length;
      await page.getByRole('button', { name: 'New conversation' }).click();
      await page.getByRole('textbox', { name: 'Message' }).fill(`Benchmark question ${i + 1}`);
      await page.getByRole('button', { name: 'Send' }).click();
      const deadline = Date.now() + (SECONDS + 30) * 1000;
      while (reports.length === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      if (reports.length === before) throw new Error(`reply ${i + 1}: no playback report`);
    }
    const latencies = reports.flatMap((r) => r.queueLatencyMs);
    const firstSound = reports.map((r) => r.firstSoundMs).filter((x): x is number => x !== null);
    const underruns = reports.reduce((n, r) => n + r.underruns, 0);
    console.log(`playback: ${REPLIES} replies × ${SECONDS} s of 24 kHz PCM at 1× real time, 100 ms chunks`);
    console.log(`  chunk arrival in core → queued in worklet: p50 ${pct(latencies, 50).toFixed(1)} ms, p95 ${pct(latencies, 95).toFixed(1)} ms (${latencies.length} chunks)`);
    console.log(`  first audio chunk → sound starts: p50 ${pct(firstSound, 50).toFixed(0)} ms, p95 ${pct(firstSound, 95).toFixed(0)} ms`);
    console.log(`  underruns: ${underruns} in ${REPLIES} replies`);
  } finally {
    await browser.close();
    await shell.close();
    await core.close();
    await standin.close();
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
