// Why Omni Desk could not start on its data folder, as a person reads it: the folder, what is wrong (a
// history from a newer version, the disk is full, the folder is read-only or not the user's, it is a file)
// and what to do, in English or Chinese. SQLite and the file system say the same things in many codes
// (SQLITE_FULL, SQLITE_IOERR_SHMSIZE, SQLITE_READONLY, SQLITE_CANTOPEN, ENOSPC, EROFS, EACCES, and ENOENT
// from mkdir under a read-only folder), so the folder itself is looked at too: what its nearest existing
// part allows, and how much room its disk has. The browser shell's CLI prints the message (and can be
// started elsewhere: --data-dir); Electron's main process shows {title, message, dataDir} in its dialog.
import { accessSync, constants, existsSync, statfsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Language } from '../../shared/domain';
import { errorText } from '../../shared/error-text';
import { DATABASE_FILE } from './app-core';
import { isDiskFull } from './disk-full';
import { DatabaseTooNewError, DatabaseUnreadableError } from './store/database-errors';

/** What a startup dialog or a terminal shows: the headline, what happened and what to do, and the folder. */
export interface StartupFailure {
  title: string;
  message: string;
  /** The data folder it is about (null: none applies). */
  dataDir: string | null;
}

export interface StartupFailureOptions {
  /** The browser shell can be started on another folder (--data-dir); the desktop app cannot. */
  shell: 'web' | 'electron';
  lang?: Language;
}

/** Less room than this on the folder's disk counts as full, whatever code the failure came with. */
const NEARLY_FULL_BYTES = 1024 * 1024;

const TEXT = {
  en: {
    tooNewTitle: 'This history needs a newer Omni Desk',
    tooNew: (file: string, found: number, known: number) =>
      `Your conversations in ${file} were saved by a newer version of Omni Desk (history version ${found}; this one reads up to ${known}). Nothing was changed. Install the latest Omni Desk to open them.`,
    unreadableTitle: 'Omni Desk cannot open its history',
    readOnlyTitle: 'Omni Desk cannot write to its data folder',
    readOnly: (dir: string, code: string, web: boolean) =>
      `${dir} is read-only or belongs to another user (${code}), and Omni Desk keeps your conversations there. Make the folder writable for your user account (or move it back to a writable disk)${web ? ', or start Omni Desk with --data-dir on a folder you can write to' : ''}, then start Omni Desk again.`,
    notAFolderTitle: 'The data folder is a file',
    notAFolder: (dir: string, web: boolean) =>
      `${dir} is a file, not a folder, and Omni Desk keeps your conversations in a folder there. Move that file away${web ? ', or start Omni Desk with --data-dir on another folder' : ''}, then start Omni Desk again.`,
    fullTitle: 'The disk is full',
    full: (dir: string, web: boolean) =>
      `Omni Desk could not write to ${dir}: no space is left on that disk. Nothing was lost. Free some space (empty the trash, remove large files)${web ? ', or start Omni Desk with --data-dir on another disk' : ''}, then start Omni Desk again.`,
    otherTitle: 'Omni Desk could not start',
    other: (dir: string, what: string) =>
      `${what} Your conversations in ${dir} were not changed. Start Omni Desk again; if this keeps happening, report it with this message.`,
  },
  'zh-CN': {
    tooNewTitle: '这份历史记录需要更新版本的 Omni Desk',
    tooNew: (file: string, found: number, known: number) =>
      `${file} 中的对话由更新版本的 Omni Desk 保存（历史记录版本 ${found}；当前版本最多读取 ${known}）。没有任何改动。请安装最新版 Omni Desk 后再打开。`,
    unreadableTitle: 'Omni Desk 无法打开历史记录',
    readOnlyTitle: 'Omni Desk 无法写入数据文件夹',
    readOnly: (dir: string, code: string, web: boolean) =>
      `${dir} 是只读的或属于其他用户（${code}），而 Omni Desk 在那里保存你的对话。请让你的用户账户可以写入该文件夹（或把它移回可写的磁盘）${web ? '，或用 --data-dir 指定一个可写的文件夹启动 Omni Desk' : ''}，然后重新启动 Omni Desk。`,
    notAFolderTitle: '数据文件夹是一个文件',
    notAFolder: (dir: string, web: boolean) =>
      `${dir} 是一个文件而不是文件夹，而 Omni Desk 需要在那里用文件夹保存你的对话。请把该文件移走${web ? '，或用 --data-dir 指定另一个文件夹启动 Omni Desk' : ''}，然后重新启动 Omni Desk。`,
    fullTitle: '磁盘已满',
    full: (dir: string, web: boolean) =>
      `Omni Desk 无法写入 ${dir}：该磁盘没有剩余空间。没有丢失任何内容。请腾出一些空间（清空回收站、删除大文件）${web ? '，或用 --data-dir 把数据放到另一块磁盘上启动 Omni Desk' : ''}，然后重新启动 Omni Desk。`,
    otherTitle: 'Omni Desk 无法启动',
    other: (dir: string, what: string) =>
      `${what} ${dir} 中的对话没有被改动。请重新启动 Omni Desk；如果一再出现，请附上这条信息报告问题。`,
  },
} as const;

