// The browser shell's frame format on its own: bytes round-trip exactly, and a frame that lies about
// itself is refused instead of being half-applied.
import { describe, expect, it } from 'vitest';
import { decodeMessage, encodeMessage, INBOUND_LIMITS, WireError } from '../../shared/wire';
import { testBytes } from './support/fixture';

function frame(header: unknown, body: Uint8Array = new Uint8Array()): Uint8Array {
  const h = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(4 + h.length + body.length);
  new DataView(out.buffer).setUint32(0, h.length);
  out.set(h, 4);
  out.set(body, 4 + h.length);
  return out;
}

describe('wire format', () => {
  it('sends a message without bytes as plain JSON text', () => {
    const msg = { id: 1, name: 'app.info', input: {} };
    const f = encodeMessage(msg);
    expect(typeof f).toBe('string');
    expect(JSON.parse(f as string)).toEqual(msg);
    expect(decodeMessage(f)).toEqual(msg);
  });

  it('sends bytes raw in a binary frame and restores them, wherever they sit', () => {
    const pcm = testBytes(4_801);
    const other = testBytes(3, 9);
    const msg = { event: 'chat.event', payload: { kind: 'audio', seq: 2, pcm, parts: [other, 'x'] } };
    const f = encodeMessage(msg);
    expect(f).toBeInstanceOf(Uint8Array);
    const bytes = f as Uint8Array;
    // Not base64: the frame holds the raw bytes and is barely bigger than them.
    expect(bytes.length).toBeLessThan(pcm.length + other.length + 300);
    expect(Buffer.from(bytes).indexOf(Buffer.from(pcm))).toBeGreaterThan(0);
    const back = decodeMessage(bytes) as typeof msg;
    expect(back.payload.pcm).toBeInstanceOf(Uint8Array);
    expect([...back.payload.pcm]).toEqual([...pcm]);
    expect([...(back.payload.parts[0] as Uint8Array)]).toEqual([...other]);
    expect(back.payload.parts[1]).toBe('x');
    expect(back.payload.seq).toBe(2);
  });

  it('gives each restored byte run its own buffer, usable as Int16 samples', () => {
    // An odd-length header would leave a view at an odd offset; Int16Array would throw on it.
    const pcm = new Uint8Array([1, 0, 255, 127]);
    for (const name of ['a', 'ab']) {
      const back = decodeMessage(encodeMessage({ [name]: pcm })) as Record<string, Uint8Array>;
      const got = back[name]!;
      expect(got.byteOffset).toBe(0);
      expect(got.buffer.byteLength).toBe(4);
      expect([...new Int16Array(got.buffer)]).toEqual([1, 32767]);
    }
  });

  it('accepts a frame from a Node Buffer view into a bigger buffer', () => {
    const f = encodeMessage({ pcm: testBytes(10) }) as Uint8Array;
    const big = Buffer.alloc(f.length + 7);
    Buffer.from(f).copy(big, 5);
    const view = new Uint8Array(big.buffer, big.byteOffset + 5, f.length);
    expect([...(decodeMessage(view) as { pcm: Uint8Array }).pcm]).toEqual([...testBytes(10)]);
  });

  it('refuses malformed frames with a WireError', () => {
    const bad: Array<[string, string | Uint8Array]> = [
      ['not JSON', 'nope{'],
      ['too short', new Uint8Array([0, 0])],
      ['header past the end', new Uint8Array([0, 0, 1, 0, 123])],
      ['header not UTF-8', (() => { const f = frame({}); f[4] = 0xff; return f; })()],
      ['header not {msg, bin}', frame({ hello: 1 })],
      ['lengths that do not add up', frame({ msg: { a: null }, bin: [{ path: ['a'], length: 5 }] }, new Uint8Array(4))],
      ['a path to nothing', frame({ msg: { a: null }, bin: [{ path: ['b'], length: 1 }] }, new Uint8Array(1))],
      ['a path to a value that is not a placeholder', frame({ msg: { a: 'text' }, bin: [{ path: ['a'], length: 1 }] }, new Uint8Array(1))],
      ['__proto__ in a path', frame({ msg: { a: null }, bin: [{ path: ['__proto__', 'polluted'], length: 1 }] }, new Uint8Array(1))],
      ['constructor in a path', frame({ msg: { a: null }, bin: [{ path: ['constructor'], length: 1 }] }, new Uint8Array(1))],
      ['a negative length', frame({ msg: { a: null }, bin: [{ path: ['a'], length: -1 }] })],
      ['an empty path', frame({ msg: null, bin: [{ path: [], length: 0 }] })],
    ];
    for (const [what, f] of bad) {
      expect(() => decodeMessage(f), what).toThrow(WireError);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses to encode other binary views (their bytes would be sent wrongly as JSON)', () => {
    expect(() => encodeMessage({ x: new Int16Array(2) })).toThrow(WireError);
    expect(() => encodeMessage({ x: new ArrayBuffer(2) })).toThrow(WireError);
  });
});

describe('decoding with limits (what a page sends)', () => {
  const nested = (depth: number) => `{"id":1,"name":"app.info","input":${'['.repeat(depth)}${']'.repeat(depth)}}`;

  it('takes every ordinary request, brackets inside strings included', () => {
    const text = 'a [[[[{{{{ quoted ]]]] "\\" bracket'.repeat(20);
    const msg = { id: 1, name: 'chat.send', input: { conversationId: null, text, attachmentIds: [], options: { voice: 'Cherry' } } };
    expect(decodeMessage(encodeMessage(msg), INBOUND_LIMITS)).toEqual(msg);
    expect(decodeMessage(nested(INBOUND_LIMITS.maxDepth - 2), INBOUND_LIMITS)).toMatchObject({ id: 1 });
    // A recording's bytes are outside the JSON: a big binary frame with a small header passes.
    const bytes = testBytes(3 * 1024 * 1024);
    const decoded = decodeMessage(encodeMessage({ id: 2, name: 'attachments.addRecording', input: { name: 'r.webm', mimeType: 'audio/webm', bytes } }) as Uint8Array, INBOUND_LIMITS) as any;
    expect(decoded.input.bytes.byteLength).toBe(bytes.byteLength);
  });

  it('refuses deep nesting and long JSON before parsing, in a moment', () => {
    const started = performance.now();
    expect(() => decodeMessage(nested(1_000_000), INBOUND_LIMITS)).toThrow(/nests at most 32 levels/);
    expect(() => decodeMessage(`{"id":1,"name":"chat.send","input":{"text":"${'x'.repeat(3 * 1024 * 1024)}"}}`, INBOUND_LIMITS)).toThrow(/at most 2 MB of JSON/);
    // In a binary frame's header too.
    const header = new TextEncoder().encode(`{"msg":${nested(100_000)},"bin":[]}`);
    const frame = new Uint8Array(4 + header.length);
    new DataView(frame.buffer).setUint32(0, header.length, false);
    frame.set(header, 4);
    expect(() => decodeMessage(frame, INBOUND_LIMITS)).toThrow(WireError);
    expect(performance.now() - started).toBeLessThan(500);
    // Without limits (the page reading the server's answers) a long conversation is not refused.
    expect(decodeMessage(JSON.stringify({ id: 1, reply: { ok: true, value: 'x'.repeat(3 * 1024 * 1024) } }))).toMatchObject({ id: 1 });
  });
});
