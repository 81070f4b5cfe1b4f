// Simplified Chinese for search across conversations: the box, its filters and the grouped hits.
// Typed by the English group: a missing, extra or wrongly plural entry is a type error.
import type { search as en } from '../en/search';
import type { Translation } from '../messages';

export const search: Translation<typeof en> = {
  'search.filters': '搜索筛选',
  'search.fromYou': '我发送的',
  'search.fromModel': '模型回复',
  'search.hasMedia': '含媒体',
  'search.you': '你',
  'search.assistantFallback': 'Omni',
  'search.moreInConversation': '此对话中还有更多匹配',
  'search.moreLoading': '正在查找更多匹配…',
  'search.moreCapped': '此对话只显示最新的 {count} 条匹配：再加一个词可缩小范围。',
  'search.moreOlder': '更早的对话也可能匹配：再加一个词可缩小范围。',
  'search.hint': '↑ ↓ 移动 · Enter 打开 · Esc 清除',
  'search.count': { other: '{count} 条匹配' },
} as const;
