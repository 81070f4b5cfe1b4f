// What a chip shows, built from what the core knows: a new chip, a pasted link's, a plan's part of it (its
// notes, the part kept, the video's choice), and a refusal named as the chip names its file.
import { basename } from 'node:path';
import { NO_PREVIEW, type AttachmentView } from '../../../shared/domain';
import { note, type MediaNote } from '../../../shared/media-notes';
import type { MediaPlan } from '../media';
import type { LinkedMedia } from './links';

const KIND_LABEL = { image: 'Image', audio: 'Audio', video: 'Video' } as const;

export function newView(id: string, name: string): AttachmentView {
  return {
    id, name, state: 'probing', progress: 0, waiting: false, kind: null, facts: null, notes: [], problem: null, found: null, plan: null,
    error: null, choices: [], videoMode: null, windowStartSec: null, maxStartSec: null, keep: null, maxTokens: null,
    preview: NO_PREVIEW, measure: null,
  };
}

/** A pasted link's chip: its kind and host are all that is known (it is never fetched here). */
export function linkView(id: string, link: LinkedMedia): AttachmentView {
  const host = new URL(link.link).host;
  return {
    ...newView(id, link.sourceName), kind: link.kind,
    facts: { format: null, durationSec: null, bytes: null, width: null, height: null, hasAudio: link.kind !== 'image', linkHost: host },
    found: `${KIND_LABEL[link.kind]} link · ${host}`, notes: [note('link', { host })], plan: link.summary,
  };
}

/** What a plan changes on the chip: its notes, the video's choice, and the part kept of a long file. */
export function viewOfPlan(plan: MediaPlan, totalSec: number): Partial<AttachmentView> {
  return {
    notes: plan.notes, plan: plan.summary, choices: plan.choices,
    videoMode: plan.choices.length > 0 ? (plan.sendAs === 'frames' ? 'frames' : 'file') : null,
    windowStartSec: plan.trim ? plan.trim.startSec : null,
    // Tenths are finer than anyone moves a window; a ragged float would show in the slider.
    maxStartSec: plan.trim ? Math.floor(plan.trim.maxStartSec * 10) / 10 : null,
    keep: plan.trim ? { startSec: plan.trim.startSec, durationSec: plan.trim.durationSec, totalSec } : null,
  };
}

/**
 * The media pipeline names the file it read; an upload's or a recording's is a temporary copy with a
 * random name (and a shell may give a chip another name), so the note names it as its chip does.
 */
export function namedAsShown(n: MediaNote, path: string, shown: string): MediaNote {
  const params = n.params as Record<string, unknown>;
  if (params.name !== basename(path) || shown === params.name) return n;
  return { ...n, params: { ...params, name: shown } } as MediaNote;
}
