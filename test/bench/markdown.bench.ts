// Benchmark: replies as Markdown, the renderer before issue 14 (its hand-written parser) against today's
// (remark GFM + math through one unified pipeline, highlight.js and KaTeX on first use, one memoized block
// each), side by side in one run. The old renderer is read from git (OLD_COMMIT) and both are built the same way.
//   1. The window's first load: the JS the page needs before the composer shows (index.html's module script
//      and its preloads), gzipped; and that neither KaTeX nor highlight.js is in it.
//   2. A 2,000-token reply with code and math streaming in, 12 characters (~3 tokens) per update, one update
//      every 16 ms (the app shows streamed pieces at most once a frame), in a page with the Markdown component
//      alone: each update's render, commit and layout (p50, p95, worst), and the main thread's whole task time
//      over the run per update (effects and highlighting passes included).
//   3. The same reply streamed by the stand-in with its audio at 1× real time into the whole app (browser
//      shell, real core): underruns of its audio, per build, the builds taking turns.
//   4. A 1,000-turn conversation: a click on it until its last message is on screen, plain replies in the old
//      renderer (today's figure before this issue) against plain and Markdown-rich replies in the new one,
//      the three cases taking turns in each run (median, quartiles and max of RUNS).
// Run with `npm run bench markdown` (it builds first).
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { loadavg } from 'node:os';
import type { Browser, Page } from 'playwright-core';
import { createCore, DATABASE_FILE } from '../../electron/core/app-core';
import { createStore, openDatabase } from '../../electron/core/store';
import { startWebShell } from '../../electron/web/server';
import { startStandin } from '../standin';
import { launchChromium } from '../support/browser';
import { plainTurn, richReply, richTurn } from './markdown-reply';
import { openInPage } from './open-in-page';
import { buildApp, oldTree, viteBuild } from './old-renderer';

const root = path.resolve(__dirname, '../..');
/** The last commit before issue 14: its renderer parsed Markdown by hand (renderer/conversation/markdown/parse.ts). */
const OLD_COMMIT = 'f8efeaa';
/** Opens of each long conversation per build: the machine is shared, so a median of many. */
const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const AUDIO_SECONDS = Number(process.env.BENCH_AUDIO_SECONDS ?? 20);
const TURNS = 1_000;

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
}
const ms = (x: number) => `${x < 10 ? x.toFixed(2) : x.toFixed(0)} ms`;
const kib = (n: number) => `${(n / 1024).toFixed(0)} KiB`;

/** The JS index.html loads before anything renders: its module script and module preloads, gzipped. */
async function firstLoad(outDir: string): Promise<{ files: string[]; raw: number; gz: number; heavy: string[] }> {
  const html = await readFile(path.join(outDir, 'index.html'), 'utf8');
  const files = [...html.matchAll(/<script[^>]+src="\.\/([^"]+\.js)"|<link[^>]+rel="modulepreload"[^>]+href="\.\/([^"]+\.js)"/g)].map((m) => m[1] ?? m[2]!);
  let raw = 0;
  let gz = 0;
  const heavy: string[] = [];
  for (const f of files) {
    const code = await readFile(path.join(outDir, f));
    raw += code.length;
    gz += gzipSync(code, { level: 9 }).length;
    const text = code.toString('utf8');
    if (text.includes('KaTeX parse error')) heavy.push(`KaTeX in ${f}`);
    if (text.includes('registerLanguage') && text.includes('highlightAuto')) heavy.push(`highlight.js in ${f}`);
  }
  return { files, raw, gz, heavy };
}

