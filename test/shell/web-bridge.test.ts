// The page's bridge (renderer/bridge/web.ts) against the real browser shell and core, under Node 22's
// own WebSocket (the same WHATWG API a browser has; here it must send the Origin a browser would).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BridgeError, type EventPayload, type OmniBridge } from '../../shared/contract';
import { createWebBridge, webSocketUrl } from '../../renderer/bridge/web';
import { startWebShell, type WebShell } from '../../electron/web/server';
import { makeFixture, testBytes, type ShellFixture } from './support/fixture';

let fx: ShellFixture;
let shell: WebShell;

beforeAll(async () => {
  fx = await makeFixture();
  shell = await startWebShell({ core: fx.core, staticDir: fx.staticDir, port: 0 });
});
afterAll(async () => {
  await shell?.close();
  await fx?.dispose();
});

function nodeConnect(origin: string) {
  return (url: string) => new WebSocket(url, { headers: { origin } } as unknown as string[]);
}

function bridgeFor(s: WebShell, extra: Parameters<typeof createWebBridge>[1] = {}): OmniBridge {
  return createWebBridge({ href: s.url }, { connect: nodeConnect(`http://127.0.0.1:${s.port}`), ...extra });
}

function nextEvent<T>(subscribe: (l: (p: T) => void) => () => void, match: (p: T) => boolean = () => true): Promise<T> {
  return new Promise((resolve) => {
    const off = subscribe((p) => {
      if (!match(p)) return;
      off();
      resolve(p);
    });
  });
}

describe('webSocketUrl', () => {
  it("is `ws` in the page's own folder (which holds the token), whatever the page's hash or query", () => {
    const t = 'A'.repeat(43);
    expect(webSocketUrl({ href: `http://127.0.0.1:4000/${t}/` })).toBe(`ws://127.0.0.1:4000/${t}/ws`);
    expect(webSocketUrl({ href: `http://127.0.0.1:4000/${t}/#/c/c1` })).toBe(`ws://127.0.0.1:4000/${t}/ws`);
    expect(webSocketUrl({ href: `http://127.0.0.1:4000/${t}/index.html?x=1#/` })).toBe(`ws://127.0.0.1:4000/${t}/ws`);
    expect(webSocketUrl({ href: 'http://127.0.0.1:4000/' })).toBe('ws://127.0.0.1:4000/ws');
  });
});

describe('the web bridge', () => {
  it('answers invoke with the core value, queued until the socket opens', async () => {
    const bridge = bridgeFor(shell);
    const [info, settings] = await Promise.all([bridge.invoke('app.info', {}), bridge.invoke('settings.get', {})]);
    expect(info).toMatchObject({ name: 'Omni Desk', shell: 'web' });
    expect(settings.voice).toBe('Cherry');
  });

  it('rejects with a BridgeError carrying the ErrorInfo', async () => {
    const bridge = bridgeFor(shell);
    const err = await bridge.invoke('key.set', { key: 'short' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BridgeError);
    expect((err as BridgeError).info.kind).toBe('invalid_input');
    expect((err as BridgeError).message).toMatch(/too short/);
    const missing = await bridge.invoke('conversations.get', { id: 'nothere' }).catch((e: unknown) => e);
    expect((missing as BridgeError).info.kind).toBe('not_found');
    // A name outside the contract never leaves the page.
    const unknown = await (bridge.invoke as (n: string, i: unknown) => Promise<unknown>)('shell.exec', {}).catch((e: unknown) => e);
    expect((unknown as BridgeError).info).toMatchObject({ kind: 'invalid_input', message: 'Unknown request.' });
    expect(() => (bridge.on as (n: string, l: () => void) => void)('nope', () => {})).toThrow(/Unknown event/);
  });

  it('delivers event PCM as a Uint8Array, byte-exact, and only to listeners of that event', async () => {
    const bridge = bridgeFor(shell);
    const changed: unknown[] = [];
    bridge.on('conversations.changed', (p) => changed.push(p));
    await bridge.invoke('app.info', {}); // connected
    const pcm = testBytes(9_601);
    const got = nextEvent<EventPayload<'chat.event'>>((l) => bridge.on('chat.event', l));
    fx.emit('chat.event', { kind: 'audio', conversationId: 'c1', messageId: 'm1', seq: 5, pcm, receivedAt: 123 });
    const ev = await got;
    expect(ev.kind).toBe('audio');
    if (ev.kind !== 'audio') return;
    expect(ev.pcm).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(ev.pcm).equals(Buffer.from(pcm))).toBe(true);
    expect(ev.seq).toBe(5);
    expect(changed).toEqual([]);
  });

  it('returns reply.audio bytes as a Uint8Array', async () => {
    const bridge = bridgeFor(shell);
    const audio = await bridge.invoke('reply.audio', { messageId: fx.saved.messageId });
    expect(audio.pcm).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(audio.pcm).equals(Buffer.from(fx.saved.pcm))).toBe(true);
  });

  it('stops delivering to a listener once unsubscribed', async () => {
    const bridge = bridgeFor(shell);
    const seen: unknown[] = [];
    const off = bridge.on('conversations.changed', (p) => seen.push(p));
    await bridge.invoke('app.info', {});
    const second = nextEvent<EventPayload<'conversations.changed'>>((l) => bridge.on('conversations.changed', l));
    off();
    fx.emit('conversations.changed', { conversationId: 'x1' });
    await second;
    expect(seen).toEqual([]);
  });

  it('reconnects after the server restarts, and tells the page to refresh', async () => {
    const s1 = await startWebShell({ core: fx.core, staticDir: fx.staticDir, port: 0 });
    const port = s1.port;
    const bridge = bridgeFor(s1, { retryMs: 20, maxRetryMs: 100, failAfter: 1_000 });
    const refresh = nextEvent<EventPayload<'conversations.changed'>>((l) => bridge.on('conversations.changed', l));
    await bridge.invoke('app.info', {});
    await s1.close();
    // Same port and token, as if the shell came back; the bridge finds it by itself.
    const s2 = await startWebShell({ core: fx.core, staticDir: fx.staticDir, port, token: s1.token });
    try {
      expect(await refresh).toEqual({ conversationId: null });
      expect(await bridge.invoke('app.info', {})).toMatchObject({ name: 'Omni Desk' });
    } finally {
      await s2.close();
    }
  });

  it('fails waiting requests with a sentence when the server cannot be reached', async () => {
    const s = await startWebShell({ core: fx.core, staticDir: fx.staticDir, port: 0 });
    await s.close();
    const bridge = bridgeFor(s, { retryMs: 10, maxRetryMs: 20, failAfter: 2 });
    const err = await bridge.invoke('app.info', {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BridgeError);
    expect((err as BridgeError).info.kind).toBe('network');
    expect((err as BridgeError).message).toMatch(/npm run serve/);
  });

  it('is refused without the token (the server does not let it in)', async () => {
    const bridge = createWebBridge(
      { href: `http://127.0.0.1:${shell.port}/` },
      { connect: nodeConnect(`http://127.0.0.1:${shell.port}`), retryMs: 10, failAfter: 1 },
    );
    const err = await bridge.invoke('app.info', {}).catch((e: unknown) => e);
    expect((err as BridgeError).info.kind).toBe('network');
  });
});
