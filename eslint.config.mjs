// Lint: typescript-eslint's recommended rules, plus the boundary this project lives by — only the
// Electron shell (electron/main, electron/preload) may import 'electron'. The core, the browser shell,
// shared/ and the renderer must run without it.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const noElectron = {
  'no-restricted-imports': ['error', {
    paths: [{ name: 'electron', message: "Only electron/main and electron/preload may import 'electron'; pass what you need in as an argument." }],
    patterns: [{ group: ['electron/*'], message: "Only electron/main and electron/preload may import 'electron'." }],
  }],
};

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
  {
    files: ['resources/public/**/*.js'],
    languageOptions: { globals: { AudioWorkletProcessor: 'readonly', registerProcessor: 'readonly', sampleRate: 'readonly', currentTime: 'readonly', currentFrame: 'readonly' } },
  },
  {
    files: ['scripts/**/*.mjs', '.ci/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' } },
  },
);
