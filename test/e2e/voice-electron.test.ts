// Voice in on the Electron shell's side, without the Electron binary: the session's permission handlers
// (electron/main/security.ts) give the microphone — and besides it only a video's fullscreen button — to
// the app's own page, and a
// recording's bytes cross the preload bridge and bindIpc (structured-cloned both ways, as Electron does)
// into the real core, where they become an attachment. Only Electron's own objects are stand-ins.
import { readFile, rm, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IpcMain, IpcMainInvokeEvent, Session, BrowserWindow } from 'electron';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// security.ts imports `shell` to open web links; nothing here opens one.
vi.mock('electron', () => ({ shell: { openExternal: vi.fn() } }));

const { hardenSession } = await import('../../electron/main/security');
const { appOrigin } = await import('../../electron/main/origin');
const { bindIpc } = await import('../../electron/main/ipc');
const { createPreloadBridge } = await import('../../electron/preload/bridge');
const { INVOKE_CHANNEL, EVENT_CHANNEL } = await import('../../electron/shells-common/ipc-channels');
const { adoptPreloadBridge } = await import('../../renderer/bridge/electron');
const { makeFixture } = await import('../shell/support/fixture');
const { speechWav, webmOpus } = await import('../core/attachments/recording-audio');

type RequestHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void, details: Record<string, unknown>) => void;
type CheckHandler = (contents: unknown, permission: string, requestingOrigin: string, details: Record<string, unknown>) => boolean;

const app = appOrigin(undefined);

describe('Electron: the microphone for the app page only', () => {
  let onRequest: RequestHandler;
  let onCheck: CheckHandler;
  let onDevice: () => boolean;
  beforeAll(() => {
    const session = {
      setPermissionRequestHandler: (h: RequestHandler) => (onRequest = h),
      setPermissionCheckHandler: (h: CheckHandler) => (onCheck = h),
      setDevicePermissionHandler: (h: () => boolean) => (onDevice = h),
    } as unknown as Session;
    hardenSession(session, app);
  });

  const ask = (permission: string, details: Record<string, unknown>) => {
    let granted: boolean | null = null;
    onRequest({}, permission, (g) => (granted = g), details);
    return granted;
  };
  const page = { isMainFrame: true, requestingUrl: 'app://omni/#/' };

  it('grants getUserMedia({audio}) to the app page', () => {
    expect(ask('media', { ...page, mediaTypes: ['audio'] })).toBe(true);
    expect(onCheck({}, 'media', 'app://omni', { mediaType: 'audio' })).toBe(true);
  });

  it('refuses the camera, a subframe, another origin, and every other permission', () => {
    expect(ask('media', { ...page, mediaTypes: ['video'] })).toBe(false);
    expect(ask('media', { ...page, mediaTypes: ['audio', 'video'] })).toBe(false);
    expect(ask('media', { ...page, mediaTypes: [] })).toBe(false);
    expect(ask('media', { ...page, isMainFrame: false, mediaTypes: ['audio'] })).toBe(false);
    expect(ask('media', { isMainFrame: true, requestingUrl: 'https://evil.example/', mediaTypes: ['audio'] })).toBe(false);
    for (const p of ['geolocation', 'notifications', 'clipboard-read', 'midi', 'display-capture', 'openExternal']) expect(ask(p, page), p).toBe(false);
    expect(onCheck({}, 'media', 'app://omni', { mediaType: 'video' })).toBe(false);
    expect(onCheck({}, 'media', 'https://evil.example', { mediaType: 'audio' })).toBe(false);
    expect(onDevice()).toBe(false);
  });
});

