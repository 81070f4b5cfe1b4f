// The desktop app itself, through Playwright's Electron driver, on a real display (Xvfb in CI): the
// things only Electron can show, checked in order on one app (relaunched once, for the saved key). The
// API is the DashScope stand-in, reached as a custom endpoint the test adds through the app itself.
//
// It launches npm's Electron on out/main/index.js, not a packaged binary: Playwright starts Electron with
// --inspect, which a fused build (EnableNodeCliInspectArguments off, issue 18) refuses. It needs Electron's
// binary (downloaded from GitHub by `node node_modules/electron/install.js`) and a display; where either is
// missing every step is skipped, and says why. What can run without the binary is tested elsewhere: the
// core, the preload and IPC logic (electron-ipc, voice-electron, saved-keys, context-menu…), the renderer
// in the browser shell (test/e2e).
//
// Each `it` is one check, in order, each building on the app as the previous one left it.
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { _electron as electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../electron/core/app-core';
import { createPreloadBridge } from '../../electron/preload/bridge';
import { image } from '../core/attachments/media';
import { speechWav } from '../core/attachments/recording-audio';
import { startStandin, type Standin } from '../standin';
import { electronBinary } from './support/electron-binary';

const root = path.resolve(__dirname, '../..');
const binary = electronBinary();
const noDisplay = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
const notBuilt = !existsSync(path.join(root, 'out/main/index.js'));
const skipReason = !binary
  ? "Electron's binary is not installed (node_modules/electron/dist is missing; `node node_modules/electron/install.js` fetches it)"
  : noDisplay
    ? 'no display to open a window on (set DISPLAY, e.g. run under xvfb-run)'
    : notBuilt
      ? 'out/main/index.js is not built (npm run build)'
      : null;
if (skipReason) console.log(`electron-smoke skipped: ${skipReason}`);

/** What the preload puts on window.omni: the bridge's own functions, read from the bridge itself. */
const PRELOAD_SURFACE = [...Object.keys(createPreloadBridge({ invoke: async () => ({ ok: true, value: null }), on: () => {} })), 'requestAudioChannel'].sort();

/** window.omni as the page sees it (a type only: page functions cannot close over test code). */
type PageOmni = { invoke(name: string, input: object): Promise<any> };

describe.skipIf(skipReason !== null)(`Electron shell${skipReason ? ` — skipped: ${skipReason}` : ''}`, () => {
  let home: string;
  let standin: Standin;
  let micWav: string;
  let picture: string;
  let app: ElectronApplication;
  let win: Page;
  let spokenReply = '';
  let endpointId = '';

  const dataDir = () => path.join(home, '.config', 'Omni Desk');

  async function launch(): Promise<void> {
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== 'ELECTRON_RENDERER_URL') env[k] = v;
    // userData goes under XDG_CONFIG_HOME / HOME: keep the test out of the real profile.
    Object.assign(env, { HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), DASHSCOPE_API_KEY: '' });
    const args = [
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      // A fake microphone that says something (Chromium's switches work in Electron).
      '--use-fake-device-for-media-stream', `--use-file-for-fake-audio-capture=${micWav}`,
      path.join(root, 'out/main/index.js'),
    ];
    app = await electron.launch({ executablePath: binary!, args, cwd: root, env, timeout: 60_000 });
    win = await app.firstWindow();
    await win.getByRole('textbox', { name: 'Message' }).waitFor({ timeout: 30_000 });
  }

  const invoke = (name: string, input: object) =>
    win.evaluate(([n, i]) => (globalThis as unknown as { omni: PageOmni }).omni.invoke(n as string, i as object), [name, input] as const);

  const chip = (name: string) => win.getByRole('group', { name: `Attachment: ${name}` });

  beforeAll(async () => {
    home = await mkdtemp(path.join(tmpdir(), 'omni-electron-'));
    standin = await startStandin({ scenario: { realtime: false, audioSeconds: 3 } });
    micWav = await speechWav(home, 'mic.wav', 'What is the weather like today?', 1);
    picture = await image(home, 'picture.png');
    await launch();
    // The stand-in as a custom endpoint, added through the app (Electron's main has no --base-url).
    const endpoint = await invoke('endpoints.add', { name: 'Stand-in', baseUrl: standin.baseUrl, models: ['qwen3-omni-flash'], key: standin.apiKey });
    endpointId = endpoint.id;
    await invoke('settings.update', { region: endpointId });
  }, 180_000);

  afterAll(async () => {
    await app?.close().catch(() => {});
    await standin?.close();
    if (home) await rm(home, { recursive: true, force: true });
  });

  it('opens its window on app://omni/ with the composer', async () => {
    expect(win.url()).toMatch(/^app:\/\/omni\//);
    expect(await win.getByRole('button', { name: 'Send' }).count()).toBe(1);
  });

  it(`gives the page window.omni with exactly the preload's functions (${PRELOAD_SURFACE.join(', ')})`, async () => {
    expect(PRELOAD_SURFACE).toEqual(['attachFiles', 'invoke', 'on']);
    const exposed = await win.evaluate(() => {
      const g = globalThis as unknown as { omni?: Record<string, unknown> };
      return { omni: Object.keys(g.omni ?? {}).sort(), kinds: Object.values(g.omni ?? {}).map((v) => typeof v) };
    });
    expect(exposed).toEqual({ omni: PRELOAD_SURFACE, kinds: PRELOAD_SURFACE.map(() => 'function') });
    expect(await invoke('app.info', {})).toMatchObject({ name: 'Omni Desk', shell: 'electron' });
  });

  it('has no require or process in the page, and a secure context', async () => {
    const seen = await win.evaluate(() => {
      const g = globalThis as unknown as { require?: unknown; process?: unknown; isSecureContext: boolean };
      return { require: typeof g.require, process: typeof g.process, secure: g.isSecureContext };
    });
    expect(seen).toEqual({ require: 'undefined', process: 'undefined', secure: true });
  });

  it("answers a Range request for a reply's WAV with 206, and its audio seeks", async () => {
    const sent = await invoke('chat.send', { conversationId: null, text: 'Say something, please.', attachmentIds: [], options: { speakReplies: true } });
    spokenReply = sent.assistantMessage.id;
    await expect.poll(async () => {
      const detail = await invoke('conversations.get', { id: sent.conversationId });
      return detail.messages.find((m: { id: string }) => m.id === spokenReply)?.status;
    }, { timeout: 30_000 }).toBe('complete');
    const range = await win.evaluate(async (id) => {
      const res = await fetch(`app://omni/reply/${id}.wav`, { headers: { Range: 'bytes=0-99' } });
      return { status: res.status, contentRange: res.headers.get('content-range'), bytes: (await res.arrayBuffer()).byteLength };
    }, spokenReply);
    expect(range).toMatchObject({ status: 206, contentRange: expect.stringMatching(/^bytes 0-99\/\d+$/), bytes: 100 });
    const seeked = await win.evaluate(async (id) => {
      const g = globalThis as any;
      const audio = new g.Audio(`app://omni/reply/${id}.wav`);
      await new Promise((resolve, reject) => {
        audio.addEventListener('loadedmetadata', resolve, { once: true });
        audio.addEventListener('error', () => reject(new Error('the WAV did not load')), { once: true });
      });
      audio.currentTime = 2;
      await new Promise((resolve) => audio.addEventListener('seeked', resolve, { once: true }));
      return { duration: audio.duration, at: audio.currentTime };
    }, spokenReply);
    expect(seeked.duration).toBeGreaterThan(2.5);
    expect(seeked.at).toBeCloseTo(2, 1);
  });

  it('loads the AudioWorklet that plays replies live', async () => {
    const loaded = await win.evaluate(async () => {
      const g = globalThis as any;
      const ctx = new g.AudioContext();
      try {
        await ctx.audioWorklet.addModule('./pcm-player.worklet.js');
        return 'loaded';
      } catch (err) {
        return String(err);
      } finally {
        await ctx.close();
      }
    });
    expect(loaded).toBe('loaded');
  });

  it('records from the (fake) microphone into a chip, and refuses the camera', async () => {
    await win.getByRole('button', { name: 'New conversation' }).click();
    await win.getByRole('button', { name: 'Record', exact: true }).click();
    await win.waitForTimeout(1500);
    await win.getByRole('button', { name: 'Stop recording' }).click();
    await win.getByRole('group', { name: /^Attachment: Recording / }).getByText('Ready to send').waitFor({ timeout: 30_000 });
    const camera = await win.evaluate(async () => {
      try {
        const s = await (globalThis as any).navigator.mediaDevices.getUserMedia({ video: true });
        s.getTracks().forEach((t: any) => t.stop());
        return 'granted';
      } catch (err) {
        return (err as { name?: string }).name ?? String(err);
      }
    });
    expect(camera).toBe('NotAllowedError');
    await win.getByRole('group', { name: /^Attachment: Recording / }).getByRole('button', { name: /Remove/ }).click();
  });

  it('attaches a file chosen through the file input (its path, through webUtils)', async () => {
    await win.locator('input[type=file]').setInputFiles(picture);
    await chip('picture.png').getByText('Ready to send').waitFor({ timeout: 30_000 });
    await chip('picture.png').getByRole('button', { name: /Remove/ }).click();
  });

  it('attaches a pasted in-memory image (no path: its bytes go to the main process)', async () => {
    const b64 = (await import('node:fs')).readFileSync(picture).toString('base64');
    await win.getByRole('textbox', { name: 'Message' }).evaluate((el, data) => {
      const g = globalThis as any;
      const dt = new g.DataTransfer();
      dt.items.add(new g.File([Uint8Array.from(g.atob(data), (c: string) => c.charCodeAt(0))], 'image.png', { type: 'image/png' }));
      el.dispatchEvent(new g.ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    }, b64);
    await chip('image.png').getByText('Ready to send').waitFor({ timeout: 30_000 });
    await chip('image.png').getByRole('button', { name: /Remove/ }).click();
  });

  it('keeps a saved API key across a relaunch (safeStorage)', async () => {
    // The stand-in's key was saved with the endpoint; a second one for Singapore, saved now.
    expect(await invoke('key.set', { region: 'intl', key: 'sk-smoke-test-0123456789' })).toMatchObject({ source: 'stored', canPersist: true });
    await app.close();
    await launch();
    expect(await invoke('key.status', { region: 'intl' })).toMatchObject({ source: 'stored' });
    // And it decrypts: the stand-in accepts only its own key.
    standin.requests.length = 0;
    expect(await invoke('connection.test', { region: endpointId })).toMatchObject({ ok: true });
    expect(standin.requests.at(-1)?.headers.authorization).toBe(`Bearer ${standin.apiKey}`);
  });

  it('opens its own context menu on a text field', async () => {
    await app.evaluate(({ Menu }) => {
      const g = globalThis as any;
      g.__menus = [];
      Menu.prototype.popup = function popup(this: { items: Array<{ label: string; type: string }> }) {
        g.__menus.push(this.items.map((i) => (i.type === 'separator' ? '—' : i.label)));
      };
    });
    const box = win.getByRole('textbox', { name: 'Message' });
    await box.fill('hello there');
    await box.click({ button: 'right' });
    await expect.poll(() => app.evaluate(() => (globalThis as any).__menus as string[][]), { timeout: 10_000 }).toContainEqual(
      expect.arrayContaining(['Cut', 'Copy', 'Paste', 'Select all']),
    );
    await box.fill('');
  });

  it('closing the window leaves no reply marked streaming', async () => {
    standin.setScenario({ stallAfterChunks: 4 });
    const sent = await invoke('chat.send', { conversationId: null, text: 'A reply that will not finish.', attachmentIds: [], options: { speakReplies: false } });
    await expect.poll(async () => {
      const detail = await invoke('conversations.get', { id: sent.conversationId });
      return detail.messages.find((m: { id: string; text: string }) => m.id === sent.assistantMessage.id)?.text.length ?? 0;
    }, { timeout: 30_000 }).toBeGreaterThan(0);
    const exited = new Promise((resolve) => app.process().once('exit', resolve));
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.close());
    await exited;
    const db = new Database(path.join(dataDir(), DATABASE_FILE), { readonly: true });
    try {
      expect(db.prepare("SELECT count(*) FROM messages WHERE status = 'streaming'").pluck().get()).toBe(0);
      expect(db.prepare('SELECT status FROM messages WHERE id = ?').pluck().get(sent.assistantMessage.id)).toBe('interrupted');
    } finally {
      db.close();
    }
  });
});
