// Runs after `npm install`. Electron and ffmpeg-static download their binaries from GitHub in their own
// install scripts; package.json's allowScripts turns those off so that an install never fails where
// GitHub is out of reach. Here we try the downloads ourselves and carry on without them when they fail:
// the browser shell (npm run serve) needs no Electron binary, and the media code falls back to the
// system's ffmpeg (or FFMPEG_BIN).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

function tryInstall(label, pkg, skip) {
  let dir;
  try {
    dir = dirname(require.resolve(`${pkg}/package.json`));
  } catch {
    return;
  }
  if (skip()) return;
  const r = spawnSync(process.execPath, [join(dir, 'install.js')], { cwd: dir, stdio: 'pipe', timeout: 180_000, env: process.env });
  if (r.status === 0) console.log(`postinstall: ${label} ready.`);
  else console.log(`postinstall: ${label} could not be downloaded here (${firstLine(r)}). ${fallback[pkg]}`);
}

const fallback = {
  electron: 'The desktop window needs it; everything else works without it: `npm run serve` runs the same app in your browser.',
  'ffmpeg-static': 'Media will use FFMPEG_BIN or the ffmpeg on your PATH.',
};

function firstLine(r) {
  const text = `${r.stderr ?? ''}${r.stdout ?? ''}`.trim().split('\n').find((l) => /error|ENOTFOUND|ECONN|timed out/i.test(l));
  return (text ?? (r.error ? String(r.error.message) : `exit ${r.status}`)).trim().slice(0, 160);
}

tryInstall('Electron', 'electron', () => {
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) return true;
  return existsSync(join(dirname(require.resolve('electron/package.json')), 'path.txt'));
});
tryInstall('ffmpeg-static', 'ffmpeg-static', () => {
  if (process.env.FFMPEG_BIN) return true;
  const bin = require('ffmpeg-static');
  return !bin || existsSync(bin);
});
