// What a chip says, worded from the core's codes and facts in the window's language: the one line of facts
// (kind · length · size), the state with what goes in a word or two (a part, pictures, a smaller size), the
// refusal, and the details the popover opens. No React here.
import type { AttachmentView, Language } from '../../shared/domain';
import type { MediaNote } from '../../shared/media-notes';
import { formatDuration } from '../../shared/media-note-text';
import { wordNote, type Translate } from '../i18n';
import { formatBytes } from '../i18n/format';

/** "Video · 3:20 · 12.4 MB"; a link: "Video link · media.example.com". */
export function factsLine(a: AttachmentView, t: Translate, lang: Language): string {
  const f = a.facts;
  if (!a.kind || !f) return '';
  const kind = t(`attach.kind.${a.kind}`);
  if (f.linkHost) return t('attach.link', { kind, host: f.linkHost });
  const parts = [kind];
  if (f.durationSec !== null && a.kind !== 'image') parts.push(formatDuration(f.durationSec));
  if (f.bytes !== null) parts.push(formatBytes(f.bytes, lang));
  return parts.join(' · ');
}

/** The details' first line: what was found beyond the chip's own line. */
export function foundLine(a: AttachmentView, t: Translate, lang: Language): string {
  const f = a.facts;
  if (!f) return '';
  const parts: string[] = [];
  if (f.format) parts.push(f.format);
  if (f.width && f.height) parts.push(`${f.width}×${f.height}`);
  if (f.durationSec !== null && a.kind !== 'image') parts.push(formatDuration(f.durationSec));
  if (f.bytes !== null) parts.push(formatBytes(f.bytes, lang));
  if (a.kind === 'video' && !f.linkHost) parts.push(f.hasAudio ? t('attach.withSound') : t('attach.noSound'));
  return parts.join(' · ');
}

const find = <C extends MediaNote['code']>(a: AttachmentView, code: C) =>
  a.notes.find((n): n is Extract<MediaNote, { code: C }> => n.code === code);

/** What goes, in a word or two, when it is not the whole file as it is: a part, pictures, a smaller size. */
export function shortPlan(a: AttachmentView, t: Translate): string | null {
  const parts: string[] = [];
  const frames = find(a, 'frames');
  if (frames) parts.push(t('attach.short.frames', { count: frames.params.count }));
  if (!frames && a.keep && a.keep.durationSec < a.keep.totalSec) {
    parts.push(t('attach.short.part', { start: formatDuration(a.keep.startSec), end: formatDuration(a.keep.startSec + Math.ceil(a.keep.durationSec)) }));
  }
  const side = find(a, 'fitResolution');
  if (side) parts.push(t('attach.short.side', { side: side.params.side }));
  return parts.length ? parts.join(' · ') : null;
}

/** The state as the chip says it. */
export function stateText(a: AttachmentView, t: Translate): string {
  if (isWaiting(a)) return t('attach.waiting');
  switch (a.state) {
    case 'probing': return t('attach.probing');
    case 'preparing': return t('attach.preparing', { percent: Math.round(a.progress * 100) });
    case 'ready': return t('attach.ready');
    case 'error': return t('attach.error');
  }
}

/** Its checking or preparing waits for its turn in the main process's tool queue (a few files at a time). */
export function isWaiting(a: AttachmentView): boolean {
  return a.waiting && (a.state === 'probing' || a.state === 'preparing');
}

/** Why it cannot be sent, in the window's language (the core's English when it gave no code). */
export function problemText(a: AttachmentView, t: Translate, lang: Language): string | null {
  if (a.problem) return wordNote(a.problem, lang, t);
  return a.error;
}

/** Every note of what will be done, one sentence each. */
export function planLines(a: AttachmentView, t: Translate, lang: Language): string[] {
  return a.notes.map((n) => wordNote(n, lang, t));
}
