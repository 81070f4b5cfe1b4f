// `npm run serve -- [--port P] [--data-dir DIR] [--base-url URL]`: the browser shell. Builds first when
// out/ is missing or older than the sources, then runs out/main/serve.js with this same Node. Its stdout
// (one line: the URL to open) is passed through untouched; build output goes to stderr.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const OUTPUTS = ['out/main/index.js', 'out/main/serve.js', 'out/preload/index.cjs', 'out/renderer/index.html'];
const SOURCES = ['shared', 'electron', 'renderer', 'resources', 'electron.vite.config.ts', 'package.json'];

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

/** Why a build is needed, or null when out/ is complete and newer than every source. */
export function staleReason() {
  const missing = OUTPUTS.find((o) => !existsSync(join(root, o)));
  if (missing) return `${missing} is missing`;
  const built = Math.min(...OUTPUTS.map((o) => statSync(join(root, o)).mtimeMs));
  const changed = SOURCES.find((s) => newestMtime(join(root, s)) > built);
  return changed ? `${changed} changed since the last build` : null;
}

/** Builds with electron-vite when needed; exits the process with a message if the build fails. */
export function ensureBuilt() {
  const reason = staleReason();
  if (!reason) return;
  process.stderr.write(`Building Omni Desk (${reason})…\n`);
  const require = createRequire(join(root, 'package.json'));
  const pkgFile = require.resolve('electron-vite/package.json');
  const bin = join(dirname(pkgFile), require(pkgFile).bin['electron-vite']);
  // stdout → stderr: a caller reading our stdout gets only the URL.
  const r = spawnSync(process.execPath, [bin, 'build'], { cwd: root, stdio: ['ignore', 2, 2] });
  if (r.status !== 0) {
    process.stderr.write('The build failed (see above). Fix it, or run `npm run build` to see the errors alone.\n');
    process.exit(1);
  }
}

/** What a child (out/main/serve.js, or Electron's main process) takes as "close in order, then exit". */
export const SHUTDOWN_MESSAGE = 'omni:shutdown';

/**
 * Runs a child with our stdio; we exit as it exits. A terminal's Ctrl-C (or SIGTERM/SIGHUP to us) ends it
 * in order, so a reply still streaming is saved as interrupted:
 * - POSIX: the child runs in its own process group, so Ctrl-C reaches it once, through us, as the signal.
 * - Windows: no signal can be sent there — child.kill() is TerminateProcess, which runs no handler and so
 *   skips the core's close. We ask over an IPC channel instead (SHUTDOWN_MESSAGE). The child is not
 *   detached (detached means "no console" on Windows), so a console program (Node) also gets the Ctrl-C
 *   itself; a GUI one (Electron) has no console and hears only the message. Either way it closes once:
 *   the message is a request, a repeated Ctrl-C is the "stop waiting" one.
 * `platform` is a parameter so the tests can walk the Windows path on Linux.
 */
export function runForwarding(command, args, { platform = process.platform } = {}) {
  const windows = platform === 'win32';
  const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit', 'ipc'], detached: !windows });
  const running = () => child.exitCode === null && child.signalCode === null;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      if (!running()) return;
      if (!windows) child.kill(signal);
      else if (child.connected) child.send({ type: SHUTDOWN_MESSAGE }, () => {});
    });
  }
  child.on('error', (err) => {
    process.stderr.write(`Could not start ${command}: ${err.message}\n`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    process.exit(code ?? (signal ? 128 + (signalNumber(signal) ?? 0) : 1));
  });
  return child;
}

function signalNumber(signal) {
  return { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 }[signal];
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  ensureBuilt();
  runForwarding(process.execPath, [join(root, 'out/main/serve.js'), ...process.argv.slice(2)]);
}
