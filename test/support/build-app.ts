// The app built exactly as `npm run build` builds it (electron.vite.config.ts: main, preload, renderer),
// but into a directory of the test's own: a test can measure or pack a build without touching out/,
// which other tests read while they run.
import { join, resolve } from 'node:path';
import { build } from 'electron-vite';

export const ROOT = resolve(__dirname, '../..');

/** Builds main, preload and renderer into `outDir`/main, /preload, /renderer. */
export async function buildApp(outDir: string): Promise<void> {
  // electron-vite gives an inline build.outDir to each of the three builds as `<outDir>/<main|preload|renderer>`
  // (its --outDir option). No `root` here: it would replace the renderer's own root.
  await build({ configFile: join(ROOT, 'electron.vite.config.ts'), logLevel: 'warn', build: { outDir, emptyOutDir: true } });
}
