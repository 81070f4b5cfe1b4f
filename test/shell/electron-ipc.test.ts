// The Electron adapter's own logic without the Electron binary: the preload's bridge
// (electron/preload/bridge.ts) and the main side (electron/main/ipc.ts) joined by a stand-in for
// Electron's IPC that structured-clones every value, as Electron does, with the real core behind.
// The stand-ins are for Electron's objects only (ipcMain, the window, its frames); our code is real.
import type { BrowserWindow, IpcMain, IpcMainInvokeEvent } from 'electron';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bindIpc, checkSender } from '../../electron/main/ipc';
import { appOrigin } from '../../electron/main/origin';
import { createPreloadBridge, type BridgeFailure } from '../../electron/preload/bridge';
import { ATTACH_CHANNEL, EVENT_CHANNEL, INVOKE_CHANNEL } from '../../electron/shells-common/ipc-channels';
import { adoptPreloadBridge } from '../../renderer/bridge/electron';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BridgeError, RECORDING_MAX_BYTES, type EventPayload, type OmniBridge } from '../../shared/contract';
import type { AttachmentView } from '../../shared/domain';
import { image } from '../core/attachments/media';
import { makeFixture, testBytes, type ShellFixture } from './support/fixture';

interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
  frameToken: string;
  processId: number;
}

