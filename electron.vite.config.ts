import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { cspSafeStyles } from './scripts/vite-csp-safe-styles';
import { devCsp } from './scripts/vite-dev-csp';

const here = (p: string) => resolve(__dirname, p);

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        // index: the Electron shell. serve: the browser shell, plain Node, no 'electron' import.
        input: { index: here('electron/main/index.ts'), serve: here('electron/web/cli.ts') },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload can only require Electron's renderer modules: bundle everything, CommonJS.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: here('electron/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: here('renderer'),
    publicDir: here('resources/public'),
    build: {
      outDir: here('out/renderer'),
      emptyOutDir: true,
      // electron-vite leaves builds unminified; the renderer is the one part whose size the user waits on
      // (every window load parses it). Main and preload stay readable: their stack traces go to the log.
      minify: true,
      // The first chunk (React, the store, the window up to the composer) is budgeted in
      // test/shell/bundle-size.test.ts; Vite's generic 500 kB warning would only repeat that figure.
      chunkSizeWarningLimit: 600,
      rollupOptions: { input: { index: here('renderer/index.html') } },
    },
    // devCsp: `npm run dev` only (apply: 'serve'); a build keeps the strict policy.
    plugins: [react(), cspSafeStyles(), devCsp()],
  },
});
