// Simplified Chinese for a damaged history: what happened, export what can be read, start fresh.
// Typed by the English group: a missing, extra or wrongly plural entry is a type error.
import type { recovery as en } from '../en/recovery';
import type { Translation } from '../messages';

export const recovery: Translation<typeof en> = {
  'safety.recoveryTitle': '无法打开你的历史记录',
  'safety.recovery.damaged': '历史记录文件 {file} 已损坏，因此 Omni Desk 在没有它的情况下启动。文件内容没有任何改动。',
  'safety.recovery.not_a_database': '历史记录文件 {file} 已不再是数据库（可能被覆盖了），因此 Omni Desk 在没有它的情况下启动。文件内容没有任何改动。',
  'safety.recovery.foreign': '数据文件夹中的 {file} 属于其他程序，因此 Omni Desk 在没有历史记录的情况下启动。文件内容没有任何改动。',
  'safety.recoveryWhat': '请先保存仍可读取的内容，再开始新的历史记录。损坏的文件会保留在新文件旁边，并重命名为 omni-desk.damaged-<日期>.db。',
  'safety.recoveryDetail': 'SQLite 报告：{detail}',
  'safety.exportReadable': '导出可读取的对话',
  'safety.startFresh': '新建数据库',
  'safety.exported': { other: '已将 {count} 个对话保存为 Markdown 文件。' },
  'safety.exportCancelled': '没有保存任何内容。',
  'safety.freshDone': '已开始新的历史记录。损坏的文件保留在数据文件夹中，名为 {file}。',
  'safety.continue': '继续',
  'safety.working': '处理中…',
};
