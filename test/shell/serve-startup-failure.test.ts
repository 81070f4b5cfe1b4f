// Starting on a data folder that cannot be used, for real: a small tmpfs remounted read-only, or filled to
// its last page (the tests run as root; elsewhere a folder without write permission stands in, and what
// needs a mount is skipped with the printed reason). `npm run serve` prints one line that names the
// folder, what is wrong and what to do (free space, --data-dir, permissions), and exits 1 with no stack
// trace; the desktop app's dialog gets the same from the core as {title, message, dataDir}
// (test/shell/startup-failure.test.ts has the dialog's cases).
import { spawn } from 'node:child_process';
import { chmod, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/app-core';
import { describeStartupFailure } from '../../electron/core/startup-failure';
import { fillableDisk, type FillableDisk } from '../support/small-disk';

const root = path.resolve(__dirname, '../..');
let disk: FillableDisk | null = null;

afterEach(async () => {
  if (disk) await chmod(disk.dataDir, 0o755).catch(() => {});
  await disk?.close();
  disk = null;
});

/**
 * `npm run serve -- --data-dir DIR` until it exits: its code, stdout and stderr. `as`: a command that runs
 * it as another user (that user cannot build: the built out/main/serve.js is run, as the script would).
 */
function serveOn(dataDir: string, as: string[] = []): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const script = as.length > 0 ? path.join(root, 'out/main/serve.js') : path.join(root, 'scripts/serve.mjs');
    const [cmd, ...args] = [...as, process.execPath, script, '--port', '0', '--data-dir', dataDir];
    const child = spawn(cmd!, args, {
      cwd: root, env: { ...process.env, DASHSCOPE_API_KEY: '', HOME: as.length > 0 ? '/tmp' : process.env.HOME }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.on('error', (err) => resolve({ code: null, stdout: '', stderr: String(err) }));
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // A server that started after all would print its URL: end it, the test then fails on the exit code.
    const stop = setInterval(() => stdout.includes('\n') && child.kill('SIGTERM'), 50);
    child.on('exit', (code) => {
      clearInterval(stop);
      resolve({ code, stdout, stderr });
    });
  });
}

/** The one line `serve` printed about the data folder (a build's output may come before it). */
function refusal(stderr: string): string {
  const lines = stderr.trim().split('\n').filter((l) => l.startsWith('omni-desk serve:'));
  expect(lines, stderr).toHaveLength(1);
  expect(stderr).not.toMatch(/^\s+at /m);
  expect(stderr).not.toMatch(/SQLITE_|SqliteError|ENOSPC/);
  return lines[0]!;
}

async function smallDisk(): Promise<FillableDisk | null> {
  disk = await fillableDisk('omni-start-');
  if (disk.how === 'tmpfs') return disk;
  console.log(`skipped: ${disk.noMountReason}`);
  return null;
}

describe('npm run serve on a data folder it cannot use', () => {
  it('a read-only disk, a new folder there: one sentence naming it, what to do, exit 1', async () => {
    const d = await smallDisk();
    if (!d) return;
    d.readOnly();
    for (const dataDir of [d.dataDir, path.join(d.dataDir, 'not-yet')]) {
      const run = await serveOn(dataDir);
      expect(run.code, run.stderr).toBe(1);
      expect(run.stdout).toBe('');
      const line = refusal(run.stderr);
      expect(line).toBe(`omni-desk serve: ${dataDir} is read-only or belongs to another user (EROFS), and Omni Desk keeps your conversations there. Make the folder writable for your user account (or move it back to a writable disk), or start Omni Desk with --data-dir on a folder you can write to, then start Omni Desk again.`);
    }
  });

  it('a read-only disk holding an existing history', async () => {
    const d = await smallDisk();
    if (!d) return;
    const core = await createCore({ dataDir: d.dataDir, shell: 'web', version: 'test' });
    await core.close();
    d.readOnly();
    const run = await serveOn(d.dataDir);
    expect(run.code, run.stderr).toBe(1);
    expect(refusal(run.stderr)).toMatch(new RegExp(`: ${d.dataDir} is read-only or belongs to another user \\(EROFS\\).*--data-dir`));
  });

  it('a full disk: says so, names the folder, and to free space or use --data-dir', async () => {
    const d = await smallDisk();
    if (!d) return;
    await d.fill();
    for (const dataDir of [d.dataDir, path.join(d.dataDir, 'new')]) {
      const run = await serveOn(dataDir);
      expect(run.code, run.stderr).toBe(1);
      expect(refusal(run.stderr)).toBe(`omni-desk serve: Omni Desk could not write to ${dataDir}: no space is left on that disk. Nothing was lost. Free some space (empty the trash, remove large files), or start Omni Desk with --data-dir on another disk, then start Omni Desk again.`);
    }
  });

  it('a folder the user may not write in', async () => {
    disk = await fillableDisk('omni-start-perm-');
    const dataDir = path.join(disk.dataDir, 'locked');
    await mkdir(dataDir);
    await chmod(dataDir, 0o555);
    let run;
    if (process.getuid?.() === 0) {
      // root writes anywhere: the server runs as nobody, for whom the folder is locked.
      for (let at = disk.dataDir; at !== path.dirname(at); at = path.dirname(at)) await chmod(at, 0o755).catch(() => {});
      run = await serveOn(dataDir, ['runuser', '-u', 'nobody', '--']);
      if (/runuser: (not found|command not found)|ENOENT/.test(run.stderr)) {
        console.log(`skipped: running as root and cannot run as nobody (${run.stderr.trim()})`);
        return;
      }
    } else {
      run = await serveOn(dataDir);
    }
    expect(run.code, run.stderr).toBe(1);
    expect(refusal(run.stderr)).toBe(`omni-desk serve: ${dataDir} is read-only or belongs to another user (EACCES), and Omni Desk keeps your conversations there. Make the folder writable for your user account (or move it back to a writable disk), or start Omni Desk with --data-dir on a folder you can write to, then start Omni Desk again.`);
  });
});

describe('the core\'s startup failure for each shell', () => {
  it('is {title, message, dataDir}; the desktop app\'s message has no --data-dir, which only the browser shell takes', async () => {
    const d = await smallDisk();
    if (!d) return;
    d.readOnly();
    const err = await createCore({ dataDir: d.dataDir, shell: 'electron', version: 'test' }).then(
      () => { throw new Error('the core started on a read-only disk'); },
      (e: unknown) => e,
    );
    expect(describeStartupFailure(err, d.dataDir, { shell: 'electron' })).toEqual({
      title: 'Omni Desk cannot write to its data folder',
      message: `${d.dataDir} is read-only or belongs to another user (EROFS), and Omni Desk keeps your conversations there. Make the folder writable for your user account (or move it back to a writable disk), then start Omni Desk again.`,
      dataDir: d.dataDir,
    });
    expect(describeStartupFailure(err, d.dataDir, { shell: 'web', lang: 'zh-CN' }).message).toMatch(/是只读的或属于其他用户（EROFS）.*--data-dir/);
  });
});
