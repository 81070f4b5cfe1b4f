// `npm start`: the desktop app. Needs Electron's binary, which the electron package downloads from
// GitHub; where it could not (no network, or install scripts off), say so and point at `npm run serve`.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { sandboxAdvice, sandboxHelperProblem } from './linux-sandbox.mjs';
import { ensureBuilt, root, runForwarding } from './serve.mjs';

/**
 * The Electron executable, or null when it is not installed. Read the way the electron package's
 * index.js does, but without calling it: require('electron') starts a download when the binary is missing.
 */
export function electronBinary(env = process.env) {
  const pkg = join(root, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const p = join(env.ELECTRON_OVERRIDE_DIST_PATH, relative || 'electron');
    return existsSync(p) ? p : null;
  }
  if (!relative) return null;
  const p = join(pkg, 'dist', relative);
  return existsSync(p) ? p : null;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const binary = electronBinary();
  if (!binary) {
    console.error(
      "Electron's binary isn't installed here, so the desktop app can't start. Get it with " +
        '`node node_modules/electron/install.js` (it downloads from GitHub; set ELECTRON_MIRROR to use a mirror), ' +
        'or run the same app in your browser with `npm run serve`.',
    );
    process.exit(1);
  }
  const helper = sandboxHelperProblem(binary);
  if (helper) console.error(sandboxAdvice(helper));
  ensureBuilt();
  runForwarding(binary, ['.', ...process.argv.slice(2)]);
}
