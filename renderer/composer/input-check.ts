// The input-token rules of shared/rules.ts for the draft: the message alone over the model's input limit
// (Send held; fit the largest attachment into the room the text leaves, or remove it), or over it only with
// the conversation so far (Send held until the user chooses to leave the earliest turns out, or to ask in a
// new conversation). The same estimate the core plans media with: an attachment counts as the core says.
import { useMemo } from 'react';
import { findModel } from '../../shared/catalog';
import type { AttachmentView, ConversationSettings } from '../../shared/domain';
import { maxInputTokens } from '../../shared/estimate';
import { checkInputLimit, type RuleProblem } from '../../shared/rules';
import { useAppState } from '../state/store-hooks';
import { attachmentTokens, draftEstimate, historyEstimate } from './input-estimate';

export function useInputProblems(
  draft: string, attachments: readonly AttachmentView[], settings: Pick<ConversationSettings, 'model' | 'thinking'>, leaveOutOldTurns: boolean,
): RuleProblem[] {
  const messages = useAppState((s) => s.open?.messages);
  const history = useMemo(() => (messages ? historyEstimate(messages, settings.model) : 0), [messages, settings.model]);
  return useMemo(() => {
    if (!draft.trim() && attachments.length === 0) return [];
    return checkInputLimit({
      limit: maxInputTokens(settings.model, settings.thinking),
      modelLabel: findModel(settings.model)?.label ?? settings.model,
      draftTokens: draftEstimate(draft, attachments, settings.model),
      historyTokens: history,
      // A link is never fetched here, so nothing of it can be made smaller.
      media: attachments.map((a) => ({ id: a.id, name: a.name, tokens: attachmentTokens(a, settings.model), fittable: !a.facts?.linkHost })),
      leaveOutOldTurns,
    });
  }, [draft, attachments, settings.model, settings.thinking, history, leaveOutOldTurns]);
}
