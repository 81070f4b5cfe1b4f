// A conversation's title comes from its first question, so the history list reads like what was asked.

export const TITLE_MAX_CHARS = 60;
/** When the first message has no text (only an attachment). */
export const UNTITLED = 'New conversation';

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * The first non-blank line, whitespace collapsed; longer than TITLE_MAX_CHARS characters (as the user
 * sees them: emoji and combined letters are never split) it is cut, at a word boundary when one is
 * near, and ends with an ellipsis.
 */
export function titleFromQuestion(text: string): string {
  const line = text
    .split(/\r\n|\r|\n/)
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .find((l) => l.length > 0);
  if (!line) return UNTITLED;

  const chars = Array.from(segmenter.segment(line), (s) => s.segment);
  if (chars.length <= TITLE_MAX_CHARS) return line;

  const keep = chars.slice(0, TITLE_MAX_CHARS - 1);
  const lastSpace = keep.lastIndexOf(' ');
  // Cut at the last space only if that loses little; CJK text has no spaces and is cut anywhere.
  const cut = lastSpace >= TITLE_MAX_CHARS * 0.6 ? keep.slice(0, lastSpace) : keep;
  return `${cut.join('').trimEnd()}…`;
}
