import { describe, expect, it } from 'vitest';
import { TITLE_MAX_CHARS, titleFromQuestion, UNTITLED } from '../../../electron/core/store';

describe('titleFromQuestion', () => {
  it('takes the first non-blank line, trimmed, whitespace collapsed', () => {
    expect(titleFromQuestion('\n\n   What  is\tthe tallest mountain?  \nMore detail here')).toBe('What is the tallest mountain?');
  });

  it('keeps a title of exactly the limit and cuts a longer one with an ellipsis', () => {
    const exact = 'a'.repeat(TITLE_MAX_CHARS);
    expect(titleFromQuestion(exact)).toBe(exact);
    const long = 'x'.repeat(TITLE_MAX_CHARS + 1);
    const t = titleFromQuestion(long);
    expect(t.endsWith('…')).toBe(true);
    expect(Array.from(t)).toHaveLength(TITLE_MAX_CHARS);
  });

  it('cuts at a word boundary when one is near the end', () => {
    const q = 'Please explain how the water cycle works in tropical rainforests during the monsoon season';
    const t = titleFromQuestion(q);
    expect(t).toBe('Please explain how the water cycle works in tropical…');
    expect(q.startsWith(t.slice(0, -1))).toBe(true);
  });

  it('cuts Chinese text without spaces and never splits an emoji', () => {
    const zh = '请详细解释一下'.repeat(20);
    const t = titleFromQuestion(zh);
    expect(Array.from(t)).toHaveLength(TITLE_MAX_CHARS);
    expect(zh.startsWith(t.slice(0, -1))).toBe(true);
    const family = '👨‍👩‍👧';
    const e = titleFromQuestion(family.repeat(70));
    expect(e).toBe(`${family.repeat(TITLE_MAX_CHARS - 1)}…`);
  });

  it('names a message with no text', () => {
    expect(titleFromQuestion('')).toBe(UNTITLED);
    expect(titleFromQuestion('  \n \t ')).toBe(UNTITLED);
  });
});
