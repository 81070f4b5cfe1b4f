// What `npm run serve` accepts, and where it finds the built renderer. Kept apart from cli.ts so tests
// can check the parsing without starting a server.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { defaultDataDir } from '../core/paths';
import { errorText } from '../../shared/error-text';

export const USAGE = 'Usage: npm run serve -- [--port PORT] [--data-dir DIR] [--base-url URL]';

export interface ServeArgs {
  port: number;
  dataDir: string;
  baseUrl: string | null;
}

export class UsageError extends Error {}

export function parseServeArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): ServeArgs {
  let values: { port?: string; 'data-dir'?: string; 'base-url'?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { port: { type: 'string' }, 'data-dir': { type: 'string' }, 'base-url': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    throw new UsageError(errorText(err));
  }
  if (values.help) throw new UsageError('');

  let port = 0;
  if (values.port !== undefined) {
    port = Number(values.port);
    if (!/^\d+$/.test(values.port) || port > 65_535) {
      throw new UsageError(`--port must be a port number from 0 to 65535 (0 picks a free one), not "${values.port}".`);
    }
  }
  let dataDir = defaultDataDir(env);
  if (values['data-dir'] !== undefined) {
    if (!values['data-dir'].trim()) throw new UsageError('--data-dir needs a directory.');
    dataDir = path.resolve(values['data-dir']);
  }
  let baseUrl: string | null = null;
  if (values['base-url'] !== undefined) {
    let u: URL;
    try {
      u = new URL(values['base-url']);
    } catch {
      throw new UsageError(`--base-url must be a full URL such as https://dashscope-intl.aliyuncs.com/compatible-mode/v1, not "${values['base-url']}".`);
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new UsageError('--base-url must start with http:// or https://.');
    baseUrl = u.href.replace(/\/+$/, '');
  }
  return { port, dataDir, baseUrl };
}

/** The built renderer: out/renderer next to out/main when built, or under the project root from sources. */
export function findStaticDir(): string | null {
  const here = typeof __dirname === 'string' ? __dirname : path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.resolve(here, '../renderer'), path.resolve(here, '../../out/renderer')];
  return candidates.find((d) => existsSync(path.join(d, 'index.html'))) ?? null;
}
