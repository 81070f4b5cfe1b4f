// `npm run dev` gets the CSP relaxations the Vite dev server needs, and builds never do: the renderer
// config of electron.vite.config.ts, built with Vite (its index.html keeps the policy as written) and
// served by Vite's dev server (React Refresh's inline preamble allowed by its hash, Vite's injected
// <style>s, the hot-reload WebSocket), opened in Chromium with every CSP violation collected. The same
// dev server without the relaxation is the control: it must show the violations this fixes (the injected
// styles; React Refresh's preamble lands above the <meta> today, where a meta policy does not reach).
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { build, createServer, type InlineConfig, type PluginOption, type UserConfig, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import config from '../../electron.vite.config';
import { dispatch } from '../../electron/core/dispatch';
import { launchChromium } from '../support/browser';
import { startTestCore, type TestCore } from '../support/test-core';

const root = path.resolve(__dirname, '../..');
const renderer = (config as { renderer: UserConfig }).renderer;
const policyOf = (html: string) => /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(html)?.[1] ?? null;
const source = policyOf(readFileSync(path.join(root, 'renderer/index.html'), 'utf8'));

let browser: Browser;
let core: TestCore;
const dirs: string[] = [];
beforeAll(async () => {
  browser = await launchChromium();
  core = await startTestCore({ prefix: 'omni-dev-csp-' });
});
afterAll(async () => {
  await browser?.close();
  await core?.close();
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function devServer(plugins: PluginOption[] = renderer.plugins ?? []): Promise<ViteDevServer> {
  const server = await createServer({
    ...(renderer as InlineConfig), plugins, configFile: false, logLevel: 'silent',
    server: { host: '127.0.0.1', port: 0, strictPort: false },
  });
  await server.listen();
  return server;
}

/**
 * Opens the dev page as Electron's dev window would have it: window.omni (what the preload gives) answered
 * by a real core, through dispatch. What CSP refused, whether the window was drawn, what Vite's client said.
 */
async function visit(server: ViteDevServer) {
  const url = server.resolvedUrls!.local[0]!;
  const page = await browser.newPage();
  const violations: string[] = [];
  const console: string[] = [];
  await page.exposeFunction('reportViolation', (v: string) => violations.push(v));
  await page.exposeFunction('omniInvoke', (name: string, input: unknown) => dispatch(core.core.handlers, name, input, () => {}));
  await page.addInitScript(() => {
    const g = globalThis as any;
    g.document.addEventListener('securitypolicyviolation', (e: any) => g.reportViolation(`${e.violatedDirective} ${e.blockedURI || 'inline'}`));
    g.omni = {
      invoke: async (name: string, input: unknown) => {
        const reply = await g.omniInvoke(name, input);
        if (reply.ok) return reply.value;
        throw { name: 'BridgeError', message: reply.error.message, info: reply.error };
      },
      on: () => () => {},
      attachFiles: async () => {},
    };
  });
  page.on('console', (m) => console.push(m.text()));
  try {
    await page.goto(url);
    const rendered = await page.getByRole('textbox', { name: 'Message' }).waitFor({ timeout: 30_000 }).then(() => true, () => false);
    await page.waitForTimeout(500);
    const styles = await page.locator('style[data-vite-dev-id]').count();
    return { violations, console, rendered, styles };
  } finally {
    await page.close();
  }
}

describe('the CSP under npm run dev', () => {
  it('the built renderer keeps the policy exactly as written', async () => {
    const outDir = await mkdtemp(path.join(tmpdir(), 'omni-csp-build-'));
    dirs.push(outDir);
    await build({ ...(renderer as InlineConfig), configFile: false, logLevel: 'silent', base: './', build: { ...renderer.build, outDir, emptyOutDir: true } });
    const built = policyOf(readFileSync(path.join(outDir, 'index.html'), 'utf8'));
    expect(source).not.toBeNull();
    expect(built).toBe(source);
    expect(built).not.toMatch(/unsafe-inline|sha256-|ws:/);
  }, 120_000);

  it('the dev server relaxes only what Vite needs, and the page runs without a CSP violation', async () => {
    const server = await devServer();
    try {
      const html = await (await fetch(server.resolvedUrls!.local[0]!)).text();
      const policy = policyOf(html)!;
      const { port } = new URL(server.resolvedUrls!.local[0]!);
      expect(policy).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/]+=*'(;|$)/);
      expect(policy).toContain("style-src 'self' 'unsafe-inline'");
      expect(policy).toContain(`connect-src 'self' ws://127.0.0.1:${port}`);
      // Everything else as written.
      const rest = (p: string) => p.split(';').map((d) => d.trim()).filter((d) => !/^(script-src|style-src|connect-src)\b/.test(d));
      expect(rest(policy)).toEqual(rest(source!));

      const seen = await visit(server);
      expect(seen.violations).toEqual([]);
      expect(seen.rendered).toBe(true);
      expect(seen.styles).toBeGreaterThan(0);
      expect(seen.console.some((l) => l.includes('[vite] connected'))).toBe(true);
    } finally {
      await server.close();
    }
  }, 120_000);

  it('without the relaxation the dev page is blocked (the control)', async () => {
    const server = await devServer((renderer.plugins ?? []).filter((p) => !(p && typeof p === 'object' && 'name' in p && p.name === 'omni-dev-csp')));
    try {
      const seen = await visit(server);
      // Every stylesheet Vite injects is refused: the window would show unstyled.
      expect(seen.violations.filter((v) => v.startsWith('style-src')).length).toBeGreaterThanOrEqual(seen.styles);
      expect(seen.styles).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  }, 120_000);
});
