// The browser shell's live audio channel, end to end from a Node WebSocket client as the page's worker would
// use it: <token>/live/<sessionId> behind the token/Host/Origin check, binary frames only (shared/live-audio.ts) — the
// microphone's speech in, the reply's PCM out — to the real core, its Realtime socket and the stand-in. And the
// session's one-WAV download at <token>/export/live/<sessionId>.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebShell, type WebShell } from '../../electron/web/server';
import { createWebBridge } from '../../renderer/bridge/web';
import { BridgeError } from '../../shared/contract';
import type { LiveEvent } from '../../shared/live';
import { decodeLiveFrame, encodeLiveFrame, LIVE_FRAME_MIC, LIVE_FRAME_REPLY, type LiveFrame } from '../../shared/live-audio';
import { concat, liveEvents, silence16k, speech16k } from '../core/live/helpers';
import { DEFAULT_REALTIME_SCENARIO, startStandin, type Standin } from '../standin';
import { ffprobe } from '../media/media-helpers';
import { must, startTestCore, type TestCore } from '../support/test-core';
import { get, openWs } from './support/http';

let standin: Standin;
let t: TestCore;
let shell: WebShell;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'omni-live-channel-'));
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>Omni Desk</title>');
  standin = await startStandin({ realtime: { ...DEFAULT_REALTIME_SCENARIO, transcripts: ['Hello from the browser'], replyText: 'Hello, browser.', audioSeconds: 1, pace: 4 } });
  t = await startTestCore({ standin, prefix: 'omni-live-channel-core-' });
  shell = await startWebShell({ core: t.core, staticDir: dir });
});
afterAll(async () => {
  await shell?.close();
  await t?.close();
  await standin?.close();
  await rm(dir, { recursive: true, force: true });
});

const origin = () => `http://127.0.0.1:${shell.port}`;

describe('<token>/live/<sessionId>', () => {
  it('carries the microphone in and the spoken reply out as binary frames, and is refused without the token or from another page', async () => {
    const live = liveEvents(t.core);
    const session = await must(t.call('live.start', { conversationId: null, mode: 'vad', vad: { silenceMs: 300 } }));
    const path = `/${shell.token}/live/${session.sessionId}`;

    // The one access check: no token folder (nor a ?token=), another page's Origin, a session that is not open.
    expect(await openWs(shell.port, `/live/${session.sessionId}`, { origin: origin() })).toMatchObject({ opened: false, status: 401 });
    expect(await openWs(shell.port, `/live/${session.sessionId}?token=${shell.token}`, { origin: origin() })).toMatchObject({ opened: false, status: 401 });
    expect(await openWs(shell.port, path, { origin: 'https://evil.example' })).toMatchObject({ opened: false, status: 403 });
    expect(await openWs(shell.port, `/${shell.token}/live/not%20an%20id`, { origin: origin() })).toMatchObject({ opened: false, status: 404 });
    const stray = await openWs(shell.port, `/${shell.token}/live/nosuchsession`, { origin: origin() });
    expect(stray.opened).toBe(true);
    const strayClose = await closed((stray as { ws: WebSocket }).ws);
    expect(strayClose).toEqual({ code: 4404, reason: 'No such live session' });

    const opened = await openWs(shell.port, path, { origin: origin() });
    if (!opened.opened) throw new Error(`refused: ${opened.status} ${opened.body}`);
    const ws = opened.ws;
    const frames: LiveFrame[] = [];
    ws.on('message', (data, isBinary) => {
      if (isBinary) frames.push(decodeLiveFrame(new Uint8Array(data as Buffer)));
    });
    // A text frame is nothing on this channel (no JSON, no base64): ignored.
    ws.send(JSON.stringify({ audio: 'AAAA' }));

    const pcm = concat(await speech16k('Hello from the browser.'), silence16k(400));
    const chunk = 3_200;
    for (let at = 0, seq = 0; at < pcm.byteLength; at += chunk, seq++) {
      ws.send(encodeLiveFrame({ kind: LIVE_FRAME_MIC, seq, time: Date.now(), messageId: '', pcm: pcm.subarray(at, at + chunk) }));
    }
    const done = await live.wait('reply_done');
    expect(done.message).toMatchObject({ text: 'Hello, browser.', status: 'complete' });
    // Every byte the microphone sent reached the Realtime socket, and the reply came back whole.
    const rec = standin.realtime.sessions.at(-1)!;
    expect(concat(...rec.input).byteLength).toBe(pcm.byteLength);
    await waitFor(() => frames.filter((f) => f.kind === LIVE_FRAME_REPLY).length === rec.responses[0]!.audio.length, 'every reply frame');
    const got = concat(...frames.filter((f) => f.kind === LIVE_FRAME_REPLY && f.messageId === done.message.id).map((f) => f.pcm));
    expect(Buffer.from(got).equals(Buffer.from(concat(...rec.responses[0]!.audio)))).toBe(true);
    expect(frames.map((f) => f.seq)).toEqual(frames.map((_, i) => i));
    const status = await must(t.call('live.status', {}));
    expect(status[0]!.stats.micFrames).toBe(Math.ceil(pcm.byteLength / chunk));
    expect(status[0]!.stats.micToSocketP95Ms).not.toBeNull();

    // Ending the session closes the channel.
    const closing = closed(ws);
    await must(t.call('live.end', { sessionId: session.sessionId }));
    expect((await closing).code).toBe(1000);

    // The whole session downloads as one WAV, behind the same token.
    expect((await get(shell.port, `/export/live/${session.sessionId}`)).status).toBe(401);
    expect((await get(shell.port, `/export/live/${session.sessionId}?token=${shell.token}`)).status).toBe(401);
    const wav = await getBytes(`/${shell.token}/export/live/${session.sessionId}`);
    expect(wav.status).toBe(200);
    expect(wav.headers['content-type']).toBe('audio/wav');
    expect(String(wav.headers['content-disposition'])).toMatch(/^attachment; filename="Hello from the browser live .*\.wav"/);
    const file = join(dir, 'session.wav');
    await writeFile(file, wav.body);
    const probe = await ffprobe(file);
    expect(probe.streams[0]).toMatchObject({ codec_name: 'pcm_s16le', sample_rate: '24000', channels: 1 });
    expect(Number(probe.format.duration)).toBeGreaterThan(1);
  });
});

