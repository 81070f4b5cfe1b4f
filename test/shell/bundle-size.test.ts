// What the production build weighs, against the budgets the README states: the sandboxed preload (it
// forwards the contract's names; the schemas stay in the main process) and the renderer's first load (the
// window up to the composer; Settings, the recovery screen and the recorder come in chunks of their own,
// loaded on use). And a build never honours ELECTRON_RENDERER_URL: only `electron-vite dev` does.
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_NAMES, REQUEST_NAMES } from '../../shared/contract-names';
import { buildApp, ROOT } from '../support/build-app';

/** README → "Size": the budgets, next to the figures measured when they were set. */
export const PRELOAD_BUDGET = 20_000;
export const FIRST_LOAD_BUDGET = 600_000;

let out: string;

beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'omni-bundle-'));
  await buildApp(out);
}, 120_000);

afterAll(async () => {
  if (out) await rm(out, { recursive: true, force: true });
});

const size = async (file: string) => (await stat(file)).size;
/** Kilobytes as Vite prints them (1 kB = 1000 bytes). */
const kb = (n: number) => `${(n / 1000).toFixed(1)} kB`;

/** The files index.html loads before anything runs: its module script, the chunks it preloads, its CSS. */
async function firstLoad(): Promise<{ js: string[]; css: string[]; html: string }> {
  const html = await readFile(join(out, 'renderer/index.html'), 'utf8');
  const js = [...html.matchAll(/<script[^>]*type="module"[^>]*src="\.\/([^"]+)"/g), ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="\.\/([^"]+)"/g)].map((m) => m[1]!);
  const css = [...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="\.\/([^"]+)"/g)].map((m) => m[1]!);
  return { js, css, html };
}

describe('the production build', () => {
  it(`keeps the preload under ${kb(PRELOAD_BUDGET)}: the contract's names, no schemas`, async () => {
    const file = join(out, 'preload/index.cjs');
    const bytes = await size(file);
    const code = await readFile(file, 'utf8');
    console.log(`preload: ${kb(bytes)} (budget ${kb(PRELOAD_BUDGET)})`);
    expect(bytes).toBeLessThan(PRELOAD_BUDGET);
    for (const name of [...REQUEST_NAMES, ...EVENT_NAMES]) expect(code).toContain(`"${name}"`);
    // zod's own error class and its schema builders: none of it is bundled any more.
    expect(code).not.toMatch(/ZodError|\$ZodType|safeParse/);
    // A sandboxed preload can require only Electron's renderer modules.
    expect([...code.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1])).toEqual(['electron']);
  });

  it(`keeps the renderer's first load under ${kb(FIRST_LOAD_BUDGET)} of minified JavaScript`, async () => {
    const { js, css } = await firstLoad();
    expect(js.length).toBeGreaterThan(0);
    const jsBytes = (await Promise.all(js.map((f) => size(join(out, 'renderer', f))))).reduce((a, b) => a + b, 0);
    const cssBytes = (await Promise.all(css.map((f) => size(join(out, 'renderer', f))))).reduce((a, b) => a + b, 0);
    console.log(`renderer first load: ${kb(jsBytes)} JS in ${js.length} file(s), ${kb(cssBytes)} CSS (budget ${kb(FIRST_LOAD_BUDGET)} JS)`);
    expect(jsBytes).toBeLessThan(FIRST_LOAD_BUDGET);
    // Minified: a few very long lines, not one statement per line.
    const entry = await readFile(join(out, 'renderer', js[0]!), 'utf8');
    expect(entry.length / entry.split('\n').length).toBeGreaterThan(1000);
  });

  it('loads Settings, the recovery screen, the recorder and the Markdown pipeline on use, each from a chunk of its own; no zod in the window', async () => {
    const { js, html } = await firstLoad();
    const assets = await readdir(join(out, 'renderer/assets'));
    const entry = await readFile(join(out, 'renderer', js[0]!), 'utf8');
    // The schemas validate in the core; a value imported from a module that builds them would bring zod.
    for (const f of js) expect(await readFile(join(out, 'renderer', f), 'utf8')).not.toMatch(/ZodError|\$ZodType/);
    for (const feature of ['SettingsDialog', 'RecoveryScreen', 'voice-controller', 'pipeline']) {
      const chunk = assets.find((a) => a.startsWith(`${feature}-`) && a.endsWith('.js'));
      expect(chunk, `a chunk of its own for ${feature}`).toBeDefined();
      // Not loaded with the page, only named by the entry's dynamic import.
      expect(html).not.toContain(chunk!);
      expect(js).not.toContain(`assets/${chunk}`);
      expect(entry).toContain(chunk!);
    }
  });

  it('never reads ELECTRON_RENDERER_URL in a build: the window always loads app://omni/', async () => {
    // The dev gate exists in the source (so this test would see a regression elsewhere)…
    expect(await readFile(join(ROOT, 'electron/main/dev-server.ts'), 'utf8')).toContain('ELECTRON_RENDERER_URL');
    // …and nothing of it reaches the built main process.
    const mainDir = join(out, 'main');
    const files = (await readdir(mainDir, { recursive: true })).filter((f) => f.endsWith('.js'));
    expect(files).toContain('index.js');
    for (const f of files) expect(await readFile(join(mainDir, f), 'utf8'), f).not.toContain('ELECTRON_RENDERER_URL');
    expect(await readFile(join(mainDir, 'index.js'), 'utf8')).toContain('app://');
  });
});
