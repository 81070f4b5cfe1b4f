// When the desktop app cannot start (a history written by a newer version, a data folder that cannot be
// written, a full disk…), a dialog says what happened, where, and what to do — with "Open data folder"
// and "Quit" — instead of a line in a terminal nobody sees and a silent exit.
//
// The dialog is written against StartupFailure (title, message, data folder). Turning an error into one is
// the core's job (issue 17 adds that function to electron/core); until it is on main, describeStartupFailure
// below maps the cases this shell meets. Swapping is one line in index.ts: pass the core's function as
// `describe`. No 'electron' import at run time: index.ts hands in dialog, shell and the app's locale.
import { accessSync, constants, existsSync } from 'node:fs';
import path from 'node:path';
import type { Language } from '../../shared/domain';
import { errorText } from '../../shared/error-text';
import { DatabaseTooNewError } from '../core/store/database-errors';

/** What the dialog shows: the headline, what happened and what to do, and the folder it is about. */
export interface StartupFailure {
  title: string;
  message: string;
  /** The folder "Open data folder" opens (null: none applies). */
  dataDir: string | null;
}

/** The error a start threw, and the data folder it was starting on → the dialog's words. */
export type DescribeStartupFailure = (err: unknown, dataDir: string) => StartupFailure;

const TEXT = {
  en: {
    tooNewTitle: 'This history needs a newer Omni Desk',
    tooNew: (file: string, found: number, known: number) =>
      `Your conversations in ${file} were saved by a newer version of Omni Desk (history version ${found}; this one reads up to ${known}). Nothing was changed. Install the latest Omni Desk to open them.`,
    readOnlyTitle: 'Omni Desk cannot write to its data folder',
    readOnly: (dir: string, code: string) =>
      `${dir} is read-only or belongs to another user (${code}), and Omni Desk keeps your conversations there. Make the folder writable for your user account (or move it back to a writable disk), then start Omni Desk again.`,
    fullTitle: 'The disk is full',
    full: (dir: string) =>
      `Omni Desk could not write to ${dir}: no space is left on that disk. Nothing was lost. Free some space (empty the trash, remove large files), then start Omni Desk again.`,
    otherTitle: 'Omni Desk could not start',
    other: (dir: string, what: string) =>
      `${what} Your conversations in ${dir} were not changed. Start Omni Desk again; if this keeps happening, report it with this message.`,
    where: (dir: string) => `Data folder: ${dir}`,
    openFolder: 'Open data folder',
    quit: 'Quit',
  },
  'zh-CN': {
    tooNewTitle: '这份历史记录需要更新版本的 Omni Desk',
    tooNew: (file: string, found: number, known: number) =>
      `${file} 中的对话由更新版本的 Omni Desk 保存（历史记录版本 ${found}；当前版本最多读取 ${known}）。没有任何改动。请安装最新版 Omni Desk 后再打开。`,
    readOnlyTitle: 'Omni Desk 无法写入数据文件夹',
    readOnly: (dir: string, code: string) =>
      `${dir} 是只读的或属于其他用户（${code}），而 Omni Desk 在那里保存你的对话。请让你的用户账户可以写入该文件夹（或把它移回可写的磁盘），然后重新启动 Omni Desk。`,
    fullTitle: '磁盘已满',
    full: (dir: string) =>
      `Omni Desk 无法写入 ${dir}：该磁盘没有剩余空间。没有丢失任何内容。请腾出一些空间（清空回收站、删除大文件），然后重新启动 Omni Desk。`,
    otherTitle: 'Omni Desk 无法启动',
    other: (dir: string, what: string) =>
      `${what} ${dir} 中的对话没有被改动。请重新启动 Omni Desk；如果一再出现，请附上这条信息报告问题。`,
    where: (dir: string) => `数据文件夹：${dir}`,
    openFolder: '打开数据文件夹',
    quit: '退出',
  },
} as const;

/** The language of the system (Settings are in the history, which may be what failed). */
export function startupLanguage(locales: readonly string[]): Language {
  return /^zh/i.test(locales[0] ?? '') ? 'zh-CN' : 'en';
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

const READ_ONLY = new Set(['EACCES', 'EPERM', 'EROFS', 'SQLITE_READONLY', 'SQLITE_READONLY_DIRECTORY', 'SQLITE_CANTOPEN', 'SQLITE_PERM']);
const FULL = new Set(['ENOSPC', 'EDQUOT', 'SQLITE_FULL']);

/** This shell's mapping of the failures it meets at start (see the note at the top). */
export function describeStartupFailure(lang: Language): DescribeStartupFailure {
  const t = TEXT[lang] ?? TEXT.en;
  return (err, dataDir) => {
    if (err instanceof DatabaseTooNewError) {
      return { title: t.tooNewTitle, message: t.tooNew(err.file, err.found, err.known), dataDir };
    }
    const codes = codesOf(err);
    const full = codes.find((c) => FULL.has(c));
    if (full) return { title: t.fullTitle, message: t.full(dataDir), dataDir };
    // Node's recursive mkdir says ENOENT, not EROFS, under a read-only folder: ask the folder itself.
    const readOnly = codes.find((c) => READ_ONLY.has(c)) ?? writeRefusal(dataDir);
    if (readOnly) return { title: t.readOnlyTitle, message: t.readOnly(dataDir, readOnly), dataDir };
    const what = errorText(err).trim();
    return { title: t.otherTitle, message: t.other(dataDir, /[.!?。]$/.test(what) ? what : `${what}.`), dataDir };
  };
}

/** What of Electron the dialog needs (index.ts passes dialog.showMessageBox and shell.openPath). */
export interface StartupDialogDeps {
  showMessageBox(options: {
    type: 'error'; title: string; message: string; detail: string; buttons: string[]; defaultId: number; cancelId: number; noLink: boolean;
  }): Promise<{ response: number }>;
  openPath(folder: string): Promise<string>;
  lang: Language;
}

/**
 * Shows the failure until the user quits: "Open data folder" opens it (or the nearest folder above it
 * that exists) and shows the dialog again, so the words stay in view while they look.
 */
export async function showStartupFailure(failure: StartupFailure, deps: StartupDialogDeps): Promise<void> {
  const t = TEXT[deps.lang] ?? TEXT.en;
  const folder = failure.dataDir ? nearestExisting(failure.dataDir) : null;
  const buttons = folder ? [t.openFolder, t.quit] : [t.quit];
  const quit = buttons.length - 1;
  for (;;) {
    const { response } = await deps.showMessageBox({
      type: 'error',
      title: 'Omni Desk',
      message: failure.title,
      detail: failure.dataDir ? `${failure.message}\n\n${t.where(failure.dataDir)}` : failure.message,
      buttons,
      defaultId: quit,
      cancelId: quit,
      noLink: true,
    });
    if (response !== 0 || !folder) return;
    await deps.openPath(folder);
  }
}

/** Why the data folder (or the nearest folder above it that exists) cannot be written, or null. */
function writeRefusal(dataDir: string): string | null {
  const folder = nearestExisting(dataDir);
  if (!folder) return null;
  try {
    accessSync(folder, constants.W_OK);
    return null;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code && READ_ONLY.has(code) ? code : null;
  }
}

function nearestExisting(dir: string): string | null {
  for (let cur = path.resolve(dir); ; cur = path.dirname(cur)) {
    if (existsSync(cur)) return cur;
    if (path.dirname(cur) === cur) return null;
  }
}
