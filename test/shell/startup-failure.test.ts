// A desktop start that fails says so in a dialog (electron/main/startup-failure.ts) in the core's words
// (electron/core/startup-failure.ts), for real failures of
// the real core: a history written by a newer version, a read-only data folder (a read-only tmpfs), a full
// disk (a tiny tmpfs filled up). Mounting needs root, as the tests run here; elsewhere those two skip and
// say why. The dialog's loop runs against a stand-in for Electron's dialog and shell.
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCore, DATABASE_FILE } from '../../electron/core/app-core';
import { describeStartupFailure } from '../../electron/core/startup-failure';
import { showStartupFailure, startupLanguage, type StartupDialogDeps } from '../../electron/main/startup-failure';

/** As the desktop app's failedToStart() asks the core (electron/main/index.ts). */
const electron = (lang: 'en' | 'zh-CN') => ({ shell: 'electron', lang }) as const;

const dirs: string[] = [];
const mounts: string[] = [];
afterAll(async () => {
  for (const m of mounts) execFileSync('umount', [m]);
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function tempDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'omni-startfail-'));
  dirs.push(d);
  return d;
}

/** A tmpfs of `size` at a new folder, or why one cannot be mounted here. */
async function tmpfs(options: string): Promise<string> {
  const at = await tempDir();
  execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', at], { stdio: 'pipe' });
  mounts.push(at);
  return at;
}

let canMount: string | null = null;
try {
  const probe = await tmpfs('size=64k');
  execFileSync('umount', [probe]);
  mounts.splice(mounts.indexOf(probe), 1);
} catch (err) {
  canMount = `mounting a tmpfs is not allowed here (${String((err as Error).message).split('\n')[0]}); run the tests as root`;
  console.log(`startup-failure: read-only and full-disk cases skipped: ${canMount}`);
}

async function startFailure(dataDir: string): Promise<unknown> {
  try {
    const core = await createCore({ dataDir, shell: 'electron', version: '0.0.0-test', envKey: null, cipher: null });
    await core.close();
  } catch (err) {
    return err;
  }
  throw new Error(`the core started on ${dataDir}`);
}

