// The last block of a reply that is still streaming, made to read as it will once finished, so nothing
// flickers between layouts as tokens arrive:
//  - unclosed emphasis, strikethrough, inline code and links are closed for now (remend, the library
//    Streamdown uses for this), so `**bo` shows bold instead of two stars that later vanish;
//  - the rows of a table are held back until its header and delimiter row are complete, so the pipes of a
//    table-to-be never show as a paragraph first;
//  - a `$$` block that is not closed yet is marked open: it shows as its TeX source until the closing `$$`
//    comes, rather than alternating between a formula and an error with every token.
// An unclosed code fence needs nothing: Markdown already runs it to the end of the text.
import remend from 'remend';

export interface StreamingTail {
  source: string;
  /** The block is a `$$` formula whose closing `$$` has not arrived. */
  openMath: boolean;
}

const TABLE_LINE = /^ {0,3}\|/;
const FENCE_START = /^\s*(```|~~~)/;
const DELIMITER_ROW = /^ {0,3}\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;

/** Drops trailing lines that are the start of a table whose header and delimiter row are not both complete. */
function holdBackTableStart(src: string): string {
  if (FENCE_START.test(src)) return src; // lines of code, not a table
  const lines = src.split('\n');
  const end = lines[lines.length - 1] === '' ? lines.length - 1 : lines.length;
  let first = end;
  while (first > 0 && TABLE_LINE.test(lines[first - 1]!)) first--;
  if (first === end) return src;
  // Lines followed by a newline are complete; the table is one once its delimiter row is.
  const complete = Math.min(end, lines.length - 1) - first;
  if (complete >= 2 && DELIMITER_ROW.test(lines[first + 1]!)) return src;
  return lines.slice(0, first).join('\n');
}

function isOpenMath(src: string): boolean {
  const lines = src.split('\n');
  const i = lines.findIndex((l) => l.trim() !== '');
  if (i < 0 || !/^ {0,3}\$\$/.test(lines[i]!)) return false;
  const opener = lines[i]!.trim();
  // `$$ … $$` on one line closes itself.
  if (opener.length > 2 && opener.endsWith('$$')) return false;
  return !lines.slice(i + 1).some((l) => /^ {0,3}\$\$\s*$/.test(l));
}

export function prepareStreamingTail(source: string): StreamingTail {
  const openMath = isOpenMath(source);
  if (openMath) return { source, openMath };
  const held = holdBackTableStart(source);
  return { source: remend(held, { katex: false, inlineKatex: false, linkMode: 'text-only' }), openMath: false };
}
