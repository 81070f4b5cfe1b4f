// A minimal ZIP writer: every entry stored (no compression — audio, pictures and video barely shrink, and
// Markdown is small), CRC-32 per entry, UTF-8 names. Enough for the browser shell's one-file downloads;
// every unzip tool and file manager opens it. No ZIP64: refuses what would need it.

export interface ZipEntry {
  /** Forward slashes, no leading slash, no `..`. */
  path: string;
  bytes: Uint8Array;
  /** Modification time (ms since epoch); now by default. */
  mtime?: number;
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(bytes: Uint8Array, seed = 0): number {
  let c = (seed ^ 0xffffffff) >>> 0;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** MS-DOS date and time (local time, 2-second steps, 1980–2107), as ZIP headers carry them. */
function dosDateTime(ms: number): { time: number; date: number } {
  const d = new Date(ms);
  const year = Math.min(2107, Math.max(1980, d.getFullYear()));
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2),
    date: ((year - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

const MAX_32 = 0xffff_ffff;

export function zipStored(entries: readonly ZipEntry[], now: number = Date.now()): Uint8Array<ArrayBuffer> {
  if (entries.length > 0xffff) throw new RangeError('Too many files for one ZIP (at most 65,535).');
  const encoder = new TextEncoder();
  const seen = new Set<string>();
  const parts: { name: Uint8Array; entry: ZipEntry; crc: number; offset: number; time: number; date: number }[] = [];
  let offset = 0;
  for (const entry of entries) {
    if (!entry.path || entry.path.startsWith('/') || entry.path.split('/').some((s) => s === '..' || s === '') || entry.path.includes('\\')) {
      throw new Error(`Not a relative ZIP path: ${entry.path}`);
    }
    if (seen.has(entry.path)) throw new Error(`Two ZIP entries named ${entry.path}.`);
    seen.add(entry.path);
    const name = encoder.encode(entry.path);
    const { time, date } = dosDateTime(entry.mtime ?? now);
    parts.push({ name, entry, crc: crc32(entry.bytes), offset, time, date });
    offset += 30 + name.length + entry.bytes.length;
  }
  const centralStart = offset;
  const centralSize = parts.reduce((n, p) => n + 46 + p.name.length, 0);
  const total = centralStart + centralSize + 22;
  if (total > MAX_32) throw new RangeError('The export is larger than 4 GB, more than a plain ZIP holds.');

  const out = new Uint8Array(total);
  const v = new DataView(out.buffer);
  let at = 0;
  const u16 = (x: number) => {
    v.setUint16(at, x, true);
    at += 2;
  };
  const u32 = (x: number) => {
    v.setUint32(at, x >>> 0, true);
    at += 4;
  };
  // Bit 11: names are UTF-8. Version 2.0 covers stored entries and folders.
  const FLAGS = 0x0800;
  const VERSION = 20;
  for (const p of parts) {
    u32(0x04034b50);
    u16(VERSION);
    u16(FLAGS);
    u16(0); // stored
    u16(p.time);
    u16(p.date);
    u32(p.crc);
    u32(p.entry.bytes.length);
    u32(p.entry.bytes.length);
    u16(p.name.length);
    u16(0);
    out.set(p.name, at);
    at += p.name.length;
    out.set(p.entry.bytes, at);
    at += p.entry.bytes.length;
  }
  for (const p of parts) {
    u32(0x02014b50);
    u16((3 << 8) | VERSION); // made by: Unix, so the permissions below are read
    u16(VERSION);
    u16(FLAGS);
    u16(0);
    u16(p.time);
    u16(p.date);
    u32(p.crc);
    u32(p.entry.bytes.length);
    u32(p.entry.bytes.length);
    u16(p.name.length);
    u16(0); // extra
    u16(0); // comment
    u16(0); // disk
    u16(0); // internal attributes
    u32((0o100644 << 16) >>> 0); // a regular file, rw-r--r--
    u32(p.offset);
    out.set(p.name, at);
    at += p.name.length;
  }
  u32(0x06054b50);
  u16(0);
  u16(0);
  u16(parts.length);
  u16(parts.length);
  u32(centralSize);
  u32(centralStart);
  u16(0);
  return out;
}
