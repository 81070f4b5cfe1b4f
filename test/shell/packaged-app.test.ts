// The installed app as `npm run dist` leaves it unpacked in dist/ (linux-unpacked, mac*/Omni Desk.app,
// win-unpacked): the fuses really flipped in its Electron binary, and the fused app starting from its
// app.asar far enough to open its history (the main process ran, better-sqlite3 loaded from
// app.asar.unpacked). Playwright cannot drive a binary whose --inspect fuse is off, so this is a plain
// process and a file; the window itself is checked by electron-smoke.test.ts on the unfused Electron.
// The release workflow runs it after `npm run dist`; where no packaged app exists (Electron's release is
// downloaded by electron-builder from GitHub) it is skipped and says why.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../electron/core/app-core';
import { PRODUCT_NAME } from '../../electron/core/paths';
import { ROOT } from '../support/build-app';

const DIST = join(ROOT, 'dist');

/** The packaged app's executable for this OS, or null. */
function packagedApp(): string | null {
  if (!existsSync(DIST)) return null;
  const dirs = readdirSync(DIST);
  if (process.platform === 'linux') {
    const d = dirs.find((x) => /^linux(-\w+)?-unpacked$/.test(x));
    return d ? join(DIST, d, 'omni-desk') : null;
  }
  if (process.platform === 'darwin') {
    const d = dirs.find((x) => /^mac(-\w+)?$/.test(x) && existsSync(join(DIST, x, `${PRODUCT_NAME}.app`)));
    return d ? join(DIST, d, `${PRODUCT_NAME}.app`, 'Contents', 'MacOS', PRODUCT_NAME) : null;
  }
  if (process.platform === 'win32') {
    const d = dirs.find((x) => /^win(-\w+)?-unpacked$/.test(x));
    return d ? join(DIST, d, `${PRODUCT_NAME}.exe`) : null;
  }
  return null;
}

const app = packagedApp();
// A real Electron is tens of megabytes; packaging.test.ts's stand-in is a few bytes.
const real = app !== null && existsSync(app) && statSync(app).size > 10_000_000;
// The start is tried on Linux, where XDG_CONFIG_HOME keeps the app's data in a temporary folder; macOS and
// Windows take the user's real application-data folder whatever the environment says.
const noStart =
  process.platform !== 'linux' ? 'its start is tried on Linux only, where its data folder can be a temporary one'
    : !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY ? 'no display (run it under xvfb-run)'
      : null;
const skipReason = !real
  ? "no packaged app in dist/ (`npm run dist` makes one; electron-builder downloads Electron's release from GitHub for it)"
  : null;
if (skipReason) console.log(`packaged-app skipped: ${skipReason}`);

describe.skipIf(skipReason !== null)(`the packaged app${skipReason ? ` — skipped: ${skipReason}` : ''}`, () => {
  it('has the fuses electron-builder.config.ts asks for in its Electron binary', async () => {
    // On macOS the wire is in the framework inside the bundle; @electron/fuses finds it from the .app.
    const target = process.platform === 'darwin' ? app!.replace(/\/Contents\/MacOS\/[^/]+$/, '') : app!;
    const wire = await getCurrentFuseWire(target);
    const state = (o: FuseV1Options) => String.fromCharCode(wire[o] as number);
    expect({
      runAsNode: state(FuseV1Options.RunAsNode),
      cookieEncryption: state(FuseV1Options.EnableCookieEncryption),
      nodeOptions: state(FuseV1Options.EnableNodeOptionsEnvironmentVariable),
      inspect: state(FuseV1Options.EnableNodeCliInspectArguments),
      asarIntegrity: state(FuseV1Options.EnableEmbeddedAsarIntegrityValidation),
      onlyAsar: state(FuseV1Options.OnlyLoadAppFromAsar),
      fileProtocol: state(FuseV1Options.GrantFileProtocolExtraPrivileges),
    }).toEqual({ runAsNode: '0', cookieEncryption: '1', nodeOptions: '0', inspect: '0', asarIntegrity: '1', onlyAsar: '1', fileProtocol: '0' });
  });

  it.skipIf(noStart !== null)(`starts from app.asar and opens its history${noStart ? ` — skipped: ${noStart}` : ''}`, async () => {
    const home = await mkdtemp(join(tmpdir(), 'omni-packaged-'));
    const userData = join(home, '.config', PRODUCT_NAME);
    const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), DASHSCOPE_API_KEY: '' };
    delete env.ELECTRON_RUN_AS_NODE;
    const child = spawn(app!, process.getuid?.() === 0 ? ['--no-sandbox'] : [], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    try {
      await expect.poll(() => existsSync(join(userData, DATABASE_FILE)) || child.exitCode !== null, { timeout: 60_000, interval: 250 }).toBe(true);
      expect(child.exitCode, `the app ended early:\n${output}`).toBeNull();
      expect(existsSync(join(userData, DATABASE_FILE))).toBe(true);
    } finally {
      child.kill();
      await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
      await rm(home, { recursive: true, force: true });
    }
  }, 90_000);
});
