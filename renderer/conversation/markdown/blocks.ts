// A reply's Markdown cut into its top-level blocks (a paragraph, a list, a table, a code block, a formula…),
// so that while it streams only the block still growing is parsed and rendered again: the blocks before it
// keep their source text, and Markdown.tsx renders each one memoized by it.
//
// The cut comes from the same parser the blocks are rendered with (remark with GFM and math), so a nested
// list, a code fence or a `$$` formula with blank lines inside stays one block. Streaming only appends, so a
// new text that starts with the previous one is parsed again from the start of its last two blocks only.
// Two things reach across blocks — footnotes and link reference definitions — and a text with either is
// one block (rendered whole, like before; they are rare in replies).
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

export interface Blocks {
  text: string;
  /** Where each block starts in `text`; a block runs to the next one's start (or the end). */
  starts: number[];
}

const parser = unified().use(remarkParse).use(remarkGfm).use(remarkMath);

/** Footnotes ([^1]) and link reference definitions ([x]: url) tie blocks together. */
const CROSS_BLOCK = /\[\^[^\]\s]+\]|^ {0,3}\[[^\]]+\]:/m;

/** The blocks of `text`, re-using `previous` (the blocks of an earlier, shorter text) where it still holds. */
export function splitBlocks(text: string, previous: Blocks | null = null): Blocks {
  if (CROSS_BLOCK.test(text)) return { text, starts: [0] };
  // A block can only begin at a line's start: text appended within a line grows the last block, no more.
  if (previous && text.startsWith(previous.text) && !text.includes('\n', previous.text.length) && !previous.text.endsWith('\n')) {
    return { text, starts: previous.starts };
  }
  let from = 0;
  let kept: number[] = [];
  if (previous && previous.starts.length > 2 && text.startsWith(previous.text)) {
    // Appending can change the last block (a list that goes on, a table that gets rows) and, at its edge,
    // how the one before it ends; the blocks before those two stay as they were.
    kept = previous.starts.slice(0, -2);
    from = previous.starts[previous.starts.length - 2]!;
  }
  const starts = [...kept, ...topLevelStarts(text.slice(from)).map((s) => s + from)];
  if (starts.length === 0 || starts[0] !== 0) starts.unshift(0);
  return { text, starts: dedupe(starts) };
}

/** The source text of each block. Blank lines between blocks stay with the block before them. */
export function blockSources(b: Blocks): string[] {
  return b.starts.map((s, i) => b.text.slice(s, b.starts[i + 1] ?? b.text.length));
}

const SOURCES_MAX = 2_000;
const sourcesCache = new Map<string, string[]>();

/**
 * The block sources of a finished text, kept by text (a bounded cache): a stored reply that mounts again —
 * scrolled back into the windowed list, its conversation opened again — is not parsed again to be cut.
 * Measured on a 1,000-turn conversation of rich replies, cutting was the largest part of a reply's mount
 * (~7 ms for a 1,900-character reply on this machine) once its blocks' elements came from their cache.
 */
export function cachedBlockSources(text: string): string[] {
  const hit = sourcesCache.get(text);
  if (hit) return hit;
  const made = blockSources(splitBlocks(text));
  if (sourcesCache.size >= SOURCES_MAX) sourcesCache.delete(sourcesCache.keys().next().value!);
  sourcesCache.set(text, made);
  return made;
}

function topLevelStarts(text: string): number[] {
  const tree = parser.parse(text);
  const out: number[] = [];
  for (const node of tree.children) {
    const at = node.position?.start.offset;
    if (at !== undefined) out.push(lineStart(text, at));
  }
  return out;
}

/** A block starts at the beginning of its line (its indentation belongs to it). */
function lineStart(text: string, at: number): number {
  const nl = text.lastIndexOf('\n', at - 1);
  return nl < 0 ? 0 : nl + 1;
}

function dedupe(sorted: number[]): number[] {
  return sorted.filter((s, i) => i === 0 || s > sorted[i - 1]!);
}
