// Benchmark: history at scale. Generates 10,000 conversations and 200,000 messages (English and Chinese,
// one conversation of 1,000 turns) in a real SQLite file through the store, then measures:
//   - opening the list: the core's first page, and the app loading in Chromium until the list shows;
//   - opening the 1,000-turn conversation: the core's conversations.get, and a click in Chromium (browser
//     shell) until its last message is on screen;
//   - search: p50/p95 of ~50 queries (English, Chinese of 1, 2 and 3+ characters, several terms), wide
//     (search.conversations, 50 conversations × 1 hit) and as the sidebar asks (as is, only the user's messages,
//     only conversations with media), side by side;
//   - the renderer's JS heap (after a GC) and DOM size with that conversation open.
// Run with `npm run bench history` (or `npx tsx test/bench/history.bench.ts`).
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createCore, DATABASE_FILE } from '../../electron/core/app-core';
import { startWebShell } from '../../electron/web/server';
import { buildRenderer } from '../support/app-harness';
import { launchChromium } from '../support/browser';
import { generateHistory } from './history-data';
import { openInPage } from './open-in-page';

const root = path.resolve(__dirname, '../..');
const CONVERSATIONS = Number(process.env.BENCH_CONVERSATIONS ?? 10_000);
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 200_000);
const LONG_TURNS = 1_000;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
}
const ms = (x: number) => `${x < 10 ? x.toFixed(1) : x.toFixed(0)} ms`;

async function timed<T>(fn: () => Promise<T> | T): Promise<[number, T]> {
  const t0 = performance.now();
  const v = await fn();
  return [performance.now() - t0, v];
}

