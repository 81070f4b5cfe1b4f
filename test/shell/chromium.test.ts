// The browser shell in real Chromium: the page's real bridge (renderer/bridge/web.ts, bundled by vite)
// served by the shell under its real CSP. Checks what only a browser can: the page's folder (the token)
// lets module scripts and the AudioWorklet load by relative URLs, the CSP lets the page reach its own
// WebSocket, bytes arrive as Uint8Array, a page from another origin is refused even with the token, and
// another server on 127.0.0.1 that the same browser visits receives no credential of ours.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebShell, type WebShell } from '../../electron/web/server';
import { launchChromium } from '../support/browser';
import { makeFixture, testBytes, type ShellFixture } from './support/fixture';
import { decodeAudioFrame } from '../../shared/audio-frame';

const root = resolve(__dirname, '../..');

// The probe page's script: the real bridge, driven from the test through window.probe.
const PROBE_ENTRY = `
import { createWebBridge } from '${resolve(root, 'renderer/bridge/web.ts')}';
const bridge = createWebBridge(window.location);
const violations = [];
document.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective + ' ' + e.blockedURI));
const events = [];
bridge.on('chat.event', (p) => events.push({ kind: p.kind, isU8: p.pcm instanceof Uint8Array, bytes: p.pcm ? Array.from(p.pcm) : null, samples: p.samples }));
// The audio channel: its worker's frames, as the AudioWorklet would get them.
const frames = [];
let audioOpen = false;
bridge.openAudioChannel().then((port) => {
  port.onmessage = (e) => {
    if (e.data instanceof ArrayBuffer) frames.push(Array.from(new Uint8Array(e.data)));
    else if (e.data && e.data.type === 'open') audioOpen = true;
  };
});
window.probe = {
  info: () => bridge.invoke('app.info', {}),
  audio: async (messageId) => {
    const r = await bridge.invoke('reply.audio', { messageId });
    return { isU8: r.pcm instanceof Uint8Array, bytes: Array.from(r.pcm) };
  },
  error: () => bridge.invoke('key.set', { key: 'x' }).then(() => null, (e) => ({ name: e.name, kind: e.info && e.info.kind, message: e.message })),
  worklet: async () => {
    const ctx = new AudioContext({ sampleRate: 24000 });
    try { await ctx.audioWorklet.addModule('probe.worklet.js'); return 'loaded'; } catch (e) { return String(e); } finally { await ctx.close(); }
  },
  events: () => events,
  frames: () => frames,
  audioOpen: () => audioOpen,
  violations: () => violations,
};
document.body.dataset.ready = 'yes';
`;

const WORKLET = `class Probe extends AudioWorkletProcessor { process() { return false; } }\nregisterProcessor('probe', Probe);\n`;

async function bundleProbe(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'omni-probe-'));
  const entry = join(dir, 'probe.ts');
  await writeFile(entry, PROBE_ENTRY);
  const out = await build({
    configFile: false,
    logLevel: 'silent',
    root,
    build: { write: false, minify: false, lib: { entry, formats: ['es'], fileName: 'probe' } },
  }).finally(() => rm(dir, { recursive: true, force: true }));
  for (const o of Array.isArray(out) ? out : [out]) {
    if ('output' in o) {
      const chunk = o.output.find((c) => c.type === 'chunk');
      if (chunk && chunk.type === 'chunk') return chunk.code;
    }
  }
  throw new Error('vite produced no probe bundle');
}

let fx: ShellFixture;
let shell: WebShell;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let foreign: Server;
/** What the other local server received: each request's path and headers. */
const foreignSaw: Array<{ url: string; headers: Record<string, string | string[] | undefined> }> = [];

beforeAll(async () => {
  const probe = await bundleProbe();
  const { CONTENT_SECURITY_POLICY } = await import('../../electron/shells-common/csp');
  const meta = CONTENT_SECURITY_POLICY.replace(/; frame-ancestors 'none'/, '');
  fx = await makeFixture({
    // The same shape as the built renderer: a relative module script with crossorigin, as vite emits it.
    'index.html': `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${meta}"><script type="module" crossorigin src="./assets/probe.js"></script></head><body></body></html>`,
    'assets/probe.js': probe,
    'probe.worklet.js': WORKLET,
    'audio-channel.worker.js': await readFile(resolve(root, 'resources/public/audio-channel.worker.js'), 'utf8'),
  });
  shell = await startWebShell({ core: fx.core, staticDir: fx.staticDir, port: 0 });
  // Another web server on 127.0.0.1, another port: it must never learn the shell's credential.
  foreign = createServer((req, res) => {
    foreignSaw.push({ url: req.url ?? '', headers: req.headers });
    res.setHeader('Content-Type', 'text/html');
    res.end('<!doctype html><title>elsewhere</title>');
  });
  await new Promise<void>((r) => foreign.listen(0, '127.0.0.1', () => r()));
  browser = await launchChromium();
  context = await browser.newContext();
  page = await context.newPage();
  await page.goto(shell.url);
  await page.waitForSelector('body[data-ready="yes"]', { state: 'attached' });
});

