// The desktop app itself, through Playwright's Electron driver: it starts, shows the composer, and the page
// sees window.omni with exactly what the preload builds (electron/preload/bridge.ts) and nothing of Node.
// It needs Electron's binary (downloaded from GitHub by the electron package) and a display; where either is
// missing every step is skipped, and says why.
//
// One app is started for the file and each `it` is one check of it, in order, none changing what the next
// one sees: add a check as another `it` below.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { _electron as electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPreloadBridge } from '../../electron/preload/bridge';
import { electronBinary } from './support/electron-binary';

const root = path.resolve(__dirname, '../..');
const binary = electronBinary();
const noDisplay = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
const skipReason = !binary
  ? "Electron's binary is not installed (node_modules/electron/dist is missing; `node node_modules/electron/install.js` fetches it)"
  : noDisplay
    ? 'no display to open a window on (set DISPLAY, e.g. run under xvfb-run)'
    : null;
if (skipReason) console.log(`electron-smoke skipped: ${skipReason}`);

/** What the preload puts on window.omni: the bridge's own functions, read from the bridge itself. */
const PRELOAD_SURFACE = Object.keys(createPreloadBridge({ invoke: async () => ({ ok: true, value: null }), on: () => {} })).sort();

/** window.omni as the page sees it (a type only: page functions cannot close over test code). */
type PageOmni = { invoke(name: string, input: object): Promise<unknown> };

describe.skipIf(skipReason !== null)(`Electron shell${skipReason ? ` — skipped: ${skipReason}` : ''}`, () => {
  let home: string;
  let app: ElectronApplication;
  let win: Page;

  beforeAll(async () => {
    home = await mkdtemp(path.join(tmpdir(), 'omni-electron-'));
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== 'ELECTRON_RENDERER_URL') env[k] = v;
    // userData goes under XDG_CONFIG_HOME / HOME: keep the test out of the real profile.
    Object.assign(env, { HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), DASHSCOPE_API_KEY: '' });
    const args = [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), root];
    app = await electron.launch({ executablePath: binary!, args, cwd: root, env });
    win = await app.firstWindow();
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    if (home) await rm(home, { recursive: true, force: true });
  });

  it('opens its window on app://omni/ with the composer', async () => {
    expect(win.url()).toMatch(/^app:\/\/omni\//);
    await win.getByRole('textbox', { name: 'Message' }).waitFor();
    expect(await win.getByRole('button', { name: 'Send' }).count()).toBe(1);
  });

  it(`gives the page window.omni with exactly the preload's functions (${PRELOAD_SURFACE.join(', ')}), and no Node`, async () => {
    expect(PRELOAD_SURFACE).toEqual(['attachFiles', 'invoke', 'on']);
    const exposed = await win.evaluate(() => {
      const g = globalThis as unknown as { omni?: Record<string, unknown>; require?: unknown; process?: unknown };
      return {
        omni: Object.keys(g.omni ?? {}).sort(),
        kinds: Object.values(g.omni ?? {}).map((v) => typeof v),
        require: typeof g.require,
        process: typeof g.process,
      };
    });
    expect(exposed).toEqual({
      omni: PRELOAD_SURFACE, kinds: PRELOAD_SURFACE.map(() => 'function'), require: 'undefined', process: 'undefined',
    });
  });

  it('answers invoke from the core in the main process', async () => {
    const info = await win.evaluate(() => (globalThis as unknown as { omni: PageOmni }).omni.invoke('app.info', {}));
    expect(info).toMatchObject({ name: 'Omni Desk', shell: 'electron' });
  });
});
