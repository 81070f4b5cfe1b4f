// Simplified Chinese for the desktop app's updates (Settings → Interface).
// Typed by the English group: a missing, extra or wrongly plural entry is a type error.
import type { updates as en } from '../en/updates';
import type { Translation } from '../messages';

export const updates: Translation<typeof en> = {
  'updates.check': '自动检查更新',
  'updates.hint': '开启后，Omni Desk 会在启动时以及每天两次到项目的 GitHub 发布页查找新版本，自动下载，并在你退出时安装。默认关闭。',
};
