// A renderer of an earlier commit, read from git and built the way today's is, for benchmarks that measure
// an old build against today's side by side in one run (markdown.bench.ts, playback.bench.ts).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

/**
 * The old tree (renderer/, shared/, resources/) of `commit` from git, inside this checkout (.tmp/) so that
 * its imports find this checkout's node_modules as the new renderer's do.
 */
export async function oldTree(dir: string, commit: string): Promise<string | null> {
  try {
    const tar = execFileSync('git', ['archive', '--format=tar', commit, 'renderer', 'shared', 'resources'], { cwd: root, maxBuffer: 64 * 1024 * 1024 });
    await mkdir(dir, { recursive: true });
    execFileSync('tar', ['-x', '-C', dir], { input: tar });
    servedFromTokenFolder(dir);
    return dir;
  } catch (err) {
    console.log(`(the old renderer could not be read from git commit ${commit}: ${err instanceof Error ? err.message.split('\n')[0] : err}; old figures skipped)`);
    return null;
  }
}

/**
 * Since issue 17 the browser shell serves the page, and its socket, under the access token's folder
 * (`/<token>/`, `/<token>/ws`). A renderer from before asked for `/ws` at the root: it is pointed at the
 * folder it is served from, the one line it needs to talk to today's core; its renderer is left as it was.
 */
function servedFromTokenFolder(tree: string): void {
  const file = path.join(tree, 'renderer/bridge/web.ts');
  const before = "const ws = new URL('/ws', page);";
  const text = readFileSync(file, 'utf8');
  if (text.includes(before)) writeFileSync(file, text.replace(before, "const ws = new URL('ws', page);"));
}

/**
 * A vite build in its own process, from a config file written for it (vite's build does not run under tsx's
 * loader, which runs the benchmarks; its config loader bundles the config and the plugin it imports).
 */
export function viteBuild(dir: string, name: string, config: string): void {
  const file = path.join(dir, `${name}.vite.config.mjs`);
  writeFileSync(file, `import react from '@vitejs/plugin-react';
import { cspSafeStyles } from ${JSON.stringify(path.join(root, 'scripts/vite-csp-safe-styles.ts'))};
export default { logLevel: 'error', base: './', plugins: [react(), cspSafeStyles()], ${config} };
`);
  execFileSync('vite', ['build', '--config', file], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
}

/** The whole renderer of `tree` (its index.html and public files) built into `outDir`. */
export function buildApp(dir: string, tree: string, outDir: string): void {
  viteBuild(dir, path.basename(outDir), `root: ${JSON.stringify(path.join(tree, 'renderer'))}, publicDir: ${JSON.stringify(path.join(tree, 'resources/public'))},
  build: { outDir: ${JSON.stringify(outDir)}, emptyOutDir: true }`);
}
