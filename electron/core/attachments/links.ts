// A pasted http(s) link to a picture, a recording or a video. It is sent as the link itself: DashScope
// fetches it, we never do (so there is nothing to probe or fit; the API judges the file). The kind comes
// from the link's file extension, the only thing we know about it without fetching.
import type { UserContentPart } from '../api/request';
import type { MediaKind } from '../media';
import { note, noteText, type MediaNote } from '../../../shared/media-notes';
import { noteError } from '../media/messages';

export interface LinkedMedia {
  link: string;
  kind: MediaKind;
  sendAs: 'image' | 'audio' | 'video';
  /** `input_audio.format` for a recording. */
  format: string | null;
  sourceName: string;
  summary: string;
  notes?: MediaNote[];
}

const IMAGE = ['jpg', 'jpeg', 'png', 'webp', 'bmp', 'gif', 'tif', 'tiff', 'heic'];
const AUDIO = ['mp3', 'wav', 'aac', 'amr', '3gp', 'm4a', 'flac', 'ogg', 'opus'];
const VIDEO = ['mp4', 'mov', 'mkv', 'avi', 'flv', 'wmv', 'webm', 'mpeg', 'mpg', 'm4v'];

/** The link as an attachment record, or a UserError that says what links are accepted. */
export function linkedMedia(raw: string): LinkedMedia {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw noteError('invalid_input', note('notALink', {}));
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw noteError('invalid_input', note('linkScheme', {}));
  }
  if (url.username || url.password) {
    throw noteError('invalid_input', note('linkCredentials', {}));
  }
  const file = decodeURIComponent(url.pathname.split('/').pop() ?? '');
  const ext = /\.([A-Za-z0-9]{2,5})$/.exec(file)?.[1]?.toLowerCase() ?? '';
  const kind: MediaKind | null = IMAGE.includes(ext) ? 'image' : AUDIO.includes(ext) ? 'audio' : VIDEO.includes(ext) ? 'video' : null;
  if (!kind) {
    throw noteError('invalid_input', note('linkNoExtension', { name: file || url.host }));
  }
  return {
    link: url.href, kind, sendAs: kind, format: kind === 'audio' ? ext : null, sourceName: file,
    summary: noteText(note('link', { host: url.host })),
    notes: [note('link', { host: url.host })],
  };
}

export function isLinkedMedia(x: unknown): x is LinkedMedia {
  return typeof x === 'object' && x !== null && typeof (x as { link?: unknown }).link === 'string';
}

export function linkPart(m: LinkedMedia): UserContentPart {
  switch (m.sendAs) {
    case 'image': return { type: 'image_url', image_url: { url: m.link } };
    case 'audio': return { type: 'input_audio', input_audio: { data: m.link, format: m.format ?? 'mp3' } };
    case 'video': return { type: 'video_url', video_url: { url: m.link } };
  }
}
