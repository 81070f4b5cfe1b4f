// The reply Markdown parser on its own: the edge cases a streaming, untrusted reply brings.
import { describe, expect, it } from 'vitest';
import { parseInline, parseMarkdown, safeHref } from '../../renderer/conversation/markdown/parse';

describe('reply Markdown parser', () => {
  it('keeps unclosed markers of a reply still streaming as literal text', () => {
    expect(parseInline('a **b')).toEqual([{ kind: 'text', text: 'a **b' }]);
    expect(parseInline('run `ls')).toEqual([{ kind: 'text', text: 'run `ls' }]);
    expect(parseInline('see [docs](https://exa')).toEqual([{ kind: 'text', text: 'see [docs](https://exa' }]);
    expect(parseMarkdown('```py\nprint(1)')).toEqual([{ kind: 'code', lang: 'py', text: 'print(1)' }]);
  });

  it('leaves underscores inside words alone', () => {
    expect(parseInline('window.__pwned=1 and snake_case_name')).toEqual([{ kind: 'text', text: 'window.__pwned=1 and snake_case_name' }]);
    expect(parseInline('__bold__ _it_')).toEqual([
      { kind: 'strong', children: [{ kind: 'text', text: 'bold' }] },
      { kind: 'text', text: ' ' },
      { kind: 'em', children: [{ kind: 'text', text: 'it' }] },
    ]);
  });

  it('links only http(s) addresses, bare or bracketed', () => {
    for (const bad of ['javascript:alert(1)', 'data:text/html,x', 'file:///etc/passwd', 'JavaScript:alert(1)', '//evil.example', 'https://a b']) {
      expect(safeHref(bad)).toBeNull();
    }
    expect(safeHref('HTTPS://Example.com/a')).toBe('https://example.com/a');
    expect(parseInline('[x](javascript:alert(1))')).toEqual([{ kind: 'text', text: '[x](javascript:alert(1))' }]);
    expect(parseInline('go to https://example.com/a.')).toEqual([
      { kind: 'text', text: 'go to ' },
      { kind: 'link', href: 'https://example.com/a', children: [{ kind: 'text', text: 'https://example.com/a' }] },
      { kind: 'text', text: '.' },
    ]);
  });

  it('splits blocks: numbered lists keep their start, quotes nest their own blocks', () => {
    expect(parseMarkdown('3. three\n4. four')).toEqual([
      { kind: 'list', ordered: true, start: 3, items: [[{ kind: 'text', text: 'three' }], [{ kind: 'text', text: 'four' }]] },
    ]);
    expect(parseMarkdown('> # Title\n> body')).toEqual([
      {
        kind: 'quote',
        children: [
          { kind: 'heading', level: 1, children: [{ kind: 'text', text: 'Title' }] },
          { kind: 'paragraph', children: [{ kind: 'text', text: 'body' }] },
        ],
      },
    ]);
  });
});
