// 简体中文：实时语音。
import type { Translation } from '../messages';
import type { live as en } from '../en/live';

export const live: Translation<typeof en> = {
  'live.start': '实时语音',
  'live.end': '结束实时语音',
  'live.endShort': '结束',
  'live.hint': '实时语音：与模型对话，可随时打断；每一轮都保存在此对话中',
  'live.status.connecting': '正在连接…',
  'live.status.listening': '正在聆听',
  'live.status.hearing': '正在听你说',
  'live.status.answering': '正在回答——开口即可打断',
  'live.status.reconnecting': '连接中断，正在重新连接…',
  'live.mic.no-device': '未找到麦克风，实时语音无法开始。请连接（或打开）麦克风，然后再次点击“实时语音”。你仍可以打字。',
  'live.mic.denied': 'Omni Desk 无权使用麦克风，实时语音无法开始。请允许此窗口访问麦克风，然后再次点击“实时语音”。',
  'live.mic.busy': '麦克风无法启动，可能正被其他程序占用。请关闭该程序，然后再次点击“实时语音”。',
  'live.mic.unsupported': '此窗口无法为实时语音采集声音。请使用 Omni Desk 应用，或改为打字。',
  'live.mic.failed': '麦克风出错（{detail}），实时语音已结束。请点击“实时语音”重试。',
};
