// Simplified Chinese for failures, by ErrorInfo.kind, and what to do about them.
// Typed by the English group: a missing, extra or wrongly plural entry is a type error.
import type { errors as en } from '../en/errors';
import type { Translation } from '../messages';

export const errors: Translation<typeof en> = {
  'error.no_key': '还没有 API Key。请打开设置输入你的百炼 API Key，然后重新发送。',
  'error.auth': 'API Key 被拒绝。请在设置中检查 Key。Key 只能在创建它的地域使用：新加坡的 Key 在北京无效，反之亦然；如果你的 Key 属于另一个地域，请在设置中切换地域。',
  'error.bad_request': '服务拒绝了这个请求。请检查模型、音色和附件后重试。',
  'error.arrearage': '访问被拒绝：你的阿里云账号已欠费。请在阿里云控制台充值后重试。',
  'error.rate_limit': '请求过多：已达到 API 的限流上限，自动重试后仍未成功。请等一分钟后再试。',
  'error.quota': '此模型的额度已用完（例如开启了“仅使用免费额度”且免费额度已用尽）。请在百炼控制台查看额度与计费、开通付费使用，或换一个模型。',
  'error.moderation': '这条消息（文字或附件）未通过内容安全检查。请换个说法或移除附件后重新发送。',
  'error.model_not_found': '当前 Key 和地域无法使用此模型（模型不存在或未开通）。请在设置中换一个模型，或在百炼控制台开通它。',
  'error.too_large': '附件太大，无法内嵌发送（编码后最多 10 MB，约 7 MB 的文件）。请换一个更小或更短的文件。',
  'error.media_refused': '服务无法使用某个附件（太长、无法下载或格式不支持）。请检查或移除该文件后重试。',
  'error.network': '无法连接到 API 服务器。请检查网络连接（和代理）以及设置中的地域，然后重试。',
  'error.server': 'API 服务器出现问题。请稍后重试，你这边无需更改任何设置。',
  'error.stalled': '回复长时间没有新内容，已停止。已收到的部分会保留；请重试。',
  'error.cut_off': '回复在结束前被截断。请重试。',
  'error.invalid_input': '输入未被接受：{detail}',
  'error.not_found': '该项目已不存在。',
  'error.busy': '上一条回复还在接收中。请等待它结束或点击停止，然后再发送。',
  'error.internal': '应用内部出错。请重试；如果一直出现，请重启应用。',
  'error.unknown': 'API 返回了错误。请重试；如果一直出现，请附上请求 ID 反馈。',
  'error.disk_full': '存放 Omni Desk 数据的磁盘（{folder}）已满，无法保存。请清理该磁盘上的空间，然后重试。',
  'error.disk_full_send': '存放 Omni Desk 数据的磁盘（{folder}）已满，这条消息没有发送，也没有保存。请清理该磁盘上的空间，然后重新发送。',
  'error.disk_full_reply': '存放 Omni Desk 数据的磁盘（{folder}）已满，这条回复已停止。已收到的内容会留在这里，有空间后会自动保存；请清理该磁盘上的空间，然后重试。',
  'error.no_audio': '模型的回答没有声音，所以没有这个音色的试听。请重试；如果一直这样，可能是该服务端点不支持语音回复。',
  'error.connection': '与应用的连接已断开（{detail}）。请重新加载窗口。',
  'error.shellUnreachable': '此页面无法连接到 Omni Desk。请确认它仍在运行（npm run serve），然后重试。',
  'error.moderation_reply': '回复中途未通过内容安全检查，已停止。已收到的部分会保留；请换个问法后重试。',
  'error.serverSaid': '服务器返回：“{message}”',
  'error.requestId': '请求 ID：{id}',
};
