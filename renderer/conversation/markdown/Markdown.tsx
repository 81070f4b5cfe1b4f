// Renders an assistant reply's Markdown as React elements built from parse.ts's tree: text always goes
// through React's escaping, so HTML in a reply shows as written. Links never navigate the app; a click
// hands the address to window.open (Electron sends it to the system browser, the browser shell opens a tab).
import { memo, type MouseEvent, type ReactNode } from 'react';
import { parseMarkdown, type Block, type Inline } from './parse';
import './markdown.css';

export const Markdown = memo(function Markdown({ text }: { text: string }) {
  return <>{parseMarkdown(text).map(renderBlock)}</>;
});

function openExternally(e: MouseEvent<HTMLAnchorElement>, href: string): void {
  e.preventDefault();
  window.open(href, '_blank', 'noopener');
}

function renderInline(node: Inline, key: number): ReactNode {
  switch (node.kind) {
    case 'text':
      return node.text;
    case 'break':
      return <br key={key} />;
    case 'strong':
      return <strong key={key}>{node.children.map(renderInline)}</strong>;
    case 'em':
      return <em key={key}>{node.children.map(renderInline)}</em>;
    case 'code':
      return <code key={key}>{node.text}</code>;
    case 'link':
      return (
        <a key={key} href={node.href} target="_blank" rel="noopener noreferrer" onClick={(e) => openExternally(e, node.href)}>
          {node.children.map(renderInline)}
        </a>
      );
  }
}

function renderBlock(block: Block, key: number): ReactNode {
  switch (block.kind) {
    case 'paragraph':
      return <p key={key}>{block.children.map(renderInline)}</p>;
    case 'heading': {
      const H = `h${block.level}` as const;
      return <H key={key}>{block.children.map(renderInline)}</H>;
    }
    case 'code':
      return (
        <pre key={key} data-lang={block.lang || undefined}>
          <code>{block.text}</code>
        </pre>
      );
    case 'list': {
      const items = block.items.map((item, i) => <li key={i}>{item.map(renderInline)}</li>);
      return block.ordered ? (
        <ol key={key} start={block.start === 1 ? undefined : block.start}>
          {items}
        </ol>
      ) : (
        <ul key={key}>{items}</ul>
      );
    }
    case 'quote':
      return <blockquote key={key}>{block.children.map(renderBlock)}</blockquote>;
    case 'rule':
      return <hr key={key} />;
  }
}