afterAll(async () => {
  await browser?.close();
  await shell?.close();
  await new Promise<void>((r) => (foreign ? foreign.close(() => r()) : r()));
  await fx?.dispose();
});

describe('the browser shell in Chromium', () => {
  it('loads the module script from the token\'s folder and talks to the core over its WebSocket, within the CSP', async () => {
    const info = await page.evaluate(() => (globalThis as any).probe.info());
    expect(info).toMatchObject({ name: 'Omni Desk', shell: 'web' });
    // zod probes `new Function` once (caught, harmless) unless z.config({ jitless: true }) runs first;
    // that is shared/'s business. Anything else the CSP blocked is ours.
    const violations: string[] = await page.evaluate(() => (globalThis as any).probe.violations());
    expect(violations.filter((v) => v !== 'script-src eval')).toEqual([]);
  });

  it('loads the AudioWorklet from the app under the CSP', async () => {
    expect(await page.evaluate(() => (globalThis as any).probe.worklet())).toBe('loaded');
  });

  it('gives stored audio to the page as Uint8Array, and pushed PCM byte-exact on the audio channel (a worker), the event only counting it', async () => {
    const audio = await page.evaluate((id) => (globalThis as any).probe.audio(id), fx.saved.messageId);
    expect(audio.isU8).toBe(true);
    expect(Buffer.from(audio.bytes).equals(Buffer.from(fx.saved.pcm))).toBe(true);

    await page.waitForFunction(() => (globalThis as any).probe.audioOpen());
    const pcm = testBytes(2_401);
    fx.emit('chat.event', { kind: 'audio', conversationId: 'c1', messageId: 'm1', seq: 3, pcm, receivedAt: 1234.5 });
    await page.waitForFunction(() => (globalThis as any).probe.events().length > 0 && (globalThis as any).probe.frames().length > 0);
    const [ev] = await page.evaluate(() => (globalThis as any).probe.events());
    expect(ev).toMatchObject({ kind: 'audio', isU8: true, bytes: [], samples: 1_200 });
    const [frame] = (await page.evaluate(() => (globalThis as any).probe.frames())) as number[][];
    const f = decodeAudioFrame(Uint8Array.from(frame!));
    expect(f).toMatchObject({ kind: 'samples', direction: 'reply', messageId: 'm1', conversationId: 'c1', seq: 3, sentAt: 1234.5 });
    expect(Buffer.from(f!.pcm).equals(Buffer.from(pcm))).toBe(true);
  });

  it('rejects with a BridgeError the page can read', async () => {
    expect(await page.evaluate(() => (globalThis as any).probe.error())).toEqual({
      name: 'BridgeError', kind: 'invalid_input', message: expect.stringMatching(/too short/),
    });
  });

  it('refuses a page from another origin, even one that knows the token', async () => {
    // Another local server (another origin) whose page tries the shell's WebSocket with the right token.
    const other = await context.newPage();
    await other.goto(`http://127.0.0.1:${(foreign.address() as AddressInfo).port}/`);
    const outcome = await other.evaluate(
      (url) =>
        new Promise<string>((done) => {
          const ws = new WebSocket(url);
          ws.onopen = () => done('opened');
          ws.onclose = () => done('refused');
        }),
      `ws://127.0.0.1:${shell.port}/${shell.token}/ws`,
    );
    expect(outcome).toBe('refused');
    await other.close();
  });

  it('gives no credential to another server on 127.0.0.1 that the same browser visits', async () => {
    const port = (foreign.address() as AddressInfo).port;
    foreignSaw.length = 0;
    // The app's page is open in this context and has loaded its assets, worklet and socket. The same
    // context then opens the other server's page, which fetches from its own server with credentials:
    // browsers send cookies by host, not port, so a cookie of ours would go along.
    const other = await context.newPage();
    await other.goto(`http://127.0.0.1:${port}/visit`);
    await other.evaluate(() => fetch('/same-origin', { credentials: 'include' }).then((r) => r.text()));
    await other.close();
    expect(foreignSaw.map((r) => r.url)).toEqual(expect.arrayContaining(['/visit', '/same-origin']));
    for (const r of foreignSaw) {
      const seen = JSON.stringify(r);
      expect(seen, r.url).not.toContain(shell.token);
      expect(r.headers.cookie, r.url).toBeUndefined();
    }
    // Nothing is kept for 127.0.0.1 that a later visit to any port would carry.
    expect(await context.cookies()).toEqual([]);
  });
});
