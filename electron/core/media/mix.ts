// One user message holds text plus one other modality: pictures (any number), or one audio file, or one
// video (as a file or as frames). Checked as attachments are added, so the chip that breaks the rule is
// the one refused and the others stay. The rule itself lives in shared/rules.ts (the composer and the
// last guard before sending use it too); this keeps the chip's English sentence.
import { checkMixing, mixProblem, ruleMessage, type SendAs } from '../../../shared/rules';

export type { SendAs } from '../../../shared/rules';

export interface MixItem {
  id: string;
  name: string;
  sendAs: SendAs;
}

/** Null when `next` may join `current`; otherwise the sentence for `next`'s chip. */
export function mixRefusal(current: readonly MixItem[], next: MixItem): string | null {
  const p = mixProblem(current, next);
  return p ? ruleMessage(p) : null;
}

/** For a whole draft (e.g. at send time): the ids to remove, each with its sentence. */
export function checkMix(items: readonly MixItem[]): { id: string; message: string }[] {
  return checkMixing(items).map((p) => ({ id: p.attachmentId ?? '', message: ruleMessage(p) }));
}
