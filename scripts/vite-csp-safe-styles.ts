// The renderer's build, made to fit its Content-Security-Policy (`style-src 'self'`: no <style> elements
// written at run time). Two libraries under the UI kit write one:
//  - react-style-singleton (through react-remove-scroll, in Radix's modal dialog and select): replaced by
//    renderer/ui/csp/style-singleton.ts, the same API over a constructed stylesheet;
//  - Radix Select's viewport renders a <style> hiding its scrollbar: taken out here; the same two rules are
//    in renderer/ui/kit.css. If a Radix update changes that code, the build stops and says so.
// And fonts stay files: vite inlines small assets as data: URLs, which `font-src 'self'` refuses (KaTeX's
// smaller fonts would not load).
// Used by electron.vite.config.ts and by the tests' and screenshots' own renderer build (test/support).
import { resolve } from 'node:path';
import type { Plugin, UserConfig } from 'vite';

const FONT_FILE = /\.(woff2?|ttf|otf|eot)$/i;
const SHIM = resolve(__dirname, '../renderer/ui/csp/style-singleton.ts');
const SELECT_FILE = /[\\/]@radix-ui[\\/]react-select[\\/]dist[\\/]index\.mjs$/;
const SELECT_STYLE = /jsx\(\s*"style",\s*\{\s*dangerouslySetInnerHTML:\s*\{\s*__html:\s*`\[data-radix-select-viewport\][^`]*`\s*\},\s*nonce\s*\}\s*\)/;

function transformSelect(code: string, id: string): string | null {
  if (!SELECT_FILE.test(id)) return null;
  if (!SELECT_STYLE.test(code)) {
    throw new Error(`${id}: the <style> of Radix Select's viewport was not found. Check what it writes now, and update scripts/vite-csp-safe-styles.ts and renderer/ui/kit.css.`);
  }
  return code.replace(SELECT_STYLE, 'null');
}

export function cspSafeStyles(): Plugin {
  // The same two hooks also run in the dev server's dependency pre-bundling (rolldown).
  const hooks = {
    resolveId: (source: string) => (source === 'react-style-singleton' ? SHIM : null),
    transform: (code: string, id: string) => transformSelect(code, id),
  };
  return {
    name: 'omni-csp-safe-styles',
    enforce: 'pre',
    config(): UserConfig {
      return {
        optimizeDeps: { rolldownOptions: { plugins: [{ name: 'omni-csp-safe-styles-deps', ...hooks }] } },
        build: { assetsInlineLimit: (file: string) => (FONT_FILE.test(file) ? false : undefined) },
      };
    },
    ...hooks,
  };
}
