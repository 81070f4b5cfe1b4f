// Benchmark: preparing media for a request. Per case, the time Omni Desk takes to get a file ready
// (probe, measure, plan, fit, re-probe, store) against the bare ffmpeg command that does the same
// conversion, as a ratio; then the main process's peak memory while preparing and sending the largest
// case through the real core to the stand-in (which runs in its own process, so its parsing of the
// 10 MB request does not count here).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findModel, DASHSCOPE_DATA_URI_BUDGET } from '../../shared/catalog';
import { createCore } from '../../electron/core/app-core';
import { createMediaService } from '../../electron/core/media';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const root = path.resolve(__dirname, '../..');
const ffmpegBin = process.env.FFMPEG_BIN || 'ffmpeg';

function ff(args: string[]): void {
  const r = spawnSync(ffmpegBin, ['-hide_banner', '-loglevel', 'error', '-y', ...args]);
  if (r.status !== 0) throw new Error(`ffmpeg ${args.join(' ')}: ${r.stderr}`);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

interface Case {
  name: string;
  make: (file: string) => void;
  ext: string;
  /** The bare ffmpeg command doing the same conversion. */
  bare: (input: string, output: string) => string[];
  bareExt: string;
}

const cases: Case[] = [
  {
    name: '25-min MP3 → trimmed to 20 min (stream copy)',
    ext: 'mp3', bareExt: 'mp3',
    make: (f) => ff(['-f', 'lavfi', '-i', 'sine=f=440:r=16000:d=1500', '-ac', '1', '-c:a', 'libmp3lame', '-b:a', '32k', f]),
    bare: (i, o) => ['-i', i, '-t', '1199.5', '-c', 'copy', o],
  },
  {
    name: '25-min 48 kHz stereo WAV → 20 min mono MP3 within the 10 MB data-URI budget',
    ext: 'wav', bareExt: 'mp3',
    make: (f) => ff(['-f', 'lavfi', '-i', 'sine=f=300:r=48000:d=1500', '-ac', '2', '-c:a', 'pcm_s16le', f]),
    bare: (i, o) => ['-i', i, '-t', '1199.5', '-ac', '1', '-ar', '16000', '-c:a', 'libmp3lame', '-b:a', '48k', o],
  },
  {
    name: '200-s video → trimmed to 150 s (stream copy)',
    ext: 'mp4', bareExt: 'mp4',
    // Small enough that the cut fits the data-URI budget as it is, so a stream copy is the right work.
    make: (f) => ff(['-f', 'lavfi', '-i', 'testsrc2=s=320x240:r=15:d=200', '-f', 'lavfi', '-i', 'sine=d=200', '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '38', '-g', '30', '-c:a', 'aac', '-b:a', '32k', '-shortest', f]),
    bare: (i, o) => ['-i', i, '-t', '149.5', '-c', 'copy', o],
  },
  {
    name: '200-s 640×480 video over budget → 150 s re-encoded to fit (H.264 320 px)',
    ext: 'mp4', bareExt: 'mp4',
    make: (f) => ff(['-f', 'lavfi', '-i', 'testsrc2=s=640x480:r=15:d=200', '-f', 'lavfi', '-i', 'sine=d=200', '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '30', '-c:a', 'aac', '-shortest', f]),
    bare: (i, o) => ['-i', i, '-t', '149.5', '-vf', 'scale=320:-2', '-c:v', 'libx264', '-b:v', '300k', '-c:a', 'aac', '-b:a', '64k', o],
  },
];

async function time(fn: () => Promise<unknown> | unknown): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'omni-media-bench-'));
  const limits = findModel('qwen3-omni-flash')!.media;
  try {
    console.log(`media preparation (${RUNS} runs each, median; ratio = Omni Desk / bare ffmpeg)`);
    for (const c of cases) {
      const input = path.join(dir, `in-${cases.indexOf(c)}.${c.ext}`);
      c.make(input);
      const ours: number[] = [];
      const bare: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const media = createMediaService({ dataDir: path.join(dir, `data-${i}-${cases.indexOf(c)}`) });
        ours.push(await time(() => media.prepare(input, { limits, budget: DASHSCOPE_DATA_URI_BUDGET })));
        bare.push(await time(() => ff(c.bare(input, path.join(dir, `bare.${c.bareExt}`)))));
      }
      const o = median(ours);
      const b = median(bare);
      console.log(`  ${c.name}: ${(o / 1000).toFixed(2)} s vs ${(b / 1000).toFixed(2)} s bare — ratio ${(o / b).toFixed(2)}`);
    }

    // Peak memory of the main process's work while preparing and sending the largest case.
    const largest = path.join(dir, 'in-1.wav');
    const standin = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'test/standin/cli.ts'), '--port', '0', '--key', 'sk-bench'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const baseUrl = await new Promise<string>((r) => standin.stdout!.once('data', (d: Buffer) => r(d.toString().trim())));
    const core = await createCore({ dataDir: path.join(dir, 'core'), shell: 'web', version: 'bench', baseUrl, envKey: 'sk-bench' });
    try {
      (globalThis as { gc?: () => void }).gc?.();
      const baseline = process.memoryUsage().rss;
      let peak = baseline;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
      const done = new Promise<void>((resolve) =>
        core.subscribe((name, payload) => {
          if (name === 'chat.event' && (payload as { kind: string }).kind === 'outcome') resolve();
        }),
      );
      const a = core.attachPath(largest, { name: 'long.wav' });
      const ready = await core.attachmentSettled(a.id);
      if (ready?.state !== 'ready') throw new Error(`the WAV was not prepared: ${JSON.stringify(ready)}`);
      await core.handlers['chat.send']({ conversationId: null, text: 'Summarise this recording', attachmentIds: [a.id], options: {} });
      await done;
      clearInterval(sampler);
      console.log(`  main-process memory preparing and sending the 25-min WAV: peak RSS ${(peak / 2 ** 20).toFixed(0)} MiB (${((peak - baseline) / 2 ** 20).toFixed(0)} MiB above the ${(baseline / 2 ** 20).toFixed(0)} MiB before it)`);
    } finally {
      await core.close();
      standin.kill();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
