// Benchmark: what a chip's previews cost. A video's thumbnail and filmstrip (ffmpeg, key frames only) are
// made beside its fitting; they must add at most 10% to the time from the drop to "Ready to send". Measured
// side by side in one run: the same file dropped on a core with previews and on one without, alternating,
// each on a fresh data folder, median of RUNS; plus when the previews themselves were on the chip.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AttachmentView } from '../../shared/domain';
import { createCore } from '../../electron/core/app-core';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const ffmpegBin = process.env.FFMPEG_BIN || 'ffmpeg';

function ff(args: string[]): void {
  const r = spawnSync(ffmpegBin, ['-hide_banner', '-loglevel', 'error', '-y', ...args]);
  if (r.status !== 0) throw new Error(`ffmpeg ${args.join(' ')}: ${r.stderr}`);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

interface Case {
  name: string;
  make: (file: string) => void;
}

const cases: Case[] = [
  {
    // The case: re-encoded to its first 2:30 with pictures small enough for the input limit.
    name: '200-s 640×480 video with sound → fitted (2:30, smaller pictures)',
    make: (f) => ff(['-f', 'lavfi', '-i', 'testsrc2=s=640x480:r=15:d=200', '-f', 'lavfi', '-i', 'sine=d=200', '-c:v', 'libx264',
      '-preset', 'ultrafast', '-g', '30', '-c:a', 'aac', '-shortest', f]),
  },
  {
    name: '24-s 1280×720 video → sent as it is',
    make: (f) => ff(['-f', 'lavfi', '-i', 'testsrc2=s=1280x720:r=30:d=24', '-f', 'lavfi', '-i', 'sine=d=24', '-c:v', 'libx264',
      '-preset', 'veryfast', '-crf', '30', '-c:a', 'aac', '-shortest', f]),
  },
];

/** Drops `file` on a fresh core: ms until the chip is ready, and until its thumbnail and filmstrip are there. */
async function dropOnce(dir: string, file: string, previews: boolean, n: number): Promise<{ ready: number; previews: number | null }> {
  const core = await createCore({ dataDir: path.join(dir, `core-${n}`), shell: 'web', version: 'bench', envKey: null, previews });
  try {
    const t0 = performance.now();
    let ready: number | null = null;
    let shown: number | null = null;
    const done = new Promise<void>((resolve) => {
      core.subscribe((name, payload) => {
        if (name !== 'attachment.updated') return;
        const a = (payload as { attachment: AttachmentView }).attachment;
        if (a.state === 'ready' && ready === null) ready = performance.now() - t0;
        if (a.preview.thumb && a.preview.strip > 0 && shown === null) shown = performance.now() - t0;
        if (a.state === 'error') throw new Error(`not prepared: ${a.error}`);
        if (ready !== null && (!previews || shown !== null)) resolve();
      });
    });
    core.attachPath(file, { name: path.basename(file) });
    await done;
    return { ready: ready!, previews: shown };
  } finally {
    await core.close();
  }
}

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'omni-previews-bench-'));
  try {
    console.log(`chip previews (${RUNS} runs each side, alternating, median): drop → "Ready to send"`);
    let n = 0;
    for (const c of cases) {
      const file = path.join(dir, `case-${cases.indexOf(c)}.mp4`);
      c.make(file);
      const withPreviews: number[] = [];
      const without: number[] = [];
      const previewsAt: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        // Alternate which side goes first, so neither always runs on a warmer machine.
        const order = i % 2 === 0 ? [true, false] : [false, true];
        for (const p of order) {
          const r = await dropOnce(dir, file, p, n++);
          (p ? withPreviews : without).push(r.ready);
          if (p && r.previews !== null) previewsAt.push(r.previews);
        }
      }
      const a = median(withPreviews);
      const b = median(without);
      console.log(`  ${c.name}: with thumbnail + filmstrip ${(a / 1000).toFixed(2)} s, without ${(b / 1000).toFixed(2)} s — ratio ${(a / b).toFixed(3)} (+${(((a - b) / b) * 100).toFixed(1)}%); previews on the chip after ${(median(previewsAt) / 1000).toFixed(2)} s`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
