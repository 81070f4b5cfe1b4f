// The one answer both shells give for a media URL (Electron's app:// handler, the browser shell's HTTP
// route): status, headers and, for GET, the bytes asked for. Range requests get 206 so <audio>/<video>
// can seek; the shells only copy this onto their own response type.
import type { Readable } from 'node:stream';
import { parseRange } from './range';
import type { MediaSource } from './sources';

export interface MediaRequest {
  /** The URL path without its leading slash, still percent-encoded: `media/<id>`, `reply/<id>.wav`, `draft/<id>/thumb`, `voice-sample/<id>.wav`. */
  path: string;
  method: string;
  range?: string | null;
}

export type MediaAnswer =
  | { status: 200 | 206; headers: Record<string, string>; open: (() => Readable) | null }
  | { status: 404 | 405 | 416; headers: Record<string, string>; text: string };

/** True for the URL paths served as media (the shells route these here before their static files). */
export function isMediaPath(pathname: string): boolean {
  return pathname.startsWith('/media/') || pathname.startsWith('/reply/') || pathname.startsWith('/draft/') || pathname.startsWith('/voice-sample/');
}

const COMMON = { 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-cache' };

export async function answerMedia(find: (path: string) => Promise<MediaSource | null>, req: MediaRequest): Promise<MediaAnswer> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return { status: 405, headers: { ...COMMON, Allow: 'GET, HEAD' }, text: 'Only GET and HEAD.' };
  }
  // Ids are URL-safe as they are: a percent sign or a dot-segment names nothing here.
  const source = /^[A-Za-z0-9_./-]+$/.test(req.path) && !req.path.includes('..') ? await find(req.path) : null;
  if (!source) return { status: 404, headers: { ...COMMON }, text: 'No such media. It may have been deleted.' };

  const range = parseRange(req.range, source.size);
  const base = { ...COMMON, 'Content-Type': source.mime, 'Accept-Ranges': 'bytes' };
  if (range.kind === 'unsatisfiable') {
    return { status: 416, headers: { ...base, 'Content-Range': `bytes */${source.size}` }, text: 'That range is outside the file.' };
  }
  const head = req.method === 'HEAD';
  if (range.kind === 'whole') {
    const open = head || source.size === 0 ? null : () => source.open(0, source.size - 1);
    return { status: 200, headers: { ...base, 'Content-Length': String(source.size) }, open };
  }
  const { start, end } = range;
  return {
    status: 206,
    headers: { ...base, 'Content-Length': String(end - start + 1), 'Content-Range': `bytes ${start}-${end}/${source.size}` },
    open: head ? null : () => source.open(start, end),
  };
}
