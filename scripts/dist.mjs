// `npm run dist [-- electron-builder options]`: installers for this computer's OS in dist/
// (`npm run dist:linux`, `dist:mac`, `dist:win` name one). ffmpeg-static's binary first (below), then three
// steps: the icons from resources/icon.svg
// (scripts/icons.ts), the production build (electron-vite), and electron-builder with
// electron-builder.config.ts. Nothing is published unless a `--publish` option is passed (the release
// workflow passes one on a version tag); otherwise it is `--publish never`.
// Each tool runs as `node <its CLI>`, so the same script works in Windows' cmd, where npm bins are .cmd files.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('..', import.meta.url));

/** The file an npm package's bin points to. */
function cli(pkg, name = pkg) {
  const manifest = require.resolve(`${pkg}/package.json`);
  const { bin } = JSON.parse(readFileSync(manifest, 'utf8'));
  return join(dirname(manifest), typeof bin === 'string' ? bin : bin[name]);
}

function run(label, file, args) {
  console.log(`\n=== dist: ${label}`);
  const r = spawnSync(process.execPath, [file, ...args], { cwd: root, stdio: 'inherit', env: process.env });
  if (r.status === 0) return;
  console.error(`\ndist: ${label} failed (${r.status ?? r.signal}).`);
  if (label.startsWith('electron-builder')) {
    console.error(
      "electron-builder downloads Electron's release and its packaging tools (from GitHub) the first time it packages " +
        'for an OS; without that network it cannot make installers. The release workflow (.github/workflows/release.yml) builds them.',
    );
  }
  process.exit(r.status ?? 1);
}

/**
 * The installers carry ffmpeg-static's binary, which its install script downloads (from GitHub) and
 * package.json's allowScripts keeps from running on install. Fetched here when missing; without it the
 * packaged app would have no ffmpeg of its own, so nothing is packaged.
 */
function ensureFfmpeg() {
  const dir = dirname(require.resolve('ffmpeg-static/package.json'));
  // The package's own file: require('ffmpeg-static') would answer FFMPEG_BIN instead when that is set.
  const binary = join(dir, `ffmpeg${process.platform === 'win32' ? '.exe' : ''}`);
  if (existsSync(binary)) return;
  console.log("\n=== dist: fetching ffmpeg-static's binary (node node_modules/ffmpeg-static/install.js)");
  spawnSync(process.execPath, [join(dir, 'install.js')], { cwd: dir, stdio: 'inherit', env: process.env });
  if (existsSync(binary)) return;
  console.error(
    "\ndist: ffmpeg-static's binary could not be fetched, and the installers must carry their own ffmpeg. " +
      'Run `node node_modules/ffmpeg-static/install.js` where GitHub is reachable (FFMPEG_BINARIES_URL names a mirror), then try again.',
  );
  process.exit(1);
}

const args = process.argv.slice(2);
const publish = args.some((a) => a === '--publish' || a === '-p' || a.startsWith('--publish='));
ensureFfmpeg();
run('icons', cli('tsx'), ['scripts/icons.ts']);
run('build', cli('electron-vite'), ['build']);
run(`electron-builder ${args.join(' ')}`.trim(), cli('electron-builder'), ['-c', 'electron-builder.config.ts', ...(publish ? [] : ['--publish', 'never']), ...args]);
