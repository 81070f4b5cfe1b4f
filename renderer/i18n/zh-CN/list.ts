// Simplified Chinese for the Conversations list's date groups, pins and media titles.
import type { list as en } from '../en/list';
import type { Translation } from '../messages';

export const list: Translation<typeof en> = {
  'list.pinned': '已置顶',
  'list.today': '今天',
  'list.yesterday': '昨天',
  'list.previous7': '过去 7 天',
  'list.older': '更早',
  'list.pin': '置顶',
  'list.unpin': '取消置顶',
  'list.media.image': '图片：{name}',
  'list.media.audio': '音频：{name}',
  'list.media.video': '视频：{name}',
  'list.mediaMore': { other: '{title} 等 {count} 个文件' },
};
