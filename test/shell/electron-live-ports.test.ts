// Live voice's audio in Electron, without the Electron binary: the main side (electron/main/live-ports.ts) and
// the preload's opener (electron/preload/live-audio.ts) joined by stand-ins for Electron's objects only —
// ipcMain/ipcRenderer, the window and its frames, and MessageChannelMain (played by Node's MessageChannel, which
// structured-clones as Electron's does). The core, its Realtime socket and the stand-in are real.
import { EventEmitter } from 'node:events';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import type { BrowserWindow, IpcMainEvent, MessagePortMain } from 'electron';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bindLivePorts, type LivePortReply } from '../../electron/main/live-ports';
import { appOrigin } from '../../electron/main/origin';
import { createLiveAudioOpener, LIVE_PORT_MESSAGE } from '../../electron/preload/live-audio';
import { createPreloadBridge } from '../../electron/preload/bridge';
import { adoptPreloadBridge, type PortWindow } from '../../renderer/bridge/electron';
import { BridgeError } from '../../shared/contract';
import { LIVE_OPEN_CHANNEL, LIVE_PORT_CHANNEL } from '../../electron/shells-common/ipc-channels';
import { decodeLiveFrame, encodeLiveFrame, LIVE_FRAME_MIC, LIVE_FRAME_REPLY, type LiveFrame } from '../../shared/live-audio';
import { concat, liveEvents, silence16k, speech16k } from '../core/live/helpers';
import { DEFAULT_REALTIME_SCENARIO, startStandin, type Standin } from '../standin';
import { must, startTestCore, type TestCore } from '../support/test-core';

/** Electron's MessagePortMain surface over a Node MessagePort: 'message' gives {data, ports}. */
function asPortMain(port: MessagePort): MessagePortMain {
  const e = new EventEmitter() as unknown as MessagePortMain;
  port.on('message', (data: unknown) => (e as unknown as EventEmitter).emit('message', { data, ports: [] }));
  port.on('close', () => (e as unknown as EventEmitter).emit('close'));
  Object.assign(e, { postMessage: (m: unknown) => port.postMessage(m), start: () => port.start(), close: () => port.close() });
  return e;
}

interface FakeFrame { url: string; parent: null; frameToken: string; processId: number }
const mainFrame: FakeFrame = { url: 'app://omni/#/', parent: null, frameToken: 'main', processId: 7 };

let standin: Standin;
let t: TestCore;
let unbind: () => void;
const ipcMainListeners = new Map<string, (event: IpcMainEvent, ...args: unknown[]) => void>();
const rendererListeners: Array<(event: { ports: readonly unknown[] }, ...args: unknown[]) => void> = [];
/** The page end of each port handed over (what the renderer would move to its AudioWorklet). */
const posted: { message: unknown; port: MessagePort }[] = [];
const webContents = {
  mainFrame,
  isDestroyed: () => false,
  postMessage: (channel: string, message: unknown, ports: MessagePortMain[]) => {
    expect(channel).toBe(LIVE_PORT_CHANNEL);
    // The port crosses to the renderer: here, its Node end behind the stand-in.
    const nodePorts = ports.map((p) => (p as unknown as { node: MessagePort }).node);
    for (const l of rendererListeners) l({ ports: nodePorts }, structuredClone(message));
  },
};
const win = { isDestroyed: () => false, webContents } as unknown as BrowserWindow;
let frameOfSender: FakeFrame = mainFrame;

beforeAll(async () => {
  standin = await startStandin({ realtime: { ...DEFAULT_REALTIME_SCENARIO, transcripts: ['Hello from Electron'], replyText: 'Hello, desktop.', audioSeconds: 1, pace: 4 } });
  t = await startTestCore({ standin, prefix: 'omni-live-ports-' });
  unbind = bindLivePorts({
    ipcMain: { on: (ch: string, l: never) => ipcMainListeners.set(ch, l), removeListener: (ch: string) => ipcMainListeners.delete(ch) } as never,
    core: t.core, window: () => win, app: appOrigin(undefined), log: () => {},
    createChannel: () => {
      const { port1, port2 } = new MessageChannel();
      const main = asPortMain(port1);
      const renderer = asPortMain(port2);
      (renderer as unknown as { node: MessagePort }).node = port2;
      return { port1: main, port2: renderer };
    },
  });
});
afterAll(async () => {
  unbind?.();
  for (const p of posted) p.port.close();
  await t?.close();
  await standin?.close();
});

/** The preload's opener, sending from `frameOfSender` through the stand-in ipcRenderer. */
const open = createLiveAudioOpener({
  send: (channel, ...args) => {
    const l = ipcMainListeners.get(channel);
    expect(channel).toBe(LIVE_OPEN_CHANNEL);
    l?.({ sender: webContents, senderFrame: frameOfSender } as unknown as IpcMainEvent, ...structuredClone(args));
  },
  on: (channel, listener) => {
    expect(channel).toBe(LIVE_PORT_CHANNEL);
    rendererListeners.push(listener);
  },
}, (message, ports) => posted.push({ message, port: ports[0] as MessagePort }));

