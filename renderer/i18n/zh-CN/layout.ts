// Simplified Chinese for the window's frame: folding the sidebar, the header's model · voice button.
import type { layout as en } from '../en/layout';
import type { Translation } from '../messages';

export const layout: Translation<typeof en> = {
  'layout.toggleSidebar': '显示或隐藏侧边栏',
  'shortcuts.toggleSidebar': '显示或隐藏对话列表',
  'appearance.theme': '主题',
  'appearance.theme.system': '跟随系统',
  'appearance.theme.light': '浅色',
  'appearance.theme.dark': '深色',
  'appearance.generateTitles': '由模型为对话命名',
  'appearance.generateTitlesHint': '第一轮回复后，向同一模型发送一个简短的纯文本请求来生成标题（只用少量 token，计入对话合计）。关闭后，标题取自第一个问题。',
  'voiceSample.hear': '试听音色',
  'voiceSample.loading': '正在请模型录制试听…',
  'voiceSample.playing': '正在播放 {voice}…',
};