const QUERIES = [
  // English words, several terms, a word that is rare, one found nowhere.
  'glacier', 'river', 'mountain weather', 'coffee', 'library museum', 'bicycle', 'network battery', 'planet',
  'journey', 'harbour', 'concert', 'engine', 'forecast', 'garden recipe', 'summer', 'winter market', 'camera',
  'language', 'holiday', 'science', 'zephyrquartz', 'photosynthesis', 'Reply 500', 'Turn 999', 'answer',
  // Chinese: 3+ characters (trigram index), 2 characters and 1 character (LIKE), several terms.
  '图书馆', '博物馆', '发动机', '自行车', '北京天气', '长城火车', '上海咖啡',
  '北京', '上海', '天气', '音乐', '咖啡', '花园', '旅行', '历史', '冰川', '假期',
  '山', '河', '北京 天气', '冰川 旅行', '夏天 市场',
];

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'omni-bench-history-'));
  const dataDir = path.join(dir, 'data');
  await mkdir(dataDir, { recursive: true });
  try {
    const [genMs, history] = await timed(() =>
      generateHistory(dataDir, { conversations: CONVERSATIONS, messages: MESSAGES, longTurns: LONG_TURNS, longPosition: 0, mediaEvery: 50 }),
    );
    const size = (await stat(path.join(dataDir, DATABASE_FILE))).size;
    console.log(`history: ${history.conversations} conversations, ${history.messages} messages (one of ${LONG_TURNS} turns); generated in ${(genMs / 1000).toFixed(0)} s; database ${(size / 1e6).toFixed(0)} MB`);

    let staticDir = path.join(root, 'out/renderer');
    if (!existsSync(path.join(staticDir, 'index.html'))) {
      staticDir = path.join(dir, 'renderer');
      await buildRenderer(staticDir);
    }
    const core = await createCore({ dataDir, shell: 'web', version: 'bench', envKey: null, cipher: null });
    const shell = await startWebShell({ core, staticDir, uploadDir: path.join(dataDir, 'uploads') });
    const browser = await launchChromium();
    try {
      const h = core.handlers;
      // ---- the core alone
      const firstPage: number[] = [];
      const deepPage: number[] = [];
      const datedPage: number[] = [];
      const getLong: number[] = [];
      // The renderer's date headings: today, yesterday, 7 and 30 days back, then 12 month starts.
      const DAY = 86_400_000;
      const newest = Date.UTC(2026, 0, 1) + CONVERSATIONS * 60_000;
      const bounds = [0, 1, 7, 30].map((d) => newest - d * DAY).concat(Array.from({ length: 12 }, (_, m) => Date.UTC(2025, 11 - m, 1)));
      for (let i = 0; i < RUNS; i++) {
        firstPage.push((await timed(() => h['conversations.page']({ offset: 0, limit: 100, dateBounds: [] })))[0]);
        deepPage.push((await timed(() => h['conversations.page']({ offset: CONVERSATIONS - 100, limit: 100, dateBounds: [] })))[0]);
        datedPage.push((await timed(() => h['conversations.page']({ offset: 0, limit: 100, dateBounds: bounds })))[0]);
        getLong.push((await timed(() => h['conversations.get']({ id: history.longId })))[0]);
      }
      const detail = await h['conversations.get']({ id: history.longId });
      const jsonBytes = JSON.stringify(detail).length;
      const search: number[] = [];
      const slowest: Array<[string, number]> = [];
      for (const q of QUERIES) {
        const [t] = await timed(() => h['search.conversations']({ query: q, speaker: 'anyone', withMedia: false, conversations: 50, hitsPerConversation: 1 }));
        search.push(t);
        slowest.push([q, t]);
      }
      const bySize = (n: number) => QUERIES.map((q, i) => [q, search[i]!] as const).filter(([q]) => /^\p{Script=Han}+$/u.test(q) && [...q].length === n).map(([, t]) => t);
      // Grouped, right after the wide search on the same warm file: as the sidebar asks (20 conversations,
      // 3 hits each), only the user's messages, only conversations with media (every 50th has a picture).
      const grouped: Record<'plain' | 'user' | 'media', number[]> = { plain: [], user: [], media: [] };
      const slowestGrouped: Array<[string, number]> = [];
      for (const q of QUERIES) {
        const [t] = await timed(() => h['search.conversations']({ query: q, speaker: 'anyone', withMedia: false, conversations: 20, hitsPerConversation: 3 }));
        grouped.plain.push(t);
        grouped.user.push((await timed(() => h['search.conversations']({ query: q, speaker: 'user', withMedia: false, conversations: 20, hitsPerConversation: 3 })))[0]);
        const [tm] = await timed(() => h['search.conversations']({ query: q, speaker: 'anyone', withMedia: true, conversations: 20, hitsPerConversation: 3 }));
        grouped.media.push(tm);
        slowestGrouped.push([q, Math.max(t, tm)]);
      }

      // ---- Chromium through the browser shell
      const page = await browser.newPage();
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Performance.enable');
      const listOpen: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const [t] = await timed(async () => {
          await page.goto(shell.url);
          await page.getByRole('navigation', { name: 'Conversations' }).getByRole('link').first().waitFor();
        });
        listOpen.push(t);
      }
      const links = await page.getByRole('navigation', { name: 'Conversations' }).getByRole('link').count();

      const lastId = history.longMessageIds.at(-1)!;
      const openLong: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        await page.getByRole('button', { name: 'New conversation' }).click();
        await page.waitForFunction(() => (globalThis as any).document.querySelectorAll('article').length === 0);
        // Measured in the page: from the click to the frame that shows the conversation's last message.
        openLong.push(await page.evaluate<number>(openInPage(history.longTitle, lastId)));
      }
      const articles = await page.locator('article').count();
      await cdp.send('HeapProfiler.collectGarbage');
      const { metrics } = await cdp.send('Performance.getMetrics');
      const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? NaN;

      console.log(`list: core first page (100 rows + total) p50 ${ms(pct(firstPage, 50))}, last page ${ms(pct(deepPage, 50))}; app load until the list shows p50 ${ms(pct(listOpen, 50))} (${links} links in the page)`);
      console.log(`1,000-turn conversation: core conversations.get p50 ${ms(pct(getLong, 50))} (${(jsonBytes / 1e6).toFixed(1)} MB as JSON); click → last message on screen p50 ${ms(pct(openLong, 50))}, max ${ms(Math.max(...openLong))} (${articles} of ${detail.messages.length} articles rendered)`);
      console.log(`search (${QUERIES.length} queries, 50 conversations × 1 hit): p50 ${ms(pct(search, 50))}, p95 ${ms(pct(search, 95))}; Chinese 1 char p50 ${ms(pct(bySize(1), 50))}, 2 chars p50 ${ms(pct(bySize(2), 50))}, 3+ chars p50 ${ms(pct([...bySize(3), ...bySize(4)], 50))}`);
      console.log(`  slowest: ${slowest.sort((a, b) => b[1] - a[1]).slice(0, 3).map(([q, t]) => `"${q}" ${ms(t)}`).join(', ')}`);
      for (const [what, xs] of Object.entries(grouped)) {
        console.log(`search grouped by conversation (${what}; 20 conversations × 3 hits): p50 ${ms(pct(xs, 50))}, p95 ${ms(pct(xs, 95))}`);
      }
      console.log(`  slowest grouped: ${slowestGrouped.sort((a, b) => b[1] - a[1]).slice(0, 3).map(([q, t]) => `"${q}" ${ms(t)}`).join(', ')}`);
      console.log(`list: core first page with ${bounds.length} date-group counts p50 ${ms(pct(datedPage, 50))}`);
      console.log(`renderer with that conversation open (after GC): JS heap ${(metric('JSHeapUsedSize') / 1048576).toFixed(1)} MiB used of ${(metric('JSHeapTotalSize') / 1048576).toFixed(1)} MiB; ${metric('Nodes')} DOM nodes`);
      await page.close();
    } finally {
      await browser.close();
      await shell.close();
      await core.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
