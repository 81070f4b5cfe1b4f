// The SSE parser and the PCM assembler against every possible cut of their input: TCP may split a stream
// anywhere, and the result must not depend on where.
import { describe, expect, it } from 'vitest';
import { PcmAssembler } from '../../../electron/core/api/pcm';
import { SseEventTooLargeError, SseParser, type SseEvent } from '../../../electron/core/api/sse';
import { concat } from './helpers';

function parse(pieces: string[], end = true): SseEvent[] {
  const out: SseEvent[] = [];
  const p = new SseParser((e) => out.push(e));
  for (const piece of pieces) p.push(piece);
  if (end) p.end();
  return out;
}

const STREAM =
  ': a comment\r\n' +
  'data: {"a":1}\r\n\r\n' +
  'event: error\n' +
  'data: {"b":\n' +
  'data:2}\n\n' +
  'data: 你好\r\r' +
  'id: 7\nretry: 100\ndata\n\n' +
  'data: [DONE]\n\n';

const EXPECTED: SseEvent[] = [
  { event: 'message', data: '{"a":1}' },
  { event: 'error', data: '{"b":\n2}' },
  { event: 'message', data: '你好' },
  { event: 'message', data: '' },
  { event: 'message', data: '[DONE]' },
];

describe('SseParser', () => {
  it('reads comments, \\r\\n, \\r, multi-line data, event names and a bare field', () => {
    expect(parse([STREAM])).toEqual(EXPECTED);
  });

  it('gives the same events for every two-way and three-way split of the stream', () => {
    for (let i = 0; i <= STREAM.length; i++) {
      expect(parse([STREAM.slice(0, i), STREAM.slice(i)]), `split at ${i}`).toEqual(EXPECTED);
      for (let j = i; j <= STREAM.length; j += 3) {
        expect(parse([STREAM.slice(0, i), STREAM.slice(i, j), STREAM.slice(j)])).toEqual(EXPECTED);
      }
    }
  });

  it('one character at a time', () => {
    expect(parse([...STREAM])).toEqual(EXPECTED);
  });

  it('at the end: a line-terminated event without its blank line is kept, a half line is dropped', () => {
    expect(parse(['data: {"whole":true}\n'])).toEqual([{ event: 'message', data: '{"whole":true}' }]);
    expect(parse(['data: {"whole":true}\n\ndata: {"half"'])).toEqual([{ event: 'message', data: '{"whole":true}' }]);
    expect(parse(['data: x\n'], false)).toEqual([]);
  });
});

describe('PcmAssembler', () => {
  const pcm = new Uint8Array(Array.from({ length: 64 }, (_, i) => (i * 37 + 11) & 0xff));
  const b64 = (u: Uint8Array) => Buffer.from(u).toString('base64');

  it('whole samples only, the exact bytes, for any cut of the audio into three deltas', () => {
    for (let i = 0; i <= pcm.length; i++) {
      for (let j = i; j <= pcm.length; j++) {
        const a = new PcmAssembler();
        const outs = [pcm.subarray(0, i), pcm.subarray(i, j), pcm.subarray(j)].map((x) => a.push(b64(x)));
        for (const o of outs) expect(o.length % 2).toBe(0);
        expect(Buffer.from(concat(outs)).equals(Buffer.from(pcm))).toBe(true);
        expect(a.pendingByte).toBe(false);
      }
    }
  });

  it('a trailing odd byte is held back, never handed on as half a sample', () => {
    const a = new PcmAssembler();
    expect(a.push(b64(new Uint8Array([1, 2, 3]))).length).toBe(2);
    expect(a.pendingByte).toBe(true);
  });

  it('each chunk owns its memory (safe to transfer)', () => {
    const a = new PcmAssembler();
    const x = a.push(b64(pcm.subarray(0, 8)));
    expect(x.buffer.byteLength).toBe(8);
    expect(x.byteOffset).toBe(0);
  });
});

describe('SseParser bounds', () => {
  it('refuses an event that grows past its limit, however it is split, and takes events up to it', () => {
    const events: SseEvent[] = [];
    const p = new SseParser((e) => events.push(e), 1000);
    p.push(`data: ${'a'.repeat(400)}\ndata: ${'b'.repeat(400)}\n\n`);
    expect(events).toHaveLength(1);
    // Many small events in a row are fine: the limit is per event.
    for (let i = 0; i < 50; i++) p.push(`data: ${'c'.repeat(600)}\n\n`);
    expect(events).toHaveLength(51);
    // A line that never ends, and an event that never ends, each in small pieces.
    const line = new SseParser(() => {}, 1000);
    expect(() => { for (let i = 0; i < 200; i++) line.push('data: xxxxxxxxxx'); }).toThrow(SseEventTooLargeError);
    const event = new SseParser(() => {}, 1000);
    expect(() => { for (let i = 0; i < 200; i++) event.push('data: xxxxxxxxxx\n'); }).toThrow(/larger than/);
  });
});
