// A small Markdown parser for assistant replies. It yields a plain tree (no HTML strings) that
// Markdown.tsx turns into React elements, so raw HTML in a reply can only ever appear as text.
// It is forgiving by design: the text may be cut mid-stream, so an unclosed `**` or ``` renders as
// literal characters (or an open code block) instead of failing.

export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'break' }
  | { kind: 'strong'; children: Inline[] }
  | { kind: 'em'; children: Inline[] }
  | { kind: 'code'; text: string }
  | { kind: 'link'; href: string; children: Inline[] };

export type Block =
  | { kind: 'paragraph'; children: Inline[] }
  | { kind: 'heading'; level: 1 | 2 | 3 | 4 | 5 | 6; children: Inline[] }
  | { kind: 'code'; lang: string; text: string }
  | { kind: 'list'; ordered: boolean; start: number; items: Inline[][] }
  | { kind: 'quote'; children: Block[] }
  | { kind: 'rule' };

const FENCE = /^ {0,3}(`{3,}|~{3,})\s*([^`\s]*)/;
const HEADING = /^ {0,3}(#{1,6})(?:\s+(.*?))?\s*$/;
const QUOTE = /^ {0,3}>\s?(.*)$/;
const BULLET = /^ {0,3}[-*+]\s+(.*)$/;
const ORDERED = /^ {0,3}(\d{1,9})[.)]\s+(.*)$/;
const RULE = /^ {0,3}([-*_])(?:\s*\1){2,}\s*$/;
const BLANK = /^\s*$/;

function startsBlock(line: string): boolean {
  return FENCE.test(line) || HEADING.test(line) || QUOTE.test(line) || BULLET.test(line) || ORDERED.test(line) || RULE.test(line);
}

export function parseMarkdown(source: string): Block[] {
  return parseLines(source.replace(/\r\n?/g, '\n').split('\n'));
}

function parseLines(lines: string[]): Block[] {
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    if (BLANK.test(line)) {
      i++;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence) {
      const marker = fence[1] ?? '```';
      const body: string[] = [];
      i++;
      // An unclosed fence (still streaming) runs to the end of the text.
      while (i < lines.length && !isClosingFence(lines[i] ?? '', marker)) body.push(lines[i++] ?? '');
      i++;
      blocks.push({ kind: 'code', lang: fence[2] ?? '', text: body.join('\n') });
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      const level = (heading[1] ?? '#').length as 1 | 2 | 3 | 4 | 5 | 6;
      const text = (heading[2] ?? '').replace(/\s+#+$/, '');
      blocks.push({ kind: 'heading', level, children: parseInline(text) });
      i++;
      continue;
    }
    if (RULE.test(line)) {
      blocks.push({ kind: 'rule' });
      i++;
      continue;
    }
    if (QUOTE.test(line)) {
      const inner: string[] = [];
      while (i < lines.length && !BLANK.test(lines[i] ?? '')) {
        const q = QUOTE.exec(lines[i] ?? '');
        if (!q && startsBlock(lines[i] ?? '')) break;
        inner.push(q ? (q[1] ?? '') : (lines[i] ?? ''));
        i++;
      }
      blocks.push({ kind: 'quote', children: parseLines(inner) });
      continue;
    }
    const ordered = ORDERED.exec(line);
    if (BULLET.test(line) || ordered) {
      const pattern = ordered ? ORDERED : BULLET;
      const items: string[][] = [];
      while (i < lines.length) {
        const l = lines[i] ?? '';
        const m = pattern.exec(l);
        if (m && !RULE.test(l)) {
          items.push([(ordered ? m[2] : m[1]) ?? '']);
        } else if (!BLANK.test(l) && !startsBlock(l) && items.length > 0) {
          items[items.length - 1]?.push(l.trim()); // a continuation line of the last item
        } else if (BLANK.test(l) && pattern.test(lines[i + 1] ?? '')) {
          // a loose list: a blank line between items keeps it one list
        } else {
          break;
        }
        i++;
      }
      blocks.push({
        kind: 'list',
        ordered: !!ordered,
        start: ordered ? Number(ordered[1]) : 1,
        items: items.map((item) => parseInline(item.join('\n'))),
      });
      continue;
    }
    const para: string[] = [];
    while (i < lines.length && !BLANK.test(lines[i] ?? '') && (para.length === 0 || !startsBlock(lines[i] ?? ''))) {
      para.push((lines[i] ?? '').trim());
      i++;
    }
    blocks.push({ kind: 'paragraph', children: parseInline(para.join('\n')) });
  }
  return blocks;
}

