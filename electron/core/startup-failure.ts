// Why Omni Desk could not start on its data folder, as a person reads it: one sentence that names the
// folder, says what is wrong (the disk is full, it is read-only, the user may not write there, it is not a
// folder) and what to do. SQLite and the file system say the same things in many codes (SQLITE_FULL,
// SQLITE_READONLY, SQLITE_CANTOPEN, ENOSPC, EROFS, EACCES, and ENOENT from mkdir on a read-only disk), so
// the folder itself is looked at: what its nearest existing part allows, and how much room its disk has.
// The browser shell's CLI prints the sentence; Electron's main process shows {title, message} in a dialog.
import { accessSync, constants, existsSync, statfsSync, statSync } from 'node:fs';
import path from 'node:path';
import { errorText } from '../../shared/error-text';
import { DATABASE_FILE } from './app-core';
import { isDiskFull } from './disk-full';
import { DatabaseTooNewError, DatabaseUnreadableError } from './store/database-errors';

export type StartupProblem = 'full' | 'read_only' | 'no_permission' | 'not_a_folder' | 'history' | 'other';

export interface StartupFailure {
  /** A dialog's title. */
  title: string;
  /** One sentence: the folder, what is wrong, what to do. No stack trace, no SQLite code. */
  message: string;
  /** The data folder it is about. */
  dataDir: string;
  problem: StartupProblem;
}

export interface StartupFailureOptions {
  /** The browser shell can be started on another folder (--data-dir); the desktop app cannot. */
  shell: 'web' | 'electron';
}

/** Less room than this on the folder's disk counts as full, whatever code the failure came with. */
const NEARLY_FULL_BYTES = 1024 * 1024;

export function describeStartupFailure(err: unknown, dataDir: string, o: StartupFailureOptions): StartupFailure {
  const elsewhere = o.shell === 'web' ? ', or start it with --data-dir on a folder you can write to' : '';
  const fail = (problem: StartupProblem, title: string, message: string): StartupFailure => ({ title, message, dataDir, problem });

  if (err instanceof DatabaseTooNewError || err instanceof DatabaseUnreadableError) {
    // Already a sentence that names the file and what to do.
    return fail('history', 'Omni Desk cannot open its history', err.message);
  }
  const existing = nearestExisting(dataDir);
  if (existing !== null && existing === dataDir && !statSync(dataDir).isDirectory()) {
    return fail('not_a_folder', 'Omni Desk cannot start',
      `Omni Desk cannot start: its data folder ${dataDir} is a file, not a folder. Move that file away${elsewhere}.`);
  }
  if (isDiskFull(err) || (existing !== null && freeBytes(existing) < NEARLY_FULL_BYTES)) {
    return fail('full', 'The disk is full',
      `Omni Desk cannot start: the disk that holds its data folder ${dataDir} is full. Free some space on that disk${elsewhere}, then start Omni Desk again.`);
  }
  const denied = existing === null ? null : writeProblem(existing, dataDir);
  if (denied === 'EROFS') {
    return fail('read_only', 'The data folder is read-only',
      `Omni Desk cannot start: its data folder ${dataDir} is on a read-only disk. Make that disk writable${elsewhere}, then start Omni Desk again.`);
  }
  if (denied !== null) {
    return fail('no_permission', 'No permission to write the data folder',
      `Omni Desk cannot start: it is not allowed to write in its data folder ${dataDir}. Give your user write permission on that folder and the files in it${elsewhere}, then start Omni Desk again.`);
  }
  return fail('other', 'Omni Desk cannot start',
    `Omni Desk cannot start on its data folder ${dataDir} (${firstLine(errorText(err))}). Check that the folder can be written to and its disk has room${elsewhere}, then start Omni Desk again.`);
}

/** The folder itself, or the closest parent that exists (what mkdir would have to write into). */
function nearestExisting(dir: string): string | null {
  let at = path.resolve(dir);
  for (;;) {
    if (existsSync(at)) return at;
    const up = path.dirname(at);
    if (up === at) return null;
    at = up;
  }
}

function freeBytes(dir: string): number {
  try {
    const s = statfsSync(dir);
    return s.bavail * s.bsize;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

/** Why the folder (or, inside it, the history's files) cannot be written: an errno code, or null when it can. */
function writeProblem(existing: string, dataDir: string): string | null {
  const targets = [existing];
  if (existing === path.resolve(dataDir)) {
    for (const name of [DATABASE_FILE, `${DATABASE_FILE}-wal`, `${DATABASE_FILE}-shm`]) {
      const file = path.join(existing, name);
      if (existsSync(file)) targets.push(file);
    }
  }
  for (const t of targets) {
    try {
      accessSync(t, constants.W_OK);
    } catch (e) {
      return (e as NodeJS.ErrnoException).code ?? 'EACCES';
    }
  }
  return null;
}

function firstLine(text: string): string {
  return text.split('\n')[0]!.slice(0, 300);
}
