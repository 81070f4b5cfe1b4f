// The whole app as the end-to-end tests meet it: the renderer bundled from renderer/ with vite, served by
// the real browser shell over the real core (real SQLite file, real ffmpeg), talking to the local DashScope
// stand-in, driven in headless Chromium. One place to start and stop it all.
//
// Each test starts from its own state: a fresh data directory, core and shell, and a browser context of its
// own (no cookies or storage from the test before), with the stand-in back on the file's scenario. What is
// slow to make is made once per file and shared: the renderer bundle, the browser process, the stand-in,
// and whatever `prepare` makes (media files, a generated history that `seed` copies into each data
// directory). So one failure shows as one failure, never as the next test's.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import react from '@vitejs/plugin-react';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Core } from '../../electron/core/core-interface';
import type { SecretCipher } from '../../electron/core/keys';
import type { LiveOptions } from '../../electron/core/live/live-handlers';
import { cspSafeStyles } from '../../scripts/vite-csp-safe-styles';
import type { BaseUrls } from '../../electron/core/endpoints';
import { startWebShell, type WebShell } from '../../electron/web/server';
import { DEFAULT_REALTIME_SCENARIO, DEFAULT_SCENARIO, startStandin, type Standin, type StandinScenario } from '../standin';
import { launchChromium } from './browser';
import { startTestCore, type TestCore } from './test-core';

const root = resolve(__dirname, '../..');

export interface AppHarnessOptions {
  prefix: string;
  /** The stand-in's scenario at the start of every test (over its defaults). */
  scenario?: Partial<StandinScenario>;
  /** Once per file, beside the renderer build: makes what the tests share (media files, a history to copy). */
  prepare?: (dir: string) => Promise<unknown>;
  /** Before each test's core opens: fills its fresh data directory (e.g. copies a history made by prepare). */
  seed?: (dataDir: string, dir: string) => Promise<unknown>;
  /** Where each DashScope region goes (default: both to this harness's stand-in); read as each test starts. */
  baseUrls?: Partial<BaseUrls> | (() => Partial<BaseUrls>);
  /** The API key each test's core starts with, as if typed into Settings (default: the stand-in's; null: none). */
  apiKey?: string | null;
  /** Extra Chromium flags (e.g. a fake microphone fed from a file made by `prepare`). */
  chromiumArgs?: (dir: string) => string[];
  /** The core's clock (default: the real one), to store conversations at other times. */
  now?: () => number;
  /** A renderer already built by buildRenderer, used instead of building one more. */
  rendererDir?: string;
  /** The key cipher each test's core gets (default: none, as in the browser shell), e.g. over a safeStorage stand-in. */
  cipher?: () => Promise<SecretCipher | null>;
  /**
   * The shell the core says it runs in (app.info), 'web' by default: 'electron' makes the page show what
   * only the desktop app shows (e.g. Settings → updates), still served by the browser shell.
   */
  coreShell?: 'electron' | 'web';
  /**
   * Where each test's data directory is made (default: under the file's directory), and what its core is
   * given with it (e.g. a folder on a small disk that the test fills, with the hook for max_page_count).
   */
  dataRoot?: () => { dir: string; databaseOpened?: (db: import('better-sqlite3').Database) => void };
  /** Generated titles (off by default in tests; see startTestCore). */
  generateTitles?: boolean;
  /** false: each test starts as a first run, before the welcome (default: seen through; see startTestCore). */
  welcomeDone?: boolean;
  /** Live voice's limits for each test's core (short ones, to see a warning and an end in seconds); read as each test starts. */
  live?: LiveOptions | (() => LiveOptions);
}

/** One test's own app: its data directory, core, shell and browser context. */
interface TestApp {
  dataDir: string;
  test: TestCore;
  shell: WebShell;
  context: BrowserContext;
}

export interface AppHarness {
  /** The file's directory: the renderer build, what `prepare` made, and each test's data directory. */
  readonly dir: string;
  readonly standin: Standin;
  readonly browser: Browser;
  /** This test's data directory, core, shell and browser context. */
  readonly dataDir: string;
  readonly core: Core;
  /** This test's core with its pushed events collected (outcome(), send(): test/support/test-core.ts). */
  readonly testCore: TestCore;
  readonly shell: WebShell;
  readonly context: BrowserContext;
  /** A new page of this test's context on the app, once the English window is up; errors collected. */
  openApp(): Promise<{ page: Page; errors: string[] }>;
  /** A new page of this test's context, not yet opened on anything; errors collected. */
  newPage(): Promise<{ page: Page; errors: string[] }>;
  /** The stand-in's next replies: `s` over this file's scenario, failures and all reset (setScenario alone merges). */
  replies(s?: Partial<StandinScenario>): void;
  /** Ends this test's app (if any) and starts a fresh one. */
  reset(): Promise<void>;
  /** Ends this test's app: its browser context, shell and core closed, its data directory removed. */
  endTest(): Promise<void>;
  close(): Promise<void>;
}

