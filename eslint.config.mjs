// Lint: typescript-eslint's recommended rules, plus the layers this project lives by (docs/architecture.md):
// shared/ runs anywhere; the core is plain Node and never imports 'electron'; the two shells (electron/main
// with its preload, electron/web) import the core and what they share, never each other; the renderer
// reaches the rest only through its bridge. A wrong import fails `npm run lint` with the layer's sentence.
import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { layer } from './scripts/import-layers.mjs';

const ELECTRON = { regex: '^electron(/|$)', message: "Layer rule: only electron/main and electron/preload may import 'electron'; pass what you need in as an argument." };
const NODE = { regex: '^(node:|(fs|path|os|child_process|crypto|http|https|net|stream|url|util|events|buffer|worker_threads|zlib)(/|$))', message: 'Layer rule: this code runs outside Node (shared/ anywhere, the renderer and the preload in a page), so it imports no Node module.' };
const REACT = { regex: '^react(-dom)?(/|$)', message: 'Layer rule: only the renderer imports React.' };

const CORE = 'electron/core';
/** The core's building blocks: they know nothing of the features built on them. */
const CORE_BLOCKS = ['api', 'audio', 'media', 'realtime', 'store'];
const CORE_FEATURES = ['attachments', 'conversations', 'endpoints', 'export', 'live', 'media-serve', 'models', 'recovery', 'settings', 'voices'];
const CORE_WIRING = [`${CORE}/app-core`, `${CORE}/dispatch`];

const core = {
  may: ['shared'],
  modules: [ELECTRON, REACT],
  message: "Layer rule: electron/core is plain Node behind the contract — it imports only shared/ and electron/core/, never a shell (electron/main, electron/preload, electron/web), the renderer or 'electron'; a shell passes what it provides in as an argument.",
};

const LAYERS = [
  layer({
    folder: 'shared', modules: [ELECTRON, NODE, REACT],
    message: 'Layer rule: shared/ runs anywhere (Node, the page, the preload) — it imports only shared/ and plain libraries.',
  }),
  layer({ folder: CORE, ...core }),
  ...CORE_BLOCKS.map((block) => layer({
    folder: `${CORE}/${block}`, ...core, may: ['shared', CORE],
    forbid: [...[...CORE_FEATURES, 'chat'].map((f) => `${CORE}/${f}`), ...CORE_WIRING],
    message: `Layer rule: electron/core/${block} is one of the core's building blocks (${CORE_BLOCKS.join(', ')}) — it imports none of the features built on them (${[...CORE_FEATURES, 'chat'].sort().join(', ')}) nor the wiring (app-core, dispatch); move the piece both need down to the block it belongs to.`,
  })),
  ...CORE_FEATURES.map((feature) => layer({
    folder: `${CORE}/${feature}`, ...core, may: ['shared', CORE],
    forbid: [`${CORE}/chat`, ...CORE_WIRING],
    message: `Layer rule: electron/core/${feature} does not import a chat turn (electron/core/chat) or the wiring (app-core, dispatch): a turn is built on the core's features, not the other way round; move the piece both need down to where its layer is.`,
  })),
  layer({
    folder: `${CORE}/chat`, ...core, may: ['shared', CORE], forbid: CORE_WIRING,
    message: 'Layer rule: electron/core/chat does not import the wiring (app-core, dispatch); take what it needs as an argument.',
  }),
  layer({
    folder: 'electron/shells-common', may: ['shared'], modules: [ELECTRON, REACT],
    message: 'Layer rule: electron/shells-common holds what the shells share (CSP, static files, IPC channel names) — it imports only shared/ and itself, never a shell, the core or the renderer.',
  }),
  layer({
    folder: 'electron/main', may: ['shared', CORE, 'electron/shells-common'], modules: [REACT],
    message: 'Layer rule: electron/main (the Electron shell) imports only shared/, electron/core/ and electron/shells-common/ — not the browser shell (electron/web), the preload or the renderer; what two shells share goes in electron/shells-common/.',
  }),
  layer({
    folder: 'electron/preload', may: ['shared', 'electron/shells-common/ipc-channels'], modules: [NODE, REACT],
    message: 'Layer rule: electron/preload (sandboxed, no Node) imports only shared/ and electron/shells-common/ipc-channels — not the main process, the core, the browser shell or the renderer.',
  }),
  layer({
    folder: 'electron/web', may: ['shared', CORE, 'electron/shells-common', 'package.json'], modules: [ELECTRON, REACT],
    message: "Layer rule: electron/web (the browser shell) imports only shared/, electron/core/ and electron/shells-common/ — not the Electron shell (electron/main, electron/preload), the renderer or 'electron'; what both shells share goes in electron/shells-common/, the wire format lives in shared/.",
  }),
  // The renderer's own folders get finer layers of their own after this one (each repeating shared/).
  layer({
    folder: 'renderer', may: ['shared'], modules: [ELECTRON, NODE],
    message: 'Layer rule: renderer/ imports only renderer/ and shared/ — it reaches the main process only through its bridge (window.omni or the WebSocket), never electron/, Node or \'electron\'.',
  }),
].flat();

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
  ...LAYERS,
  ...rendererFolderRules,
  {
    files: ['resources/public/**/*.js'],
    languageOptions: { globals: { AudioWorkletProcessor: 'readonly', registerProcessor: 'readonly', sampleRate: 'readonly', currentTime: 'readonly', currentFrame: 'readonly' } },
  },
  {
    // The browser shell's audio worker (issue 20).
    files: ['resources/public/**/*.worker.js'],
    languageOptions: { globals: { self: 'readonly', WebSocket: 'readonly', setTimeout: 'readonly' } },
  },
  {
    files: ['scripts/**/*.mjs', '.ci/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' } },
  },
);
