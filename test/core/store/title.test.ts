import { describe, expect, it } from 'vitest';
import { TITLE_MAX_CHARS, titleFromQuestion, UNTITLED } from '../../../electron/core/store';
import { fallbackTitle } from '../../../electron/core/store/title';

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

describe('the fallback title reads the question as Markdown', () => {
  it('keeps the words and drops the marks: emphasis, code, links, headings, quotes, lists', () => {
    expect(titleFromQuestion('**Why** does `npm ci` fail on _Windows_?')).toBe('Why does npm ci fail on Windows?');
    expect(titleFromQuestion('See [the docs](https://example.com/x) and ![a chart](c.png) here')).toBe('See the docs and a chart here');
    expect(titleFromQuestion('# Trip plan\n\nDays in Kyoto')).toBe('Trip plan');
    expect(titleFromQuestion('> quoted question\n\nmine')).toBe('quoted question');
    expect(titleFromQuestion('- first item\n- second')).toBe('first item');
    expect(titleFromQuestion('snake_case_name stays whole')).toBe('snake_case_name stays whole');
    expect(titleFromQuestion('What does <div> do in HTML?')).toBe('What does <div> do in HTML?');
  });

  it('a table alone gives its header cells, and prose after a table wins over it', () => {
    const table = '| Model | Voices |\n| --- | --- |\n| flash | 17 |';
    expect(titleFromQuestion(table)).toBe('Model, Voices');
    expect(titleFromQuestion(`${table}\n\nWhich one speaks Cantonese?`)).toBe('Which one speaks Cantonese?');
  });

  it('skips a code block for the words around it, and uses its first line when there are none', () => {
    expect(titleFromQuestion('```js\nconsole.log(1)\n```\nWhy is nothing printed?')).toBe('Why is nothing printed?');
    expect(titleFromQuestion('```\nSELECT 1;\nSELECT 2;\n```')).toBe('SELECT 1;');
  });

  it('a long first line ends at its first sentence when that is a fair title by itself', () => {
    const q = 'How do I keep my sourdough starter alive? I feed it daily but it smells of acetone and barely rises.';
    expect(titleFromQuestion(q)).toBe('How do I keep my sourdough starter alive?');
    // A first sentence too short to say what was asked ("你好。") is not a title: cut at the limit instead.
    const zh = `你好。${'请帮我把这段很长的中文文字翻译成英文，并且保留原来的语气和格式，'.repeat(3)}谢谢！`;
    expect(titleFromQuestion(zh)).toBe(`${Array.from(zh).slice(0, TITLE_MAX_CHARS - 1).join('')}…`);
    const trip = '请帮我规划一次十天左右的云南旅行，包括大理、丽江和香格里拉。';
    expect(titleFromQuestion(`${trip}我的预算是一万元，喜欢徒步和当地美食，不喜欢购物，也不想每天换酒店，最好有一两天可以休息。`)).toBe(trip);
  });

  it('a media-only question is named by its first file, with the file for the renderer to word', () => {
    expect(fallbackTitle('', [{ kind: 'audio', name: 'speech.wav' }])).toEqual({
      title: 'Audio: speech.wav', media: { kind: 'audio', name: 'speech.wav', more: 0 },
    });
    expect(fallbackTitle('  ', [{ kind: 'image', name: 'a.png' }, { kind: 'image', name: 'b.png' }, { kind: 'image', name: 'c.png' }])).toEqual({
      title: 'Image: a.png and 2 more', media: { kind: 'image', name: 'a.png', more: 2 },
    });
    expect(fallbackTitle('What is in this video?', [{ kind: 'video', name: 'v.mp4' }])).toEqual({ title: 'What is in this video?', media: null });
    expect(fallbackTitle('', [])).toEqual({ title: UNTITLED, media: null });
  });
});
