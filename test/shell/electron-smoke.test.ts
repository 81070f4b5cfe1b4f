// The desktop app itself, through Playwright's Electron driver: it starts, shows the composer, and the
// page sees window.omni with invoke/on and nothing else. It needs Electron's binary (downloaded from
// GitHub by the electron package) and a display; where either is missing it is skipped, and says why.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { _electron as electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';
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

describe('Electron shell', () => {
  it.skipIf(skipReason !== null)(
    `opens the window with the composer, and exposes only invoke/on${skipReason ? ` — skipped: ${skipReason}` : ''}`,
    async () => {
      const home = await mkdtemp(path.join(tmpdir(), 'omni-electron-'));
      const env: Record<string, string> = {};
      for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== 'ELECTRON_RENDERER_URL') env[k] = v;
      // userData goes under XDG_CONFIG_HOME / HOME: keep the test out of the real profile.
      Object.assign(env, { HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), DASHSCOPE_API_KEY: '' });
      const args = [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), root];
      const app = await electron.launch({ executablePath: binary!, args, cwd: root, env });
      try {
        const win = await app.firstWindow();
        expect(win.url()).toMatch(/^app:\/\/omni\//);
        await win.getByRole('textbox', { name: 'Message' }).waitFor();
        expect(await win.getByRole('button', { name: 'Send' }).count()).toBe(1);
        const exposed = await win.evaluate(() => ({
          omni: Object.keys((globalThis as unknown as { omni?: object }).omni ?? {}).sort(),
          require: typeof (globalThis as unknown as { require?: unknown }).require,
          process: typeof (globalThis as unknown as { process?: unknown }).process,
        }));
        expect(exposed).toEqual({ omni: ['invoke', 'on'], require: 'undefined', process: 'undefined' });
        const info = await win.evaluate(() => (globalThis as unknown as { omni: { invoke(n: string, i: object): Promise<unknown> } }).omni.invoke('app.info', {}));
        expect(info).toMatchObject({ name: 'Omni Desk', shell: 'electron' });
      } finally {
        await app.close();
        await rm(home, { recursive: true, force: true });
      }
    },
  );
});
