// Simplified Chinese for the composer: the message box, Send, the input estimate and the rules checked before sending.
// Typed by the English group: a missing, extra or wrongly plural entry is a type error.
import type { composer as en } from '../en/composer';
import type { Translation } from '../messages';

export const composer: Translation<typeof en> = {
  'composer.region': '输入区',
  'composer.message': '消息',
  'composer.placeholder': '问点什么…',
  'composer.send': '发送',
  'composer.stop': '停止',
  'composer.hint': 'Enter 发送 · Shift+Enter 换行',
  'composer.modeSpeak': '{model} · 由 {voice} 朗读',
  'composer.modeText': '{model} · 文字回复',
  'composer.modeThinking': '{model} · 思考模式，文字回复',
  'estimate.overWithHistory': '连同之前的对话约 {estimate} 个输入 token，超过 {model} 的上限 {limit}。最早的几轮对话将不会被发送。',
  'estimate.overAlone': '仅这条消息就约有 {estimate} 个输入 token，超过 {model} 的上限 {limit}。请缩短文字或移除附件。',
  'rules.unknownModel': '本应用不认识模型 {model}。请在对话设置中选择一个模型。',
  'rules.voiceNotForModel': '{model} 没有名为 {voice} 的音色。请选择它的一个音色，或关闭“朗读回复”。',
  'rules.thinkingUnsupported': '{model} 没有思考模式。请关闭“思考”，或选择 Qwen3-Omni-Flash 模型。',
  'rules.thinkingWithAudio': '开启“思考”时 API 只返回文字，回复无法朗读。请关闭“朗读回复”，或关闭“思考”。',
  'rules.systemPromptWithAudio': '{model} 在朗读回复时不接受系统提示词。请关闭“朗读回复”，或删除系统提示词。',
  'rules.mixModalities': '一条消息可以带多张图片，或一个音频，或一个视频。“{name}”（{kind}）不能与“{other}”（{otherKind}）一起发送：请移除其中一个，或放到下一条消息中发送。',
  'rules.oneAudioOrVideo': '一条消息可以带多张图片，或一个音频，或一个视频。一条消息只能带一个{kind}：请移除“{name}”或“{other}”，或放到下一条消息中发送。',
  'rules.tooFewFrames': '“{name}”将作为 {count} 张图片发送，但 {model} 至少需要 {min} 张。请移除它并以视频文件发送，或附加更长的视频。',
  'rules.tooManyFrames': '“{name}”将作为 {count} 张图片发送，但 {model} 最多接受 {max} 张。请移除后重新附加，让它按 {model} 重新准备。',
  'rules.tooLarge': '“{name}”大小为 {size}，但 {model} 每个{kind}最多接受 {limit}。请移除后重新附加，让它按 {model} 压缩。',
  'rules.tooLong': '“{name}”时长 {duration}，但 {model} 最多接受 {limit}。请移除后重新附加，让它按 {model} 截取。',
  'rules.imageTooSmall': '“{name}”为 {width}×{height} 像素；图片每边至少需要 {min} 像素。请移除它并使用更大的图片。',
  'rules.imageTooThin': '“{name}”为 {width}×{height} 像素；长宽比最多为 {max}:1。请移除它，裁剪后重新附加。',
  'rules.title': '这条消息暂时无法发送',
  'rules.fix.turnOffSpeak': '关闭“朗读回复”',
  'rules.fix.turnOffThinking': '关闭“思考”',
  'rules.fix.removeSystemPrompt': '删除系统提示词',
  'rules.fix.pickVoice': '使用 {voice}',
  'rules.fix.pickModel': '使用 {model}',
  'rules.fix.removeAttachment': '移除“{name}”',
};
