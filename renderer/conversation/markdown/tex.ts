// The ways Qwen writes math, brought to what remark-math reads: `\[ … \]` becomes `$$ … $$` (a block when it
// stands on its own lines), `\( … \)` becomes `$ … $`, and a `$` that cannot pair by Pandoc's rule for TeX
// math — an opening `$` has a non-space after it, a closing `$` has a non-space before it and no digit after
// it — is escaped, so "$5 and $6" stays money and "$E = mc^2$" is a formula. Code (fences and `spans`) is
// left as it is. Written here because no maintained library does this for remark; it is a text pass
// before parsing, one block at a time (blocks.ts), so a finished block is normalised once.

/** Runs of text that are code (fenced blocks and inline spans), which no pass may touch. */
function codeRanges(src: string): [number, number][] {
  const ranges: [number, number][] = [];
  const fence = /^( {0,3})(`{3,}|~{3,})[^\n]*\n?/gm;
  let m: RegExpExecArray | null;
  let covered = 0;
  while ((m = fence.exec(src))) {
    if (m.index < covered) continue;
    const marker = m[2]!;
    const close = new RegExp(`^ {0,3}${marker[0] === '`' ? '`' : '~'}{${marker.length},}[ \\t]*$`, 'm');
    const rest = src.slice(m.index + m[0].length);
    const c = close.exec(rest);
    const end = c ? m.index + m[0].length + c.index + c[0].length : src.length;
    ranges.push([m.index, end]);
    covered = end;
    fence.lastIndex = end;
  }
  // Inline code spans outside those blocks: a run of backticks closed by a run of the same length.
  const span = /(`+)([\s\S]*?[^`])\1(?!`)/g;
  while ((m = span.exec(src))) {
    const at = m.index;
    if (ranges.some(([a, b]) => at >= a && at < b)) continue;
    ranges.push([at, at + m[0].length]);
  }
  return ranges.sort((a, b) => a[0] - b[0]);
}

/** Applies `fn` to each stretch of `src` that is not code. */
function outsideCode(src: string, fn: (text: string) => string): string {
  const ranges = codeRanges(src);
  if (ranges.length === 0) return fn(src);
  let out = '';
  let at = 0;
  for (const [a, b] of ranges) {
    if (a < at) continue;
    out += fn(src.slice(at, a)) + src.slice(a, b);
    at = b;
  }
  return out + fn(src.slice(at));
}

const DISPLAY = /\\\[([\s\S]+?)\\\]/g;
const INLINE = /\\\(([\s\S]+?)\\\)/g;

function latexDelimiters(text: string): string {
  return text
    .replace(DISPLAY, (whole, tex: string, at: number, all: string) => {
      const before = all.slice(all.lastIndexOf('\n', at - 1) + 1, at);
      const lineEnd = all.indexOf('\n', at + whole.length);
      const after = all.slice(at + whole.length, lineEnd < 0 ? all.length : lineEnd);
      // On lines of its own: a display block, indented like the line it is on (inside a list item, say).
      if (before.trim() === '' && after.trim() === '') return `$$\n${before}${tex.trim()}\n${before}$$`;
      return `$$${tex.trim()}$$`;
    })
    .replace(INLINE, (_whole, tex: string) => `$${tex.trim()}$`);
}

/** Escapes each single `$` that has no partner by Pandoc's rule (a paragraph at most: no blank line between). */
function loneDollars(text: string): string {
  const escape = new Set<number>();
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c !== '$') {
      i++;
      continue;
    }
    if (text[i + 1] === '$') {
      // $$ … $$ is remark-math's own; skip to its end.
      const close = text.indexOf('$$', i + 2);
      i = close < 0 ? text.length : close + 2;
      continue;
    }
    const partner = closingDollar(text, i);
    if (partner < 0) {
      escape.add(i);
      i++;
    } else {
      i = partner + 1;
    }
  }
  if (escape.size === 0) return text;
  let out = '';
  for (let k = 0; k < text.length; k++) out += escape.has(k) ? '\\$' : text[k];
  return out;
}

function closingDollar(text: string, open: number): number {
  const next = text[open + 1];
  if (next === undefined || /\s/.test(next)) return -1;
  for (let j = open + 1; j < text.length; j++) {
    const c = text[j];
    if (c === '\\') {
      j++;
      continue;
    }
    if (c === '\n' && text[j + 1] === '\n') return -1; // a blank line ends the paragraph
    if (c !== '$') continue;
    if (text[j + 1] === '$') return -1;
    const before = text[j - 1]!;
    const after = text[j + 1];
    if (!/\s/.test(before) && !(after !== undefined && /[0-9]/.test(after))) return j;
  }
  return -1;
}

/** One block's Markdown with its math written the way remark-math reads it. */
export function normalizeMath(src: string): string {
  if (!src.includes('$') && !src.includes('\\[') && !src.includes('\\(')) return src;
  return outsideCode(src, (text) => loneDollars(latexDelimiters(text)));
}
