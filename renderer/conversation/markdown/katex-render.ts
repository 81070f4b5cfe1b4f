// TeX typeset by KaTeX, loaded on first use (MathFormula.tsx imports this file dynamically), with KaTeX's
// stylesheet and fonts: vite emits them with this chunk, and the app serves them itself (`font-src 'self'`;
// scripts/vite-csp-safe-styles.ts keeps the fonts files, never inlined as data: URLs).
//
// KaTeX's HTML string (renderToString, and so rehype-katex) carries inline style attributes, which the CSP
// (`style-src 'self'`) refuses when set as markup — even in a document made by DOMParser. katex.render builds
// the same elements with the DOM API and sets their styles through the CSSOM, which the CSP allows. It is
// also why KaTeX is not a rehype plugin here: that would put it in the window's first load.
import katex from 'katex';
import 'katex/dist/katex.min.css';

const TYPESET_MAX = 500;
/** Typeset formulas by TeX and mode, most recently used last. */
const typesetCache = new Map<string, HTMLElement>();

/**
 * Typesets `tex` into `into` (its children replaced); throws KaTeX's ParseError when the TeX is not valid.
 * A formula typeset before is cloned from a cache (a bounded one, by TeX and mode): a formula that mounts
 * again — scrolled back into the windowed list, its conversation opened again — costs a clone, not KaTeX's
 * parse and build (~1 ms a formula here). Cloning copies the styles KaTeX set through the CSSOM as they are.
 */
export function typeset(tex: string, display: boolean, into: HTMLElement): void {
  const key = `${display ? 'D' : 'I'}${tex}`;
  let made = typesetCache.get(key);
  if (made) {
    typesetCache.delete(key);
  } else {
    made = document.createElement('span');
    katex.render(tex, made, { displayMode: display, throwOnError: true, output: 'htmlAndMathml', strict: 'ignore' });
    if (typesetCache.size >= TYPESET_MAX) typesetCache.delete(typesetCache.keys().next().value!);
  }
  typesetCache.set(key, made);
  into.replaceChildren(...(made.cloneNode(true) as HTMLElement).childNodes);
}