describe('what the startup dialog says', () => {
  it('a history from a newer version: update the app; nothing changed', async () => {
    const dataDir = await tempDir();
    // A real history, then marked as a newer app's would be.
    await (await createCore({ dataDir, shell: 'electron', version: '0.0.0-test', envKey: null, cipher: null })).close();
    const db = new Database(join(dataDir, DATABASE_FILE));
    db.pragma('user_version = 999');
    db.close();
    const err = await startFailure(dataDir);
    expect(describeStartupFailure(err, dataDir, electron('en'))).toEqual({
      title: 'This history needs a newer Omni Desk',
      message: expect.stringMatching(new RegExp(`^Your conversations in ${join(dataDir, DATABASE_FILE).replace(/[.]/g, '\\.')} were saved by a newer version of Omni Desk \\(history version 999; this one reads up to \\d+\\)\\. Nothing was changed\\. Install the latest Omni Desk`)),
      dataDir,
    });
    expect(describeStartupFailure(err, dataDir, electron('zh-CN'))).toMatchObject({ title: '这份历史记录需要更新版本的 Omni Desk', message: expect.stringMatching(/历史记录版本 999.*请安装最新版/) });
  });

  it.skipIf(canMount !== null)('a read-only data folder: make it writable, then start again', async () => {
    const ro = await tmpfs('size=64k,ro');
    const dataDir = join(ro, 'Omni Desk');
    const err = await startFailure(dataDir);
    const failure = describeStartupFailure(err, dataDir, electron('en'));
    expect(failure.title, String(err)).toBe('Omni Desk cannot write to its data folder');
    expect(failure.message).toMatch(new RegExp(`^${dataDir} is read-only or belongs to another user \\((EROFS|EACCES|SQLITE_\\w+)\\).*Make the folder writable`));
    expect(failure.dataDir).toBe(dataDir);
    expect(describeStartupFailure(err, dataDir, electron('zh-CN')).message).toMatch(/是只读的或属于其他用户/);
  });

  it.skipIf(canMount !== null)('a full disk: free some space, then start again', async () => {
    const small = await tmpfs('size=256k');
    const dataDir = join(small, 'Omni Desk');
    mkdirSync(dataDir);
    // Fill what is left, so the history cannot be created.
    try {
      for (let i = 0; i < 1000; i++) writeFileSync(join(small, `filler-${i}`), Buffer.alloc(16 * 1024));
    } catch (err) {
      expect((err as NodeJS.ErrnoException).code).toBe('ENOSPC');
    }
    const err = await startFailure(dataDir);
    const failure = describeStartupFailure(err, dataDir, electron('en'));
    expect(failure.title, String(err)).toBe('The disk is full');
    expect(failure.message).toBe(`Omni Desk could not write to ${dataDir}: no space is left on that disk. Nothing was lost. Free some space (empty the trash, remove large files), then start Omni Desk again.`);
  });

  it('anything else: what happened, that nothing changed, and to start again', () => {
    const failure = describeStartupFailure(new Error('The Electron window could not be created'), '/home/u/.config/Omni Desk', electron('en'));
    expect(failure).toEqual({
      title: 'Omni Desk could not start',
      message: 'The Electron window could not be created. Your conversations in /home/u/.config/Omni Desk were not changed. Start Omni Desk again; if this keeps happening, report it with this message.',
      dataDir: '/home/u/.config/Omni Desk',
    });
  });

  it('speaks the system language: Chinese for a zh locale, English otherwise', () => {
    expect(startupLanguage(['zh-CN', 'en-US'])).toBe('zh-CN');
    expect(startupLanguage(['zh-Hans-CN'])).toBe('zh-CN');
    expect(startupLanguage(['en-GB', 'zh-CN'])).toBe('en');
    expect(startupLanguage([])).toBe('en');
  });
});

describe('the startup dialog', () => {
  function fakeElectron(responses: number[], lang: 'en' | 'zh-CN' = 'en') {
    const shown: Array<{ message: string; detail: string; buttons: string[]; cancelId: number }> = [];
    const opened: string[] = [];
    const deps: StartupDialogDeps = {
      lang,
      showMessageBox: async (o) => {
        shown.push(o);
        return { response: responses.shift() ?? o.cancelId };
      },
      openPath: async (p) => {
        opened.push(p);
        return '';
      },
    };
    return { deps, shown, opened };
  }

  it('Open data folder opens it and keeps the dialog up; Quit ends it', async () => {
    const dataDir = await tempDir();
    const { deps, shown, opened } = fakeElectron([0, 1]);
    await showStartupFailure({ title: 'The disk is full', message: 'Free some space.', dataDir }, deps);
    expect(opened).toEqual([dataDir]);
    expect(shown).toHaveLength(2);
    expect(shown[0]).toMatchObject({ message: 'The disk is full', detail: `Free some space.\n\nData folder: ${dataDir}`, buttons: ['Open data folder', 'Quit'], cancelId: 1 });
  });

  it('a data folder that does not exist yet opens the nearest folder above it; in Chinese', async () => {
    const parent = await tempDir();
    const { deps, opened, shown } = fakeElectron([0, 1], 'zh-CN');
    await showStartupFailure({ title: 't', message: 'm', dataDir: join(parent, 'not', 'made') }, deps);
    expect(opened).toEqual([parent]);
    expect(shown[0]!.buttons).toEqual(['打开数据文件夹', '退出']);
    expect(shown[0]!.detail).toContain('数据文件夹：');
  });

  it('without a folder there is only Quit', async () => {
    const { deps, shown, opened } = fakeElectron([0]);
    await showStartupFailure({ title: 't', message: 'm', dataDir: null }, deps);
    expect(shown.map((s) => s.buttons)).toEqual([['Quit']]);
    expect(opened).toEqual([]);
  });
});
