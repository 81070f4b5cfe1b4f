// Prepared media kept by content: `<dataDir>/media/ab/cdef….ext`, named by the SHA-256 of the bytes, so
// an attachment can be shown again offline and two messages with the same file share one copy.
// Work happens in `<dataDir>/media/.work/` (same disk, so finished files are renamed, not copied).
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rename, rm, stat, unlink } from 'node:fs/promises';
import { join, sep } from 'node:path';

export interface StoredFile {
  sha256: string;
  /** Relative to the data directory, forward slashes: `media/ab/cdef….mp3`. */
  relPath: string;
  size: number;
  ext: string;
}

const REL_PATH = /^media\/[0-9a-f]{2}\/[0-9a-f]{62}\.[a-z0-9]{1,5}$/;

export function mediaRoot(dataDir: string): string {
  return join(dataDir, 'media');
}

function workRoot(dataDir: string): string {
  return join(mediaRoot(dataDir), '.work');
}

/** A private folder for one preparation; remove it with `removeWorkDir`. */
export async function createWorkDir(dataDir: string): Promise<string> {
  await mkdir(workRoot(dataDir), { recursive: true });
  return mkdtemp(join(workRoot(dataDir), 'job-'));
}

export async function removeWorkDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

/** Leftovers of preparations the app did not finish (a crash, a kill): safe to drop at start-up. */
export async function removeStaleWork(dataDir: string): Promise<void> {
  await rm(workRoot(dataDir), { recursive: true, force: true });
}

export function sha256File(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('error', reject)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolve(hash.digest('hex')));
  });
}

/** The absolute path of a stored file; refuses anything that is not a store path (no `..`, no absolute). */
export function storedPath(dataDir: string, relPath: string): string {
  if (!REL_PATH.test(relPath)) throw new Error(`Not a media store path: ${relPath}`);
  return join(dataDir, ...relPath.split('/'));
}

/**
 * Puts `file` into the store. `move` for our own work files (renamed into place); the user's original is
 * copied first and the copy is what gets hashed and kept, so the original is never touched.
 */
export async function storeFile(dataDir: string, file: string, ext: string, opts: { move: boolean }): Promise<StoredFile> {
  const cleanExt = ext.toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, 5) || 'bin';
  let src = file;
  if (!opts.move) {
    await mkdir(workRoot(dataDir), { recursive: true });
    src = join(await mkdtemp(join(workRoot(dataDir), 'copy-')), `original.${cleanExt}`);
    await copyFile(file, src);
  }
  try {
    const sha256 = await sha256File(src);
    const relPath = `media/${sha256.slice(0, 2)}/${sha256.slice(2)}.${cleanExt}`;
    const dest = storedPath(dataDir, relPath);
    await mkdir(join(mediaRoot(dataDir), sha256.slice(0, 2)), { recursive: true });
    const existing = await stat(dest).catch(() => null);
    if (existing) await unlink(src);
    else await rename(src, dest);
    const size = existing ? existing.size : (await stat(dest)).size;
    return { sha256, relPath, size, ext: cleanExt };
  } finally {
    if (!opts.move) await rm(src.slice(0, src.lastIndexOf(sep)), { recursive: true, force: true });
  }
}

/**
 * Puts bytes the app made itself (a live voice turn's WAV, a few hundred kB) into the store at once, without
 * waiting: the turn must be in the history before the reply that answers it, which is already arriving.
 */
export function storeBytesSync(dataDir: string, bytes: Uint8Array, ext: string): StoredFile {
  const cleanExt = ext.toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, 5) || 'bin';
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const relPath = `media/${sha256.slice(0, 2)}/${sha256.slice(2)}.${cleanExt}`;
  const dest = storedPath(dataDir, relPath);
  if (!existsSync(dest)) {
    mkdirSync(join(mediaRoot(dataDir), sha256.slice(0, 2)), { recursive: true });
    mkdirSync(workRoot(dataDir), { recursive: true });
    // Written aside and renamed into place: a crash never leaves half a file under the content's name.
    const part = join(workRoot(dataDir), `live-${randomBytes(6).toString('hex')}.${cleanExt}`);
    writeFileSync(part, bytes);
    renameSync(part, dest);
  }
  return { sha256, relPath, size: bytes.byteLength, ext: cleanExt };
}
