// The input-token side of a draft attachment: the budget its plan must stay within (the model's input limit
// less what the question's text needs, or less still when the composer asks it to fit the room its text
// leaves) and its own calibrated estimate, which the composer adds to the text's to hold or allow Send.
import type { ModelInfo } from '../../../shared/catalog';
import type { AttachmentView } from '../../../shared/domain';
import { estimateMediaTokens, MEDIA_TEXT_RESERVE_TOKENS, NO_CALIBRATION, type Calibration } from '../../../shared/estimate';
import { measureRecord } from '../media/measure';
import type { TokenBudget } from '../media';

/** What the draft's model says about tokens: its input limit (null: none known), rates, calibration. */
export interface DraftTokens {
  limit: number | null;
  model: ModelInfo | undefined;
  calibration: Calibration;
}

export function chipTokens(t: DraftTokens, asked: number | null) {
  const budget: TokenBudget | undefined = t.limit === null || !t.model ? undefined : {
    maxTokens: Math.max(1, Math.min(t.limit - MEDIA_TEXT_RESERVE_TOKENS, asked ?? Number.POSITIVE_INFINITY)),
    limit: t.limit, model: t.model, calibration: t.calibration,
  };
  return {
    budget,
    /** A prepared record (or a link) as the estimate measures it, with its calibrated tokens. */
    measure(record: unknown): AttachmentView['measure'] {
      const m = measureRecord(record);
      if (!m) return null;
      return { ...m, hasAudio: m.hasAudio ?? true, tokens: estimateMediaTokens(m, t.model, t.calibration ?? NO_CALIBRATION) };
    },
  };
}