/** Bundles the renderer into `outDir` the way electron-vite does, without the main and preload builds. */
export async function buildRenderer(outDir: string): Promise<void> {
  await build({
    configFile: false,
    logLevel: 'silent',
    root: join(root, 'renderer'),
    base: './',
    publicDir: join(root, 'resources/public'),
    plugins: [react(), cspSafeStyles()],
    build: { outDir, emptyOutDir: true, minify: false },
  });
}

/** Page errors and console errors of `page`, as they come. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  return errors;
}

export async function startAppHarness(o: AppHarnessOptions): Promise<AppHarness> {
  const dir = await mkdtemp(join(tmpdir(), o.prefix));
  const staticDir = o.rendererDir ?? join(dir, 'renderer');
  await Promise.all([o.rendererDir ? null : buildRenderer(staticDir), o.prepare?.(dir)]);
  const scenario = (): StandinScenario => ({ ...DEFAULT_SCENARIO, ...o.scenario });
  const standin = await startStandin({ scenario: scenario() });
  const browser = await launchChromium(o.chromiumArgs?.(dir) ?? []);
  let current: TestApp | null = null;
  let tests = 0;

  const app = (): TestApp => {
    if (!current) throw new Error('no app for this test: the harness starts one in beforeEach (useAppHarness) or reset()');
    return current;
  };

  async function end(): Promise<void> {
    const t = current;
    current = null;
    if (!t) return;
    await t.context.close().catch(() => {});
    await t.shell.close();
    await t.test.close();
    await rm(t.dataDir, { recursive: true, force: true });
  }

  async function start(): Promise<void> {
    const root = o.dataRoot?.();
    const dataDir = join(root?.dir ?? join(dir, 'tests'), String(++tests));
    await mkdir(dataDir, { recursive: true });
    await o.seed?.(dataDir, dir);
    standin.setScenario(scenario());
    // The Realtime side too: a knob one test turned (a delayed upgrade, a refusal, an echo) is not the next one's.
    standin.realtime.setScenario(DEFAULT_REALTIME_SCENARIO);
    standin.requests.length = 0;
    const test = await startTestCore({
      standin, dataDir, version: '0.0.0-test', envKey: null, now: o.now, cipher: (await o.cipher?.()) ?? null,
      shell: o.coreShell ?? 'web', databaseOpened: root?.databaseOpened,
      generateTitles: o.generateTitles ?? false, welcomeDone: o.welcomeDone ?? true,
      live: typeof o.live === 'function' ? o.live() : o.live,
      baseUrls: { intl: standin.baseUrl, cn: standin.baseUrl, ...(typeof o.baseUrls === 'function' ? o.baseUrls() : o.baseUrls) },
    });
    const key = o.apiKey === undefined ? standin.apiKey : o.apiKey;
    if (key !== null) await test.core.handlers['key.set']({ key });
    const shell = await startWebShell({ core: test.core, staticDir, uploadDir: join(dataDir, 'uploads') });
    const context = await browser.newContext();
    current = { dataDir, test, shell, context };
  }

  async function newPage(): Promise<{ page: Page; errors: string[] }> {
    const page = await app().context.newPage();
    return { page, errors: collectErrors(page) };
  }

  return {
    dir, standin, browser,
    get dataDir() { return app().dataDir; },
    get core() { return app().test.core; },
    get testCore() { return app().test; },
    get shell() { return app().shell; },
    get context() { return app().context; },
    newPage,
    async openApp() {
      const opened = await newPage();
      await opened.page.goto(app().shell.url);
      await opened.page.getByRole('button', { name: 'New conversation', exact: true }).waitFor();
      return opened;
    },
    replies(s = {}) {
      standin.setScenario({ ...scenario(), ...s });
    },
    async reset() {
      await end();
      await start();
    },
    endTest: end,
    async close() {
      await end();
      await browser.close();
      await standin.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
