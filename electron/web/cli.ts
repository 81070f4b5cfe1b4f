// `npm run serve -- [--port P] [--data-dir DIR] [--base-url URL]`: the browser shell as a command.
// Built by electron-vite to out/main/serve.js. stdout carries exactly one line, the URL to open (scripts
// and tests read it); everything else goes to stderr.
import pkg from '../../package.json';
import { createCore } from '../core/app-core';
import type { Core } from '../core/core-interface';
import { describeStartupFailure } from '../core/startup-failure';
import { findStaticDir, parseServeArgs, USAGE, UsageError, type ServeArgs } from './args';
import { fetchForEnv } from './proxy-fetch';
import { isShutdownRequest, SHUTDOWN_REQUEST } from '../shells-common/shutdown-request';
import { startWebShell } from './server';
import { join } from 'node:path';
import { errorText } from '../../shared/error-text';

async function main(): Promise<void> {
  const log = (line: string): void => {
    process.stderr.write(`[omni-desk] ${line}\n`);
  };
  let args: ServeArgs;
  try {
    args = parseServeArgs(process.argv.slice(2));
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(err.message ? `omni-desk serve: ${err.message}\n${USAGE}\n` : `${USAGE}\n`);
    process.exit(err.message ? 2 : 0);
  }
  const staticDir = findStaticDir();
  if (!staticDir) {
    process.stderr.write('omni-desk serve: the renderer is not built. Run `npm run build` (or `npm run serve`, which builds it first).\n');
    process.exit(1);
  }

  // A data folder that cannot be used (full, read-only, not ours to write) is one sentence and exit 1.
  const cannotStart = (err: unknown): never => {
    process.stderr.write(`omni-desk serve: ${describeStartupFailure(err, args.dataDir, { shell: 'web' }).message}\n`);
    process.exit(1);
  };
  let core: Core;
  try {
    core = await createCore({
      dataDir: args.dataDir,
      shell: 'web',
      version: pkg.version,
      // --base-url stands in for both DashScope regions (a proxy or a stand-in); custom endpoints are set in the app.
      baseUrls: args.baseUrl ? { intl: args.baseUrl, cn: args.baseUrl } : undefined,
      envKey: process.env.DASHSCOPE_API_KEY || null,
      cipher: null,
      // HTTPS_PROXY / NO_PROXY: Node's own fetch ignores them.
      fetch: fetchForEnv(process.env, log),
      log,
    });
  } catch (err) {
    return cannotStart(err);
  }
  let shell;
  try {
    shell = await startWebShell({ core, staticDir, host: '127.0.0.1', port: args.port, log, uploadDir: join(args.dataDir, 'uploads') });
  } catch (err) {
    await core.close().catch(() => {});
    const e = err as NodeJS.ErrnoException & { syscall?: string };
    if (e.syscall !== 'listen') return cannotStart(err);
    process.stderr.write(`omni-desk serve: cannot listen on 127.0.0.1:${args.port} (${e.code ?? errorText(err)}). Pick another --port, or leave it out for a free one.\n`);
    process.exit(1);
  }
  log(`data directory: ${args.dataDir}`);
  process.stdout.write(`${shell.url}\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      // A shutdown request is the same request again; a second Ctrl-C means "stop waiting".
      if (signal === SHUTDOWN_REQUEST) return;
      log(`${signal} again: exiting without waiting`);
      process.exit(1);
    }
    stopping = true;
    log(`${signal}: closing`);
    // A reply still streaming is saved as interrupted; give it a moment, never forever.
    const guard = setTimeout(() => {
      log('closing took too long; exiting');
      process.exit(1);
    }, 15_000);
    guard.unref();
    shell
      .close()
      .then(() => core.close())
      .then(
        () => process.exit(0),
        (err: unknown) => {
          log(`close failed: ${errorText(err)}`);
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  // npm run serve on Windows asks over IPC (scripts/serve.mjs): there, a signal it sent would kill us outright.
  process.on('message', (m: unknown) => {
    if (isShutdownRequest(m)) stop(SHUTDOWN_REQUEST);
  });
}

main().catch((err: unknown) => {
  // A UserError from the core (say, a database from a newer version) is a sentence for the user.
  const message = errorText(err);
  process.stderr.write(`omni-desk serve: ${message}\n`);
  process.exit(1);
});
