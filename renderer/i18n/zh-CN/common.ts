// Simplified Chinese for the window as a whole: the app's name, the languages, notices.
// Typed by the English group: a missing, extra or wrongly plural entry is a type error.
import type { common as en } from '../en/common';
import type { Translation } from '../messages';

export const common: Translation<typeof en> = {
  'app.name': 'Omni Desk',
  'notice.dismiss': '关闭',
  'notice.openSettings': '打开设置',
  'notice.audioBlocked': '无法开始播放声音：{reason}。请确认有可用的音频输出，然后点击播放。',
  'lang.en': 'English',
  'lang.zh-CN': '简体中文',
};
