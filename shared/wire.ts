// The browser shell's WebSocket wire format, shared by the server (electron/web/server.ts) and the
// page's bridge (renderer/bridge/web.ts). Pure: no DOM, no Node, so it lives in shared/ and both ends use
// this one file.
//
// Messages
//   page → server   { id: number, name: RequestName, input: unknown }
//   server → page   { id: number, reply: Reply }          the answer to request `id`
//                   { event: EventName, payload: unknown } a pushed core event
//
// Frames
//   A message holding no Uint8Array travels as one TEXT frame: its JSON.
//   A message holding Uint8Arrays (audio PCM in a chat event, reply.audio's output) travels as one BINARY
//   frame, so the bytes are never base64'd:
//
//     offset 0   uint32 big-endian  H = byte length of the header
//     offset 4   H bytes            header, UTF-8 JSON: { "msg": <the message with every Uint8Array
//                                   replaced by null>, "bin": [{ "path": [key, ...], "length": n }, ...] }
//     offset 4+H                    the Uint8Arrays' bytes, concatenated in "bin" order
//
//   The decoder puts a fresh copy of each byte run back at its path (a copy, so it starts at offset 0
//   and can be viewed as Int16Array or transferred to a worklet on its own).

export type WirePath = (string | number)[];

export interface BinaryRef {
  path: WirePath;
  length: number;
}

export class WireError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WireError';
  }
}

/** Objects nest this deep at most; deeper input is refused rather than walked. */
const MAX_DEPTH = 32;

/**
 * What a decoder accepts before it parses anything: the JSON's length (a text frame, or a binary frame's
 * header) and how deep its arrays and objects nest, checked by one linear scan that stops at the first
 * level too deep. JSON.parse builds whatever it is given: 25 MB of `[[[[…` took the server 3–5 s of
 * blocking (every reply's stream paused) and 1.2 GB (test/bench/nested-frame.bench.ts).
 */
export interface DecodeLimits {
  maxJsonBytes: number;
  maxDepth: number;
}

/**
 * What the browser shell takes from a page. Every request fits with room to spare (a 100,000-character
 * message escaped as \uXXXX is 600 kB; the input nests a few levels); a recording's bytes travel outside
 * the JSON, in the binary frame's body.
 */
export const INBOUND_LIMITS: DecodeLimits = { maxJsonBytes: 2 * 1024 * 1024, maxDepth: MAX_DEPTH };
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** A message → a text frame (string) when it holds no bytes, else a binary frame. */
export function encodeMessage(message: unknown): string | Uint8Array {
  // Most messages hold no bytes: skip building paths for every value (a 1,000-turn conversation is ~50,000).
  if (!holdsBinary(message, 0)) return JSON.stringify(message);
  const bins: Uint8Array[] = [];
  const refs: BinaryRef[] = [];
  const stripped = strip(message, [], bins, refs, 0);
  if (bins.length === 0) return JSON.stringify(stripped);

  const header = encoder.encode(JSON.stringify({ msg: stripped, bin: refs }));
  const total = 4 + header.length + bins.reduce((n, b) => n + b.byteLength, 0);
  const frame = new Uint8Array(total);
  new DataView(frame.buffer).setUint32(0, header.length, false);
  frame.set(header, 4);
  let at = 4 + header.length;
  for (const b of bins) {
    frame.set(b, at);
    at += b.byteLength;
  }
  return frame;
}

/**
 * A frame → the message, with each binary field restored as a Uint8Array. Throws WireError. `limits`:
 * refuse JSON longer or deeper than that before parsing it (what comes from a page; see DecodeLimits).
 */
export function decodeMessage(frame: string | ArrayBuffer | Uint8Array, limits?: DecodeLimits): unknown {
  if (typeof frame === 'string') return parseJson(frame, limits);
  const bytes = frame instanceof Uint8Array ? frame : new Uint8Array(frame);
  if (bytes.byteLength < 4) throw new WireError('Binary frame too short.');
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0, false);
  if (headerLength > bytes.byteLength - 4) throw new WireError('Binary frame header runs past the frame.');
  if (limits && headerLength > limits.maxJsonBytes) throw tooLarge(limits);
  let headerText: string;
  try {
    headerText = decoder.decode(bytes.subarray(4, 4 + headerLength));
  } catch {
    throw new WireError('Binary frame header is not UTF-8.');
  }
  const header = parseJson(headerText, limits);
  if (!isRecord(header) || !('msg' in header) || !Array.isArray(header.bin)) {
    throw new WireError('Binary frame header must be {msg, bin}.');
  }
  const refs = header.bin.map(checkRef);
  const bodyLength = bytes.byteLength - 4 - headerLength;
  const declared = refs.reduce((n, r) => n + r.length, 0);
  if (declared !== bodyLength) {
    throw new WireError(`Binary frame declares ${declared} bytes but carries ${bodyLength}.`);
  }
  let message = header.msg;
  let at = 4 + headerLength;
  for (const ref of refs) {
    const data = bytes.slice(at, at + ref.length);
    at += ref.length;
    message = place(message, ref.path, data);
  }
  return message;
}

