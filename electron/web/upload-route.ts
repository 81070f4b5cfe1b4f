// POST /upload?name=…: one dropped or picked file's bytes → a temporary file in <dataDir>/uploads → an
// attachment like a local file (deleted once sent or removed); answers {id} as JSON.
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { diskFullInfo, isDiskFull } from '../core/disk-full';
import { UserError } from '../core/user-error';
import { ownOrigin } from './access';
import { plain } from './http-answers';
import type { RouteContext } from './routes';

export async function handleUpload(req: IncomingMessage, res: ServerResponse, ctx: RouteContext): Promise<void> {
  if (!ctx.uploadDir) return plain(res, 404, 'This server takes no uploads.');
  const name = (new URL(req.url ?? '/', ownOrigin(ctx.rules.port)).searchParams.get('name') ?? '').trim();
  if (!name || name.length > 255 || /[/\\\0]/.test(name)) return plain(res, 400, 'An upload needs ?name= with the file name (no slashes).');
  const max = ctx.maxUploadBytes;
  const tooBig = `“${name}” is larger than ${Math.round(max / 1024 / 1024)} MB, the most this window takes. Pick a smaller file.`;
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > max) {
    req.resume();
    return plain(res, 413, tooBig);
  }
  // The copy goes into the data folder: a full disk is the one sentence that names it (JSON, for the page).
  const diskFull = () => {
    req.resume();
    res.statusCode = 507;
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    res.end(JSON.stringify({ error: diskFullInfo(dirname(ctx.uploadDir!), 'write') }));
  };
  try {
    await mkdir(ctx.uploadDir, { recursive: true });
  } catch (err) {
    if (isDiskFull(err)) return diskFull();
    throw err;
  }
  // A random name, the extension kept only as a hint: ffprobe decides what the file is, not its name.
  const ext = /\.[A-Za-z0-9]{1,8}$/.exec(name)?.[0] ?? '';
  const file = join(ctx.uploadDir, `${randomBytes(12).toString('hex')}${ext.toLowerCase()}`);
  let received = 0;
  let writeError: unknown = null;
  const ok = await new Promise<boolean>((resolve) => {
    const out = createWriteStream(file, { flags: 'wx' });
    out.on('error', (err) => (writeError = err));
    const fail = () => {
      out.destroy();
      resolve(false);
    };
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > max) {
        req.unpipe(out);
        req.resume();
        fail();
      }
    });
    req.on('error', fail);
    out.on('error', fail);
    out.on('finish', () => resolve(received <= max));
    req.pipe(out);
  });
  if (!ok) {
    await rm(file, { force: true });
    if (isDiskFull(writeError)) return diskFull();
    return received > max ? plain(res, 413, tooBig) : plain(res, 400, `“${name}” did not arrive whole. Drop it again.`);
  }
  let view: { id: string };
  try {
    view = ctx.core.attachPath(file, { name, temporary: true });
  } catch (err) {
    // The core refuses (say, in the damaged-history state): the copy goes, the page gets the sentence.
    await rm(file, { force: true });
    if (!(err instanceof UserError)) throw err;
    return plain(res, 400, err.info.message);
  }
  res.statusCode = 200;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.end(JSON.stringify({ id: view.id }));
}
