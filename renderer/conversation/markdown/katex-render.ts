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

/** Typesets `tex` into `into` (its children replaced); throws KaTeX's ParseError when the TeX is not valid. */
export function typeset(tex: string, display: boolean, into: HTMLElement): void {
  const out = document.createElement('span');
  katex.render(tex, out, { displayMode: display, throwOnError: true, output: 'htmlAndMathml', strict: 'ignore' });
  into.replaceChildren(...out.childNodes);
}
