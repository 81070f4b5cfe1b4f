// One user message holds text plus one other modality: pictures (any number), or one audio file, or one
// video (as a file or as frames). Checked as attachments are added, so the chip that breaks the rule is
// the one refused and the others stay.

export type SendAs = 'image' | 'audio' | 'video' | 'frames';

export interface MixItem {
  id: string;
  name: string;
  sendAs: SendAs;
}

const modality = (s: SendAs) => (s === 'frames' ? 'video' : s);

/** Null when `next` may join `current`; otherwise the sentence for `next`'s chip. */
export function mixRefusal(current: readonly MixItem[], next: MixItem): string | null {
  const first = current.find((c) => c.id !== next.id);
  if (!first) return null;
  const a = modality(first.sendAs);
  const b = modality(next.sendAs);
  const rule = 'A message can carry several pictures, or one audio file, or one video.';
  if (a !== b) {
    return `${rule} “${next.name}” (${b}) cannot go with “${first.name}” (${a}): remove one of them, or send it in the next message.`;
  }
  if (a === 'image') return null;
  return `${rule} Only one ${a} fits in a message: remove “${next.name}” or “${first.name}”, or send it in the next message.`;
}

/** For a whole draft (e.g. at send time): the ids to remove, each with its sentence. */
export function checkMix(items: readonly MixItem[]): { id: string; message: string }[] {
  const kept: MixItem[] = [];
  const refused: { id: string; message: string }[] = [];
  for (const item of items) {
    const message = mixRefusal(kept, item);
    if (message) refused.push({ id: item.id, message });
    else kept.push(item);
  }
  return refused;
}
