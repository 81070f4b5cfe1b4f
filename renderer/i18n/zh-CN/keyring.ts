// Simplified Chinese for a saved API key the system keyring cannot give back. Typed by the English group.
import type { keyring as en } from '../en/keyring';
import type { Translation } from '../messages';

export const keyring: Translation<typeof en> = {
  'error.keyringUnavailable': '系统密钥环没有响应（Omni Desk 已等待了几秒），无法读取已保存的 API Key。Key 仍然保留。请解锁密钥环（可能会要求输入登录密码），然后重试。',
  'error.keyUnreadable': '这台电脑已无法读取你保存的 API Key（系统密钥环已被重置，或这是另一个用户的配置），因此已将其移除。请在设置中重新输入 Key，然后重新发送。',
};
