// The architecture's fences, checked on the source text (a second line of defence behind the lint rule):
// only electron/main and electron/preload may import 'electron'; shared/ runs anywhere, so it imports no
// Node built-in, no React and no DOM-only module.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');

function sourceFiles(dir: string): string[] {
  const abs = path.join(root, dir);
  const out: string[] = [];
  for (const entry of readdirSync(abs)) {
    const p = path.join(abs, entry);
    if (statSync(p).isDirectory()) out.push(...sourceFiles(path.join(dir, entry)));
    else if (/\.(c|m)?(t|j)sx?$/.test(entry) && !entry.endsWith('.d.ts')) out.push(path.join(dir, entry));
  }
  return out;
}

/** Every module specifier: static and dynamic import, export … from, require(), import type. */
export function specifiers(source: string): string[] {
  const text = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  const found: string[] = [];
  const patterns = [
    /\b(?:import|export)\s+(?:type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const re of patterns) for (const m of text.matchAll(re)) found.push(m[1]!);
  return found;
}

const isElectron = (s: string) => s === 'electron' || s.startsWith('electron/');
const NODE_BUILTINS = new Set([
  'assert', 'buffer', 'child_process', 'cluster', 'crypto', 'dgram', 'dns', 'events', 'fs', 'fs/promises', 'http', 'http2',
  'https', 'module', 'net', 'os', 'path', 'perf_hooks', 'process', 'querystring', 'readline', 'stream', 'string_decoder',
  'timers', 'tls', 'tty', 'url', 'util', 'v8', 'vm', 'worker_threads', 'zlib',
]);
const isNode = (s: string) => s.startsWith('node:') || NODE_BUILTINS.has(s) || NODE_BUILTINS.has(s.split('/')[0]!);
const isReact = (s: string) => s === 'react' || s.startsWith('react/') || s === 'react-dom' || s.startsWith('react-dom/');
const isDomOnly = (s: string) => /(^|\/)(renderer)(\/|$)/.test(s) || ['playwright-core', 'ws'].includes(s);

function violations(dirs: string[], bad: (spec: string) => boolean): string[] {
  return dirs.flatMap((d) =>
    sourceFiles(d).flatMap((f) => specifiers(readFileSync(path.join(root, f), 'utf8')).filter(bad).map((s) => `${f} imports ${s}`)),
  );
}

describe('import boundaries', () => {
  it("the scanner sees every form of import (so a pass means something)", () => {
    const sample = [
      "import { app } from 'electron';",
      "import type { IpcMain } from 'electron';",
      "import * as e from \"electron/main\";",
      "export { shell } from 'electron';",
      "const x = require('electron');",
      "const y = await import('node:fs');",
      "import 'react';",
      "// import { app } from 'not-this-one';",
    ].join('\n');
    expect(specifiers(sample).sort()).toEqual(['electron', 'electron', 'electron', 'electron', 'electron/main', 'node:fs', 'react']);
    expect(specifiers("import {\n  a,\n  type B,\n} from 'electron';")).toEqual(['electron']);
  });

  it("no file in shared/, electron/core/, electron/web/ or renderer/ imports 'electron'", () => {
    expect(violations(['shared', 'electron/core', 'electron/web', 'renderer'], isElectron)).toEqual([]);
  });

  it('shared/ imports no Node built-in, no React and nothing DOM-only', () => {
    expect(violations(['shared'], (s) => isElectron(s) || isNode(s) || isReact(s) || isDomOnly(s))).toEqual([]);
  });

  it('the Electron shell is where the electron imports are (the check looks at the right files)', () => {
    expect(violations(['electron/main', 'electron/preload'], isElectron).length).toBeGreaterThan(0);
  });
});