const READ_ONLY: ReadonlySet<string> = new Set(['EACCES', 'EPERM', 'EROFS', 'SQLITE_READONLY', 'SQLITE_READONLY_DIRECTORY', 'SQLITE_CANTOPEN', 'SQLITE_PERM']);

/** The error a start threw, and the data folder it was starting on → what to show. Never a stack trace. */
export function describeStartupFailure(err: unknown, dataDir: string, o: StartupFailureOptions): StartupFailure {
  const t = TEXT[o.lang ?? 'en'] ?? TEXT.en;
  const web = o.shell === 'web';
  if (err instanceof DatabaseTooNewError) return { title: t.tooNewTitle, message: t.tooNew(err.file, err.found, err.known), dataDir };
  // Already a sentence that names the file and what to do (the app opens a damaged history read-only instead).
  if (err instanceof DatabaseUnreadableError) return { title: t.unreadableTitle, message: err.message, dataDir };
  const existing = nearestExisting(dataDir);
  if (existing !== null && existing === path.resolve(dataDir) && !statSync(existing).isDirectory()) {
    return { title: t.notAFolderTitle, message: t.notAFolder(dataDir, web), dataDir };
  }
  const codes = codesOf(err);
  const full = () => ({ title: t.fullTitle, message: t.full(dataDir, web), dataDir });
  if (codes.some((c) => isDiskFull({ code: c }))) return full();
  // Node's recursive mkdir says ENOENT, not EROFS, under a read-only folder: ask the folder itself first.
  const refused = (existing === null ? null : writeRefusal(existing, dataDir)) ?? codes.find((c) => READ_ONLY.has(c));
  if (refused) return { title: t.readOnlyTitle, message: t.readOnly(dataDir, refused, web), dataDir };
  // A full disk can also fail as an I/O error or a file that cannot be made: its free space says so.
  if (existing !== null && freeBytes(existing) < NEARLY_FULL_BYTES) return full();
  const what = errorText(err).split('\n')[0]!.trim().slice(0, 300);
  return { title: t.otherTitle, message: t.other(dataDir, /[.!?。]$/.test(what) ? what : `${what}.`), dataDir };
}

/** Every `code` on the error and its causes (Node's EACCES…, better-sqlite3's SQLITE_FULL…). */
function codesOf(err: unknown): string[] {
  const codes: string[] = [];
  for (let cur: unknown = err, depth = 0; cur && typeof cur === 'object' && depth < 5; depth++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    cur = (cur as { cause?: unknown }).cause;
  }
  return codes;
}

/** The folder itself, or the closest parent that exists (what mkdir would have to write into). */
function nearestExisting(dir: string): string | null {
  for (let at = path.resolve(dir); ; at = path.dirname(at)) {
    if (existsSync(at)) return at;
    if (path.dirname(at) === at) return null;
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
function writeRefusal(existing: string, dataDir: string): string | null {
  const targets = [existing];
  if (existing === path.resolve(dataDir)) {
    for (const name of [DATABASE_FILE, `${DATABASE_FILE}-wal`, `${DATABASE_FILE}-shm`]) {
      const file = path.join(existing, name);
      if (existsSync(file)) targets.push(file);
    }
  }
  for (const target of targets) {
    try {
      accessSync(target, constants.W_OK);
    } catch (e) {
      return (e as NodeJS.ErrnoException).code ?? 'EACCES';
    }
  }
  return null;
}