const app = appOrigin(undefined);
let fx: ShellFixture;
let unbind: () => void;
let invokeHandler: (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;
let attachHandler: (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;
const mainFrame: FakeFrame = { url: 'app://omni/#/', parent: null, frameToken: 'main-token', processId: 4 };
const sent: unknown[][] = [];
const rendererListeners: Array<(event: unknown, ...args: unknown[]) => void> = [];
const webContents = {
  mainFrame,
  isDestroyed: () => false,
  send: (...args: unknown[]) => {
    sent.push(args);
    // Electron clones IPC arguments into the renderer.
    const cloned = structuredClone(args);
    for (const l of rendererListeners) l({}, ...cloned.slice(1));
  },
};
const win = { isDestroyed: () => false, webContents } as unknown as BrowserWindow;

function eventFrom(frame: FakeFrame | null, sender: unknown = webContents): IpcMainInvokeEvent {
  return { sender, senderFrame: frame } as unknown as IpcMainInvokeEvent;
}

/** The preload's ipcRenderer, talking to bindIpc's handler from `frame`, cloning both ways. */
function preloadFrom(frame: FakeFrame | null, pathForFile?: (f: { name: string }) => string) {
  return createPreloadBridge({
    invoke: async (channel, ...args) => {
      const handler = channel === ATTACH_CHANNEL ? attachHandler : invokeHandler;
      expect([INVOKE_CHANNEL, ATTACH_CHANNEL]).toContain(channel);
      return structuredClone(await handler(eventFrom(frame), ...structuredClone(args)));
    },
    on: (channel, listener) => {
      expect(channel).toBe(EVENT_CHANNEL);
      rendererListeners.push(listener);
    },
  }, pathForFile);
}

beforeAll(async () => {
  fx = await makeFixture();
  const ipcMain = {
    handle: (channel: string, fn: typeof invokeHandler) => {
      expect([INVOKE_CHANNEL, ATTACH_CHANNEL]).toContain(channel);
      if (channel === ATTACH_CHANNEL) attachHandler = fn;
      else invokeHandler = fn;
    },
    removeHandler: () => {},
  } as unknown as IpcMain;
  unbind = bindIpc({ ipcMain, core: fx.core, window: () => win, app, log: () => {} });
});

afterAll(async () => {
  unbind?.();
  await fx?.dispose();
});

describe('Electron IPC adapter + preload bridge', () => {
  it('attaches only files the preload resolved to a path, and only from our window', async () => {
    const file = new File([new Uint8Array([1, 2, 3])], 'clip.mp4', { type: 'video/mp4' });
    const seen: string[] = [];
    const off = fx.core.subscribe((name, payload) => {
      if (name === 'attachment.updated') seen.push((payload as { attachment: { name: string } }).attachment.name);
    });
    await expect(preloadFrom({ ...mainFrame, url: 'https://evil.example/' }, () => '/tmp/somewhere/clip.mp4').attachFiles([file])).rejects.toMatchObject({ message: expect.stringMatching(/refused/) });
    expect(seen).toEqual([]);
    await preloadFrom(mainFrame, () => '/tmp/omni-no-such-dir/clip.mp4').attachFiles([file]);
    expect(seen[0]).toBe('clip.mp4');
    off();
  });

  it('sends the bytes of a file that has no path (a pasted screenshot), which becomes an ordinary chip', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'omni-paste-'));
    try {
      // What Chromium gives for a pasted screenshot: an in-memory File named image.png (no path: '').
      const png = await readFile(await image(dir, 'screen.png'));
      const pasted = new File([png], 'image.png', { type: 'image/png' });
      const updates: AttachmentView[] = [];
      const off = fx.core.subscribe((name, payload) => {
        if (name === 'attachment.updated') updates.push((payload as EventPayload<'attachment.updated'>).attachment);
      });
      try {
        await adoptPreloadBridge(preloadFrom(mainFrame, () => '')).attachFiles([pasted]);
        const id = updates[0]!.id;
        const settled = await fx.core.attachmentSettled(id);
        expect(settled).toMatchObject({ name: 'image.png', state: 'ready', error: null, found: expect.stringMatching(/^Image/), measure: { sendAs: 'image' } });
        expect(await fx.core.handlers['attachments.list']({})).toEqual(expect.arrayContaining([expect.objectContaining({ id, name: 'image.png' })]));
        await fx.core.handlers['attachments.remove']({ id });
      } finally {
        off();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses an in-memory file over the recordings\' cap before reading it, and one from another page', async () => {
    const huge = {
      name: 'huge.png', size: RECORDING_MAX_BYTES + 1, type: 'image/png',
      arrayBuffer: () => Promise.reject(new Error('read a file that was too large to send')),
    };
    const err = await adoptPreloadBridge(preloadFrom(mainFrame, () => '')).attachFiles([huge]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BridgeError);
    expect((err as BridgeError).info).toMatchObject({ kind: 'too_large', message: expect.stringMatching(/“huge\.png” is larger than 24 MB.*Save it to a folder/) });
    const small = new File([new Uint8Array([137, 80, 78, 71])], 'image.png', { type: 'image/png' });
    await expect(preloadFrom({ ...mainFrame, url: 'https://evil.example/' }, () => '').attachFiles([small])).rejects.toMatchObject({ message: expect.stringMatching(/refused/) });
    // The main process checks the cap again (a page cannot skip the preload's check).
    const over = (await invokeHandler(eventFrom(mainFrame), 'attachments.addBytes', { name: 'x.png', mimeType: 'image/png', bytes: new Uint8Array(RECORDING_MAX_BYTES + 1) })) as { ok: boolean; error?: { message: string } };
    expect(over).toMatchObject({ ok: false, error: { message: expect.stringMatching(/at most 24 MB/) } });
  });

  it('answers a request from our window through dispatch and the core', async () => {
    const bridge = preloadFrom(mainFrame);
    expect(await bridge.invoke('app.info', {})).toMatchObject({ name: 'Omni Desk' });
    const audio = await bridge.invoke('reply.audio', { messageId: fx.saved.messageId });
    expect(audio.pcm).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(audio.pcm).equals(Buffer.from(fx.saved.pcm))).toBe(true);
  });

  it('rejects with a cloneable failure that becomes a BridgeError in the page', async () => {
    const raw = preloadFrom(mainFrame);
    const failure = (await raw.invoke('key.set', { key: 'abc' }).catch((e: unknown) => e)) as BridgeFailure;
    expect(failure).not.toBeInstanceOf(Error);
    // What contextBridge does to a plain object: a structured copy, keeping every field.
    expect(structuredClone(failure)).toEqual({ name: 'BridgeError', message: expect.stringMatching(/too short/), info: expect.objectContaining({ kind: 'invalid_input' }) });

    const page: OmniBridge = adoptPreloadBridge(raw);
    const err = await page.invoke('key.set', { key: 'abc' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BridgeError);
    expect((err as BridgeError).info.kind).toBe('invalid_input');
    const unknown = await (page.invoke as (n: string, i: unknown) => Promise<unknown>)('shell.exec', {}).catch((e: unknown) => e);
    expect((unknown as BridgeError).info).toMatchObject({ kind: 'invalid_input', message: 'Unknown request.' });
  });

  it('refuses requests from a subframe, another page, another web contents or a gone frame', async () => {
    const cases: Array<[string, IpcMainInvokeEvent]> = [
      ['subframe', eventFrom({ url: 'app://omni/', parent: mainFrame, frameToken: 'sub', processId: 4 })],
      ['navigated away', eventFrom({ ...mainFrame, url: 'https://evil.example/' })],
      ['file url', eventFrom({ ...mainFrame, url: 'file:///etc/passwd' })],
      ['other frame token', eventFrom({ ...mainFrame, frameToken: 'other' })],
      ['another web contents', eventFrom(mainFrame, { other: true })],
      ['no frame', eventFrom(null)],
    ];
    for (const [what, event] of cases) {
      expect(checkSender(event, win, app), what).not.toBeNull();
      const reply = (await invokeHandler(event, 'app.info', {})) as { ok: boolean; error?: { message: string } };
      expect(reply.ok, what).toBe(false);
      expect(reply.error?.message).toMatch(/did not come from the Omni Desk window/);
    }
    expect(checkSender(eventFrom(mainFrame), win, app)).toBeNull();
    expect(checkSender(eventFrom(mainFrame), null, app)).toBe('no window');
  });

  it('pushes core events to the window, PCM as a Uint8Array, to listeners of that event only', async () => {
    const bridge = preloadFrom(mainFrame);
    const changed: unknown[] = [];
    bridge.on('conversations.changed', (p) => changed.push(p));
    const got: Array<EventPayload<'chat.event'>> = [];
    const off = bridge.on('chat.event', (p) => got.push(p));
    const pcm = testBytes(4_801);
    fx.emit('chat.event', { kind: 'audio', conversationId: 'c1', messageId: 'm1', seq: 0, pcm, receivedAt: 5 });
    expect(sent.at(-1)?.slice(0, 2)).toEqual([EVENT_CHANNEL, 'chat.event']);
    expect(got).toHaveLength(1);
    const ev = got[0]!;
    expect(ev.kind === 'audio' && ev.pcm instanceof Uint8Array && Buffer.from(ev.pcm).equals(Buffer.from(pcm))).toBe(true);
    expect(changed).toEqual([]);
    off();
    fx.emit('chat.event', { kind: 'text', conversationId: 'c1', messageId: 'm1', delta: 'x' });
    expect(got).toHaveLength(1);
    expect(() => (bridge.on as (n: string, l: () => void) => void)('omni:secret', () => {})).toThrow(/Unknown event/);
  });

  it("knows the app's own URLs, and a dev server's when electron-vite dev runs", () => {
    expect(app.entry).toBe('app://omni/');
    expect(app.isApp('app://omni/index.html')).toBe(true);
    expect(app.isApp('app://other/')).toBe(false);
    expect(app.isApp('http://omni/')).toBe(false);
    const dev = appOrigin('http://localhost:5173/');
    expect(dev.isApp('http://localhost:5173/#/c/1')).toBe(true);
    expect(dev.isApp('http://localhost:5174/')).toBe(false);
  });
});
