// The reply renderer's heavy parts, each its own chunk, none in the window's first load: highlight.js with
// its grammars, and KaTeX with its stylesheet and fonts. They load on first use — the first code block or
// formula — or, at the latest, when the first reply starts streaming: evaluating KaTeX's chunk takes long
// enough on a slow machine that doing it mid-reply could starve the audio of the main thread; at the reply's
// start the audio is still filling its jitter buffer.
import { lazy } from './lazy';

export const highlighter = lazy(() => import('./highlight'));
export const katexModule = lazy(() => import('./katex-render'));

export function prefetchHeavyParts(): void {
  for (const m of [highlighter, katexModule]) m.load().catch(() => { /* loaded again on first use */ });
}
