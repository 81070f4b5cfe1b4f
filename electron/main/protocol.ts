// app://omni/ — where the desktop window loads the renderer from. A privileged standard, secure scheme
// gives the page a real origin (so 'self' in the CSP, fetch and the AudioWorklet work) without file://'s
// reach over the whole disk: only files inside out/renderer are served, with the app's CSP header.
import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { RENDERER_HEADERS } from '../shells-common/csp';
import { resolveStaticFile } from '../shells-common/static-files';
import type { MediaAnswer, MediaRequest } from '../core/media-serve/serve';
import { isMediaPath, mediaResponse } from './media-protocol';
import { APP_HOST, APP_SCHEME } from './origin';

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true } },
  ]);
}

/**
 * Serves the built renderer on app://omni/, and stored media (by opaque id) under /media/, /reply/ and
 * /voice-sample/ through `media` (the core's). Call once the app is ready.
 */
export function serveRenderer(rendererDir: string, media: () => ((req: MediaRequest) => Promise<MediaAnswer>) | null): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return text(404, 'Not found.');
    if (isMediaPath(url.pathname)) {
      const serve = media();
      return serve ? mediaResponse(serve, request) : text(503, 'Omni Desk is still starting.');
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') return text(405, 'Only GET and HEAD.');
    const found = await resolveStaticFile(rendererDir, url.pathname);
    if (!found) return text(404, 'Not found.');
    const body = request.method === 'HEAD' ? null : await readFile(found.file);
    return new Response(body, {
      status: 200,
      headers: { ...RENDERER_HEADERS, 'Content-Type': found.contentType, 'Content-Length': String(found.size), 'Cache-Control': 'no-cache' },
    });
  });
}

function text(status: number, body: string): Response {
  return new Response(body, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' } });
}
