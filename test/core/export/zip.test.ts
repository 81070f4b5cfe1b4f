// The tiny ZIP writer, checked by real unzip tools: Info-ZIP's `unzip -t` and Python's zipfile read back
// every entry byte for byte (names in UTF-8, an empty file, binary data), and CRC-32 matches its standard.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { crc32, zipStored } from '../../../electron/core/export/zip';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'omni-zip-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Python's zipfile: every entry's name and bytes (base64), and testzip()'s verdict (null = all CRCs good). */
function pythonRead(file: string): { bad: string | null; entries: Record<string, string> } {
  const script = [
    'import base64, json, sys, zipfile',
    'z = zipfile.ZipFile(sys.argv[1])',
    'print(json.dumps({"bad": z.testzip(), "entries": {n: base64.b64encode(z.read(n)).decode() for n in z.namelist()}}))',
  ].join('\n');
  return JSON.parse(execFileSync('python3', ['-c', script, file], { encoding: 'utf8' })) as { bad: string | null; entries: Record<string, string> };
}

describe('zipStored', () => {
  it('computes the standard CRC-32', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });

  it('writes a ZIP that unzip and Python read back exactly', () => {
    const entries = [
      { path: 'Trip 旅行/Trip 旅行.md', bytes: new TextEncoder().encode('# Trip 旅行\n\nHello 你好 🎵\n') },
      { path: 'Trip 旅行/media/01-photo.png', bytes: new Uint8Array(randomBytes(70_000)) },
      { path: 'Trip 旅行/media/empty.txt', bytes: new Uint8Array(0) },
    ];
    const file = join(dir, 'out.zip');
    writeFileSync(file, zipStored(entries, Date.UTC(2026, 10, 26, 1, 2, 3)));

    const tested = execFileSync('unzip', ['-t', file], { encoding: 'utf8' });
    expect(tested).toMatch(/No errors detected/);

    const read = pythonRead(file);
    expect(read.bad).toBeNull();
    expect(Object.keys(read.entries)).toEqual(entries.map((e) => e.path));
    for (const e of entries) expect(Buffer.from(read.entries[e.path]!, 'base64').equals(Buffer.from(e.bytes))).toBe(true);
  });

  it('refuses paths that would escape the folder, and duplicates', () => {
    const bytes = new Uint8Array(1);
    expect(() => zipStored([{ path: '../evil.md', bytes }])).toThrow(/relative/);
    expect(() => zipStored([{ path: '/etc/passwd', bytes }])).toThrow(/relative/);
    expect(() => zipStored([{ path: 'a\\b', bytes }])).toThrow(/relative/);
    expect(() => zipStored([{ path: 'a.md', bytes }, { path: 'a.md', bytes }])).toThrow(/Two ZIP entries/);
  });
});
