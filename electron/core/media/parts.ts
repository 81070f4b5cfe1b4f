// Prepared media as request content parts, each item a base64 data URL within the endpoint's budget.
// The wire shapes are DashScope's (OpenAI-compatible mode): images carry their MIME type, audio and
// video an empty one (`data:;base64,`).
import { readFile, stat } from 'node:fs/promises';
import type { MediaNote } from '../../../shared/media-notes';
import type { ApiAudioFormat, MediaKind } from './formats';
import { AUDIO_VIDEO_PREFIX, dataUrlLength, imagePrefix } from './formats';
import { refuse } from './messages';
import { storedPath, type StoredFile } from './content-store';

/** What the core keeps about a prepared attachment (JSON-safe; paths relative to the data directory). */
export interface PreparedMedia {
  /** What the file was found to be. */
  kind: MediaKind;
  /** How it travels: one image, one audio file, one video file, or a video as frames. */
  sendAs: 'image' | 'audio' | 'video' | 'frames';
  /** The user's file name, for messages and the chip. */
  sourceName: string;
  /** One file, or the frames in order. */
  files: StoredFile[];
  apiFormat: ApiAudioFormat | null;
  mime: string | null;
  durationSec: number | null;
  width: number | null;
  height: number | null;
  /** What was done, as the chip said it. */
  summary: string;
  /** The same as codes with parameters (shared/media-notes.ts). */
  notes?: MediaNote[];
  /** A video file with a sound track (absent in records stored before it was kept: assumed). */
  hasAudio?: boolean;
}

export type MediaPart =
  | { type: 'image_url'; image_url: { url: string } }
  | { type: 'input_audio'; input_audio: { data: string; format: ApiAudioFormat } }
  | { type: 'video_url'; video_url: { url: string } }
  | { type: 'video'; video: string[] };

export function dataUrl(bytes: Uint8Array, mime: string | null): string {
  return `${mime ? imagePrefix(mime) : AUDIO_VIDEO_PREFIX}${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')}`;
}

/** Reads one stored file as a data URL, refusing before reading if it would exceed the budget. */
async function itemUrl(dataDir: string, file: StoredFile, mime: string | null, budget: number, name: string, frame?: number): Promise<string> {
  const path = storedPath(dataDir, file.relPath);
  const size = await stat(path).then((s) => s.size, () => null);
  if (size === null) throw refuse.missingFile(name);
  const prefix = mime ? imagePrefix(mime) : AUDIO_VIDEO_PREFIX;
  const length = dataUrlLength(size, prefix);
  if (length > budget) throw refuse.itemTooLarge(name, length, budget, frame);
  const url = dataUrl(await readFile(path), mime);
  if (url.length > budget) throw refuse.itemTooLarge(name, url.length, budget, frame);
  return url;
}

/** The request part for a prepared attachment; every item is checked against `budget` (characters). */
export async function mediaPart(prepared: PreparedMedia, dataDir: string, budget: number): Promise<MediaPart> {
  const what = prepared.sourceName;
  const first = prepared.files[0];
  if (!first) throw refuse.missingFile(what);
  switch (prepared.sendAs) {
    case 'image':
      return { type: 'image_url', image_url: { url: await itemUrl(dataDir, first, prepared.mime ?? 'image/jpeg', budget, what) } };
    case 'audio':
      return {
        type: 'input_audio',
        input_audio: { data: await itemUrl(dataDir, first, null, budget, what), format: prepared.apiFormat ?? 'mp3' },
      };
    case 'video':
      return { type: 'video_url', video_url: { url: await itemUrl(dataDir, first, null, budget, what) } };
    case 'frames': {
      const urls: string[] = [];
      for (const [i, f] of prepared.files.entries()) {
        urls.push(await itemUrl(dataDir, f, prepared.mime ?? 'image/jpeg', budget, what, i + 1));
      }
      return { type: 'video', video: urls };
    }
  }
}
