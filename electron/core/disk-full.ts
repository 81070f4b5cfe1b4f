// A full disk, wherever a write meets it: SQLite says SQLITE_FULL (or, when the shared-memory index cannot
// grow, SQLITE_IOERR_SHMSIZE), a file write says ENOSPC (EDQUOT past a quota). Each becomes one sentence
// that says the disk is full, names the folder the data lives in and what to do, in a `disk_full`
// ErrorInfo whose `folder` lets the renderer say it in any language.
import type { ErrorInfo } from '../../shared/domain';
import type { Handlers } from './core-interface';
import { errorInfo, UserError } from './user-error';

const FULL_CODES: ReadonlySet<string> = new Set(['SQLITE_FULL', 'SQLITE_IOERR_SHMSIZE', 'ENOSPC', 'EDQUOT']);

/** Whether a thrown value says there is no room left to write. */
export function isDiskFull(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && FULL_CODES.has(code)) return true;
  // ffmpeg writing into the data folder says it in its own words.
  const stderr = (err as { stderr?: unknown }).stderr;
  return typeof stderr === 'string' && /No space left on device|Disk quota exceeded/i.test(stderr);
}

/** What was being written when the disk was full; the renderer words each (`code`) in its language. */
export type DiskFullWhen = 'send' | 'reply' | 'write';

export function diskFullInfo(dataDir: string, when: DiskFullWhen): ErrorInfo {
  const where = `The disk that holds Omni Desk's data (${dataDir}) is full`;
  const message =
    when === 'send'
      ? `${where}, so your message was neither sent nor saved. Free some space on that disk, then send again.`
      : when === 'reply'
        ? `${where}, so this reply was stopped. What arrived stays here and is saved as soon as there is room: free some space on that disk, then try again.`
        : `${where}, so this could not be saved. Free some space on that disk, then try again.`;
  return errorInfo('disk_full', message, { code: `disk_full_${when}`, folder: dataDir });
}

export function diskFullError(dataDir: string, when: DiskFullWhen): UserError {
  const info = diskFullInfo(dataDir, when);
  return new UserError('disk_full', info.message, info);
}

/**
 * Every handler, with a full disk answered as that sentence instead of "Something went wrong": any request
 * may write (settings, a rename, a recording's file), and what it was writing is the only thing that differs.
 */
export function withDiskFullAnswers(handlers: Handlers, dataDir: string): Handlers {
  const out: Record<string, (input: never) => unknown> = {};
  for (const [name, handler] of Object.entries(handlers) as [string, (input: never) => unknown][]) {
    const when: DiskFullWhen = name === 'chat.send' || name === 'chat.regenerate' || name === 'chat.edit' ? 'send' : 'write';
    const explained = (err: unknown): unknown => (err instanceof UserError || !isDiskFull(err) ? err : diskFullError(dataDir, when));
    // A handler that answers at once still does (callers and tests may read its value without awaiting).
    out[name] = (input: never) => {
      let result: unknown;
      try {
        result = handler(input);
      } catch (err) {
        throw explained(err);
      }
      return result instanceof Promise ? result.catch((err: unknown) => Promise.reject(explained(err))) : result;
    };
  }
  return out as unknown as Handlers;
}
