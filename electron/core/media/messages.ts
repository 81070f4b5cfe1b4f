// Every sentence the media pipeline shows on a chip: what happened and what to do about it.
import { basename } from 'node:path';
import { UserError } from '../user-error';
import type { ToolError } from './run';

export function formatDuration(seconds: number): string {
  const total = Math.max(0, Math.floor(seconds + 1e-6));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

const q = (file: string) => `“${basename(file)}”`;

export const refuse = {
  vanished: (file: string) =>
    new UserError('not_found', `${q(file)} is no longer there: it was moved, renamed or deleted. Attach it again.`),
  unreadable: (file: string) =>
    new UserError('media_refused', `${q(file)} cannot be read (permission denied). Check that you can open it, or copy it somewhere else, and attach it again.`),
  notAFile: (file: string) =>
    new UserError('media_refused', `${q(file)} is a folder, not a file. Attach a file inside it instead.`),
  empty: (file: string) =>
    new UserError('media_refused', `${q(file)} is empty (0 bytes). Choose a file that has content.`),
  playlist: (file: string) =>
    new UserError('media_refused', `${q(file)} is a playlist (a list of links), not a media file. Attach the audio or video file itself.`),
  truncated: (file: string) =>
    new UserError('media_refused', `${q(file)} is incomplete: the end of the file is missing (was it still downloading or recording?). Attach a complete copy.`),
  truncatedAt: (file: string, readable: number, claimed: number) =>
    new UserError('media_refused', `${q(file)} is incomplete: only ${formatDuration(readable)} of its ${formatDuration(claimed)} can be read (was it still downloading or recording?). Attach a complete copy.`),
  changed: (file: string) =>
    new UserError('media_refused', `${q(file)} changed after it was attached. Remove it and attach it again.`),
  notMedia: (file: string) =>
    new UserError('media_refused', `${q(file)} is not an image, audio or video file that can be read. Choose a picture, a sound recording or a video.`),
  formatNotAccepted: (file: string) =>
    new UserError('media_refused', `${q(file)} is in a format that is not accepted here. Choose a common image, audio or video file (JPEG, PNG, MP3, WAV, MP4, MOV…).`),
  /** A recording from the app's own recorder that holds no sound (`name` is the chip's, not a path). */
  silentRecording: (name: string) =>
    new UserError('media_refused', `“${name}” has no sound that can be used (the recording may have stopped at once). Remove it and record again.`),
  noUsableStream: (file: string) =>
    new UserError('media_refused', `${q(file)} has no picture, sound or video in it that can be used. Choose another file.`),
  unknownCodec: (file: string) =>
    new UserError('media_refused', `${q(file)} uses an encoding this app cannot read. Convert it to a common format (MP3, MP4, JPEG, PNG) and attach it again.`),
  imageTooSmall: (file: string, w: number, h: number, minSide: number) =>
    new UserError('media_refused', `${q(file)} is too small (${w}×${h} px): images must be at least ${minSide} px on each side. Use a larger image.`),
  imageTooThin: (file: string, w: number, h: number, ratio: number, maxAspect: number) =>
    new UserError('media_refused', `${q(file)} is too long and thin (${w}×${h} px, ${ratio.toFixed(ratio < 1000 ? 1 : 0)}:1): its sides may differ by at most ${maxAspect}:1. Crop it and attach it again.`),
  cannotFit: (file: string, limitBytes: number) =>
    new UserError('too_large', `${q(file)} cannot be made small enough for one request (${formatBytes(limitBytes)}). Trim it shorter or choose a smaller file.`),
  tooFewFrames: (file: string, got: number, min: number) =>
    new UserError('media_refused', `Only ${got} frame${got === 1 ? '' : 's'} could be taken from ${q(file)}; this model needs at least ${min}. Send it as a video file instead.`),
  itemTooLarge: (what: string, length: number, budget: number) =>
    new UserError('too_large', `${what} is too large to send (${length.toLocaleString('en-US')} characters as a data URL; the limit is ${budget.toLocaleString('en-US')}). Remove it and attach a smaller file.`),
  missingFile: (what: string) =>
    new UserError('not_found', `${what} is missing from the app's media folder. Remove the attachment and attach the file again.`),
};

/** The sentence for a tool that did not finish. */
export function toolFailure(file: string, err: ToolError, bin: string, capBytes?: number): UserError {
  switch (err.reason) {
    case 'spawn':
      return new UserError('internal', `${basename(bin)} could not be started (${err.message}). Install ffmpeg, or set FFMPEG_BIN / FFPROBE_BIN to where it is.`);
    case 'timeout':
      return new UserError('media_refused', `Preparing ${q(file)} took too long and was stopped. Try a shorter or smaller file.`);
    case 'output_cap':
      return new UserError('too_large', `Preparing ${q(file)} was stopped: the converted file grew past ${formatBytes(capBytes ?? 0)}. Trim it shorter or choose a smaller file.`);
    case 'crash':
      return new UserError('media_refused', `${basename(bin)} crashed while reading ${q(file)}. Convert it to a common format (MP4, MP3) and attach it again.`);
    case 'aborted':
      return new UserError('media_refused', `Preparing ${q(file)} was cancelled.`);
    default: {
      if (/No space left on device|Disk quota exceeded/i.test(err.stderr)) return diskFullWhilePreparing(file);
      const detail = firstErrorLine(err.stderr);
      return new UserError('media_refused', `ffmpeg could not convert ${q(file)}${detail ? ` (${detail})` : ''}. The file may be damaged; try another copy.`);
    }
  }
}

/** The converted copy goes into the data folder; a full disk stops it (and is no fault of the file). */
export function diskFullWhilePreparing(file: string): UserError {
  return new UserError('disk_full', `Preparing ${q(file)} stopped: the disk that holds Omni Desk's data is full. Free some space on that disk, then remove it and attach it again.`);
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
