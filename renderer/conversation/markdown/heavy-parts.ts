// The reply renderer's heavy parts, each its own chunk, none in the window's first load: the Markdown
// pipeline itself (remark, GFM, remark-rehype, hast to React: ~150 kB minified; asked for as soon as this
// module is evaluated, so it is there before a stored conversation is opened), highlight.js with its
// grammars, and KaTeX with its stylesheet and fonts. Until the pipeline is there a block shows its source
// as plain text. KaTeX and the highlighter are warmed once the window is idle after it started (so the
// first conversation opened does not fetch and evaluate them, then typeset and lay out a second time), or
// load on first use — the first code block or formula — or when the first reply starts streaming,
// whichever comes first: evaluating KaTeX's chunk takes long enough on a slow machine that doing it
// mid-reply could starve the audio of the main thread; at the reply's start the audio is still filling its
// jitter buffer.
// (The pipeline's own load is started by Markdown.tsx when the window's first chunk is evaluated.)
import { lazy } from './lazy';

export const markdownPipeline = lazy(() => import('./pipeline'));
export const highlighter = lazy(() => import('./highlight'));
export const katexModule = lazy(() => import('./katex-render'));

export function prefetchHeavyParts(): void {
  for (const m of [highlighter, katexModule]) m.load().catch(() => { /* loaded again on first use */ });
}

export type MarkdownPipeline = typeof import('./pipeline');
export type Highlighter = typeof import('./highlight');

/** Warms KaTeX and the highlighter when the window is first idle (at most a few seconds after it asks). */
export function prefetchHeavyPartsWhenIdle(): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(prefetchHeavyParts, { timeout: 5_000 });
  else setTimeout(prefetchHeavyParts, 1_000);
}
