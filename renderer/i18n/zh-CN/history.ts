// Simplified Chinese for the sidebar: the conversation list, search, rename and delete.
// Typed by the English group: a missing, extra or wrongly plural entry is a type error.
import type { history as en } from '../en/history';
import type { Translation } from '../messages';

export const history: Translation<typeof en> = {
  'sidebar.label': '侧边栏',
  'sidebar.new': '新对话',
  'sidebar.conversations': '对话',
  'sidebar.empty': '还没有对话。你的对话会显示在这里。',
  'sidebar.hasAudio': '含语音回复',
  'sidebar.untitled': '未命名对话',
  'sidebar.settings': '设置',
  'search.label': '搜索对话',
  'search.placeholder': '搜索对话…',
  'search.results': '搜索结果',
  'search.none': '没有匹配的消息。',
  'search.failed': '搜索失败：{reason}',
  'browse.rename': '重命名',
  'browse.delete': '删除',
  'browse.titleLabel': '对话标题',
  'browse.renameHint': '回车保存 · Esc 取消',
  'browse.titleEmpty': '标题不能为空。请输入几个字，或按 Esc 保留原标题。',
  'browse.titleTooLong': '标题最多 {max} 个字符。请缩短后再保存。',
  'browse.deleteTitle': '删除对话？',
  'browse.deleteBody': '“{title}”及其全部消息和语音回复将从这台电脑上删除，且无法恢复。',
  'browse.deleteConfirm': '删除',
  'browse.cancel': '取消',
  'browse.loadingRow': '加载中…',
  'browse.count': { other: '{count} 个对话' },
};
