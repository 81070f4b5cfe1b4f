// `npm run screenshots -- [--out DIR] [--only NAME,…] [--list]`: pictures of the window's states
// (test/support/screenshot-states.ts) from the real app — the core on a fresh data directory, the browser
// shell, the DashScope stand-in and headless Chromium, as the end-to-end tests run it — each at 1280×800
// and 800×600, light and dark (the system's choice, as Chromium emulates it), English and Chinese (set
// through the core's settings.update, as Settings does). Files: <state>-<w>x<h>-<theme>-<lang>.png,
// into .tmp/screenshots by default. The renderer is the production build (`npm run build`, out/renderer).
import { spawnSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Language } from '../shared/domain';
import { translator } from '../renderer/i18n/translate';
import { startAppHarness } from '../test/support/app-harness';
import { STATES, settle, type ScreenshotState } from '../test/support/screenshot-states';

const root = resolve(__dirname, '..');
const SIZES = [
  { width: 1280, height: 800 },
  { width: 800, height: 600 },
] as const;
const THEMES = ['light', 'dark'] as const;
const LANGUAGES: readonly Language[] = ['en', 'zh-CN'];

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: join(root, '.tmp/screenshots') },
    only: { type: 'string' },
    list: { type: 'boolean', default: false },
  },
});

if (values.list) {
  for (const s of STATES) console.log(`${s.name.padEnd(16)} ${s.shows}`);
  process.exit(0);
}

const wanted = values.only ? values.only.split(',').map((n) => n.trim()).filter(Boolean) : STATES.map((s) => s.name);
const unknown = wanted.filter((n) => !STATES.some((s) => s.name === n));
if (unknown.length) {
  console.error(`No such state: ${unknown.join(', ')}. The states are: ${STATES.map((s) => s.name).join(', ')} (see test/support/screenshot-states.ts).`);
  process.exit(2);
}

async function shoot(state: ScreenshotState, rendererDir: string, out: string): Promise<string[]> {
  let now: number | null = null;
  await state.prepare?.();
  const app = await startAppHarness({ prefix: `omni-shots-${state.name}-`, rendererDir, now: () => now ?? Date.now(), ...state.harness });
  const files: string[] = [];
  try {
    await app.reset(); // the harness starts each app (data directory, core, shell) on demand
    const seeded = await state.seed?.({ core: app.core, standin: app.standin, dir: app.dir, setNow: (ms) => (now = ms) });
    for (const lang of LANGUAGES) {
      await app.core.handlers['settings.update']({ language: lang });
      const t = translator(lang);
      for (const size of SIZES) {
        for (const theme of THEMES) {
          const page = await app.browser.newPage({ viewport: size, colorScheme: theme });
          const problems: string[] = [];
          page.on('pageerror', (e) => problems.push(e.message));
          page.on('console', (m) => {
            if (m.type() === 'error') problems.push(m.text());
          });
          try {
            await page.goto(app.shell.url);
            // The window is up once its composer is (by CSS: a modal such as the first run's welcome hides the rest from roles).
            await page.locator('textarea.composer-input').waitFor();
            await state.show(page, { lang, t, seeded });
            await settle(page);
            const file = join(out, `${state.name}-${size.width}x${size.height}-${theme}-${lang}.png`);
            await page.screenshot({ path: file });
            files.push(file);
            if (problems.length) console.warn(`  ${file}: the page reported ${problems.join(' | ')}`);
          } finally {
            await page.close();
          }
        }
      }
    }
  } finally {
    await app.close();
    await state.cleanup?.();
  }
  return files;
}

async function main(): Promise<void> {
  const out = resolve(values.out!);
  await mkdir(out, { recursive: true });
  const started = Date.now();
  // electron-vite in its own process: vite's build does not run under tsx's loader (rolldown's built-in
  // plugins come back as another instance of the module and are not recognised).
  const built = spawnSync('electron-vite', ['build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (built.status !== 0) throw new Error(`npm run build failed (exit ${built.status ?? built.signal}); run it to see why.`);
  for (const name of wanted) {
    const state = STATES.find((s) => s.name === name)!;
    const files = await shoot(state, join(root, 'out/renderer'), out);
    console.log(`${name}: ${files.length} pictures`);
  }
  console.log(`Written to ${out} in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack ?? err.message : String(err));
  process.exit(1);
});
