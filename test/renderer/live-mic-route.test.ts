// Live voice's microphone worklet routing the session's channel itself, as in Electron (issue 21): the main
// process's MessagePort is handed into the worklet, which sends each 100 ms chunk as a live frame
// (shared/live-audio.ts) straight to it, and turns the core's reply frames into audio frames
// (shared/audio-frame.ts) for the playback worklet's inlet, and its stop frame into an audio stop. In real
// Chromium: a worker stands in for the main process (and, on a second port, for the inlet) and notes when each
// frame arrives, while the page's main thread is blocked for 300 ms. Bounded assertions only.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeAudioFrame } from '../../shared/audio-frame';
import { decodeLiveFrame, encodeLiveFrame, LIVE_FRAME_END, LIVE_FRAME_MIC, LIVE_FRAME_REPLY, LIVE_FRAME_STOP } from '../../shared/live-audio';
import { openWorkletPage, type WorkletPage } from '../support/worklet-page';

const pub = (f: string) => readFile(resolve(__dirname, '../../resources/public', f), 'utf8');

// The main process and the inlet, in a worker: keeps what arrives on each port and when.
const CORE = `
let core, inlet;
const mic = [];
const audio = [];
onmessage = (e) => {
  const m = e.data;
  if (m.type === 'ports') {
    core = m.core;
    inlet = m.inlet;
    core.onmessage = (ev) => mic.push({ at: Date.now(), bytes: Array.from(new Uint8Array(ev.data.buffer ?? ev.data)) });
    inlet.onmessage = (ev) => audio.push(Array.from(new Uint8Array(ev.data)));
  } else if (m.type === 'send') {
    for (const f of m.frames) core.postMessage(new Uint8Array(f));
  } else if (m.type === 'report') {
    postMessage({ mic, audio });
  }
};
`;

const PAGE = `
const ctx = new AudioContext({ sampleRate: 16000 });
await ctx.audioWorklet.addModule('/live-mic.worklet.js');
const node = new AudioWorkletNode(ctx, 'live-mic', { numberOfInputs: 1, numberOfOutputs: 0, channelCount: 1 });
const osc = new OscillatorNode(ctx, { frequency: 300 });
osc.connect(node);
osc.start();
const worker = new Worker('/core.worker.js');
const core = new MessageChannel();
const inlet = new MessageChannel();
worker.postMessage({ type: 'ports', core: core.port2, inlet: inlet.port2 }, [core.port2, inlet.port2]);
window.told = [];
node.port.onmessage = (e) => window.told.push(e.data.type === 'frame' ? { type: 'frame', bytes: Array.from(new Uint8Array(e.data.frame)) } : e.data);
node.port.postMessage({ type: 'route', core: core.port1, inlet: inlet.port1, conversationId: 'c1' }, [core.port1, inlet.port1]);
if (ctx.state === 'suspended') await ctx.resume();
window.block = (ms) => { const start = Date.now(); while (Date.now() - start < ms) {} return { start, end: Date.now() }; };
window.send = (frames) => worker.postMessage({ type: 'send', frames });
window.report = () => new Promise((r) => { worker.onmessage = (e) => r(e.data); worker.postMessage({ type: 'report' }); });
window.stop = () => node.port.postMessage({ type: 'stop' });
window.ready = true;
`;

let wp: WorkletPage;

beforeAll(async () => {
  wp = await openWorkletPage({
    '/': ['text/html', '<!doctype html><script type="module" src="/page.js"></script>'],
    '/page.js': ['text/javascript', PAGE],
    '/core.worker.js': ['text/javascript', CORE],
    '/live-mic.worklet.js': ['text/javascript', await pub('live-mic.worklet.js')],
    '/live-router.js': ['text/javascript', await pub('live-router.js')],
  });
}, 60_000);

afterAll(async () => {
  await wp?.close();
});

