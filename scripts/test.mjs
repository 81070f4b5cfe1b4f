// `npm test`: every check this project makes, in one command.
//   1. type checks (node side and renderer side), 2. lint (includes the layer rules: no electron in the core, …),
//   3. the production build (electron-vite: main, preload, renderer — the e2e tests use it),
//   4. every vitest test (unit, integration, end-to-end in Chromium).
// It ends with the plain line "N passed, N failed, N skipped" that CI reads in any language.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const passthrough = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;

function step(name, cmd, args) {
  console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`);
  // npm's bins are .cmd files on Windows, which only a shell runs (the release workflow runs npm test there).
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: process.env, shell: process.platform === 'win32' });
  const ok = r.status === 0;
  console.log(`=== ${name}: ${ok ? 'ok' : `FAILED (exit ${r.status ?? r.signal})`}`);
  if (ok) passed += 1;
  else failed += 1;
  return ok;
}

const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  console.error(`Omni Desk needs Node 22 or newer (this is ${process.version}). Run it through npm (npm test), which uses the Node 22 that npm install put in node_modules/.bin.`);
  process.exit(1);
}

if (passthrough.length === 0) {
  step('typecheck (node)', 'tsc', ['-p', 'tsconfig.node.json', '--noEmit']);
  step('typecheck (renderer)', 'tsc', ['-p', 'tsconfig.web.json', '--noEmit']);
  step('lint', 'eslint', ['.']);
}
const built = step('build', 'electron-vite', ['build']);

mkdirSync(join(root, '.tmp'), { recursive: true });

// Tests that play audio in real time assert zero underruns: they run after the rest, one file at a time,
// so that ffmpeg encodes in other test files do not starve the 2-core machine's audio thread.
const REALTIME = ['test/renderer/player.test.ts', 'test/renderer/audio-channel.test.ts', 'test/renderer/app.test.ts', 'test/e2e/restart.test.ts', 'test/e2e/reply-controls.test.ts'];

function vitest(name, args, report) {
  rmSync(report, { force: true });
  step(name, 'vitest', ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...args]);
  // The vitest step itself is not a test: replace its pass/fail with the real per-test counts.
  if (!existsSync(report)) return;
  const json = JSON.parse(readFileSync(report, 'utf8'));
  const vitestOk = json.numFailedTests === 0 && json.success !== false;
  if (vitestOk) passed -= 1;
  else failed -= 1;
  passed += json.numPassedTests ?? 0;
  failed += (json.numFailedTests ?? 0) + (json.success === false && !json.numFailedTests ? 1 : 0);
  skipped += (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0);
}

if (built || passthrough.length) {
  if (passthrough.length) {
    vitest('vitest', passthrough, join(root, '.tmp', 'vitest-report.json'));
  } else {
    vitest('vitest', REALTIME.flatMap((f) => ['--exclude', f]), join(root, '.tmp', 'vitest-report.json'));
    vitest('vitest (real-time playback, one file at a time)', ['--no-file-parallelism', ...REALTIME], join(root, '.tmp', 'vitest-realtime.json'));
  }
}

console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
