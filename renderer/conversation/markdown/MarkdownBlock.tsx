// One block of a reply's Markdown (blocks.ts) as React elements (render-markdown.ts: remark with GFM —
// tables, task lists, strikethrough, footnotes, autolinks — and math). Raw HTML stays text; links go out
// only to http(s) addresses and open outside the app; pictures are not fetched (the CSP allows only the
// app's own) but shown as links to them. A finished block's elements come from a cache by its source.
import { createContext, memo, useContext, type ComponentProps, type JSX, type MouseEvent, type ReactNode } from 'react';
import type { Element } from 'hast';
import { useI18n } from '../../i18n';
import { CodeBlock } from './CodeBlock';
import { MathFormula } from './MathFormula';
import { markdownPipeline, type MarkdownPipeline } from './heavy-parts';
import type { Components } from './render-markdown';
import { normalizeMath } from './tex';

interface BlockState {
  /** The block still grows (the last one of a streaming reply). */
  streaming: boolean;
  /** Its `$$` formula has not been closed yet. */
  openMath: boolean;
}

const BlockContext = createContext<BlockState>({ streaming: false, openMath: false });

export function isWebLink(href: string | undefined): href is string {
  if (!href) return false;
  try {
    const { protocol } = new URL(href);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

/** The browser shell opens a tab; Electron's window-open handler sends http(s) to the system browser. */
function openExternally(e: MouseEvent<HTMLAnchorElement>, href: string): void {
  e.preventDefault();
  window.open(href, '_blank', 'noopener');
}

function textOf(node: Element | undefined): string {
  let out = '';
  const walk = (n: Element | { type: string; value?: string; children?: unknown[] }): void => {
    if (n.type === 'text') out += (n as { value: string }).value;
    else for (const c of ((n as Element).children ?? []) as Element[]) walk(c);
  };
  if (node) walk(node);
  return out;
}

function Code({ node, className, children }: { node?: Element; className?: string; children?: ReactNode }) {
  const block = useContext(BlockContext);
  const classes = className?.split(' ') ?? [];
  if (classes.includes('math-inline') || classes.includes('math-display')) {
    const display = classes.includes('math-display');
    return <MathFormula tex={textOf(node)} display={display} open={display && block.openMath} streaming={block.streaming} />;
  }
  return <code className={className}>{children}</code>;
}

function Pre({ node, children }: { node?: Element; children?: ReactNode }) {
  const block = useContext(BlockContext);
  const code = node?.children.find((c): c is Element => c.type === 'element' && c.tagName === 'code');
  const classes = (code?.properties.className as string[] | undefined) ?? [];
  // $$ … $$ comes as <pre><code class="math-display">: the formula is the block.
  if (classes.includes('math-display')) return <>{children}</>;
  const lang = classes.find((c) => c.startsWith('language-'))?.slice('language-'.length) ?? '';
  return <CodeBlock code={textOf(code).replace(/\n$/, '')} lang={lang} streaming={block.streaming} />;
}

function Table({ children }: { children?: ReactNode }) {
  const { t } = useI18n();
  // Wide tables scroll sideways inside the column; the region is reachable by keyboard to scroll it.
  return (
    <div className="table-scroll" role="region" aria-label={t('reply.table')} tabIndex={0}>
      <table>{children}</table>
    </div>
  );
}

type Props<T extends keyof JSX.IntrinsicElements> = ComponentProps<T> & { node?: Element };

const COMPONENTS: Partial<Components> = {
  a: ({ href, children }: Props<'a'>) =>
    isWebLink(href) ? (
      <a href={href} target="_blank" rel="noopener noreferrer" onClick={(e) => openExternally(e, href)}>
        {children}
      </a>
    ) : (
      <span className="link-text">{children}</span>
    ),
  img: ({ src, alt }: Props<'img'>) =>
    typeof src === 'string' && isWebLink(src) ? (
      <a href={src} target="_blank" rel="noopener noreferrer" onClick={(e) => openExternally(e, src)}>
        {alt || src}
      </a>
    ) : (
      <span className="link-text">{alt}</span>
    ),
  code: Code,
  pre: Pre,
  table: Table,
};

export const MarkdownBlock = memo(function MarkdownBlock({ source, streaming }: { source: string; streaming: boolean }) {
  // Rendered by Markdown.tsx once the pipeline is there.
  const { cachedMarkdownToReact, markdownToReact, prepareStreamingTail } = markdownPipeline.get() as MarkdownPipeline;
  if (!streaming) return <BlockContext.Provider value={STILL}>{cachedMarkdownToReact(normalizeMath(source), COMPONENTS)}</BlockContext.Provider>;
  const tail = prepareStreamingTail(source);
  return (
    <BlockContext.Provider value={{ streaming, openMath: tail.openMath }}>
      {markdownToReact(normalizeMath(tail.source), COMPONENTS)}
    </BlockContext.Provider>
  );
});

const STILL: BlockState = { streaming: false, openMath: false };
