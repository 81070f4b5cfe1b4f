// One user message holds text plus one other modality: pictures (any number), or one audio file, or one
// video (as a file or as frames). Checked as attachments are added, so the chip that breaks the rule is
// the one refused and the others stay. The rule itself lives in shared/rules.ts (the composer and the
// last guard before sending use it too); this gives the chip its note (code and parameters) and sentence.
import { note, noteText, type MediaNote } from '../../../shared/media-notes';
import { checkMixing, mixProblem, type RuleProblem, type SendAs } from '../../../shared/rules';

export type { SendAs } from '../../../shared/rules';

export interface MixItem {
  id: string;
  name: string;
  sendAs: SendAs;
}

type Kind = 'image' | 'audio' | 'video';

/** The rule's problem as the chip's note. */
function mixNote(p: RuleProblem): MediaNote {
  const s = (k: string) => String(p.params[k] ?? '');
  return p.code === 'mixModalities'
    ? note('mixModalities', { name: s('name'), kind: s('kind') as Kind, other: s('other'), otherKind: s('otherKind') as Kind })
    : note('oneAudioOrVideo', { name: s('name'), kind: s('kind') as Kind, other: s('other') });
}

/** Null when `next` may join `current`; otherwise the note for `next`'s chip. */
export function mixRefusalNote(current: readonly MixItem[], next: MixItem): MediaNote | null {
  const p = mixProblem(current, next);
  return p ? mixNote(p) : null;
}

/** Null when `next` may join `current`; otherwise the sentence for `next`'s chip. */
export function mixRefusal(current: readonly MixItem[], next: MixItem): string | null {
  const n = mixRefusalNote(current, next);
  return n ? noteText(n) : null;
}

/** For a whole draft (e.g. at send time): the ids to remove, each with its note and sentence. */
export function checkMix(items: readonly MixItem[]): { id: string; note: MediaNote; message: string }[] {
  return checkMixing(items).map((p) => {
    const n = mixNote(p);
    return { id: p.attachmentId ?? '', note: n, message: noteText(n) };
  });
}
