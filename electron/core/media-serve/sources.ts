// What a media URL names, by opaque id only: `media/<attachmentId>` (the prepared file sent with a user
// message; `media/<attachmentId>/<n>` for frame n of a video sent as frames), `reply/<messageId>.wav`
// (a reply's stored PCM as a WAV file), `voice-sample/<sampleId>.wav` (a voice's sample, core/voices) and
// `draft/<attachmentId>/thumb|strip|kept` (a chip's thumbnail, filmstrip, and the part that will be sent, while
// it waits in the composer). Anything else, a link attachment (never fetched by us) or a
// stored file that went missing is "not found"; the answer never says where a file would have been.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pcmToWav } from '../audio/wav';
import { storedPath } from '../media/content-store';
import type { Store } from '../store/history-store';

export interface MediaSource {
  size: number;
  mime: string;
  /** The bytes start..end (inclusive). */
  open(start: number, end: number): Readable;
}

/** A draft attachment's preview file (`thumb`, `strip`) or its prepared part (`kept`), while its chip exists. */
export type DraftFile = (id: string, what: 'thumb' | 'strip' | 'kept') => { path: string; mime: string } | null;

export interface MediaSourceDeps {
  dataDir: string;
  store: Pick<Store, 'db' | 'getMessage' | 'readReplyAudio'>;
  drafts?: DraftFile;
  /** A voice sample's file by its id (core/voices); null for an id it never gave out. */
  voiceSampleFile?: (sampleId: string) => string | null;
}

const ID = '[A-Za-z0-9_-]{1,64}';
const MEDIA_PATH = new RegExp(`^media/(${ID})(?:/(\\d{1,4}))?$`);
const REPLY_PATH = new RegExp(`^reply/(${ID})\\.wav$`);
const DRAFT_PATH = new RegExp(`^draft/(${ID})/(thumb|strip|kept)$`);
const SAMPLE_PATH = new RegExp(`^voice-sample/(${ID})\\.wav$`);

interface StoredRecord {
  kind?: unknown;
  sendAs?: unknown;
  mime?: unknown;
  link?: unknown;
  files?: Array<{ relPath?: unknown; ext?: unknown }>;
}

export function createMediaSources(deps: MediaSourceDeps): (path: string) => Promise<MediaSource | null> {
  // Attachment ids are unique per prepared file; a message version that reuses one shares the same record.
  const recordOf = deps.store.db.prepare<[string], string>('SELECT prepared_json FROM message_attachments WHERE id = ? LIMIT 1').pluck();

  async function attachment(id: string, index: number): Promise<MediaSource | null> {
    const json = recordOf.get(id);
    if (json === undefined) return null;
    let record: StoredRecord;
    try {
      record = JSON.parse(json) as StoredRecord;
    } catch {
      return null;
    }
    if (typeof record.link === 'string' || !Array.isArray(record.files)) return null;
    const file = record.files[index];
    if (!file || typeof file.relPath !== 'string') return null;
    let path: string;
    try {
      path = storedPath(deps.dataDir, file.relPath);
    } catch {
      return null;
    }
    const info = await stat(path).catch(() => null);
    if (!info?.isFile()) return null;
    const ext = typeof file.ext === 'string' ? file.ext : '';
    return {
      size: info.size,
      mime: mimeFor(ext, record),
      open: (start, end) => createReadStream(path, { start, end }),
    };
  }

  function reply(id: string): MediaSource | null {
    const message = deps.store.getMessage(id);
    if (!message || message.role !== 'assistant') return null;
    const pcm = deps.store.readReplyAudio(id);
    if (pcm.byteLength < 2) return null;
    const wav = pcmToWav(pcm);
    return {
      size: wav.byteLength,
      mime: 'audio/wav',
      open: (start, end) => Readable.from([Buffer.from(wav.buffer, wav.byteOffset + start, end - start + 1)]),
    };
  }

  async function draft(id: string, what: 'thumb' | 'strip' | 'kept'): Promise<MediaSource | null> {
    const found = deps.drafts?.(id, what);
    if (!found) return null;
    const info = await stat(found.path).catch(() => null);
    if (!info?.isFile()) return null;
    return { size: info.size, mime: found.mime, open: (start, end) => createReadStream(found.path, { start, end }) };
  }

  async function voiceSample(id: string): Promise<MediaSource | null> {
    const path = deps.voiceSampleFile?.(id) ?? null;
    const info = path ? await stat(path).catch(() => null) : null;
    if (!path || !info?.isFile()) return null;
    return { size: info.size, mime: 'audio/wav', open: (start, end) => createReadStream(path, { start, end }) };
  }

  return async (path) => {
    const d = DRAFT_PATH.exec(path);
    if (d) return draft(d[1]!, d[2] as 'thumb' | 'strip' | 'kept');
    const m = MEDIA_PATH.exec(path);
    if (m) return attachment(m[1]!, m[2] === undefined ? 0 : Number(m[2]));
    const r = REPLY_PATH.exec(path);
    if (r) return reply(r[1]!);
    const v = SAMPLE_PATH.exec(path);
    if (v) return voiceSample(v[1]!);
    return null;
  };
}

const IMAGE: Record<string, string> = {
  jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', gif: 'image/gif', bmp: 'image/bmp',
};
const AUDIO: Record<string, string> = {
  mp3: 'audio/mpeg', wav: 'audio/wav', aac: 'audio/aac', m4a: 'audio/mp4', mp4: 'audio/mp4', ogg: 'audio/ogg',
  opus: 'audio/ogg', oga: 'audio/ogg', flac: 'audio/flac', amr: 'audio/amr', '3gp': 'audio/3gpp', webm: 'audio/webm',
};
const VIDEO: Record<string, string> = {
  mp4: 'video/mp4', m4v: 'video/mp4', mov: 'video/quicktime', webm: 'video/webm', mkv: 'video/x-matroska',
  avi: 'video/x-msvideo', flv: 'video/x-flv', wmv: 'video/x-ms-wmv', '3gp': 'video/3gpp', ogv: 'video/ogg', ogg: 'video/ogg',
};

/** The stored file's type from its extension, read as the kind it was sent as (an .mp4 may be audio). */
export function mimeFor(ext: string, record: { sendAs?: unknown; mime?: unknown }): string {
  const e = ext.toLowerCase();
  const as = record.sendAs === 'frames' || record.sendAs === 'image' ? 'image' : record.sendAs === 'audio' ? 'audio' : 'video';
  if (as === 'image') {
    return IMAGE[e] ?? (typeof record.mime === 'string' && record.mime.startsWith('image/') ? record.mime : 'application/octet-stream');
  }
  return (as === 'audio' ? AUDIO[e] : VIDEO[e]) ?? 'application/octet-stream';
}
