// A reply's Markdown while it streams, in Node: cut into blocks the same way whether the text arrived at
// once or a few characters at a time, every prefix renders without throwing, and the growing block never
// flips between layouts (a table's pipes never show as a paragraph, an open $$ never as a broken formula,
// emphasis never as stray stars), plus how Qwen's ways of writing math are read.
import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { blockSources, splitBlocks, type Blocks } from '../../renderer/conversation/markdown/blocks';
import { Markdown } from '../../renderer/conversation/markdown/Markdown';
import { prepareStreamingTail } from '../../renderer/conversation/markdown/streaming';
import { normalizeMath } from '../../renderer/conversation/markdown/tex';
import { TooltipProvider } from '../../renderer/ui/Tooltip';

const REPLY = [
  '# Comparing the models',
  '',
  'Here is how **the three Omni models** compare, with a *short* note on each:',
  '',
  '| Model | Voices | Thinking |',
  '| --- | ---: | :---: |',
  '| Qwen3-Omni-Flash | 17 | yes |',
  '| Qwen-Omni-Turbo | 4 | no |',
  '',
  '1. Pick a model:',
  '   - **Flash** for thinking',
  '   - *Turbo* for speed',
  '2. Attach your media.',
  '',
  '- [x] Tables',
  '- [ ] ~~Footnotes~~',
  '',
  '```ts',
  "const sent = await chat.send({ text: 'Hello' });",
  '',
  'console.log(sent.assistantMessage.id);',
  '```',
  '',
  'Energy is $E = mc^2$, which costs $5 and $6 to explain.',
  '',
  '$$',
  '\\sum_{n=1}^{\\infty} \\frac{1}{n^2}',
  '',
  '= \\frac{\\pi^2}{6}',
  '$$',
  '',
  'Read [the survey](https://example.com/survey) and <b>stay</b> safe.',
  '',
].join('\n');

const parser = unified().use(remarkParse).use(remarkGfm).use(remarkMath);
type Node = { type: string; value?: string; children?: Node[] };

/** The top-level node types of a block as it would be rendered while streaming. */
function shape(source: string, streaming: boolean): string[] {
  const tail = streaming ? prepareStreamingTail(source) : { source, openMath: false };
  const tree = parser.parse(normalizeMath(tail.source)) as unknown as Node;
  return (tree.children ?? []).map((n) => n.type);
}

function texts(node: Node): string {
  return node.value ?? (node.children ?? []).map(texts).join('');
}

/** Every prefix of `text`, cut every `step` characters (and the whole). */
function prefixes(text: string, step: number): string[] {
  const out: string[] = [];
  for (let i = 1; i < text.length; i += step) out.push(text.slice(0, i));
  out.push(text);
  return out;
}

describe('blocks of a streaming reply', () => {
  it('are the same whether the text came at once or a few characters at a time', () => {
    let previous: Blocks | null = null;
    for (const text of prefixes(REPLY, 3)) {
      const incremental = splitBlocks(text, previous);
      previous = incremental;
      expect(incremental.starts, JSON.stringify(text.slice(-40))).toEqual(splitBlocks(text).starts);
    }
    const sources = blockSources(splitBlocks(REPLY));
    expect(sources.join('')).toBe(REPLY);
    // The heading, the paragraph, the table, the nested list (one block), the task list, the code (its blank line
    // inside), the paragraph, the $$ block (its blank line inside) and the last paragraph.
    expect(sources.map((s) => shape(s, false)[0])).toEqual(['heading', 'paragraph', 'table', 'list', 'list', 'code', 'paragraph', 'math', 'paragraph']);
  });

  it('a finished block keeps its source, so its elements are kept as the reply grows', () => {
    const early = blockSources(splitBlocks(REPLY.slice(0, REPLY.indexOf('```ts'))));
    const later = blockSources(splitBlocks(REPLY));
    expect(later.slice(0, early.length - 1)).toEqual(early.slice(0, -1));
  });

  it('footnotes and link definitions keep the text in one block, so they still reach each other', () => {
    expect(splitBlocks('A claim.[^1]\n\nMore.\n\n[^1]: The source.').starts).toEqual([0]);
    expect(splitBlocks('See [the docs][d].\n\nMore.\n\n[d]: https://example.com').starts).toEqual([0]);
  });
});

