// `npm run serve` as its own process, as a user starts it: scripts/serve.mjs (which builds out/ when stale
// and starts out/main/serve.js), its one stdout line read for the URL, and the page's own bridge
// (renderer/bridge/web.ts) connected to it over Node's WebSocket with the Origin a browser sends.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { OmniBridge } from '../../../shared/contract';
import { createWebBridge } from '../../../renderer/bridge/web';

const root = path.resolve(__dirname, '../../..');

export interface ServeProcess {
  child: ChildProcess;
  url: string;
  bridge: OmniBridge;
  stderr(): string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM, as Ctrl+C would end it, and its exit. */
  stop(): Promise<void>;
}

/** The built server alone (no build step): for benchmarks, which build once before they start. */
export const BUILT_SERVE = [path.join(root, 'out/main/serve.js')];

/**
 * Starts `node <script> ...args` (scripts/serve.mjs by default; `script` may be `['-e', code]` or BUILT_SERVE)
 * with `env` over this process's environment, and waits for the URL.
 */
export async function startServe(args: string[], env: NodeJS.ProcessEnv, script: string[] = [path.join(root, 'scripts/serve.mjs')]): Promise<ServeProcess> {
  const child = spawn(process.execPath, [...script, ...args], {
    cwd: root,
    env: { ...process.env, DASHSCOPE_API_KEY: '', HTTP_PROXY: '', HTTPS_PROXY: '', http_proxy: '', https_proxy: '', NO_PROXY: '', no_proxy: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const url = await new Promise<string>((resolve, reject) => {
    const started = Date.now();
    const check = () => {
      const nl = out.indexOf('\n');
      if (nl >= 0) return resolve(out.slice(0, nl));
      if (child.exitCode !== null || Date.now() - started > 120_000) return reject(new Error(`serve did not print its URL:\n${err}`));
      setTimeout(check, 50);
    };
    check();
  });
  const origin = new URL(url).origin;
  const bridge = createWebBridge({ href: url }, { connect: (u) => new WebSocket(u, { headers: { origin } } as unknown as string[]) });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exit;
  };
  return { child, url, bridge, stderr: () => err, exit, stop };
}
