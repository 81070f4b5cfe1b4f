// Simplified Chinese for the window's frame: folding the sidebar, the header's model · voice button.
import type { layout as en } from '../en/layout';
import type { Translation } from '../messages';

export const layout: Translation<typeof en> = {
  'layout.toggleSidebar': '显示或隐藏侧边栏',
  'shortcuts.toggleSidebar': '显示或隐藏对话列表',
};
