// The browser shell's ways of answering an HTTP request: a plain sentence, a download, the core's
// explained refusal, and a file streamed into the response. Every route answers through these.
import type { ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import { UserError } from '../core/user-error';

/** A short text answer (errors, refusals): never cached, never sniffed as anything else. */
export function plain(res: ServerResponse, status: number, text: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Cache-Control', 'no-store');
  res.end(`${text}\n`);
}

/** A file the page downloads: its name in both header forms (ASCII fallback and UTF-8), never cached. */
export function sendDownload(res: ServerResponse, fileName: string, contentType: string, bytes: Uint8Array, headers: Record<string, string> = {}): void {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  res.setHeader('Content-Type', contentType);
  res.setHeader('Content-Length', String(bytes.byteLength));
  res.setHeader('Content-Disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`);
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.statusCode = 200;
  res.end(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}

/** A refusal the core explained (UserError) as a plain answer; anything else is a real failure. */
export function refuseWith(res: ServerResponse, err: unknown): void {
  if (!(err instanceof UserError)) throw err;
  plain(res, err.info.kind === 'not_found' ? 404 : 400, err.info.message);
}

/**
 * Streams `open()` into the response (status and headers already set); settles when the response closes,
 * and stops reading the file when the page goes away. A read error rejects (the route's caller answers 500
 * or cuts the connection).
 */
export function streamFile(res: ServerResponse, open: () => Readable): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const stream = open();
    stream.on('error', reject);
    res.on('close', () => {
      stream.destroy();
      resolve();
    });
    stream.pipe(res);
  });
}
