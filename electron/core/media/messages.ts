// Every refusal the media pipeline gives a chip, as a code with parameters (shared/media-notes.ts) and the
// English sentence made from it: what happened and what to do about it. The window words the code in its
// language; the English stays for logs and as the ErrorInfo's message.
import { basename } from 'node:path';
import { formatBytes, formatDuration, note, noteText, type MediaNote } from '../../../shared/media-notes';
import type { ErrorKind } from '../../../shared/domain';
import { UserError } from '../user-error';
import type { ToolError } from './run';

export { formatBytes, formatDuration };

/** A UserError that carries its note (code and parameters) and the note's English sentence. */
export function noteError(kind: ErrorKind, n: MediaNote): UserError {
  return new UserError(kind, noteText(n), { note: n });
}

const nm = (file: string) => basename(file);

export const refuse = {
  vanished: (file: string) => noteError('not_found', note('vanished', { name: nm(file) })),
  unreadable: (file: string) => noteError('media_refused', note('unreadable', { name: nm(file) })),
  notAFile: (file: string) => noteError('media_refused', note('notAFile', { name: nm(file) })),
  empty: (file: string) => noteError('media_refused', note('empty', { name: nm(file) })),
  playlist: (file: string) => noteError('media_refused', note('playlist', { name: nm(file) })),
  truncated: (file: string) => noteError('media_refused', note('truncated', { name: nm(file) })),
  truncatedAt: (file: string, readable: number, claimed: number) =>
    noteError('media_refused', note('truncatedAt', { name: nm(file), readableSec: readable, claimedSec: claimed })),
  changed: (file: string) => noteError('media_refused', note('changed', { name: nm(file) })),
  notMedia: (file: string) => noteError('media_refused', note('notMedia', { name: nm(file) })),
  formatNotAccepted: (file: string) => noteError('media_refused', note('formatNotAccepted', { name: nm(file) })),
  /** A recording from the app's own recorder that holds no sound (`name` is the chip's, not a path). */
  silentRecording: (name: string) => noteError('media_refused', note('silentRecording', { name })),
  noUsableStream: (file: string) => noteError('media_refused', note('noUsableStream', { name: nm(file) })),
  unknownCodec: (file: string) => noteError('media_refused', note('unknownCodec', { name: nm(file) })),
  imageTooSmall: (file: string, w: number, h: number, minSide: number) =>
    noteError('media_refused', note('imageTooSmall', { name: nm(file), width: w, height: h, min: minSide })),
  imageTooThin: (file: string, w: number, h: number, ratio: number, maxAspect: number) =>
    noteError('media_refused', note('imageTooThin', { name: nm(file), width: w, height: h, ratio, max: maxAspect })),
  cannotFit: (file: string, limitBytes: number) => noteError('too_large', note('cannotFit', { name: nm(file), limitBytes })),
  tooFewFrames: (file: string, got: number, min: number) => noteError('media_refused', note('tooFewFrames', { name: nm(file), count: got, min })),
  /** `name`: the file's name as its chip shows it; `frame`: which picture of a frames video (from 1). */
  itemTooLarge: (name: string, length: number, budget: number, frame?: number) =>
    noteError('too_large', frame === undefined
      ? note('itemTooLarge', { name, length, budget })
      : note('frameTooLarge', { name, frame, length, budget })),
  missingFile: (name: string) => noteError('not_found', note('missingFile', { name })),
};

/** The sentence for a tool that did not finish. */
export function toolFailure(file: string, err: ToolError, bin: string, capBytes?: number): UserError {
  const name = nm(file);
  const tool = basename(bin);
  switch (err.reason) {
    case 'spawn': return noteError('internal', note('toolMissing', { tool, detail: err.message }));
    case 'timeout': return noteError('media_refused', note('tooSlow', { name }));
    case 'output_cap': return noteError('too_large', note('outputTooLarge', { name, capBytes: capBytes ?? 0 }));
    case 'crash': return noteError('media_refused', note('toolCrashed', { tool, name }));
    case 'aborted': return noteError('media_refused', note('cancelled', { name }));
    default:
      if (/No space left on device|Disk quota exceeded/i.test(err.stderr)) return diskFullWhilePreparing(file);
      return noteError('media_refused', note('convertFailed', { name, detail: firstErrorLine(err.stderr) || `exit ${err.code ?? '?'}` }));
  }
}

/** The converted copy goes into the data folder; a full disk stops it (and is no fault of the file). */
export function diskFullWhilePreparing(file: string): UserError {
  return noteError('disk_full', note('diskFull', { name: nm(file) }));
}

/** ffmpeg's first complaint is usually the cause; the later ones are its consequences. */
export function firstErrorLine(stderr: string): string {
  const lines = stderr.split(/\r?\n/)
    // Keep the tool's words but not the paths it prints or the "[demuxer @ 0x…]" prefixes.
    .map((l) => l.replace(/^\[[^\]]*\]\s*/, '').replace(/file:[^\s:]+:?\s*/g, '').trim())
    .filter(Boolean);
  return (lines[0] ?? '').slice(0, 200);
}

/** Thrown when the user removed the chip (or the app closed) while its work was running. */
export class MediaCancelledError extends Error {
  constructor() {
    super('Cancelled.');
    this.name = 'AbortError';
  }
}
