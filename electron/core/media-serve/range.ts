// One byte range out of a Range header (RFC 9110 §14), for media elements that seek. Only a single range
// is answered as 206: a list of ranges, another unit or a header we cannot read is ignored (the whole
// file, 200), as the RFC allows; a range that starts past the end is 416.

export type RangeAnswer =
  | { kind: 'whole' }
  | { kind: 'part'; start: number; end: number }
  | { kind: 'unsatisfiable' };

const SINGLE = /^bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i;

/** `end` is inclusive, as in Content-Range. */
export function parseRange(header: string | null | undefined, size: number): RangeAnswer {
  if (header === null || header === undefined || header.trim() === '') return { kind: 'whole' };
  const m = SINGLE.exec(header.trim());
  if (!m) return { kind: 'whole' };
  const [, a = '', b = ''] = m;
  if (a === '' && b === '') return { kind: 'whole' };
  if (a === '') {
    // bytes=-n: the last n bytes.
    const n = Number(b);
    if (!Number.isSafeInteger(n)) return { kind: 'whole' };
    if (n === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'part', start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(a);
  if (!Number.isSafeInteger(start)) return { kind: 'whole' };
  const last = b === '' ? size - 1 : Number(b);
  if (!Number.isSafeInteger(last)) return { kind: 'whole' };
  // bytes=5-2 is not a valid range: ignored, as the RFC says.
  if (b !== '' && last < start) return { kind: 'whole' };
  if (start >= size) return { kind: 'unsatisfiable' };
  return { kind: 'part', start, end: Math.min(last, size - 1) };
}
