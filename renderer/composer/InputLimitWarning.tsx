// Warns before sending when the estimate passes the model's input limit: the message alone (it cannot go
// as it is), or with the conversation so far (the earliest turns will be left out). Sending stays allowed:
// the estimate is rough, and the server has the last word.
import { useMemo } from 'react';
import type { AttachmentView } from '../../shared/domain';
import { findModel } from '../../shared/catalog';
import { maxInputTokens } from '../../shared/estimate';
import { useI18n } from '../i18n';
import { formatNumber } from '../i18n/format';
import { useAppState } from '../state/store-hooks';
import { composerEstimate, historyEstimate } from './input-estimate';

export interface InputLimitWarningProps {
  draft: string;
  attachments: readonly AttachmentView[];
  /** The model and mode the draft goes with (the composer's settings). */
  model: string;
  thinking: boolean;
}

export function InputLimitWarning({ draft, attachments, model: modelId, thinking }: InputLimitWarningProps) {
  const { t, lang } = useI18n();
  const messages = useAppState((s) => s.open?.messages);
  const history = useMemo(() => (messages ? historyEstimate(messages, modelId) : 0), [messages, modelId]);
  const limit = maxInputTokens(modelId, thinking);
  if (limit === null || (!draft.trim() && attachments.length === 0)) return null;
  const est = composerEstimate(history, draft, attachments, modelId);
  const model = findModel(modelId)?.label ?? modelId;
  const params = { limit: formatNumber(limit, lang), model };
  let text: string | null = null;
  if (est.alone > limit) text = t('estimate.overAlone', { ...params, estimate: formatNumber(est.alone, lang) });
  else if (est.withHistory > limit) text = t('estimate.overWithHistory', { ...params, estimate: formatNumber(est.withHistory, lang) });
  if (!text) return null;
  return (
    <p role="status" className="composer-warning">
      {text}
    </p>
  );
}
