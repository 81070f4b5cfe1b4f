// The window's right-click menu (electron/main/context-menu.ts) from the params Chromium sends with
// webContents 'context-menu', in both languages: which items show for a text field, a misspelt word,
// selected reply text, a link and a picture, and what each does. Electron only pops it up.
import type { ContextMenuParams, MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { contextMenuTemplate, imageFileName, withImageExtension, type ContextMenuActions, type ContextMenuClick } from '../../electron/main/context-menu';

const noEdit = { canUndo: false, canRedo: false, canCut: false, canCopy: false, canPaste: false, canDelete: false, canSelectAll: false, canEditRichly: false };

function click(p: Partial<ContextMenuClick> = {}): ContextMenuClick {
  return {
    x: 10, y: 20, linkURL: '', srcURL: '', mediaType: 'none', isEditable: false, selectionText: '', misspelledWord: '',
    dictionarySuggestions: [], editFlags: noEdit, suggestedFilename: '', altText: '', ...p,
  } as ContextMenuClick;
}

function recorder() {
  const done: string[] = [];
  const actions: ContextMenuActions = {
    replaceMisspelling: (w) => done.push(`replace ${w}`),
    addToDictionary: (w) => done.push(`learn ${w}`),
    cut: () => done.push('cut'),
    copy: () => done.push('copy'),
    paste: () => done.push('paste'),
    selectAll: () => done.push('selectAll'),
    copyText: (t) => done.push(`copyText ${t}`),
    openExternal: (u) => done.push(`open ${u}`),
    copyImageAt: (x, y) => done.push(`copyImage ${x},${y}`),
    saveImage: (u, n) => done.push(`save ${u} as ${n}`),
  };
  return { done, actions };
}

/** The labels as the menu shows them ('—' for a separator, '(off)' after a disabled one). */
const labels = (items: MenuItemConstructorOptions[]) => items.map((i) => (i.type === 'separator' ? '—' : `${i.label}${i.enabled === false ? ' (off)' : ''}`));
const press = (items: MenuItemConstructorOptions[], label: string) => {
  const item = items.find((i) => i.label === label);
  if (!item?.click) throw new Error(`no item ${label}`);
  (item.click as () => void)();
};

describe('the context menu', () => {
  it('in a text field: Cut, Copy, Paste, Select all, enabled as Chromium says', () => {
    const { done, actions } = recorder();
    const items = contextMenuTemplate(click({ isEditable: true, editFlags: { ...noEdit, canPaste: true, canSelectAll: true } }), actions, 'en');
    expect(labels(items)).toEqual(['Cut (off)', 'Copy (off)', 'Paste', '—', 'Select all']);
    press(items, 'Paste');
    press(items, 'Select all');
    expect(done).toEqual(['paste', 'selectAll']);
  });

  it('on a misspelt word: its suggestions (five at most) and Add to dictionary first; none says so', () => {
    const { done, actions } = recorder();
    const params = click({
      isEditable: true, misspelledWord: 'recieve', dictionarySuggestions: ['receive', 'relieve', 'reprieve', 'recite', 'recede', 'revise'],
      selectionText: 'recieve', editFlags: { ...noEdit, canCut: true, canCopy: true, canPaste: true, canSelectAll: true },
    });
    const items = contextMenuTemplate(params, actions, 'en');
    expect(labels(items)).toEqual(['receive', 'relieve', 'reprieve', 'recite', 'recede', 'Add to dictionary', '—', 'Cut', 'Copy', 'Paste', '—', 'Select all']);
    press(items, 'receive');
    press(items, 'Add to dictionary');
    expect(done).toEqual(['replace receive', 'learn recieve']);
    expect(labels(contextMenuTemplate({ ...params, dictionarySuggestions: [] }, actions, 'en')).slice(0, 2)).toEqual(['No spelling suggestions (off)', 'Add to dictionary']);
  });

  it('on selected reply text: Copy; on nothing in particular: no menu at all', () => {
    const { done, actions } = recorder();
    const items = contextMenuTemplate(click({ selectionText: 'a sentence of the reply' }), actions, 'en');
    expect(labels(items)).toEqual(['Copy']);
    press(items, 'Copy');
    expect(done).toEqual(['copy']);
    expect(contextMenuTemplate(click({ selectionText: '   ' }), actions, 'en')).toEqual([]);
  });

  it('on a link: open it in the browser (the web only) and copy its address', () => {
    const { done, actions } = recorder();
    const web = contextMenuTemplate(click({ linkURL: 'https://help.aliyun.com/model-studio', selectionText: '' }), actions, 'en');
    expect(labels(web)).toEqual(['Open link in browser', 'Copy link address']);
    press(web, 'Open link in browser');
    press(web, 'Copy link address');
    expect(done).toEqual(['open https://help.aliyun.com/model-studio', 'copyText https://help.aliyun.com/model-studio']);
    for (const url of ['app://omni/#/c/1', 'file:///etc/passwd', 'javascript:alert(1)', 'vscode://file/x', 'mailto:a@b.c']) {
      expect(labels(contextMenuTemplate(click({ linkURL: url }), actions, 'en')), url).toEqual(['Copy link address']);
    }
  });

  it('on a picture: copy it, save it under the attachment\'s own name; a blob: picture can only be copied', () => {
    const { done, actions } = recorder();
    const items = contextMenuTemplate(click({ mediaType: 'image', srcURL: 'app://omni/media/att_123', altText: 'chart.png', suggestedFilename: 'att_123', x: 5, y: 7 }), actions, 'en');
    expect(labels(items)).toEqual(['Copy image', 'Save image as…']);
    press(items, 'Copy image');
    press(items, 'Save image as…');
    expect(done).toEqual(['copyImage 5,7', 'save app://omni/media/att_123 as chart.png']);
    expect(labels(contextMenuTemplate(click({ mediaType: 'image', srcURL: 'blob:app://omni/1234' }), actions, 'en'))).toEqual(['Copy image']);
    // A picture inside a link gets both.
    expect(labels(contextMenuTemplate(click({ mediaType: 'image', srcURL: 'app://omni/media/a', linkURL: 'https://example.com/' }), actions, 'en')))
      .toEqual(['Open link in browser', 'Copy link address', '—', 'Copy image', 'Save image as…']);
  });

  it('speaks Chinese when the app does', () => {
    const { actions } = recorder();
    const flags = { ...noEdit, canCut: true, canCopy: true, canPaste: true, canSelectAll: true };
    expect(labels(contextMenuTemplate(click({ isEditable: true, misspelledWord: 'teh', dictionarySuggestions: [], editFlags: flags }), actions, 'zh-CN')))
      .toEqual(['没有拼写建议 (off)', '添加到词典', '—', '剪切', '复制', '粘贴', '—', '全选']);
    expect(labels(contextMenuTemplate(click({ linkURL: 'https://example.com/', mediaType: 'image', srcURL: 'app://omni/media/a' }), actions, 'zh-CN')))
      .toEqual(['在浏览器中打开链接', '复制链接地址', '—', '复制图片', '图片另存为…']);
  });
});

describe('the name a saved picture is offered', () => {
  const p = (o: Partial<Pick<ContextMenuParams, 'suggestedFilename' | 'altText'>>) => ({ suggestedFilename: '', altText: '', ...o });
  it('is a real file name: Chromium\'s when it has an extension, else the alt text, with an extension for its type', () => {
    expect(imageFileName(p({ suggestedFilename: 'photo.jpg', altText: 'x.png' }))).toBe('photo.jpg');
    expect(imageFileName(p({ suggestedFilename: 'att_1', altText: 'chart.png' }))).toBe('chart.png');
    expect(imageFileName(p({ suggestedFilename: 'att_1', altText: 'a/b:c' }))).toBe('att_1');
    expect(imageFileName(p({}))).toBe('image');
    expect(withImageExtension('att_1', 'image/jpeg')).toBe('att_1.jpg');
    expect(withImageExtension('image', 'image/webp')).toBe('image.webp');
    expect(withImageExtension('image', null)).toBe('image.png');
    expect(withImageExtension('chart.png', 'image/jpeg')).toBe('chart.png');
  });
});
