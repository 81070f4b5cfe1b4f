// Markdown source to React elements through one unified pipeline built once: remark (GFM, math, display
// math on its own line) → remark-rehype → hast-util-to-jsx-runtime with the app's components. This is what
// react-markdown does, without building a new processor for every call: measured with react-markdown, a
// 1,000-turn conversation of rich replies took 4.3× as long to open as plain ones, most of it spent building
// a processor (and remark-gfm's extensions) for each of the ~14 blocks of each reply on screen.
//
// As in react-markdown without rehype-raw, raw HTML becomes text: it is shown, never parsed or run.
// A finished block's elements are kept (a bounded cache by source), so a message that scrolls back into the
// windowed list, or a conversation opened again, does not parse its blocks again.
import type { Nodes, Root } from 'hast';
import { toJsxRuntime, type Components } from 'hast-util-to-jsx-runtime';
import type { ReactNode } from 'react';
import { Fragment, jsx, jsxs } from 'react/jsx-runtime';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { remarkDisplayMath } from './remark-display-math';

export type { Components };

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkMath).use(remarkDisplayMath).use(remarkRehype, { allowDangerousHtml: true }).freeze();

/** Raw HTML as the text it is. */
function rawToText(node: Nodes): void {
  if (!('children' in node)) return;
  node.children = node.children.map((c) => (c.type === 'raw' ? { type: 'text', value: c.value } : c)) as typeof node.children;
  for (const c of node.children) rawToText(c as Nodes);
}

export function markdownToReact(source: string, components: Partial<Components>): ReactNode {
  const tree = processor.runSync(processor.parse(source), source) as Root;
  rawToText(tree);
  return toJsxRuntime(tree, { Fragment, jsx, jsxs, components, ignoreInvalidStyle: true, passKeys: true, passNode: true });
}

const CACHE_MAX = 2_000;
const cache = new Map<string, ReactNode>();

/** The same, kept for a finished block (its source no longer changes). */
export function cachedMarkdownToReact(source: string, components: Partial<Components>): ReactNode {
  const hit = cache.get(source);
  if (hit !== undefined) {
    // Most recently used last: the first key is the one to drop.
    cache.delete(source);
    cache.set(source, hit);
    return hit;
  }
  const made = markdownToReact(source, components);
  if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value!);
  cache.set(source, made);
  return made;
}
