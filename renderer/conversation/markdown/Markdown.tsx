// An assistant reply's Markdown. The text is cut into its top-level blocks (blocks.ts) and each block is
// rendered on its own, memoized by its source: while a reply streams, the blocks before the last one keep
// their elements and only the growing block is parsed and rendered again (MarkdownBlock.tsx), made to read
// as it will once finished (streaming.ts).
//
// Chosen by measurement over Streamdown (the README's benchmarks): the same libraries underneath (remark,
// remend, KaTeX), without its Tailwind classes, its rehype-raw default, and Shiki, which highlights 10× slower.
import { memo, useEffect, useMemo, useRef } from 'react';
import { blockSources, splitBlocks, type Blocks } from './blocks';
import { prefetchHeavyParts } from './heavy-parts';
import { MarkdownBlock } from './MarkdownBlock';
import './markdown.css';
import './code-theme.css';

export const Markdown = memo(function Markdown({ text, streaming = false }: { text: string; streaming?: boolean }) {
  const previous = useRef<Blocks | null>(null);
  const sources = useMemo(() => {
    const blocks = splitBlocks(text, previous.current);
    previous.current = blocks;
    return blockSources(blocks);
  }, [text]);
  useEffect(() => {
    if (streaming) prefetchHeavyParts();
  }, [streaming]);
  const last = sources.length - 1;
  // Keyed by place: streaming only appends, so a block keeps its key (and its elements) as the text grows.
  return <>{sources.map((s, i) => <MarkdownBlock key={i} source={s} streaming={streaming && i === last} />)}</>;
});
