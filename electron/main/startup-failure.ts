// When the desktop app cannot start (a history written by a newer version, a data folder that cannot be
// written, a full disk…), a dialog says what happened, where, and what to do — with "Open data folder"
// and "Quit" — instead of a line in a terminal nobody sees and a silent exit.
//
// The dialog is written against StartupFailure (title, message, data folder). Turning an error into one is
// the core's job (describeStartupFailure in electron/core/startup-failure.ts, which the browser shell's CLI
// uses too); index.ts asks it in the system's language. No 'electron' import at run time: index.ts hands
// in dialog, shell and the app's locale.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Language } from '../../shared/domain';
import type { StartupFailure } from '../core/startup-failure';

/** The dialog's own words; what went wrong comes from the core. */
const TEXT = {
  en: {
    where: (dir: string) => `Data folder: ${dir}`,
    openFolder: 'Open data folder',
    quit: 'Quit',
  },
  'zh-CN': {
    where: (dir: string) => `数据文件夹：${dir}`,
    openFolder: '打开数据文件夹',
    quit: '退出',
  },
} as const;
/** The language of the system (Settings are in the history, which may be what failed). */
export function startupLanguage(locales: readonly string[]): Language {
  return /^zh/i.test(locales[0] ?? '') ? 'zh-CN' : 'en';
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

function nearestExisting(dir: string): string | null {
  for (let cur = path.resolve(dir); ; cur = path.dirname(cur)) {
    if (existsSync(cur)) return cur;
    if (path.dirname(cur) === cur) return null;
  }
}
