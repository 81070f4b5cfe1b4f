// The file before ffprobe sees it: that it is there, readable, not empty and not a folder; its first bytes
// (a playlist or script posing as media, ISO-BMFF, WebM); a name ffmpeg would read as a pattern handed over
// through a plain link; and ffprobe's own failures worded for the user.
import { open, stat, mkdtemp, symlink, copyFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { refuse } from './messages';

export interface Head {
  playlist: boolean;
  isoBmff: boolean;
  webm: boolean;
}

async function readHead(path: string): Promise<Head> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(4096);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    const head = buf.subarray(0, bytesRead);
    const text = head.toString('latin1').replace(/^\uFEFF|^\xEF\xBB\xBF/, '').trimStart();
    const playlist = /^(#EXTM3U|#EXTINF|ffconcat|\[playlist\])/i.test(text) || /<smil[\s>]/i.test(text.slice(0, 512));
    const isoBmff = head.subarray(4, 8).toString('latin1') === 'ftyp';
    // EBML DocType element (0x4282) followed by a one-byte size and "webm".
    const docType = head.indexOf(Buffer.from([0x42, 0x82]));
    const webm = head[0] === 0x1a && docType >= 0 && docType < 64 && head.subarray(docType + 3, docType + 7).toString('latin1') === 'webm';
    return { playlist, isoBmff, webm };
  } finally {
    await fh.close();
  }
}

/** Stat + first bytes, with the user-facing refusal for each way a path can be unusable. */
export async function checkFile(path: string): Promise<{ size: number; mtimeMs: number; head: Head }> {
  let size: number;
  let mtimeMs: number;
  try {
    const s = await stat(path);
    if (s.isDirectory()) throw refuse.notAFile(path);
    size = s.size;
    mtimeMs = s.mtimeMs;
  } catch (err) {
    throw fsRefusal(path, err);
  }
  if (size === 0) throw refuse.empty(path);
  try {
    return { size, mtimeMs, head: await readHead(path) };
  } catch (err) {
    throw fsRefusal(path, err);
  }
}

export function fsRefusal(path: string, err: unknown): Error {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return refuse.vanished(path);
  if (code === 'EACCES' || code === 'EPERM') return refuse.unreadable(path);
  if (code === 'EISDIR') return refuse.notAFile(path);
  return err instanceof Error ? err : new Error(String(err));
}

/**
 * ffmpeg's image2 demuxer reads a `%d` in a name as a numbered sequence (and would open the neighbours).
 * Such paths are handed over through a plainly named link in a private temp folder.
 */
export async function withSafeInput<T>(path: string, fn: (safePath: string) => Promise<T>): Promise<T> {
  if (!path.includes('%')) return fn(path);
  const dir = await mkdtemp(join(tmpdir(), 'omni-in-'));
  const ext = extname(path).toLowerCase();
  const link = join(dir, `input${/^\.[a-z0-9]{1,5}$/.test(ext) ? ext : ''}`);
  try {
    try {
      await symlink(path, link);
    } catch {
      await copyFile(path, link);
    }
    return await fn(link);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export function ffprobeRefusal(path: string, head: Head, stderr: string): Error {
  // A demuxer outside the whitelist (a playlist, a concat script, ANSI art…) is, to the user, not media.
  if (/not on whitelist/i.test(stderr)) return refuse.notMedia(path);
  if (/No such file or directory/i.test(stderr)) return refuse.vanished(path);
  if (/Permission denied/i.test(stderr)) return refuse.unreadable(path);
  if (/moov atom not found|End of file/i.test(stderr)) return head.isoBmff ? refuse.truncated(path) : refuse.notMedia(path);
  return refuse.notMedia(path);
}