/**
 * Speaks `text` into a session through `send` (100 ms microphone frames), waits for the stored reply, and checks
 * that every byte reached the Realtime socket and that the reply's PCM came back whole in `frames`.
 */
async function speakAndHear(text: string, send: (frame: Uint8Array) => void, frames: LiveFrame[], live: ReturnType<typeof liveEvents>) {
  const pcm = concat(await speech16k(text), silence16k(400));
  for (let at = 0, seq = 0; at < pcm.byteLength; at += 3_200, seq++) {
    send(encodeLiveFrame({ kind: LIVE_FRAME_MIC, seq, time: Date.now(), messageId: '', pcm: pcm.subarray(at, at + 3_200) }));
  }
  const done = await live.wait('reply_done');
  expect(done.message.text).toBe('Hello, desktop.');
  const rec = standin.realtime.sessions.at(-1)!;
  expect(concat(...rec.input).byteLength).toBe(pcm.byteLength);
  const until = Date.now() + 5_000;
  while (frames.length < rec.responses[0]!.audio.length && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
  const got = concat(...frames.filter((f) => f.kind === LIVE_FRAME_REPLY && f.messageId === done.message.id).map((f) => f.pcm));
  expect(Buffer.from(got).equals(Buffer.from(concat(...rec.responses[0]!.audio)))).toBe(true);
}

describe('a live session\'s MessagePort in Electron', () => {
  it('is handed to the page through the preload and carries the microphone in and the reply out', async () => {
    const live = liveEvents(t.core);
    const session = await must(t.call('live.start', { conversationId: null, mode: 'vad', vad: { silenceMs: 300 } }));
    await open(session.sessionId);
    expect(posted.at(-1)!.message).toEqual({ type: LIVE_PORT_MESSAGE, sessionId: session.sessionId });
    const port = posted.at(-1)!.port;
    const frames: LiveFrame[] = [];
    port.on('message', (data: Uint8Array) => frames.push(decodeLiveFrame(data)));

    await speakAndHear('Hello from Electron.', (frame) => port.postMessage(frame), frames, live);
    await must(t.call('live.end', { sessionId: session.sessionId }));
  });

  it('is refused to another frame, and for a session that is not open', async () => {
    frameOfSender = { ...mainFrame, url: 'https://evil.example/' };
    await expect(open('anything')).rejects.toMatchObject({ kind: 'internal', message: expect.stringMatching(/did not come from the Omni Desk window/) });
    frameOfSender = mainFrame;
    await expect(open('nosuchsession')).rejects.toMatchObject({ kind: 'not_found', message: 'That live voice session has ended. Start Live voice again.' } satisfies Partial<LivePortReply['error'] & object>);
  });

  it('reaches the page\'s bridge as a channel: the preload posts the port to the window, the renderer wraps it', async () => {
    // The window between the preload and the page: window.postMessage delivers later, as a task, with the ports.
    const pageListeners = new Set<Parameters<PortWindow['addEventListener']>[1]>();
    const pageWindow: PortWindow = {
      addEventListener: (_type, l) => void pageListeners.add(l),
      removeEventListener: (_type, l) => void pageListeners.delete(l),
    };
    const raw = createPreloadBridge({
      invoke: async () => ({ ok: false, error: { kind: 'internal', message: 'not used here', httpStatus: null, code: null, requestId: null, serverMessage: null } }),
      on: (channel, listener) => {
        if (channel === LIVE_PORT_CHANNEL) rendererListeners.push(listener as never);
      },
      send: (channel, ...args) => {
        expect(channel).toBe(LIVE_OPEN_CHANNEL);
        ipcMainListeners.get(channel)?.({ sender: webContents, senderFrame: mainFrame } as unknown as IpcMainEvent, ...structuredClone(args));
      },
    }, () => '', (message, ports) => {
      const data = structuredClone(message);
      setTimeout(() => {
        for (const l of [...pageListeners]) l({ data, ports: ports as never });
      }, 0);
    });
    const bridge = adoptPreloadBridge(raw, pageWindow);
    const live = liveEvents(t.core);
    const session = await must(t.call('live.start', { conversationId: null, mode: 'vad', vad: { silenceMs: 300 } }));
    const channel = await bridge.openLiveAudio(session.sessionId);
    expect(pageListeners.size).toBe(0); // the page stops listening once its port came
    const frames: LiveFrame[] = [];
    channel.onFrame((bytes) => frames.push(decodeLiveFrame(bytes)));

    await speakAndHear('Hello from the page in Electron.', (frame) => channel.send(frame), frames, live);
    await must(t.call('live.end', { sessionId: session.sessionId }));

    // A session that is not open: a BridgeError with the main process's sentence, and no listener left behind.
    const refused = await bridge.openLiveAudio(session.sessionId).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(BridgeError);
    expect((refused as BridgeError).info).toMatchObject({ kind: 'not_found', message: 'That live voice session has ended. Start Live voice again.' });
    expect(pageListeners.size).toBe(0);
    channel.close();
  });
});