function isClosingFence(line: string, marker: string): boolean {
  const t = line.trim();
  return t.length >= marker.length && t[0] === marker[0] && /^(`+|~+)$/.test(t);
}

/** Only web addresses become links: anything else (javascript:, data:, file:...) stays text. */
export function safeHref(raw: string): string | null {
  const url = raw.trim().replace(/^<(.*)>$/, '$1');
  if (!/^https?:\/\/[^\s]+$/i.test(url)) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

const ESCAPABLE = /[\\`*_{}[\]()#+\-.!<>~|]/;
const BARE_URL = /^https?:\/\/[^\s<>"'`]+/i;

export function parseInline(src: string, inLink = false): Inline[] {
  const out: Inline[] = [];
  let text = '';
  const flush = () => {
    if (text) out.push({ kind: 'text', text });
    text = '';
  };
  let i = 0;
  while (i < src.length) {
    const c = src[i] ?? '';
    if (c === '\\' && ESCAPABLE.test(src[i + 1] ?? '')) {
      text += src[i + 1];
      i += 2;
      continue;
    }
    if (c === '\n') {
      flush();
      out.push({ kind: 'break' });
      i++;
      continue;
    }
    if (c === '`') {
      let run = 1;
      while (src[i + run] === '`') run++;
      const fence = '`'.repeat(run);
      const end = src.indexOf(fence, i + run);
      if (end >= 0) {
        flush();
        out.push({ kind: 'code', text: src.slice(i + run, end).replace(/\n/g, ' ') });
        i = end + run;
      } else {
        text += fence;
        i += run;
      }
      continue;
    }
    if ((c === '*' || c === '_') && src[i + 1] === c) {
      const marker = c + c;
      const end = src.indexOf(marker, i + 2);
      // Underscores inside words (snake_case, __proto__) are never emphasis.
      const wordy = c === '_' && (/\w/.test(src[i - 1] ?? '') || /\w/.test(src[end + 2] ?? ''));
      if (end > i + 2 && !wordy && !/\s/.test(src[i + 2] ?? '') && !/\s/.test(src[end - 1] ?? '')) {
        flush();
        out.push({ kind: 'strong', children: parseInline(src.slice(i + 2, end), inLink) });
        i = end + 2;
        continue;
      }
      text += marker;
      i += 2;
      continue;
    }
    if (c === '*' || c === '_') {
      const end = findEmphasisEnd(src, i, c);
      const intraword = c === '_' && /\w/.test(src[i - 1] ?? '');
      if (end > i + 1 && !intraword && !/\s/.test(src[i + 1] ?? '')) {
        flush();
        out.push({ kind: 'em', children: parseInline(src.slice(i + 1, end), inLink) });
        i = end + 1;
        continue;
      }
      text += c;
      i++;
      continue;
    }
    if (c === '[' && !inLink) {
      const link = readLink(src, i);
      if (link) {
        flush();
        const href = safeHref(link.url);
        if (href) out.push({ kind: 'link', href, children: parseInline(link.label, true) });
        else out.push({ kind: 'text', text: src.slice(i, link.end) }); // shown as written, never followed
        i = link.end;
        continue;
      }
    }
    // A bare address becomes a link, except inside a `[label](` whose closing `)` has not streamed in yet.
    if ((c === 'h' || c === 'H') && !inLink && !/\w/.test(src[i - 1] ?? '') && src.slice(i - 2, i) !== '](') {
      const m = BARE_URL.exec(src.slice(i));
      if (m) {
        const url = m[0].replace(/[.,;:!?)\]]+$/, '');
        const href = safeHref(url);
        if (href) {
          flush();
          out.push({ kind: 'link', href, children: [{ kind: 'text', text: url }] });
          i += url.length;
          continue;
        }
      }
    }
    text += c;
    i++;
  }
  flush();
  return out;
}

function findEmphasisEnd(src: string, start: number, c: string): number {
  for (let j = start + 1; j < src.length; j++) {
    if (src[j] === '\\') {
      j++;
      continue;
    }
    if (src[j] === c && src[j + 1] !== c && src[j - 1] !== c && !/\s/.test(src[j - 1] ?? '')) {
      if (c === '_' && /\w/.test(src[j + 1] ?? '')) continue;
      return j;
    }
  }
  return -1;
}

/** `[label](url)` starting at `start`, or null when it is not a complete link (yet). */
function readLink(src: string, start: number): { label: string; url: string; end: number } | null {
  let depth = 0;
  let close = -1;
  for (let j = start; j < src.length; j++) {
    const ch = src[j];
    if (ch === '\\') {
      j++;
      continue;
    }
    if (ch === '\n' && src[j + 1] === '\n') return null;
    if (ch === '[') depth++;
    else if (ch === ']' && --depth === 0) {
      close = j;
      break;
    }
  }
  if (close < 0 || src[close + 1] !== '(') return null;
  let parens = 0;
  for (let j = close + 1; j < src.length; j++) {
    const ch = src[j];
    if (ch === '\n') return null;
    if (ch === '(') parens++;
    else if (ch === ')' && --parens === 0) {
      const inner = src.slice(close + 2, j).trim();
      // A title after the address ("url "title"") is dropped.
      const url = inner.split(/\s+/)[0] ?? '';
      return { label: src.slice(start + 1, close), url, end: j + 1 };
    }
  }
  return null;
}