interface Report {
  mic: { at: number; bytes: number[] }[];
  audio: number[][];
}

describe('the microphone worklet holding the session\'s port (Electron\'s fast path)', () => {
  it('sends every chunk to the core while the page is blocked, in order, and routes reply, end and stop frames', async () => {
    const { page } = wp;
    const report = () => page.evaluate(() => (globalThis as unknown as { report(): Promise<Report> }).report());
    await expect.poll(async () => (await report()).mic.length, { timeout: 20_000 }).toBeGreaterThan(2);
    const block = await page.evaluate(() => (globalThis as unknown as { block(ms: number): { start: number; end: number } }).block(300));
    // A few more chunks after the block, so none of those sent during it can still be on the way.
    const after = (await report()).mic.length + 2;
    await expect.poll(async () => (await report()).mic.length, { timeout: 20_000 }).toBeGreaterThan(after);
    const { mic } = await report();
    const frames = mic.map((m) => ({ at: m.at, f: decodeLiveFrame(new Uint8Array(m.bytes)) }));
    expect(frames.every(({ f }) => f.kind === LIVE_FRAME_MIC && f.pcm.byteLength === 3200)).toBe(true);
    expect(frames.map(({ f }) => f.seq)).toEqual(frames.map((_, i) => i));
    // The worklet sent while this page ran nothing but its loop.
    expect(frames.filter(({ at }) => at > block.start + 60 && at < block.end).length).toBeGreaterThanOrEqual(1);
    // What the page hears: the microphone's level, from the worklet.
    const told = await page.evaluate(() => (globalThis as unknown as { told: { type: string; peak?: number }[] }).told);
    expect(told.some((m) => m.type === 'level' && (m.peak ?? 0) > 0.5)).toBe(true);

    // From the core: a reply's samples and its end, then a stop for another reply.
    const pcm = new Uint8Array(480).map((_, i) => i % 251);
    const out = [
      encodeLiveFrame({ kind: LIVE_FRAME_REPLY, seq: 0, time: 1000, messageId: 'm1', pcm }),
      encodeLiveFrame({ kind: LIVE_FRAME_END, seq: 1, time: 1001, messageId: 'm1' }),
      encodeLiveFrame({ kind: LIVE_FRAME_STOP, seq: 0, time: 1002, messageId: 'm2' }),
    ].map((b) => Array.from(b));
    await page.evaluate((frames) => (globalThis as unknown as { send(f: ArrayBuffer[]): void }).send(frames.map((b) => new Uint8Array(b).buffer)), out);
    await expect.poll(async () => (await report()).audio.length, { timeout: 10_000 }).toBe(3);
    const audio = (await report()).audio.map((b) => decodeAudioFrame(new Uint8Array(b))!);
    expect(audio.map((a) => [a.kind, a.messageId, a.conversationId, a.direction])).toEqual([
      ['samples', 'm1', 'c1', 'reply'], ['end', 'm1', 'c1', 'reply'], ['stop', 'm2', 'c1', 'reply'],
    ]);
    expect(Array.from(audio[0]!.pcm)).toEqual(Array.from(pcm));
    expect(audio[0]!.sentAt).toBe(1000);
    // The page is told a reply began (without its samples) and of the stop.
    await expect.poll(async () => (await page.evaluate(() => (globalThis as unknown as { told: { type: string }[] }).told)).filter((m) => m.type === 'frame').length).toBe(2);
    const pageFrames = (await page.evaluate(() => (globalThis as unknown as { told: { type: string; bytes?: number[] }[] }).told))
      .filter((m) => m.type === 'frame').map((m) => decodeLiveFrame(new Uint8Array(m.bytes!)));
    expect(pageFrames.map((f) => [f.kind, f.messageId, f.pcm.byteLength])).toEqual([[LIVE_FRAME_REPLY, 'm1', 0], [LIVE_FRAME_STOP, 'm2', 0]]);
  }, 90_000);
});