/** A page with the Markdown component alone, old and new, and the driver that streams into it. */
async function buildStreamPage(dir: string, old: string | null): Promise<string> {
  const entry = path.join(dir, 'entry.tsx');
  await writeFile(entry, `
import { createElement } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { Markdown as NewMarkdown } from ${JSON.stringify(path.join(root, 'renderer/conversation/markdown/Markdown'))};
import { TooltipProvider } from ${JSON.stringify(path.join(root, 'renderer/ui/Tooltip'))};
${old ? `import { Markdown as OldMarkdown } from ${JSON.stringify(path.join(old, 'renderer/conversation/markdown/Markdown'))};` : 'const OldMarkdown = null;'}
const kinds = { old: OldMarkdown, new: NewMarkdown };
window.stream = async (kind, text, step, everyMs) => {
  const Md = kinds[kind];
  const host = document.createElement('div');
  host.className = 'reply-text markdown';
  document.body.replaceChildren(host);
  const r = createRoot(host);
  const render = (t, streaming) => flushSync(() => r.render(createElement(TooltipProvider, null, createElement(Md, { text: t, streaming }))));
  // Warm up: the same reply once, whole, so KaTeX, highlight.js and the grammars are loaded (first use is
  // a one-time cost, not per update), then a fresh root.
  render(text, false);
  for (let i = 0; i < 50; i++) { await new Promise((res) => setTimeout(res, 20)); }
  r.unmount();
  const root2 = createRoot(host);
  const work = [];
  let at = performance.now();
  for (let n = step; n < text.length + step; n += step) {
    const t = text.slice(0, Math.min(n, text.length));
    const t0 = performance.now();
    flushSync(() => root2.render(createElement(TooltipProvider, null, createElement(Md, { text: t, streaming: n < text.length }))));
    void host.offsetHeight; // style and layout of what changed
    work.push(performance.now() - t0);
    // The next update 16 ms after this one, as the app shows streamed pieces; what runs in between
    // (effects, highlighting passes) is in the page's task time, measured outside.
    at += everyMs;
    await new Promise((res) => setTimeout(res, Math.max(0, at - performance.now())));
  }
  const nodes = host.querySelectorAll('*').length;
  root2.unmount();
  return { work, nodes };
};
window.ready = true;
`);
  await writeFile(path.join(dir, 'index.html'), '<!doctype html><meta charset="utf-8"><body><script type="module" src="./entry.tsx"></script>');
  const outDir = path.join(dir, 'stream-page');
  viteBuild(dir, 'stream-page', `root: ${JSON.stringify(dir)}, resolve: { dedupe: ['react', 'react-dom'] },
  build: { outDir: ${JSON.stringify(outDir)}, emptyOutDir: true, rollupOptions: { input: ${JSON.stringify(path.join(dir, 'index.html'))} } }`);
  return outDir;
}