describe('Electron: fullscreen for the app page only', () => {
  let onRequest: RequestHandler;
  let onCheck: CheckHandler;
  beforeAll(() => {
    hardenSession({
      setPermissionRequestHandler: (h: RequestHandler) => (onRequest = h),
      setPermissionCheckHandler: (h: CheckHandler) => (onCheck = h),
      setDevicePermissionHandler: () => {},
    } as unknown as Session, app);
  });
  const ask = (details: Record<string, unknown>) => {
    let granted: boolean | null = null;
    onRequest({}, 'fullscreen', (g) => (granted = g), details);
    return granted;
  };

  it("grants a video's fullscreen button to the app page, not to a subframe or another origin", () => {
    expect(ask({ isMainFrame: true, requestingUrl: 'app://omni/#/c/1' })).toBe(true);
    expect(onCheck({}, 'fullscreen', 'app://omni', { isMainFrame: true })).toBe(true);
    expect(ask({ isMainFrame: false, requestingUrl: 'app://omni/' })).toBe(false);
    expect(ask({ isMainFrame: true, requestingUrl: 'https://evil.example/' })).toBe(false);
    expect(onCheck({}, 'fullscreen', 'app://omni', { isMainFrame: false })).toBe(false);
    expect(onCheck({}, 'fullscreen', 'https://evil.example', { isMainFrame: true })).toBe(false);
    // Going fullscreen without a click stays refused.
    expect((() => {
      let granted: boolean | null = null;
      onRequest({}, 'automatic-fullscreen', (g) => (granted = g), { isMainFrame: true, requestingUrl: 'app://omni/' });
      return granted;
    })()).toBe(false);
    expect(onCheck({}, 'automatic-fullscreen', 'app://omni', { isMainFrame: true })).toBe(false);
  });
});

describe('Electron: a recording crosses the preload and IPC into the core', () => {
  let fx: Awaited<ReturnType<typeof makeFixture>>;
  let dir: string;
  let invoke: (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;
  const mainFrame = { url: 'app://omni/#/', parent: null, frameToken: 'main-token', processId: 4 };
  const webContents = { mainFrame, isDestroyed: () => false, send: () => {} };
  const win = { isDestroyed: () => false, webContents } as unknown as BrowserWindow;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'omni-voice-electron-'));
    fx = await makeFixture();
    const ipcMain = {
      handle: (channel: string, fn: typeof invoke) => {
        if (channel === INVOKE_CHANNEL) invoke = fn;
      },
      removeHandler: () => {},
    } as unknown as IpcMain;
    bindIpc({ ipcMain, core: fx.core, window: () => win, app, log: () => {} });
  }, 60_000);

  afterAll(async () => {
    await fx?.dispose();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('attachments.addRecording: the bytes arrive whole and are prepared like a dropped file', async () => {
    const webm = new Uint8Array(await readFile(await webmOpus(dir, await speechWav(dir, 'q', 'How far away is the Moon?', 0.3))));
    const bridge = adoptPreloadBridge(createPreloadBridge({
      invoke: async (channel, ...args) => structuredClone(await invoke({ sender: webContents, senderFrame: mainFrame } as unknown as IpcMainInvokeEvent, ...structuredClone(args))),
      on: (channel) => expect(channel).toBe(EVENT_CHANNEL),
    }));
    const view = await bridge.invoke('attachments.addRecording', { name: 'Recording 09-00-00.webm', mimeType: 'audio/webm;codecs=opus', bytes: webm });
    expect(view.name).toBe('Recording 09-00-00.webm');
    const settled = await fx.core.attachmentSettled(view.id);
    expect(settled?.state).toBe('ready');
    expect(settled?.found).toMatch(/^Audio \(WebM\)/);
    // A schema refusal reaches the page as a BridgeError saying what to do.
    await expect(bridge.invoke('attachments.addRecording', { name: 'Recording.webm', mimeType: 'audio/webm', bytes: new Uint8Array(0) }))
      .rejects.toMatchObject({ info: { kind: 'invalid_input', message: expect.stringMatching(/empty\. Record again/) } });
    await bridge.invoke('attachments.remove', { id: view.id });
  }, 60_000);
});
