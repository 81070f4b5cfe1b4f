// A conversation's fallback title, made from its first question when it is sent, so the history list reads
// like what was asked until (or instead of) a generated title (chat/title-request.ts).
//
// The question is read as Markdown (mdast-util-from-markdown with GitHub's extensions, the parser family
// the wider ecosystem renders with) and the title comes from its words: the first prose it holds (a
// paragraph, heading, list item or quote: links as their text, pictures as their alt text, no `**` or
// backticks), else a table's header cells, else a code (or HTML) block's first line. Then its first line, cut to
// about TITLE_MAX_CHARS at a sentence's end or a word boundary.
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import type { TitleMedia } from '../../../shared/domain';

export const TITLE_MAX_CHARS = 60;
/** When the first message has no words and no file. */
export const UNTITLED = 'New conversation';

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** A file sent with the first question, as its chip named it. */
export interface TitleFile {
  kind: TitleMedia['kind'];
  name: string;
}

export interface FallbackTitle {
  /** The English title stored (exports and search show it). */
  title: string;
  /** For a media-only question: the file, so the renderer can word the title in the user's language. */
  media: TitleMedia | null;
}

const KIND_WORD: Record<TitleMedia['kind'], string> = { image: 'Image', audio: 'Audio', video: 'Video' };

/**
 * The title of a new conversation: from the question's words, or — when it has none — from its first
 * file ("Audio: speech.wav", "Image: a.png and 2 more").
 */
export function fallbackTitle(text: string, files: readonly TitleFile[]): FallbackTitle {
  const fromWords = titleFromQuestion(text);
  const first = files[0];
  if (fromWords !== UNTITLED || !first) return { title: fromWords, media: null };
  const media: TitleMedia = { kind: first.kind, name: first.name, more: files.length - 1 };
  const more = media.more > 0 ? ` and ${media.more} more` : '';
  return { title: cut(`${KIND_WORD[media.kind]}: ${media.name}${more}`), media };
}

/** The title from a question's words (Markdown read, not shown); UNTITLED when it has none. */
export function titleFromQuestion(text: string): string {
  const line = firstLine(wordsOf(text));
  return line ? cut(line) : UNTITLED;
}

type Node = ReturnType<typeof fromMarkdown>['children'][number];

/**
 * A node's words as the reader sees them: text and inline code as written, a picture as its alt text, a
 * line break as a new line (mdast-util-to-string would join the lines). Inline HTML stays as typed: in a
 * question, "what does <div> do?" is words, not markup.
 */
function textOf(node: { type: string; value?: unknown; alt?: unknown; children?: unknown }): string {
  if (node.type === 'break') return '\n';
  if (node.type === 'image') return typeof node.alt === 'string' ? node.alt : '';
  if (typeof node.value === 'string') return node.value;
  return Array.isArray(node.children) ? (node.children as Parameters<typeof textOf>[0][]).map(textOf).join('') : '';
}

/** The text a title is made from: the first prose, else a table's header, else a code block's first line. */
function wordsOf(markdown: string): string {
  let tree: ReturnType<typeof fromMarkdown>;
  try {
    tree = fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
  } catch {
    return markdown; // The parser accepts any text; this is only a guard.
  }
  let table: string | null = null;
  /** A code block's or an HTML block's text, when nothing else has words. */
  let literal: string | null = null;
  const visit = (nodes: readonly Node[]): string | null => {
    for (const n of nodes) {
      switch (n.type) {
        case 'paragraph':
        case 'heading': {
          const s = textOf(n).trim();
          if (s) return s;
          break;
        }
        case 'list':
        case 'listItem':
        case 'blockquote': {
          const s = visit(n.children as Node[]);
          if (s) return s;
          break;
        }
        case 'table': {
          const header = n.children[0];
          if (header && table === null) {
            const cells = header.children.map((c) => textOf(c).trim()).filter(Boolean);
            if (cells.length > 0) table = cells.join(', ');
          }
          break;
        }
        case 'code':
        case 'html':
          if (literal === null && n.value.trim()) literal = n.value;
          break;
        default:
          break;
      }
    }
    return null;
  };
  return visit(tree.children) ?? table ?? literal ?? '';
}

function firstLine(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .find((l) => l.length > 0) ?? '';
}

/** A sentence's end: . ! ? before a space, or a CJK full stop, question or exclamation mark. */
const SENTENCE_END = /[.!?…](?=\s)|[。！？]/gu;

/**
 * Longer than TITLE_MAX_CHARS characters (as the user sees them: emoji and combined letters are never
 * split): the first sentence when it is a fair title by itself, else a cut at a word boundary when one is
 * near (CJK text has no spaces and is cut anywhere), ending with an ellipsis.
 */
function cut(line: string): string {
  const chars = Array.from(segmenter.segment(line), (s) => s.segment);
  if (chars.length <= TITLE_MAX_CHARS) return line;
  for (const m of line.matchAll(SENTENCE_END)) {
    const sentence = line.slice(0, m.index + m[0].length);
    const n = Array.from(segmenter.segment(sentence)).length;
    if (n > TITLE_MAX_CHARS) break;
    if (n >= TITLE_MAX_CHARS / 3) return sentence;
  }
  const keep = chars.slice(0, TITLE_MAX_CHARS - 1);
  const lastSpace = keep.lastIndexOf(' ');
  const at = lastSpace >= TITLE_MAX_CHARS * 0.6 ? keep.slice(0, lastSpace) : keep;
  return `${at.join('').trimEnd()}…`;
}
