// Benchmark: one hostile WebSocket frame against the browser shell while a reply streams. The shell runs
// as `npm run serve` would (out/main/serve.js, its own process, so its memory is its own), the stand-in
// streams a spoken reply at 1× real time to one page, and another page sends a 25 MB text frame of nested
// arrays ([[[[…]]]]). Prints how long the refusal took, the longest pause in the streaming page's audio
// while the frame was handled (its chunks come every 100 ms), and the server's peak memory above its
// resting size. `npm run bench nested` (it builds first).
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { startStandin } from '../standin';
import { BUILT_SERVE, startServe } from '../shell/support/serve-process';

const FRAME_BYTES = 25_000_000;

function memoryKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith(`${field}:`));
  return Number(/(\d+)/.exec(line ?? '')?.[1] ?? NaN);
}

function open(url: string, origin: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { origin });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'omni-bench-nested-'));
  const standin = await startStandin({ scenario: { audioSeconds: 12, realtime: true, chunkMs: 100, text: 'A reply that keeps talking.' } });
  const server = await startServe(['--data-dir', dir, '--base-url', standin.baseUrl], { DASHSCOPE_API_KEY: standin.apiKey }, BUILT_SERVE);
  try {
    const pageUrl = server.url;
    const origin = new URL(pageUrl).origin;
    const wsUrl = new URL('ws', pageUrl).href.replace(/^http/, 'ws');
    const streaming = await open(wsUrl, origin);
    const audioAt: number[] = [];
    streaming.on('message', (data: Buffer, binary: boolean) => {
      if (binary) audioAt.push(performance.now());
    });
    streaming.send(JSON.stringify({ id: 1, name: 'chat.send', input: { conversationId: null, text: 'Keep talking', attachmentIds: [], options: {} } }));
    await new Promise((r) => setTimeout(r, 2_000));
    if (audioAt.length < 5) throw new Error('the reply is not streaming');

    const hostile = await open(wsUrl, origin);
    // The 25 MB frame (over the JSON limit), then one just under the limit that nests all the way down.
    for (const [bytes, id] of [[FRAME_BYTES, 7], [2_000_000, 8]] as const) {
      const restingKb = memoryKb(server.child.pid!, 'VmRSS');
      // Reset the peak-RSS mark so VmHWM measures from here (Linux).
      writeFileSync(`/proc/${server.child.pid}/clear_refs`, '5');
      const n = Math.floor((bytes - 64) / 2);
      const frame = `{"id":${id},"name":"app.info","input":${'['.repeat(n)}${']'.repeat(n)}}`;
      // Every page is pushed the reply's events too: wait for the answer to this frame (its id, or null).
      const answered = new Promise<{ at: number; text: string }>((resolve) => {
        const onMessage = (d: Buffer, binary: boolean) => {
          const text = binary ? '' : d.toString();
          if (!new RegExp(`^\\{"id":(${id}|null),`).test(text)) return;
          hostile.off('message', onMessage);
          resolve({ at: performance.now(), text: text.slice(0, 160) });
        };
        hostile.on('message', onMessage);
      });
      const sentAt = performance.now();
      hostile.send(frame);
      const reply = await answered;
      await new Promise((r) => setTimeout(r, 500));
      const peakKb = memoryKb(server.child.pid!, 'VmHWM');
      const during = audioAt.filter((t) => t >= sentAt - 200 && t <= reply.at + 500);
      let gap = 0;
      for (let i = 1; i < during.length; i++) gap = Math.max(gap, during[i]! - during[i - 1]!);
      console.log(`a ${(frame.length / 1e6).toFixed(1)} MB frame of nested arrays, sent while a reply streams (audio every 100 ms):`);
      console.log(`  refused after ${(reply.at - sentAt).toFixed(0)} ms: ${reply.text}`);
      console.log(`  longest pause in the streaming page's audio meanwhile: ${gap.toFixed(0)} ms`);
      console.log(`  server memory: resting ${(restingKb / 1024).toFixed(0)} MiB, peak ${(peakKb / 1024).toFixed(0)} MiB (+${((peakKb - restingKb) / 1024).toFixed(0)} MiB)`);
    }
    hostile.close();
    streaming.close();
  } finally {
    await server.stop();
    await standin.close();
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
