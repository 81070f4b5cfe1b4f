// The composer's estimate of the next request's input tokens (shared/estimate.ts has the rules). The
// history part leans on the server's own count where there is one: the newest reply's prompt tokens
// covered everything up to it; only what came after (its text, newer turns) is estimated.
import { findModel } from '../../shared/catalog';
import type { AttachmentView, Message } from '../../shared/domain';
import { estimateMediaTokens, estimateMessageTokens, type MediaMeasure } from '../../shared/estimate';

export interface ComposerEstimate {
  /** The draft and its attachments alone. */
  alone: number;
  /** With the conversation so far. */
  withHistory: number;
}

/** An earlier user turn's files: only their kind is known here, so a picture counts as the most it can. */
function sentMedia(m: Message): MediaMeasure[] {
  return m.attachments
    .filter((a) => a.kind === 'image')
    .map(() => ({ sendAs: 'image' as const, durationSec: null, width: null, height: null, count: 1 }));
}

export function historyEstimate(messages: readonly Message[], modelId: string): number {
  const model = findModel(modelId);
  let from = 0;
  let total = 0;
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!;
    if (m.role === 'assistant' && m.usage && m.usage.promptTokens > 0) {
      total = m.usage.promptTokens;
      from = i;
      break;
    }
  }
  for (let i = from; i < messages.length; i++) {
    const m = messages[i]!;
    if (m.role === 'assistant') {
      if (m.text.trim()) total += estimateMessageTokens({ text: m.text }, model);
    } else {
      total += estimateMessageTokens({ text: m.text, media: sentMedia(m) }, model);
    }
  }
  return total;
}

/**
 * One attachment's share: the core's own calibrated count when it gave one (it planned the file with it),
 * else the rules' count of what it measures; nothing until it is measured (still preparing).
 */
export function attachmentTokens(a: AttachmentView, modelId: string): number {
  const m = a.measure;
  if (!m) return 0;
  return m.tokens ?? estimateMediaTokens(m as MediaMeasure, findModel(modelId));
}

export function draftEstimate(draft: string, attachments: readonly AttachmentView[], modelId: string): number {
  return estimateMessageTokens({ text: draft }, findModel(modelId)) + attachments.reduce((n, a) => n + attachmentTokens(a, modelId), 0);
}

export function composerEstimate(history: number, draft: string, attachments: readonly AttachmentView[], modelId: string): ComposerEstimate {
  const alone = draftEstimate(draft, attachments, modelId);
  return { alone, withHistory: history + alone };
}
