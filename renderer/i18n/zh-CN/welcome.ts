// Simplified Chinese for the first run's welcome.
import type { welcome as en } from '../en/welcome';
import type { Translation } from '../messages';

export const welcome: Translation<typeof en> = {
  'welcome.title': '欢迎使用 Omni Desk',
  'welcome.lead': 'Omni Desk 使用你自己的百炼（Model Studio）API Key 与 Qwen-Omni 对话。请先选择 Key 所属的地域，粘贴 Key 并测试连接。',
  'welcome.getKey': '如何获取 API Key',
  'welcome.skip': '暂时跳过',
  'welcome.start': '开始对话',
};
