// Code highlighting, loaded on first use (CodeBlock.tsx imports this file dynamically): highlight.js
// through lowlight, which gives a syntax tree (rendered as React elements, coloured by classes in
// code-theme.css — no inline styles, which the CSP refuses) and each language as a chunk of its own,
// fetched when a reply first shows code in it.
//
// Why highlight.js and not Shiki: measured here (Node 22, 40 lines of TypeScript), Shiki with its
// JavaScript regex engine took 280–310 ms the first time and 10–47 ms each time after (two themes: 41–47 ms);
// highlight.js took 27 ms the first time and 1.5–4 ms after. A reply's code block is highlighted again as
// it streams, and the budget for the work of one streamed update is 8 ms.
import type { Root } from 'hast';
import { createLowlight } from 'lowlight';
import type { LanguageFn } from 'highlight.js';

type Loader = () => Promise<{ default: LanguageFn }>;

/** The languages replies show most, each fetched on first use. */
const LANGUAGES: Record<string, Loader> = {
  bash: () => import('highlight.js/lib/languages/bash'),
  c: () => import('highlight.js/lib/languages/c'),
  cpp: () => import('highlight.js/lib/languages/cpp'),
  csharp: () => import('highlight.js/lib/languages/csharp'),
  css: () => import('highlight.js/lib/languages/css'),
  diff: () => import('highlight.js/lib/languages/diff'),
  dockerfile: () => import('highlight.js/lib/languages/dockerfile'),
  go: () => import('highlight.js/lib/languages/go'),
  ini: () => import('highlight.js/lib/languages/ini'),
  java: () => import('highlight.js/lib/languages/java'),
  javascript: () => import('highlight.js/lib/languages/javascript'),
  json: () => import('highlight.js/lib/languages/json'),
  kotlin: () => import('highlight.js/lib/languages/kotlin'),
  latex: () => import('highlight.js/lib/languages/latex'),
  lua: () => import('highlight.js/lib/languages/lua'),
  makefile: () => import('highlight.js/lib/languages/makefile'),
  markdown: () => import('highlight.js/lib/languages/markdown'),
  php: () => import('highlight.js/lib/languages/php'),
  powershell: () => import('highlight.js/lib/languages/powershell'),
  python: () => import('highlight.js/lib/languages/python'),
  r: () => import('highlight.js/lib/languages/r'),
  ruby: () => import('highlight.js/lib/languages/ruby'),
  rust: () => import('highlight.js/lib/languages/rust'),
  scala: () => import('highlight.js/lib/languages/scala'),
  sql: () => import('highlight.js/lib/languages/sql'),
  swift: () => import('highlight.js/lib/languages/swift'),
  typescript: () => import('highlight.js/lib/languages/typescript'),
  xml: () => import('highlight.js/lib/languages/xml'),
  yaml: () => import('highlight.js/lib/languages/yaml'),
};

const ALIASES: Record<string, string> = {
  sh: 'bash', shell: 'bash', zsh: 'bash', console: 'bash', shellscript: 'bash',
  'c++': 'cpp', cc: 'cpp', h: 'c', hpp: 'cpp', cs: 'csharp', 'c#': 'csharp',
  docker: 'dockerfile', golang: 'go', toml: 'ini', js: 'javascript', jsx: 'javascript', mjs: 'javascript',
  cjs: 'javascript', node: 'javascript', jsonc: 'json', json5: 'json', kt: 'kotlin', tex: 'latex', make: 'makefile',
  md: 'markdown', ps1: 'powershell', pwsh: 'powershell', py: 'python', python3: 'python', rb: 'ruby', rs: 'rust',
  ts: 'typescript', tsx: 'typescript', mts: 'typescript', html: 'xml', xhtml: 'xml', svg: 'xml', vue: 'xml',
  yml: 'yaml', postgres: 'sql', postgresql: 'sql', mysql: 'sql', sqlite: 'sql',
};

const lowlight = createLowlight();
const loading = new Map<string, Promise<boolean>>();

/** The grammar's name for a fence's language tag, or null when none is bundled. */
export function grammarFor(tag: string): string | null {
  const name = tag.trim().toLowerCase();
  const id = ALIASES[name] ?? name;
  return id in LANGUAGES ? id : null;
}

/** Whether the grammar for that tag is already here (a block can be highlighted in its first render). */
export function grammarLoaded(tag: string): boolean {
  const id = grammarFor(tag);
  return id !== null && lowlight.registered(id);
}

/** Fetches the grammar (once); resolves false when there is none for that tag. */
export function loadGrammar(tag: string): Promise<boolean> {
  const id = grammarFor(tag);
  if (!id) return Promise.resolve(false);
  if (lowlight.registered(id)) return Promise.resolve(true);
  let p = loading.get(id);
  if (!p) {
    p = LANGUAGES[id]!().then(
      (m) => {
        lowlight.register(id, m.default);
        return true;
      },
      () => {
        loading.delete(id);
        return false;
      },
    );
    loading.set(id, p);
  }
  return p;
}

/** The code as a highlighted tree, when its grammar is loaded; null otherwise. */
export function highlightTree(code: string, tag: string): Root | null {
  const id = grammarFor(tag);
  if (!id || !lowlight.registered(id)) return null;
  return lowlight.highlight(id, code);
}

// Its trees become React elements in this chunk too: hast-util-to-jsx-runtime stays out of the first load.
export { hastToReact } from './hast-react';
