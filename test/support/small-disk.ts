// A data folder whose disk really fills up: a small tmpfs mounted for the test (the tests run as root
// here), filled to its last page by a filler file and freed by deleting it. Where no file system can be
// mounted (not root), the core's own SQLite connection gets max_page_count at its current size, which makes
// SQLite answer SQLITE_FULL for real; what only a real disk can show (a file write, the start-up) is then
// skipped with the printed reason.
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';

export interface FillableDisk {
  /** 'tmpfs': a real small file system; 'max_page_count': SQLite's own size limit on the core's connection. */
  readonly how: 'tmpfs' | 'max_page_count';
  /** Why there is no tmpfs (null when there is one). */
  readonly noMountReason: string | null;
  /** A folder on the small disk for a core's data. */
  readonly dataDir: string;
  /** Give to createCore/startTestCore: the core's connection, for max_page_count. */
  databaseOpened(db: Database): void;
  /** Fills the disk to its last page (or the database to its current size). */
  fill(): Promise<void>;
  /** Frees what fill() took. */
  free(): Promise<void>;
  /** Makes the file system read-only (tmpfs only). */
  readOnly(): void;
  close(): Promise<void>;
}

const UNLIMITED_PAGES = 1_073_741_823;

/**
 * The database may not grow past its size, and the room left inside its pages is taken by a filler table
 * (rows of smaller and smaller blobs until even one byte no longer fits): the next write that needs room
 * meets SQLITE_FULL, as on a full disk.
 */
function fillDatabase(db: Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS test_filler (x BLOB)');
  db.pragma(`max_page_count = ${Number(db.pragma('page_count', { simple: true }))}`);
  const insert = db.prepare('INSERT INTO test_filler (x) VALUES (?)');
  for (const size of [4096, 1024, 256, 64, 16, 4, 1]) {
    const blob = Buffer.alloc(size, 1);
    try {
      for (;;) insert.run(blob);
    } catch (err) {
      if ((err as { code?: string }).code !== 'SQLITE_FULL') throw err;
    }
  }
}

/** Mounts a tmpfs of `sizeMb` (or prepares the max_page_count stand-in) with a data folder in it. */
export async function fillableDisk(prefix: string, sizeMb = 24): Promise<FillableDisk> {
  const root = await mkdtemp(join(tmpdir(), prefix));
  const mountPoint = join(root, 'disk');
  await mkdir(mountPoint);
  let noMountReason: string | null = null;
  if (process.env.OMNI_TEST_NO_MOUNT) {
    noMountReason = 'OMNI_TEST_NO_MOUNT is set';
  } else if (process.getuid?.() !== 0) {
    noMountReason = 'not running as root, so no tmpfs can be mounted';
  } else {
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMb}m`, 'tmpfs', mountPoint], { stdio: 'pipe' });
    } catch (err) {
      noMountReason = `mount -t tmpfs failed: ${String((err as { stderr?: Buffer }).stderr ?? err).trim()}`;
    }
  }
  const dataDir = join(mountPoint, 'data');
  await mkdir(dataDir, { recursive: true });
  const fillers: string[] = [];
  const dbs: Database[] = [];
  const mounted = noMountReason === null;

  return {
    how: mounted ? 'tmpfs' : 'max_page_count',
    noMountReason,
    dataDir,
    databaseOpened(db) {
      dbs.push(db);
    },
    async fill() {
      if (!mounted) {
        for (const db of dbs) if (db.open) fillDatabase(db);
        return;
      }
      // Big pieces, then page-sized ones, until the file system refuses: full to its last page.
      for (const size of [1024 * 1024, 4096]) {
        const file = join(mountPoint, `filler-${fillers.length}`);
        fillers.push(file);
        const handle = await open(file, 'w');
        const chunk = Buffer.alloc(size, 1);
        try {
          for (;;) await handle.write(chunk);
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
        } finally {
          await handle.close().catch(() => {});
        }
      }
    },
    async free() {
      if (!mounted) {
        for (const db of dbs) {
          if (!db.open) continue;
          db.pragma(`max_page_count = ${UNLIMITED_PAGES}`);
          db.exec('DROP TABLE IF EXISTS test_filler');
        }
        return;
      }
      for (const f of fillers.splice(0)) await rm(f, { force: true });
    },
    readOnly() {
      if (!mounted) throw new Error(`no read-only file system: ${noMountReason}`);
      execFileSync('mount', ['-o', 'remount,ro', mountPoint], { stdio: 'pipe' });
    },
    async close() {
      if (mounted) {
        try {
          execFileSync('umount', ['-l', mountPoint], { stdio: 'pipe' });
        } catch {
          // already gone
        }
      }
      await rm(root, { recursive: true, force: true });
    },
  };
}
