// The whole app as the end-to-end tests meet it: the renderer bundled from renderer/ with vite, served by
// the real browser shell over the real core (real SQLite file, real ffmpeg), talking to the local DashScope
// stand-in, driven in headless Chromium. One place to start and stop it all.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import react from '@vitejs/plugin-react';
import { cspSafeStyles } from '../../scripts/vite-csp-safe-styles';
import type { Browser, Page } from 'playwright-core';
import { createCore } from '../../electron/core/app-core';
import type { Core } from '../../electron/core/handlers';
import type { BaseUrls } from '../../electron/core/endpoints';
import { startWebShell, type WebShell } from '../../electron/web/server';
import { startStandin, type Standin, type StandinScenario } from '../standin';
import { launchChromium } from './browser';

const root = resolve(__dirname, '../..');

export interface AppHarness {
  dir: string;
  dataDir: string;
  standin: Standin;
  core: Core;
  shell: WebShell;
  browser: Browser;
  /** A new page on the app, with page errors and console errors collected. */
  openApp(): Promise<{ page: Page; errors: string[] }>;
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

export async function startAppHarness(o: {
  prefix: string;
  scenario?: Partial<StandinScenario>;
  prepare?: (dir: string) => Promise<unknown>;
  /** Where each DashScope region goes (default: both to this harness's stand-in). */
  baseUrls?: Partial<BaseUrls>;
  /** Extra Chromium flags (e.g. a fake microphone fed from a file made by `prepare`). */
  chromiumArgs?: (dir: string) => string[];
  /** The core's clock (default: the real one), to store conversations at other times. */
  now?: () => number;
  /** A renderer already built by buildRenderer, used instead of building one more. */
  rendererDir?: string;
}): Promise<AppHarness> {
  const dir = await mkdtemp(join(tmpdir(), o.prefix));
  const staticDir = o.rendererDir ?? join(dir, 'renderer');
  const dataDir = join(dir, 'data');
  await Promise.all([o.rendererDir ? null : buildRenderer(staticDir), o.prepare?.(dir)]);
  const standin = await startStandin({ scenario: o.scenario ?? {} });
  const core = await createCore({
    dataDir, shell: 'web', version: '0.0.0-test', envKey: null, cipher: null, now: o.now,
    baseUrls: { intl: standin.baseUrl, cn: standin.baseUrl, ...o.baseUrls },
  });
  await core.handlers['key.set']({ key: standin.apiKey });
  const shell = await startWebShell({ core, staticDir, uploadDir: join(dataDir, 'uploads') });
  const browser = await launchChromium(o.chromiumArgs?.(dir) ?? []);
  return {
    dir, dataDir, standin, core, shell, browser,
    async openApp() {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      await page.goto(shell.url);
      await page.getByRole('button', { name: 'New conversation', exact: true }).waitFor();
      return { page, errors };
    },
    async close() {
      await browser.close();
      await shell.close();
      await core.close();
      await standin.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
