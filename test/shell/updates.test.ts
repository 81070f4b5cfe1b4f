// Updates of the packaged desktop app (electron/main/updates.ts): off until the user allows it, never in an
// unpackaged run, checks on a schedule once allowed, stops when turned off; followed from the real core's
// Settings. electron-updater itself needs Electron, so the updater here is a stand-in with its interface;
// what the release feed answers is electron-updater's job, not ours.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { autoUpdaterOf, createUpdateChecks, DOWNLOADED, followUpdateSetting, type UpdateChecks, type Updater } from '../../electron/main/updates';
import { startTestCore, type TestCore } from '../support/test-core';

/** Stands in for electron-updater's autoUpdater: records what is asked of it. */
class FakeUpdater implements Updater {
  autoDownload = false;
  autoInstallOnAppQuit = true;
  logger: Updater['logger'] = null;
  checks: Array<{ title: string; body: string } | undefined> = [];
  failNext = false;
  async checkForUpdatesAndNotify(n?: { title: string; body: string }): Promise<unknown> {
    this.checks.push(n);
    if (this.failNext) {
      this.failNext = false;
      throw new Error('net::ERR_INTERNET_DISCONNECTED');
    }
    return null;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let checks: UpdateChecks | null = null;
let testCore: TestCore | null = null;
let dir: string | null = null;

afterEach(async () => {
  checks?.stop();
  checks = null;
  await testCore?.close();
  testCore = null;
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = null;
});

function setUp(packaged: boolean) {
  const updater = new FakeUpdater();
  const log: string[] = [];
  let loads = 0;
  checks = createUpdateChecks({
    packaged,
    load: async () => {
      loads += 1;
      return updater;
    },
    log: (line) => log.push(line),
    firstCheckMs: 20,
    everyMs: 60,
  });
  return { updater, log, checks, loads: () => loads };
}

describe('update checks', () => {
  it('do nothing while the setting is off: electron-updater is not even loaded', async () => {
    const t = setUp(true);
    t.checks.apply({ checkForUpdates: false, language: 'en' });
    await sleep(150);
    expect(t.loads()).toBe(0);
    expect(t.updater.checks).toEqual([]);
  });

  it('never run in an app that is not installed, and say why once', async () => {
    const t = setUp(false);
    t.checks.apply({ checkForUpdates: true, language: 'en' });
    t.checks.apply({ checkForUpdates: true, language: 'zh-CN' });
    await sleep(150);
    expect(t.loads()).toBe(0);
    expect(t.log).toEqual(['updates: allowed, but this run is not an installed app: nothing to update']);
  });

  it('once allowed: download on their own, notify in the app language, install on quit, and check again later', async () => {
    const t = setUp(true);
    t.checks.apply({ checkForUpdates: true, language: 'zh-CN' });
    await expect.poll(() => t.updater.checks.length, { timeout: 2000 }).toBeGreaterThanOrEqual(2);
    expect(t.loads()).toBe(1);
    expect(t.updater.autoDownload).toBe(true);
    expect(t.updater.autoInstallOnAppQuit).toBe(true);
    expect(t.updater.checks[0]).toEqual(DOWNLOADED['zh-CN']);
    expect(DOWNLOADED['zh-CN'].title).toContain('{version}');
    // electron-updater's own log lines go to the app's log.
    t.updater.logger?.info('Checking for update');
    expect(t.log).toContain('updates: Checking for update');
  });

  it('stop when the user turns them off, and a downloaded update is then not installed on quit', async () => {
    const t = setUp(true);
    t.checks.apply({ checkForUpdates: true, language: 'en' });
    await expect.poll(() => t.updater.checks.length, { timeout: 2000 }).toBeGreaterThanOrEqual(1);
    t.checks.apply({ checkForUpdates: false, language: 'en' });
    expect(t.updater.autoInstallOnAppQuit).toBe(false);
    const made = t.updater.checks.length;
    await sleep(200);
    expect(t.updater.checks.length).toBe(made);
  });

  it('log a failed check and try again at the next one', async () => {
    const t = setUp(true);
    t.updater.failNext = true;
    t.checks.apply({ checkForUpdates: true, language: 'en' });
    await expect.poll(() => t.updater.checks.length, { timeout: 2000 }).toBeGreaterThanOrEqual(2);
    expect(t.log).toContain('updates: the check failed: net::ERR_INTERNET_DISCONNECTED');
  });

  it('follow the Settings of the real core: off by default, on once saved so', async () => {
    dir = await mkdtemp(join(tmpdir(), 'omni-updates-'));
    testCore = await startTestCore({ dataDir: dir });
    const seen: boolean[] = [];
    const fake: UpdateChecks = { apply: (s) => seen.push(s.checkForUpdates), stop: () => {} };
    await followUpdateSetting(testCore.core, fake, () => {});
    expect(seen).toEqual([false]);
    // The renderer's switch goes through the contract (dispatch → the wrapped handler).
    const r = await testCore.call('settings.update', { checkForUpdates: true });
    expect(r).toMatchObject({ ok: true, value: { checkForUpdates: true } });
    expect(seen).toEqual([false, true]);
    expect((await testCore.core.handlers['settings.get']({})).checkForUpdates).toBe(true);
  });
});

describe("electron-updater's autoUpdater", () => {
  it("is found on the module's default export, where Node puts a CommonJS getter", () => {
    const fixture = pathToFileURL(join(__dirname, 'fixtures/getter-export.cjs')).href;
    // Node's own import() of the module, as Electron's main process does it (not vitest's).
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', `const m = await import(${JSON.stringify(fixture)}); console.log(JSON.stringify({ named: m.autoUpdater ?? null, onDefault: m.default.autoUpdater }));`], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const seen = JSON.parse(r.stdout) as { named: unknown; onDefault: unknown };
    expect(seen).toEqual({ named: null, onDefault: { kind: 'the updater' } });
    const updater = new FakeUpdater();
    expect(autoUpdaterOf({ default: { autoUpdater: updater } })).toBe(updater);
    expect(autoUpdaterOf({ autoUpdater: updater })).toBe(updater);
    expect(() => autoUpdaterOf({})).toThrow(/no autoUpdater/);
  });
});
