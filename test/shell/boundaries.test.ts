// The architecture's fences. First the lint rules themselves (eslint.config.mjs, scripts/import-layers.mjs):
// each forbidden import, written into a file of the layer it breaks, fails with that layer's sentence, and
// the imports each layer may make pass. Then a check on the source text (a second line of defence behind the
// lint rule): only electron/main and electron/preload may import 'electron'; shared/ runs anywhere, so it
// imports no Node built-in, no React and no DOM-only module.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
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

/** The layer errors ESLint reports for `source` as if it were the file `file` (relative to the project). */
async function layerErrors(eslint: ESLint, file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: path.join(root, file) });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('the layer rules (lint)', () => {
  const eslint = new ESLint({ cwd: root });
  const MAIN = 'Layer rule: electron/main (the Electron shell) imports only shared/, electron/core/ and electron/shells-common/';
  const WEB = 'Layer rule: electron/web (the browser shell) imports only shared/, electron/core/ and electron/shells-common/';
  const CORE = 'Layer rule: electron/core is plain Node behind the contract';
  const ELECTRON = "Layer rule: only electron/main and electron/preload may import 'electron'";
  const RENDERER = 'Layer rule: renderer/ imports only renderer/ and shared/';

  // [the file, the import, the start of the sentence it must fail with]
  const forbidden: [string, string, string][] = [
    // The five wrong imports issue 13 found (each failed the rule on the commit that added it).
    ['electron/web/server.ts', '../../renderer/bridge/wire', WEB],
    ['electron/main/protocol.ts', '../web/csp', MAIN],
    ['electron/main/protocol.ts', '../web/static-files', MAIN],
    ['electron/main/ipc.ts', '../preload/channels', MAIN],
    ['electron/core/attachments/registry.ts', '../chat/history', 'Layer rule: electron/core/attachments does not import a chat turn'],
    // Neither shell imports the other, at any depth.
    ['electron/web/cli.ts', '../main/ipc', WEB],
    ['electron/web/routes/x.ts', '../../main/keys', WEB],
    ['electron/web/server.ts', '../preload/bridge', WEB],
    ['electron/main/index.ts', '../web/server', MAIN],
    ['electron/main/index.ts', '../../renderer/App', MAIN],
    ['electron/preload/bridge.ts', '../shells-common/static-files', 'Layer rule: electron/preload (sandboxed, no Node)'],
    ['electron/preload/bridge.ts', '../main/ipc', 'Layer rule: electron/preload (sandboxed, no Node)'],
    ['electron/shells-common/csp.ts', '../core/dispatch', 'Layer rule: electron/shells-common holds what the shells share'],
    // The core: no shell, no renderer, no 'electron'; blocks below features below a turn below the wiring.
    ['electron/core/dispatch.ts', '../main/ipc', CORE],
    ['electron/core/dispatch.ts', '../../renderer/bridge', CORE],
    ['electron/core/paths.ts', 'electron', ELECTRON],
    ['electron/core/paths.ts', 'electron/main', ELECTRON],
    ['electron/core/media/fit.ts', '../attachments/registry', 'Layer rule: electron/core/media is one of the core\'s building blocks'],
    ['electron/core/store/sub/x.ts', '../../chat/turn', 'Layer rule: electron/core/store is one of the core\'s building blocks'],
    ['electron/core/api/request.ts', '../app-core', 'Layer rule: electron/core/api is one of the core\'s building blocks'],
    ['electron/core/export/zip.ts', '../chat/history', 'Layer rule: electron/core/export does not import a chat turn'],
    ['electron/core/chat/turn.ts', '../app-core', 'Layer rule: electron/core/chat does not import the wiring'],
    ['electron/core/chat/turn.ts', '../../web/server', 'Layer rule: electron/core/chat does not import the wiring'],
    // The renderer reaches the rest only through its bridge.
    ['renderer/state/x.ts', '../../electron/core/dispatch', RENDERER],
    ['renderer/App.tsx', '../electron/preload/bridge', RENDERER],
    ['renderer/conversation/markdown/x.tsx', '../../../test/support/browser', RENDERER],
    ['renderer/bridge/web.ts', 'electron', ELECTRON],
    ['renderer/bridge/web.ts', 'node:fs', 'Layer rule: this code runs outside Node'],
    // shared/ runs anywhere.
    ['shared/contract.ts', '../electron/core/user-error', 'Layer rule: shared/ runs anywhere'],
    ['shared/contract.ts', '../renderer/i18n', 'Layer rule: shared/ runs anywhere'],
    ['shared/contract.ts', 'node:path', 'Layer rule: this code runs outside Node'],
    ['shared/contract.ts', 'react', 'Layer rule: only the renderer imports React'],
  ];

  it.each(forbidden)('%s importing %s fails with the layer\'s sentence', async (file, spec, sentence) => {
    for (const source of [`import '${spec}';`, `import type { X } from '${spec}';\nexport type Y = X;`, `export * from '${spec}';`]) {
      const errors = await layerErrors(eslint, file, source);
      expect(errors, source).toHaveLength(1);
      expect(errors[0]).toContain(sentence);
    }
  });

  // What each layer may import passes (so the failures above are the rule's judgement, not a blanket refusal).
  const allowed: [string, string[]][] = [
    ['electron/main/protocol.ts', ['electron', '../core/dispatch', '../core/media-serve/serve', '../shells-common/csp', '../shells-common/static-files', '../../shared/domain', './origin']],
    ['electron/main/ipc.ts', ['../shells-common/ipc-channels']],
    ['electron/preload/bridge.ts', ['electron', '../shells-common/ipc-channels', '../../shared/contract', './index']],
    ['electron/web/server.ts', ['ws', 'node:http', '../core/dispatch', '../shells-common/csp', '../../shared/wire', '../../package.json', './access']],
    ['electron/web/routes/x.ts', ['../../core/dispatch', '../../../shared/wire', '../access']],
    ['electron/shells-common/static-files.ts', ['node:fs/promises', '../../shared/domain', './csp']],
    ['electron/core/app-core.ts', ['./chat/turns', './attachments/registry', './media', '../../shared/catalog', 'better-sqlite3']],
    ['electron/core/attachments/registry.ts', ['../media/measure', '../store', '../user-error', '../../../shared/domain', './links']],
    ['electron/core/chat/turn.ts', ['../attachments/registry', '../api/stream', '../store/reply-writer', './backoff', '../../../shared/rules']],
    ['electron/core/store/sub/x.ts', ['../../audio/pcm', '../../user-error', '../rows', '../../../../shared/domain']],
    ['renderer/state/x.ts', ['react', '../bridge', '../../shared/wire', './router']],
    ['renderer/App.tsx', ['./bridge', '../shared/contract', 'react-dom/client']],
    ['shared/contract.ts', ['zod', './domain']],
  ];

  it.each(allowed)('%s may import what its layer allows', async (file, specs) => {
    expect(await layerErrors(eslint, file, specs.map((s) => `import '${s}';`).join('\n'))).toEqual([]);
  });
});

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
