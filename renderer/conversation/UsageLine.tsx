// Token usage as the usage chunk gave it: per reply, split by kind (text, audio, image, video, reasoning)
// where the server said (shown in the reply's Details), and the conversation's total for its header.
import type { Message } from '../../shared/domain';
import { useI18n, type Translate } from '../i18n';
import { formatNumber } from '../i18n/format';
import type { Language } from '../../shared/domain';

const KINDS = [
  ['text_tokens', 'usage.kind.text'],
  ['audio_tokens', 'usage.kind.audio'],
  ['image_tokens', 'usage.kind.image'],
  ['video_tokens', 'usage.kind.video'],
  ['reasoning_tokens', 'usage.kind.reasoning'],
] as const;

export function usageDetail(d: Record<string, number>, lang: Language, t: Translate): string {
  const parts = KINDS.filter(([key]) => (d[key] ?? 0) > 0).map(([key, label]) => t(label, { n: formatNumber(d[key]!, lang) }));
  return parts.length === 0 ? '' : t('usage.detail', { list: parts.join(', ') });
}

export function conversationUsage(messages: readonly Message[]): { prompt: number; completion: number; total: number; replies: number } {
  let prompt = 0;
  let completion = 0;
  let total = 0;
  let replies = 0;
  for (const m of messages) {
    if (m.role !== 'assistant' || !m.usage) continue;
    prompt += m.usage.promptTokens;
    completion += m.usage.completionTokens;
    total += m.usage.totalTokens;
    replies++;
  }
  return { prompt, completion, total, replies };
}

/** The open conversation's total, for its header; nothing until a reply has reported usage. */
export function ConversationUsage({ messages }: { messages: readonly Message[] }) {
  const { t, lang } = useI18n();
  const sum = conversationUsage(messages);
  if (sum.replies === 0) return null;
  return (
    <span
      className="chip usage-total"
      title={t('usage.totalTitle', {
        prompt: formatNumber(sum.prompt, lang), completion: formatNumber(sum.completion, lang), count: sum.replies,
      })}
    >
      {t('usage.total', { total: formatNumber(sum.total, lang) })}
    </span>
  );
}