function serve(dir: string): Promise<{ url: string; close: () => Promise<void> }> {
  const types: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.html': 'text/html', '.woff2': 'font/woff2', '.woff': 'font/woff', '.ttf': 'font/ttf' };
  const server = createServer(async (req, res) => {
    const p = path.join(dir, decodeURIComponent((req.url ?? '/').split('?')[0]!).replace(/^\/$/, '/index.html'));
    if (!p.startsWith(dir) || !existsSync(p)) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': types[path.extname(p)] ?? 'application/octet-stream' }).end(await readFile(p));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  })));
}

interface StreamFigures {
  /** Each update's render, commit and layout, ms. */
  work: number[];
  /** The main thread's task time over the run (CDP TaskDuration), per update, ms: everything the stream set off. */
  taskPerUpdate: number[];
  nodes: number;
}

async function streamWork(browser: Browser, pageDir: string, kinds: string[]): Promise<Record<string, StreamFigures>> {
  const site = await serve(pageDir);
  const page = await browser.newPage({ viewport: { width: 820, height: 800 } });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const taskSeconds = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? NaN;
  const out: Record<string, StreamFigures> = {};
  try {
    await page.goto(`${site.url}index.html`);
    await page.waitForFunction('window.ready === true');
    const text = richReply();
    // Alternating, so a busy moment of the machine falls on both.
    for (let round = 0; round < 3; round++) {
      for (const kind of kinds) {
        const before = await taskSeconds();
        const r = await page.evaluate(([k, t]) => (globalThis as any).stream(k, t, 12, 16), [kind, text] as const) as { work: number[]; nodes: number };
        const perUpdate = ((await taskSeconds()) - before) * 1000 / r.work.length;
        const o = (out[kind] ??= { work: [], taskPerUpdate: [], nodes: 0 });
        o.work.push(...r.work);
        o.taskPerUpdate.push(perUpdate);
        o.nodes = r.nodes;
      }
    }
  } finally {
    await page.close();
    await site.close();
  }
  return out;
}

/** Two conversations of TURNS turns each, plain and Markdown-rich, stored as the app stores them. */
function longConversations(dataDir: string): { plain: { title: string; last: string }; rich: { title: string; last: string } } {
  const db = openDatabase(path.join(dataDir, DATABASE_FILE));
  const store = createStore(db);
  const make = (title: string, reply: (k: number) => string) => {
    const c = store.createConversation({ title, model: 'qwen3-omni-flash', voice: 'Cherry' });
    let last = '';
    db.transaction(() => {
      for (let k = 0; k < TURNS; k++) {
        store.addMessage({ conversationId: c.id, role: 'user', text: `Turn ${k + 1}: tell me more.`, status: 'complete' });
        const m = store.addMessage({ conversationId: c.id, role: 'assistant', text: '', status: 'streaming', model: 'qwen3-omni-flash', voice: 'Cherry' });
        store.finishReply(m.id, { status: 'complete', usage: null, error: null }, { text: reply(k) });
        last = m.id;
      }
    })();
    return { title, last };
  };
  const out = { plain: make('Long plain conversation', plainTurn), rich: make('Long rich conversation', richTurn) };
  db.close();
  return out;
}

async function main(): Promise<void> {
  await mkdir(path.join(root, '.tmp'), { recursive: true });
  const dir = await mkdtemp(path.join(root, '.tmp', 'bench-markdown-'));
  const browser = await launchChromium();
  // The machine is shared: its load is part of every figure.
  const load = () => loadavg().map((x) => x.toFixed(1)).join(' ');
  console.log(`load average at the start: ${load()}`);
  try {
    const old = await oldTree(path.join(dir, 'old'), OLD_COMMIT);
    // Both built the same way here (vite's defaults: minified); the app as shipped is electron-vite's build.
    const builds: Record<string, string> = { new: path.join(dir, 'new-build') };
    buildApp(dir, root, builds.new!);
    if (old) {
      builds.old = path.join(dir, 'old-build');
      buildApp(dir, old, builds.old);
    }
    const kinds = Object.keys(builds).sort(); // new, old

    // 1. First load.
    const shipped = path.join(root, 'out/renderer');
    if (!existsSync(path.join(shipped, 'index.html'))) throw new Error('out/renderer is missing: run `npm run build` first.');
    console.log('first load: the JS index.html loads before the window shows (its module script and preloads):');
    for (const [k, out] of [...kinds.map((k) => [k, builds[k]!] as const), ['new, as electron-vite builds it (not minified)', shipped] as const]) {
      const f = await firstLoad(out);
      console.log(`  ${k.padEnd(4)} ${kib(f.raw)} (${kib(f.gz)} gzipped) in ${f.files.length} file(s); KaTeX or highlight.js in it: ${f.heavy.length ? f.heavy.join(', ') : 'no'}`);
    }

    // 2. Render work per streamed update.
    const pageDir = await buildStreamPage(dir, old);
    const work = await streamWork(browser, pageDir, kinds);
    const text = richReply();
    console.log(`a 2,000-token reply (${text.length.toLocaleString('en')} characters: tables, lists, code in 2 languages, math) streaming in, 12 characters every 16 ms, 3 runs each:`);
    for (const k of kinds) {
      const w = work[k]!;
      console.log(`  ${k.padEnd(4)} render + commit + layout per update p50 ${ms(pct(w.work, 50))}, p95 ${ms(pct(w.work, 95))}, max ${ms(Math.max(...w.work))}; `
        + `main-thread task time per update ${w.taskPerUpdate.map((x) => x.toFixed(2)).join(' / ')} ms (${w.work.length} updates; ${w.nodes} elements at the end)`);
    }
    if (work.old && work.new) console.log(`  new/old at p95: ${(pct(work.new.work, 95) / pct(work.old.work, 95)).toFixed(2)}`);

    // 3 and 4: the whole app.
    const dataDir = path.join(dir, 'data');
    await mkdir(dataDir, { recursive: true });
    const long = longConversations(dataDir);
    const standin = await startStandin({ scenario: { text, audioSeconds: AUDIO_SECONDS, realtime: true, chunkMs: 100 } });
    const core = await createCore({ dataDir, shell: 'web', version: 'bench', baseUrl: standin.baseUrl, envKey: standin.apiKey, cipher: null });
    try {
      const underruns: Record<string, number[]> = {};
      const open: Record<string, number[]> = {};
      // One shell and one page per build, all open at once, so that the runs can alternate between them.
      const apps: { k: string; page: Page; close: () => Promise<void> }[] = [];
      try {
        for (const k of kinds) {
          const shell = await startWebShell({ core, staticDir: builds[k]!, uploadDir: path.join(dataDir, 'uploads') });
          const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
          apps.push({ k, page, close: async () => { await page.close(); await shell.close(); } });
          await page.goto(shell.url);
          await page.getByRole('button', { name: 'New conversation' }).waitFor();
        }
        // 3. The rich reply with its audio, streamed; the builds take turns.
        for (let i = 0; i < 2; i++) {
          for (const { k, page } of apps) {
            await page.getByRole('button', { name: 'New conversation' }).click();
            await page.getByRole('textbox', { name: 'Message' }).fill(`Compare the models (${k} ${i + 1})`);
            await page.getByRole('button', { name: 'Send' }).click();
            await page.waitForFunction(() => (globalThis as any).document.querySelector('article[data-playback-state="ended"]') !== null, undefined, { timeout: (AUDIO_SECONDS + 60) * 1000 })
              .catch(async (err: unknown) => {
                // Say where it stood: each reply's status and playback state, and the window's notices.
                const seen = await page.evaluate(() => [...(globalThis as any).document.querySelectorAll('article, [role="alert"], [role="status"]')]
                  .map((a: any) => `${a.tagName}:${a.getAttribute('data-status')}/${a.getAttribute('data-playback-state')} ${a.textContent.slice(0, 80)}`));
                await page.screenshot({ path: path.join(root, `.tmp/bench-markdown-stuck-${k}.png`) });
                throw new Error(`${k}: no reply played to its end (${String(err)}); on screen: ${seen.join(' | ')}; picture: ${path.join(root, `.tmp/bench-markdown-stuck-${k}.png`)}`);
              });
            const n = Number(await page.locator('article[data-playback-state="ended"]').last().getAttribute('data-underruns'));
            (underruns[k] ??= []).push(n);
          }
        }
        // 4. The long conversations: click → last message on screen. Each run opens every case once, old plain,
        // new plain and new rich in turn, so a busy moment of the shared machine falls on all of them alike.
        for (let i = 0; i < RUNS; i++) {
          for (const { k, page } of apps) {
            for (const [which, c] of Object.entries(long)) {
              if (k === 'old' && which === 'rich') continue; // the old renderer's figure is for plain replies
              await page.getByRole('button', { name: 'New conversation' }).click();
              await page.waitForFunction(() => (globalThis as any).document.querySelectorAll('article').length === 0);
              (open[`${k} ${which}`] ??= []).push(await page.evaluate<number>(openInPage(c.title, c.last)));
            }
          }
        }
      } finally {
        for (const a of apps) await a.close();
      }
      console.log(`the same reply through the whole app, its ${AUDIO_SECONDS} s of audio at 1× real time (2 replies per build):`);
      for (const k of kinds) console.log(`  ${k.padEnd(4)} underruns ${underruns[k]!.join(' + ')}`);
      console.log(`a ${TURNS.toLocaleString('en')}-turn conversation: click → its last message on screen (median of ${RUNS} alternating runs; quartiles; max):`);
      for (const [key, xs] of Object.entries(open).sort()) console.log(`  ${key.padEnd(10)} ${ms(pct(xs, 50))} (${ms(pct(xs, 25))}–${ms(pct(xs, 75))}; max ${ms(Math.max(...xs))}; all: ${xs.map((x) => x.toFixed(0)).join(' ')})`);
      const base = open['old plain'] ?? open['new plain'];
      if (base && open['new rich']) console.log(`  new rich / ${open['old plain'] ? 'old' : 'new'} plain: ${(pct(open['new rich'], 50) / pct(base, 50)).toFixed(2)}`);
      if (open['old plain'] && open['new plain'] && open['new rich']) console.log(`  new rich / new plain: ${(pct(open['new rich'], 50) / pct(open['new plain'], 50)).toFixed(2)}`);
    } finally {
      await core.close();
      await standin.close();
    }
  } finally {
    console.log(`load average at the end: ${load()}`);
    await browser.close();
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
