// Simplified Chinese for voice in: Record, hands-free, the microphone's problems.
// Typed by the English group: a missing, extra or wrongly plural entry is a type error.
import type { voice as en } from '../en/voice';
import type { Translation } from '../messages';

export const voice: Translation<typeof en> = {
  'voice.record': '录音',
  'voice.stop': '停止录音',
  'voice.recordShort': '录音',
  'voice.stopShort': '停止',
  'voice.handsFree': '免提',
  'voice.handsFreeHint': '开始聆听，停顿后自动发送问题，语音回复播放完毕后再次聆听',
  'voice.level': '输入音量',
  'voice.elapsed': '录音时长',
  'voice.starting': '正在启动麦克风…',
  'voice.saving': '正在保存录音…',
  'voice.listening': '正在聆听——停顿即发送问题',
  'voice.waiting': '免提：回复播放完后将再次聆听',
  'voice.fileName': '录音 {time}.{ext}',
  'voice.play': '播放 {name}',
  'voice.limit': '录音已自动停止：{model} 最多接受 {limit} 的音频。录音已添加为附件；如需补充请再录一段。',
  'voice.mic.no-device': '未找到麦克风。请连接（或打开）麦克风后再次点击“录音”。你仍然可以输入文字提问。',
  'voice.mic.denied': 'Omni Desk 没有使用麦克风的权限。请在浏览器或系统设置中允许此窗口使用麦克风，然后再次点击“录音”。你仍然可以输入文字提问。',
  'voice.mic.busy': '无法启动麦克风，可能有其他程序正在使用。请关闭该程序后再次点击“录音”。你仍然可以输入文字提问。',
  'voice.mic.unsupported': '此窗口无法录音。请改为输入文字，或使用 Omni Desk 应用。',
  'voice.mic.failed': '录音失败（{detail}）。请点击“录音”重试；你仍然可以输入文字提问。',
  'voice.refused': '“{name}”无法发送：{reason} 请移除它，然后重新录音。',
  'voice.refusedUnknown': '无法处理这段录音。',
  'settings.handsFreeSilence': '免提：停顿多久后发送问题（秒）',
  'settings.handsFreeSilenceHint': '说完话后保持安静多长时间即发送录音（0.3–10 秒）。',
};
