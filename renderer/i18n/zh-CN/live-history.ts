// 简体中文：对话中保存的实时语音会话（会话开头的一行、导出 WAV、口述轮次的文字与录音）。
import type { Translation } from '../messages';
import type { liveHistory as en } from '../en/live-history';

export const liveHistory: Translation<typeof en> = {
  'liveHistory.session': '实时语音',
  'liveHistory.sessionLength': '实时语音 · {length}',
  'liveHistory.minutes': '{count} 分钟',
  'liveHistory.seconds': '{count} 秒',
  'liveHistory.exportWav': '导出 WAV',
  'liveHistory.exportWavLabel': '导出 WAV（整段会话）',
  'liveHistory.transcribing': '正在转写…',
  'liveHistory.noTranscript': '语音 — 无文字记录',
  'liveHistory.recording': '你说的话',
};
