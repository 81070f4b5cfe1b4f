// An assistant reply's Markdown. The text is cut into its top-level blocks (blocks.ts) and each block is
// rendered on its own, memoized by its source: while a reply streams, the blocks before the last one keep
// their elements and only the growing block is parsed and rendered again (MarkdownBlock.tsx), made to read
// as it will once finished (streaming.ts).
//
// Chosen by measurement over Streamdown (the README's benchmarks): the same libraries underneath (remark,
// remend, KaTeX), without its Tailwind classes, its rehype-raw default, and Shiki, which highlights 10× slower.
import { memo, useEffect, useMemo, useRef } from 'react';
import { markdownPipeline, prefetchHeavyParts, prefetchHeavyPartsWhenIdle } from './heavy-parts';
import { useLazy } from './lazy';
import type { Blocks } from './pipeline';
import { MarkdownBlock } from './MarkdownBlock';
import './markdown.css';
import './code-theme.css';

// Asked for with the window's first chunk (not in it): a reply in a stored conversation needs it at once.
markdownPipeline.load().then(prefetchHeavyPartsWhenIdle, () => { /* asked for again by the first block that needs it */ });

export const Markdown = memo(function Markdown({ text, streaming = false }: { text: string; streaming?: boolean }) {
  const pipeline = useLazy(markdownPipeline);
  const previous = useRef<Blocks | null>(null);
  const sources = useMemo(() => {
    if (!pipeline) return null;
    // A finished reply's blocks come from a cache by its text; a streaming one's are cut incrementally.
    if (!streaming) {
      previous.current = null;
      return pipeline.cachedBlockSources(text);
    }
    const blocks = pipeline.splitBlocks(text, previous.current);
    previous.current = blocks;
    return pipeline.blockSources(blocks);
  }, [text, streaming, pipeline]);
  useEffect(() => {
    if (streaming) prefetchHeavyParts();
  }, [streaming]);
  // The few milliseconds before the pipeline's chunk is evaluated: the words, as plain text.
  if (!sources) return <p className="markdown-source">{text}</p>;
  const last = sources.length - 1;
  // Keyed by place: streaming only appends, so a block keeps its key (and its elements) as the text grows.
  return <>{sources.map((s, i) => <MarkdownBlock key={i} source={s} streaming={streaming && i === last} />)}</>;
});
