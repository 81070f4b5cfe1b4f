// Opening the history at start: the usual checks plus PRAGMA quick_check. A file that fails them is not
// an error that stops the app: the caller starts in the recovery state instead, and the file is left as
// it was (nothing is written to it).
import type { Database } from 'better-sqlite3';
import { openDatabase, type OpenOptions } from '../store/database';
import { DatabaseUnreadableError } from '../store/database-errors';

export type OpenedHistory = { ok: true; db: Database } | { ok: false; problem: DatabaseUnreadableError };

export function openHistory(file: string, opts: OpenOptions = {}): OpenedHistory {
  try {
    return { ok: true, db: openDatabase(file, { ...opts, quickCheck: true }) };
  } catch (err) {
    // A file from a newer app is not damaged: updating the app opens it, so that one still stops the start.
    if (err instanceof DatabaseUnreadableError) return { ok: false, problem: err };
    throw err;
  }
}
