// Stored media on the app's own origin in Electron: app://omni/media/<attachmentId>,
// app://omni/reply/<messageId>.wav and app://omni/voice-sample/<sampleId>.wav, answered by the core's media function (Range → 206; net.fetch of a
// file:// URL would ignore Range and the players could not seek). No 'electron' import here, so the
// shell tests run this exact code with Node's own Request and Response.
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import type { MediaAnswer, MediaRequest } from '../core/media-serve/serve';

export { isMediaPath } from '../core/media-serve/serve';

export async function mediaResponse(media: (req: MediaRequest) => Promise<MediaAnswer>, request: Request): Promise<Response> {
  const url = new URL(request.url);
  const answer = await media({ path: url.pathname.slice(1), method: request.method, range: request.headers.get('range') });
  if ('text' in answer) {
    return new Response(`${answer.text}\n`, {
      status: answer.status,
      headers: { ...answer.headers, 'Content-Type': 'text/plain; charset=utf-8' },
    });
  }
  const body = answer.open ? (Readable.toWeb(answer.open()) as NodeReadableStream<Uint8Array> as unknown as ReadableStream<Uint8Array>) : null;
  return new Response(body, { status: answer.status, headers: answer.headers });
}
