// Pops up the window's context menu (context-menu.ts builds it) with Electron's own actions: the page's
// editing commands, the clipboard, the user's browser for web links, and a save dialog for pictures.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { app, clipboard, dialog, Menu, shell, type BrowserWindow, type Session } from 'electron';
import type { Language } from '../../shared/domain';
import { errorText } from '../../shared/error-text';
import { contextMenuTemplate, contextMenuText, withImageExtension, type ContextMenuActions } from './context-menu';
import { isWebLink } from './web-link';

export interface ContextMenuDeps {
  /** The app's language now (Settings), so the menu speaks it. */
  language: () => Promise<Language>;
  /** Fetches a picture the page shows (app://omni/media/… through our protocol handler). */
  session: Session;
  log: (line: string) => void;
}

export function installContextMenu(win: BrowserWindow, deps: ContextMenuDeps): void {
  const contents = win.webContents;
  const actions: ContextMenuActions = {
    replaceMisspelling: (word) => contents.replaceMisspelling(word),
    addToDictionary: (word) => {
      contents.session.addWordToSpellCheckerDictionary(word);
    },
    cut: () => contents.cut(),
    copy: () => contents.copy(),
    paste: () => contents.paste(),
    selectAll: () => contents.selectAll(),
    copyText: (text) => clipboard.writeText(text),
    openExternal: (url) => {
      if (isWebLink(url)) void shell.openExternal(url);
    },
    copyImageAt: (x, y) => contents.copyImageAt(x, y),
    saveImage: (url, name) => {
      void saveImage(win, deps, url, name).catch((err: unknown) => deps.log(`saving a picture failed: ${errorText(err)}`));
    },
  };
  contents.on('context-menu', (_event, params) => {
    void deps
      .language()
      .catch(() => 'en' as const)
      .then((lang) => {
        const template = contextMenuTemplate(params, actions, lang);
        if (template.length > 0 && !win.isDestroyed()) Menu.buildFromTemplate(template).popup({ window: win });
      });
  });
}

/** Fetches the picture (Electron's net for app:// and the web, Node's for data:), asks where, writes it. */
async function saveImage(win: BrowserWindow, deps: ContextMenuDeps, url: string, name: string): Promise<void> {
  const res = url.startsWith('data:') ? await fetch(url) : await deps.session.fetch(url);
  if (!res.ok) throw new Error(`HTTP ${res.status} for the picture`);
  const bytes = new Uint8Array(await res.arrayBuffer());
  const lang = await deps.language().catch(() => 'en' as const);
  const result = await dialog.showSaveDialog(win, {
    title: contextMenuText(lang).saveImage.replace(/…$/, ''),
    defaultPath: path.join(app.getPath('downloads'), withImageExtension(name, res.headers.get('content-type'))),
  });
  if (result.canceled || !result.filePath) return;
  await writeFile(result.filePath, bytes);
}