describe('the growing block', () => {
  it('renders every prefix of a rich reply without throwing', () => {
    for (const text of prefixes(REPLY, 1)) {
      const html = renderToStaticMarkup(createElement(TooltipProvider, null, createElement(Markdown, { text, streaming: true })));
      expect(typeof html).toBe('string');
    }
  });

  it('never flips a table between a paragraph of pipes and a table', () => {
    const start = REPLY.indexOf('| Model');
    const end = REPLY.indexOf('\n\n1. Pick');
    for (const text of prefixes(REPLY.slice(start, end), 1)) {
      const types = shape(text, true);
      // Nothing yet, or a table: never a paragraph holding the pipes.
      expect(types.every((t) => t === 'table'), JSON.stringify(text)).toBe(true);
    }
    expect(shape(REPLY.slice(start, end), true)).toEqual(['table']);
  });

  it('shows an open $$ block as its source until the closing $$ comes, then as a formula', () => {
    const start = REPLY.indexOf('$$');
    const block = REPLY.slice(start, REPLY.indexOf('\n\nRead'));
    for (const text of prefixes(block, 1).slice(0, -1)) {
      if (text.endsWith('$$') && text.length > 3) continue; // closed
      const tail = prepareStreamingTail(text);
      if (text.trim() !== '$' && text.trim() !== '$$') expect(tail.openMath, JSON.stringify(text)).toBe(true);
    }
    expect(prepareStreamingTail(block).openMath).toBe(false);
    expect(shape(block, true)).toEqual(['math']);
  });

  it('closes emphasis, strikethrough, inline code and links for now, so no stray marks show', () => {
    const md = (s: string) => prepareStreamingTail(s).source;
    expect(shape('Some **bold te', true)).toEqual(['paragraph']);
    expect(md('Some **bold te')).toBe('Some **bold te**');
    expect(md('run `npm te')).toBe('run `npm te`');
    expect(md('~~gone')).toBe('~~gone~~');
    // A link whose address is still coming shows its text only.
    expect(md('Read [the survey](https://exa')).toBe('Read the survey');
  });

  it('lets an unclosed code fence run to the end, as code, at every step', () => {
    const start = REPLY.indexOf('```ts');
    const block = REPLY.slice(start, REPLY.indexOf('```\n', start + 5) + 3);
    for (const text of prefixes(block, 1).slice(4)) {
      expect(shape(text, true), JSON.stringify(text)).toEqual(['code']);
    }
  });
});

describe('math as Qwen writes it', () => {
  const math = (s: string) => {
    const tree = parser.parse(normalizeMath(s)) as unknown as Node;
    const found: string[] = [];
    const walk = (n: Node) => {
      if (n.type === 'inlineMath' || n.type === 'math') found.push(`${n.type}:${n.value}`);
      for (const c of n.children ?? []) walk(c);
    };
    walk(tree);
    return found;
  };

  it('reads $…$ as a formula and leaves amounts of money alone', () => {
    expect(math('Energy is $E = mc^2$.')).toEqual(['inlineMath:E = mc^2']);
    expect(math('It costs $5 and $6.')).toEqual([]);
    expect(texts(parser.parse(normalizeMath('It costs $5 and $6.')) as unknown as Node)).toBe('It costs $5 and $6.');
    expect(math('Between $x$ and $y$ lies $20.')).toEqual(['inlineMath:x', 'inlineMath:y']);
  });

  it('reads \\( \\) and \\[ \\] as remark-math does $ and $$, and leaves code alone', () => {
    expect(math('Inline \\(a^2 + b^2\\) here.')).toEqual(['inlineMath:a^2 + b^2']);
    expect(math('\\[\nx = \\frac{1}{2}\n\\]')).toEqual(['math:x = \\frac{1}{2}']);
    expect(math('`\\(not math\\)` and `$x$`')).toEqual([]);
    expect(math('```\n$$ not math $$\n```')).toEqual([]);
  });
});