/** Whether any binary view is inside (then strip() places or refuses it); too deep counts, for strip() to refuse. */
function holdsBinary(value: unknown, depth: number): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer || depth > MAX_DEPTH) return true;
  if (Array.isArray(value)) {
    for (const v of value) if (holdsBinary(v, depth + 1)) return true;
    return false;
  }
  for (const k in value) {
    if (Object.hasOwn(value, k) && holdsBinary((value as Record<string, unknown>)[k], depth + 1)) return true;
  }
  return false;
}

function strip(value: unknown, path: WirePath, bins: Uint8Array[], refs: BinaryRef[], depth: number): unknown {
  if (value instanceof Uint8Array) {
    bins.push(value);
    refs.push({ path: [...path], length: value.byteLength });
    return null;
  }
  if (value === null || typeof value !== 'object') return value;
  if (depth > MAX_DEPTH) throw new WireError('Message nests too deeply.');
  if (Array.isArray(value)) return value.map((v, i) => strip(v, [...path, i], bins, refs, depth + 1));
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) {
    throw new WireError('Only Uint8Array can travel as bytes; convert other binary views first.');
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined) continue;
    out[k] = strip(v, [...path, k], bins, refs, depth + 1);
  }
  return out;
}

function checkRef(x: unknown): BinaryRef {
  if (!isRecord(x) || !Array.isArray(x.path) || typeof x.length !== 'number') {
    throw new WireError('Binary frame entry must be {path, length}.');
  }
  if (!Number.isSafeInteger(x.length) || x.length < 0) throw new WireError('Binary frame length is not a byte count.');
  if (x.path.length === 0 || x.path.length > MAX_DEPTH) throw new WireError('Binary frame path has a bad length.');
  for (const key of x.path) {
    const ok = (typeof key === 'string' && !FORBIDDEN_KEYS.has(key)) || (Number.isSafeInteger(key) && (key as number) >= 0);
    if (!ok) throw new WireError('Binary frame path has a bad key.');
  }
  return { path: x.path as WirePath, length: x.length };
}

/** Sets `data` at `path`, where the encoder left a null; anything else is a malformed frame. */
function place(message: unknown, path: WirePath, data: Uint8Array): unknown {
  let container: unknown = message;
  for (let i = 0; i < path.length - 1; i += 1) {
    container = child(container, path[i]!);
  }
  const last = path[path.length - 1]!;
  if (Array.isArray(container) && typeof last === 'number' && last < container.length && container[last] === null) {
    container[last] = data;
  } else if (isRecord(container) && typeof last === 'string' && Object.hasOwn(container, last) && container[last] === null) {
    container[last] = data;
  } else {
    throw new WireError('Binary frame path does not point at a placeholder.');
  }
  return message;
}

function child(container: unknown, key: string | number): unknown {
  if (Array.isArray(container) && typeof key === 'number' && key < container.length) return container[key];
  if (isRecord(container) && typeof key === 'string' && Object.hasOwn(container, key)) return container[key];
  throw new WireError('Binary frame path leads nowhere.');
}

function parseJson(text: string, limits?: DecodeLimits): unknown {
  if (limits) {
    if (text.length > limits.maxJsonBytes) throw tooLarge(limits);
    checkNesting(text, limits.maxDepth);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new WireError('Frame is not valid JSON.');
  }
}

export function tooLarge(limits: DecodeLimits): WireError {
  return new WireError(`A request can be at most ${Math.round(limits.maxJsonBytes / 1024 / 1024)} MB of JSON (a recording's bytes travel apart); this one is larger.`);
}

/** Walks the text once, outside strings, and stops at the first array or object nested past `maxDepth`. */
function checkNesting(text: string, maxDepth: number): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i += 1; // a backslash escapes the next character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > maxDepth) throw new WireError(`A request nests at most ${maxDepth} levels deep; this one nests deeper.`);
    } else if (c === 0x5d || c === 0x7d) {
      depth -= 1;
    }
  }
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
