// A recording made in the page (the composer's Record button), or a file the page holds only in memory (a
// pasted screenshot, a picture dragged from a web page, in Electron). The page has no file for it, so its
// bytes arrive in the request; they are written to a temporary file in the data folder and attached through the
// same registry as a dropped file: probed, planned against the model's limits, converted to a format the
// API lists (the browser's WebM/Opus is not one), and deleted once sent or removed.
import { randomBytes } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AttachmentView } from '../../../shared/domain';
import type { AttachmentRegistry } from './registry';
import { errorText } from '../../../shared/error-text';

/** Under the data folder; emptied when the core starts (copies left by a run that ended first). */
export const RECORDINGS_DIR = 'recordings';

/** The extension is only a hint for whoever looks in the folder: ffprobe decides what the bytes are. */
function extensionFor(mimeType: string): string {
  const type = mimeType.split(';')[0]!.trim().toLowerCase();
  switch (type) {
    case 'audio/webm': return '.webm';
    case 'audio/ogg': return '.ogg';
    case 'audio/mp4': return '.m4a';
    case 'audio/wav': case 'audio/wave': case 'audio/x-wav': return '.wav';
    case 'audio/mpeg': return '.mp3';
    default: return '.bin';
  }
}

/** The name's extension, else one for the type: a hint only, ffprobe decides what the bytes are. */
function extensionForFile(name: string, mimeType: string): string {
  const own = /\.[A-Za-z0-9]{1,8}$/.exec(name)?.[0];
  if (own) return own.toLowerCase();
  const sub = /^(?:image|audio|video)\/([a-z0-9]{1,8})(?:[;+]|$)/i.exec(mimeType.trim())?.[1];
  return sub ? `.${sub.toLowerCase()}` : '.bin';
}

export interface Recordings {
  /** Writes the bytes to a temporary file and attaches it; the chip's progress follows as events. */
  add(input: { name: string; mimeType: string; bytes: Uint8Array }): Promise<AttachmentView>;
  /**
   * The same for a file the page holds only in memory (a pasted screenshot, a picture dragged from a web
   * page): attached like a dropped file under its own name, not as a recording.
   */
  addFile(input: { name: string; mimeType: string; bytes: Uint8Array }): Promise<AttachmentView>;
}

/** Empties the folder at once (nothing of a previous run is still attached) and takes recordings after. */
export function createRecordings(dataDir: string, registry: AttachmentRegistry, log: (line: string) => void = () => {}): Recordings {
  const dir = join(dataDir, RECORDINGS_DIR);
  const cleared = rm(dir, { recursive: true, force: true }).catch((err: unknown) => {
    log(`could not clear old recordings: ${errorText(err)}`);
  });
  const write = async (bytes: Uint8Array, ext: string): Promise<string> => {
    await cleared;
    await mkdir(dir, { recursive: true });
    const file = join(dir, `${randomBytes(12).toString('hex')}${ext}`);
    await writeFile(file, bytes, { flag: 'wx' });
    return file;
  };
  return {
    async add({ name, mimeType, bytes }) {
      return registry.add(await write(bytes, extensionFor(mimeType)), { name, temporary: true, recording: true });
    },
    async addFile({ name, mimeType, bytes }) {
      return registry.add(await write(bytes, extensionForFile(name, mimeType)), { name, temporary: true });
    },
  };
}