describe('the page\'s bridge in the browser shell', () => {
  it('starts a session on /ws, hears its live.events, and sends and receives its audio on the session\'s own socket', async () => {
    // The page's own bridge (renderer/bridge/web.ts) under Node's WHATWG WebSocket, sending the Origin a browser would.
    const bridge = createWebBridge({ href: shell.url }, { connect: (u) => new globalThis.WebSocket(u, { headers: { origin: origin() } } as unknown as string[]) });
    const events: LiveEvent[] = [];
    const off = bridge.on('live.event', (e) => events.push(e));
    const session = await bridge.invoke('live.start', { conversationId: null, mode: 'vad', vad: { silenceMs: 300 } });
    const channel = await bridge.openLiveAudio(session.sessionId);
    const frames: LiveFrame[] = [];
    channel.onFrame((bytes) => frames.push(decodeLiveFrame(bytes)));
    const channelClosed = new Promise<void>((resolve) => channel.onClose(resolve));

    const pcm = concat(await speech16k('Hello from the page.'), silence16k(400));
    for (let at = 0, seq = 0; at < pcm.byteLength; at += 3_200, seq++) {
      channel.send(encodeLiveFrame({ kind: LIVE_FRAME_MIC, seq, time: Date.now(), messageId: '', pcm: pcm.subarray(at, at + 3_200) }));
    }
    await waitFor(() => events.some((e) => e.kind === 'reply_done' && e.sessionId === session.sessionId), 'reply_done through the bridge', 20_000);
    const done = events.find((e) => e.kind === 'reply_done' && e.sessionId === session.sessionId) as Extract<LiveEvent, { kind: 'reply_done' }>;
    expect(done.message).toMatchObject({ text: 'Hello, browser.', status: 'complete' });
    expect(events.some((e) => e.kind === 'user_turn' && e.sessionId === session.sessionId)).toBe(true);
    // The microphone's bytes reached the Realtime socket whole, and the reply's PCM came back whole.
    const rec = standin.realtime.sessions.at(-1)!;
    expect(concat(...rec.input).byteLength).toBe(pcm.byteLength);
    await waitFor(() => frames.filter((f) => f.kind === LIVE_FRAME_REPLY).length === rec.responses[0]!.audio.length, 'every reply frame');
    const got = concat(...frames.filter((f) => f.kind === LIVE_FRAME_REPLY && f.messageId === done.message.id).map((f) => f.pcm));
    expect(Buffer.from(got).equals(Buffer.from(concat(...rec.responses[0]!.audio)))).toBe(true);

    // Ending the session closes its channel; it cannot be opened again, and the page is told so in a sentence.
    await bridge.invoke('live.end', { sessionId: session.sessionId });
    await channelClosed;
    const refused = await bridge.openLiveAudio(session.sessionId).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(BridgeError);
    expect((refused as BridgeError).info).toMatchObject({ kind: 'not_found', message: 'That live voice session has ended. Start Live voice again.' });
    off();
  });
});

function closed(ws: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
}

async function getBytes(pathAndQuery: string): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  const { request } = await import('node:http');
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: shell.port, path: pathAndQuery, headers: { host: `127.0.0.1:${shell.port}` } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function waitFor(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
