// The window's right-click menu, built from what Chromium says was clicked (webContents 'context-menu'
// params): spelling suggestions and "Add to dictionary" on a misspelt word, Cut/Copy/Paste/Select all in a
// text field, Copy on selected reply text, a link's "Open in browser" (http/https only) and "Copy link
// address", a picture's "Copy image" and "Save image as…" — in the app's language.
//
// Our own ~100 lines rather than electron-context-menu: its 5.x is ESM-only and declares Node ≥ 24 (npm
// warns under this project's Node 22), pulls in electron-dl, cli-truncate and electron-is-dev, and would
// offer items this app does not want (Search with Google, Look Up, Inspect by an environment variable);
// what we need is a template from documented params, which this file is, and it runs under the tests.
// No 'electron' import at run time: context-menu-install.ts pops the menu up.
import type { ContextMenuParams, MenuItemConstructorOptions } from 'electron';
import type { Language } from '../../shared/domain';
import { isWebLink } from './web-link';

/** What the menu's items do; context-menu-install.ts gives Electron's, the tests their own. */
export interface ContextMenuActions {
  replaceMisspelling(word: string): void;
  addToDictionary(word: string): void;
  cut(): void;
  copy(): void;
  paste(): void;
  selectAll(): void;
  copyText(text: string): void;
  openExternal(url: string): void;
  copyImageAt(x: number, y: number): void;
  /** Asks where, then writes the picture at `url` there; `name` is the suggested file name. */
  saveImage(url: string, name: string): void;
}

export type ContextMenuClick = Pick<
  ContextMenuParams,
  'x' | 'y' | 'linkURL' | 'srcURL' | 'mediaType' | 'isEditable' | 'selectionText' | 'misspelledWord' | 'dictionarySuggestions' | 'editFlags' | 'suggestedFilename' | 'altText'
>;

const EN = {
  noSuggestions: 'No spelling suggestions',
  addToDictionary: 'Add to dictionary',
  cut: 'Cut',
  copy: 'Copy',
  paste: 'Paste',
  selectAll: 'Select all',
  openLink: 'Open link in browser',
  copyLink: 'Copy link address',
  copyImage: 'Copy image',
  saveImage: 'Save image as…',
};
export type ContextMenuText = Record<keyof typeof EN, string>;

const TEXT: Record<Language, ContextMenuText> = {
  en: EN,
  'zh-CN': {
    noSuggestions: '没有拼写建议',
    addToDictionary: '添加到词典',
    cut: '剪切',
    copy: '复制',
    paste: '粘贴',
    selectAll: '全选',
    openLink: '在浏览器中打开链接',
    copyLink: '复制链接地址',
    copyImage: '复制图片',
    saveImage: '图片另存为…',
  },
};
export const contextMenuText = (lang: Language): ContextMenuText => TEXT[lang] ?? TEXT.en;

/** Spelling suggestions shown at most; Chromium may offer more. */
const MAX_SUGGESTIONS = 5;

/** The menu for one right-click; empty when there is nothing to offer (then no menu opens). */
export function contextMenuTemplate(p: ContextMenuClick, a: ContextMenuActions, lang: Language): MenuItemConstructorOptions[] {
  const t = contextMenuText(lang);
  const groups: MenuItemConstructorOptions[][] = [];

  const word = p.misspelledWord.trim();
  if (p.isEditable && word) {
    const suggestions = p.dictionarySuggestions.slice(0, MAX_SUGGESTIONS);
    groups.push([
      ...(suggestions.length > 0
        ? suggestions.map((s) => ({ label: s, click: () => a.replaceMisspelling(s) }))
        : [{ label: t.noSuggestions, enabled: false }]),
      { label: t.addToDictionary, click: () => a.addToDictionary(word) },
    ]);
  }

  if (p.linkURL) {
    const link = p.linkURL;
    groups.push([
      // Only the web goes to the browser: never app://, file:, javascript: or a custom scheme's handler.
      ...(isWebLink(link) ? [{ label: t.openLink, click: () => a.openExternal(link) }] : []),
      { label: t.copyLink, click: () => a.copyText(link) },
    ]);
  }

  if (p.mediaType === 'image' && p.srcURL) {
    const src = p.srcURL;
    groups.push([
      { label: t.copyImage, click: () => a.copyImageAt(p.x, p.y) },
      // A blob: picture lives only in the page; the main process cannot fetch it to save.
      ...(src.startsWith('blob:') ? [] : [{ label: t.saveImage, click: () => a.saveImage(src, imageFileName(p)) }]),
    ]);
  }

  if (p.isEditable) {
    const f = p.editFlags;
    groups.push([
      { label: t.cut, enabled: f.canCut, click: () => a.cut() },
      { label: t.copy, enabled: f.canCopy, click: () => a.copy() },
      { label: t.paste, enabled: f.canPaste, click: () => a.paste() },
    ]);
    groups.push([{ label: t.selectAll, enabled: f.canSelectAll, click: () => a.selectAll() }]);
  } else if (p.selectionText.trim()) {
    groups.push([{ label: t.copy, click: () => a.copy() }]);
  }

  return groups.flatMap((g, i) => (i === 0 ? g : [{ type: 'separator' as const }, ...g]));
}

/**
 * The name the save dialog suggests for a picture. Stored media have opaque URLs (media/<id>), so the
 * picture's alt text — the attachment's own file name — is better than Chromium's guess from the URL.
 * Without an extension here, withImageExtension adds the one its bytes' type calls for.
 */
export function imageFileName(p: Pick<ContextMenuParams, 'suggestedFilename' | 'altText'>): string {
  const names = [p.suggestedFilename, p.altText].map((s) => safeFileName(s ?? '')).filter(Boolean);
  return names.find(hasExtension) ?? names[0] ?? 'image';
}

export function withImageExtension(name: string, contentType: string | null): string {
  if (hasExtension(name)) return name;
  const sub = /^image\/([a-z0-9.+-]+)/i.exec(contentType ?? '')?.[1]?.toLowerCase();
  const ext = sub === 'jpeg' ? 'jpg' : sub === 'svg+xml' ? 'svg' : sub && /^[a-z0-9]{2,5}$/.test(sub) ? sub : 'png';
  return `${name}.${ext}`;
}

function safeFileName(s: string): string {
  return s.replace(/[/\\:*?"<>|\0]/g, '_').trim().slice(0, 120);
}

function hasExtension(s: string): boolean {
  return /\.[A-Za-z0-9]{2,5}$/.test(s);
}
