// Opening the one history database: refuse what we must not touch (before any write), set the pragmas,
// run pending migrations in one transaction.
import { closeSync, existsSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { DatabaseTooNewError, DatabaseUnreadableError } from './database-errors';
import { APPLICATION_ID, MIGRATIONS, type Migration, type MigrationContext } from './migrations';
import { errorText } from '../../../shared/error-text';

export interface OpenOptions {
  now?: () => number;
  /** The schema history to apply; the app's own by default. Tests pass a prefix or an extended list. */
  migrations?: readonly Migration[];
  /** How long a statement waits for another connection's lock before failing. */
  busyTimeoutMs?: number;
  /**
   * Run PRAGMA quick_check on an existing file before anything is written to it; damage found makes it a
   * DatabaseUnreadableError('damaged'). The app's start does this; tests and tools may skip the cost.
   */
  quickCheck?: boolean;
}

interface Header {
  userVersion: number;
  applicationId: number;
  objects: number;
}

export function openDatabase(file: string, opts: OpenOptions = {}): Database {
  const migrations = checkedMigrations(opts.migrations ?? MIGRATIONS);
  const known = migrations[migrations.length - 1]?.version ?? 0;
  const inMemory = file === ':memory:' || file === '';

  // Check before any write: even switching to WAL writes to the file, and a file we refuse must stay
  // byte-for-byte as it was.
  const existed = !inMemory && existsSync(file) && statSync(file).size > 0;
  let checked = false;
  if (existed) {
    refuseIfUnusable(file, probeHeader(file), known);
    // With commits still in the log, check on a read-only connection: closing a writable one would
    // checkpoint the log into a file that may be damaged.
    if (opts.quickCheck && walHasCommits(file)) {
      const probe = guard(file, () => new BetterSqlite3(file, { readonly: true, fileMustExist: true }));
      try {
        quickCheck(file, probe);
      } finally {
        probe.close();
      }
      checked = true;
    }
  }

  if (!inMemory) mkdirSync(dirname(file), { recursive: true });
  const db = guard(file, () => new BetterSqlite3(file));
  try {
    db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(opts.busyTimeoutMs ?? 5_000))}`);
    // Again on the writable connection: the file may have changed since the probe.
    const header = guard(file, () => readHeader(db));
    refuseIfUnusable(file, header, known);
    // Before any write (the WAL switch below writes): an empty log means closing writes nothing back.
    if (opts.quickCheck && existed && !checked) quickCheck(file, db);
    if (header.objects === 0 && header.userVersion === 0) {
      // Only possible before the first table exists: lets deleted audio give its space back.
      db.pragma('auto_vacuum = INCREMENTAL');
    }
    if (!inMemory) {
      const mode = db.pragma('journal_mode = WAL', { simple: true });
      if (String(mode).toLowerCase() !== 'wal') {
        throw new Error(`Could not switch the history file ${file} to WAL mode (got ${String(mode)}).`);
      }
    }
    db.pragma('synchronous = NORMAL');
    // After a checkpoint the log is cut back to this size: one large write (a long reply's audio) must not
    // leave a log that big on disk for good. SQLite checkpoints every 1,000 pages (4 MiB) by itself.
    if (!inMemory) db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT}`);
    db.pragma('foreign_keys = ON');
    applyMigrations(db, migrations, { now: opts.now ?? Date.now });
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/**
 * Runs every migration newer than the file's user_version, all in one transaction that also sets
 * user_version: either the file reaches the newest version or it stays exactly as it was.
 * Returns the version the file is at afterwards.
 */
export function applyMigrations(db: Database, migrations: readonly Migration[], ctx: MigrationContext): number {
  const list = checkedMigrations(migrations);
  const run = db.transaction(() => {
    const from = Number(db.pragma('user_version', { simple: true }));
    const pending = list.filter((m) => m.version > from);
    for (const m of pending) m.up(db, ctx);
    const to = pending[pending.length - 1]?.version ?? from;
    if (to !== from) db.pragma(`user_version = ${to}`);
    return to;
  });
  // IMMEDIATE: take the write lock before reading user_version, so two processes cannot both migrate.
  return run.immediate();
}

function refuseIfUnusable(file: string, h: Header, known: number): void {
  // Unmarked and empty (or not yet counted): a new file, or one whose first migration never committed.
  const blank = h.applicationId === 0 && h.userVersion === 0 && h.objects <= 0;
  if (!blank && h.applicationId !== APPLICATION_ID) throw new DatabaseUnreadableError(file, 'foreign');
  if (h.userVersion > known) throw new DatabaseTooNewError(file, h.userVersion, known);
}

/**
 * The header of an existing file, read without writing anything. While a previous run's write-ahead log
 * still holds commits, the file's own header may be stale, so SQLite reads it (read-only, through the
 * log); otherwise the bytes are read directly, which leaves not even a -wal or -shm file behind.
 */
function probeHeader(file: string): Header {
  const wal = `${file}-wal`;
  if (existsSync(wal) && statSync(wal).size > 0) {
    const probe = guard(file, () => new BetterSqlite3(file, { readonly: true, fileMustExist: true }));
    try {
      return guard(file, () => readHeader(probe));
    } finally {
      probe.close();
    }
  }
  const head = Buffer.alloc(100);
  const fd = openSync(file, 'r');
  let got: number;
  try {
    got = readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  if (got < head.length || !head.subarray(0, SQLITE_MAGIC.length).equals(SQLITE_MAGIC)) {
    throw new DatabaseUnreadableError(file, 'not_a_database');
  }
  // Offsets from the SQLite file format: user_version at 60, application_id at 68, big-endian.
  // `objects` is unknown here (-1: "not known to be empty"); the writable connection counts them.
  return { userVersion: head.readInt32BE(60), applicationId: head.readInt32BE(68), objects: -1 };
}

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

/** The write-ahead log is cut back to this size after each checkpoint. */
export const WAL_SIZE_LIMIT = 8 * 1024 * 1024;

function walHasCommits(file: string): boolean {
  const wal = `${file}-wal`;
  return existsSync(wal) && statSync(wal).size > 0;
}

/** PRAGMA quick_check (the b-trees' structure, not index contents): anything but "ok" is damage. */
function quickCheck(file: string, db: Database): void {
  const found = guard(file, () => db.prepare('PRAGMA quick_check(5)').pluck().all() as unknown[]).map(String);
  if (found.length === 1 && found[0] === 'ok') return;
  throw new DatabaseUnreadableError(file, 'damaged', { detail: found.join('; ').slice(0, 500) });
}

function readHeader(db: Database): Header {
  return {
    userVersion: Number(db.pragma('user_version', { simple: true })),
    applicationId: Number(db.pragma('application_id', { simple: true })),
    // Reading the schema makes SQLite parse page 1, which is where a non-database file is caught.
    objects: Number(db.prepare('SELECT count(*) FROM sqlite_schema').pluck().get()),
  };
}

/** Turns SQLite's "not a database" and "corrupt" into DatabaseUnreadableError; anything else passes. */
function guard<T>(file: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (code === 'SQLITE_NOTADB') throw new DatabaseUnreadableError(file, 'not_a_database', { cause: err });
    if (typeof code === 'string' && code.startsWith('SQLITE_CORRUPT')) {
      throw new DatabaseUnreadableError(file, 'damaged', { cause: err, detail: errorText(err) });
    }
    throw err;
  }
}

function checkedMigrations(list: readonly Migration[]): readonly Migration[] {
  list.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new Error(`Migrations must be numbered 1, 2, 3… in order; found version ${m.version} at position ${i + 1}.`);
    }
  });
  return list;
}
