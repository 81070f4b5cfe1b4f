// `npm run serve` as a user runs it: scripts/serve.mjs (which builds when out/ is stale) starting the
// built out/main/serve.js with the real core. One line on stdout, the page answers with the token, the
// conversation store lands in --data-dir, and SIGTERM ends it cleanly. Also the flag parsing.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../electron/core/app-core';
import { parseServeArgs, UsageError } from '../../electron/web/args';
import { defaultDataDir } from '../../electron/core/paths';
import { get } from './support/http';

const root = path.resolve(__dirname, '../..');
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function serve(args: string[], env: NodeJS.ProcessEnv = {}): Run {
  const child = spawn(process.execPath, [path.join(root, 'scripts/serve.mjs'), ...args], {
    cwd: root,
    env: { ...process.env, DASHSCOPE_API_KEY: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, stdout: () => out, stderr: () => err, exit };
}

async function firstLine(run: Run): Promise<string> {
  for (;;) {
    const nl = run.stdout().indexOf('\n');
    if (nl >= 0) return run.stdout().slice(0, nl);
    const done = await Promise.race([run.exit.then(() => true), new Promise((r) => setTimeout(() => r(false), 50))]);
    if (done && !run.stdout().includes('\n')) throw new Error(`serve exited before printing a URL:\n${run.stderr()}`);
  }
}

describe('npm run serve', () => {
  it('prints exactly one line, the URL, serves the app there, and exits cleanly on SIGTERM', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'omni-cli-'));
    dirs.push(dataDir);
    const run = serve(['--port', '0', '--data-dir', dataDir, '--base-url', 'http://127.0.0.1:9/v1']);
    const url = await firstLine(run);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/[A-Za-z0-9_-]{43}\/$/);
    const { port, pathname } = new URL(url);
    const token = pathname.slice(1, -1);

    const page = await get(Number(port), pathname);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<div id="root">');
    expect((await get(Number(port), '/')).status).toBe(401);
    expect(existsSync(path.join(dataDir, DATABASE_FILE))).toBe(true);

    run.child.kill('SIGTERM');
    expect(await run.exit).toEqual({ code: 0, signal: null });
    expect(run.stdout()).toBe(`${url}\n`);
    expect(run.stderr()).not.toContain(token);
    await expect(get(Number(port), pathname)).rejects.toThrow(/ECONNREFUSED/);
  });

  it('uses the port it is given', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'omni-cli-'));
    dirs.push(dataDir);
    // Find a free port, then ask for it.
    const probe = serve(['--data-dir', dataDir]);
    const port = Number(new URL(await firstLine(probe)).port);
    probe.child.kill('SIGTERM');
    expect((await probe.exit).code).toBe(0);
    const run = serve(['--port', String(port), '--data-dir', dataDir]);
    expect(new URL(await firstLine(run)).port).toBe(String(port));
    run.child.kill('SIGINT');
    expect((await run.exit).code).toBe(0);
  });

  it('rejects a bad flag with a clear message and exit code 2', async () => {
    for (const [args, message] of [
      [['--port', 'eighty'], /--port must be a port number/],
      [['--port', '70000'], /--port must be a port number/],
      [['--base-url', 'not a url'], /--base-url must be a full URL/],
      [['--base-url', 'ftp://x.example/'], /http:\/\/ or https:\/\//],
      [['--colour', 'blue'], /Unknown option '--colour'/],
      [['stray'], /Unexpected argument 'stray'/],
    ] as const) {
      const run = serve([...args]);
      const { code } = await run.exit;
      expect(code, args.join(' ')).toBe(2);
      expect(run.stderr()).toMatch(message);
      expect(run.stderr()).toMatch(/Usage: npm run serve --/);
      expect(run.stdout()).toBe('');
    }
  });
});

describe('parseServeArgs', () => {
  it('defaults to a free port, the desktop data directory and the region endpoint', () => {
    const env = { XDG_CONFIG_HOME: '/xdg' };
    expect(parseServeArgs([], env)).toEqual({ port: 0, dataDir: defaultDataDir(env), baseUrl: null });
  });

  it('takes every flag, resolving the data directory and trimming the URL', () => {
    expect(parseServeArgs(['--port', '8080', '--data-dir', 'rel/dir', '--base-url', 'https://h.example/compatible-mode/v1/'])).toEqual({
      port: 8080,
      dataDir: path.resolve('rel/dir'),
      baseUrl: 'https://h.example/compatible-mode/v1',
    });
    expect(parseServeArgs(['--port=0']).port).toBe(0);
  });

  it('throws a UsageError for what it cannot use', () => {
    expect(() => parseServeArgs(['--data-dir', ' '])).toThrow(UsageError);
    expect(() => parseServeArgs(['--port', '-1'])).toThrow(UsageError);
    expect(() => parseServeArgs(['--port', '1.5'])).toThrow(UsageError);
  });
});
