// Simplified Chinese for attachments: chips, their states and how a file is sent.
// Typed by the English group: a missing, extra or wrongly plural entry is a type error.
import type { attachments as en } from '../en/attachments';
import type { Translation } from '../messages';

export const attachments: Translation<typeof en> = {
  'attach.button': '添加附件',
  'attach.list': '附件',
  'attach.chip': '附件：{name}',
  'attach.remove': '移除',
  'attach.probing': '正在检查…',
  'attach.waiting': '等待中…',
  'attach.full': '一条消息最多可带 {max} 个附件。请先发送这些附件或移除一些，然后再添加。',
  'attach.preparing': '正在处理… {percent}%',
  'attach.ready': '可以发送',
  'attach.error': '无法发送',
  'attach.progress': '正在处理 {name}',
  'attach.startAt': '从第几秒开始发送',
  'attach.sendAs': '发送方式',
  'attach.asFile': '视频文件（截取）',
  'attach.asFrames': '整段视频的抽帧图片',
  'attach.notReady': '请等待所有附件处理完成，或将其移除。',
  'attach.dropHint': '松开即可添加附件',
  'attach.sent': '附件：{name} — {summary}',
};
