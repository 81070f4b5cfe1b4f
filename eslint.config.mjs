// Lint: typescript-eslint's recommended rules, plus the boundary this project lives by — only the
// Electron shell (electron/main, electron/preload) may import 'electron'. The core, the browser shell,
// shared/ and the renderer must run without it.
import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const noElectron = {
  'no-restricted-imports': ['error', {
    paths: [{ name: 'electron', message: "Only electron/main and electron/preload may import 'electron'; pass what you need in as an argument." }],
    patterns: [{ group: ['electron/*'], message: "Only electron/main and electron/preload may import 'electron'." }],
  }],
};

// ---- The renderer's folders (renderer/README.md, "Folders and what they may import") ----
// Kept in its own block, with typescript-eslint's copy of the rule (@typescript-eslint/no-restricted-imports),
// so the repo-wide `no-restricted-imports` rules above and these never replace each other's options.
// The lower layers, and what each may import from the rest of renderer/:
const RENDERER_LAYERS = {
  bridge: [], // the only way out to the shell: the contract over the preload or a WebSocket
  i18n: [], // words in English and Chinese
  player: [], // live and stored reply playback
  state: ['player', 'i18n'], // the store and its slices; the bridge comes in as an argument
  recorder: ['state'], // voice in: recording, silence, the hands-free loop
  ui: ['state', 'i18n'], // pieces more than one feature shows
  styles: [],
};
// Every other folder of renderer/ is a feature (today history, conversation, composer, settings, recovery): it
// may import the layers, but no other feature. App.tsx composes the features; main.tsx creates the bridge.
const RENDERER_FEATURES = readdirSync(new globalThis.URL('./renderer/', import.meta.url), { withFileTypes: true })
  .filter((d) => d.isDirectory() && !(d.name in RENDERER_LAYERS))
  .map((d) => d.name);
const RULE_DOC = '(renderer/README.md)';
/** `../x`, `../../x/y`: an import of renderer/<one of names>/ from inside another folder of renderer/. */
const intoFolders = (names) => `^(?:\\.\\./)+(?:${names.join('|')})(?:/|$)`;
const toRoot = { regex: '^(?:\\.\\./)+(?:App|main)(?:\\.tsx?)?$', message: `Renderer rule "layers import downward": App.tsx and main.tsx sit on top; no folder of renderer/ imports them ${RULE_DOC}.` };
const bridgeAdapters = (from) => ({
  regex: `^${from}bridge(?:/(?:index|web|electron)(?:\\.ts)?)?$`,
  message: `Renderer rule "only the bridge talks to the shell": main.tsx creates the bridge and hands it to the store; the rest asks through the store (bridge/media-url, which only builds URLs, may be imported) ${RULE_DOC}.`,
});
const shellGlobals = ['fetch', 'WebSocket', 'XMLHttpRequest', 'EventSource'].map((name) => ({
  name,
  message: `Renderer rule "only the bridge talks to the shell": ${name} belongs in renderer/bridge; ask the core through the store ${RULE_DOC}.`,
}));
const noShellOutsideBridge = {
  'no-restricted-globals': ['error', ...shellGlobals],
  'no-restricted-properties': ['error', { object: 'window', property: 'omni', message: `Renderer rule "only the bridge talks to the shell": only renderer/bridge reads window.omni ${RULE_DOC}.` }],
};
const restrictImports = (patterns) => ({ '@typescript-eslint/no-restricted-imports': ['error', { patterns }] });

const rendererFolderRules = [
  ...Object.entries(RENDERER_LAYERS).map(([name, allowed]) => {
    const forbidden = [...RENDERER_FEATURES, ...Object.keys(RENDERER_LAYERS)].filter((n) => n !== name && !allowed.includes(n));
    return {
      files: [`renderer/${name}/**/*.{ts,tsx}`],
      rules: {
        ...restrictImports([
          {
            regex: intoFolders(forbidden),
            message: `Renderer rule "layers import downward": from the rest of renderer/, renderer/${name}/ imports ${allowed.length ? `only ${allowed.map((a) => `${a}/`).join(' and ')}` : 'nothing'} — no feature, no layer above it ${RULE_DOC}.`,
          },
          toRoot,
        ]),
        ...(name === 'bridge' ? {} : noShellOutsideBridge),
      },
    };
  }),
  ...RENDERER_FEATURES.map((name) => ({
    files: [`renderer/${name}/**/*.{ts,tsx}`],
    rules: {
      ...restrictImports([
        {
          regex: intoFolders(RENDERER_FEATURES.filter((n) => n !== name)),
          message: `Renderer rule "features stand alone": renderer/${name}/ imports no other feature (${RENDERER_FEATURES.filter((n) => n !== name).join(', ')}); what two share goes in ui/ or state/, and App.tsx composes them ${RULE_DOC}.`,
        },
        toRoot,
        bridgeAdapters('(?:\\.\\./)+'),
      ]),
      ...noShellOutsideBridge,
    },
  })),
  {
    files: ['renderer/*.{ts,tsx}'],
    ignores: ['renderer/main.tsx'],
    rules: { ...restrictImports([bridgeAdapters('\\./')]), ...noShellOutsideBridge },
  },
];

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'dist/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: ['shared/**/*.ts', 'electron/core/**/*.ts', 'electron/web/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    rules: noElectron,
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'shared/ runs anywhere.' }, { name: 'react', message: 'shared/ runs anywhere.' }],
        patterns: [{ group: ['node:*', 'fs', 'path', 'os', 'child_process', 'electron/*'], message: 'shared/ runs anywhere: no Node, DOM or Electron modules.' }],
      }],
    },
  },
  ...rendererFolderRules,
  {
    files: ['resources/public/**/*.js'],
    languageOptions: { globals: { AudioWorkletProcessor: 'readonly', registerProcessor: 'readonly', sampleRate: 'readonly', currentTime: 'readonly', currentFrame: 'readonly' } },
  },
  {
    files: ['scripts/**/*.mjs', '.ci/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' } },
  },
);
