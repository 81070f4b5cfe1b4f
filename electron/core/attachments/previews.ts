// What the window shows of a draft attachment before it goes: its thumbnail, a video's filmstrip and a
// recording's waveform, made once per chip (a model change fits the file again but does not redo these)
// in `<dataDir>/media/.previews/<attachmentId>/` (the folder is emptied when the core starts), served
// to the page by id (`draft/<id>/thumb`, `draft/<id>/strip`; media-serve) and deleted with the chip.
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { AttachmentPreview } from '../../../shared/domain';
import { errorText } from '../../../shared/error-text';
import { makeFilmstrip, makePeaks, makeThumbnail, STRIP_FRAMES, type MediaProbe, type MediaTools } from '../media';
import { withSafeInput } from '../media/probe';

export type DraftPreviewFile = 'thumb' | 'strip';

export interface DraftPreviews {
  /**
   * Makes what the chip shows of a probed file, each piece announced through `onChange` as it is ready.
   * Never throws: a preview that cannot be made is left out (the chip shows its kind's icon instead).
   */
  make(id: string, probe: MediaProbe, signal: AbortSignal, onChange: (patch: Partial<AttachmentPreview>) => void): Promise<void>;
  /** The file behind a preview URL, while its chip exists. */
  file(id: string, what: DraftPreviewFile): { path: string; mime: string } | null;
  /**
   * The chip is gone: its previews go too — at once when it was removed; `afterMs` later when it was sent,
   * since the window may still be showing (and loading) the sent chip's thumbnail for a moment.
   */
  remove(id: string, afterMs?: number): Promise<void>;
  /** Removes what is still waiting to be removed (the core is closing). */
  close(): Promise<void>;
}

export function createDraftPreviews(d: { dataDir: string; tools: MediaTools; log: (line: string) => void }): DraftPreviews {
  const made = new Map<string, Partial<Record<DraftPreviewFile, { path: string; mime: string }>>>();
  /** Sent chips' previews, removed a little later. */
  const later = new Map<string, ReturnType<typeof setTimeout>>();
  const root = join(d.dataDir, 'media', '.previews');
  const dirOf = (id: string) => join(root, id);
  // Nothing of a previous run is still a chip.
  const cleared = rm(root, { recursive: true, force: true }).catch((err: unknown) => d.log(`could not clear old previews: ${errorText(err)}`));

  async function remove(id: string, afterMs = 0): Promise<void> {
    clearTimeout(later.get(id));
    later.delete(id);
    if (afterMs > 0) {
      later.set(id, setTimeout(() => void remove(id), afterMs).unref());
      return;
    }
    made.delete(id);
    await rm(dirOf(id), { recursive: true, force: true }).catch(() => {});
  }

  async function attempt<T>(id: string, what: string, signal: AbortSignal, fn: () => Promise<T>): Promise<T | null> {
    try {
      return await fn();
    } catch (err) {
      if (!signal.aborted) d.log(`attachment ${id}: no ${what} (${errorText(err)})`);
      return null;
    }
  }

  return {
    async make(id, probe, signal, onChange) {
      await cleared;
      const dir = dirOf(id);
      await mkdir(dir, { recursive: true });
      const files: Partial<Record<DraftPreviewFile, { path: string; mime: string }>> = {};
      made.set(id, files);
      const ctx = { tools: d.tools, signal };
      const jobs: Promise<unknown>[] = [];
      if (probe.kind === 'image' || (probe.kind === 'video' && probe.hasVideo)) {
        const png = probe.kind === 'image' && probe.hasAlpha;
        const thumb = { path: join(dir, png ? 'thumb.png' : 'thumb.jpg'), mime: png ? 'image/png' : 'image/jpeg' };
        jobs.push(attempt(id, 'thumbnail', signal, () => withSafeInput(probe.path, (input) => makeThumbnail(probe, input, thumb.path, ctx))).then((ok) => {
          if (ok === null || signal.aborted) return;
          files.thumb = thumb;
          onChange({ thumb: true });
        }));
      }
      if (probe.kind === 'video' && probe.hasVideo && (probe.durationSec ?? 0) > 0) {
        const strip = { path: join(dir, 'strip.jpg'), mime: 'image/jpeg' };
        jobs.push(attempt(id, 'filmstrip', signal, () => withSafeInput(probe.path, (input) => makeFilmstrip(probe, input, strip.path, ctx))).then((ok) => {
          if (ok === null || signal.aborted) return;
          files.strip = strip;
          onChange({ strip: STRIP_FRAMES });
        }));
      }
      if (probe.kind === 'audio' && probe.hasAudio) {
        jobs.push(attempt(id, 'waveform', signal, () => withSafeInput(probe.path, (input) => makePeaks(probe, input, ctx))).then((peaks) => {
          if (peaks && peaks.length > 0 && !signal.aborted) onChange({ peaks });
        }));
      }
      await Promise.all(jobs);
    },

    file: (id, what) => made.get(id)?.[what] ?? null,

    remove,

    async close() {
      await Promise.all([...later.keys()].map((id) => remove(id)));
    },
  };
}

/** No previews at all: chips show their kind's icon (the benchmark's side without them). */
export const NO_PREVIEWS: DraftPreviews = { make: async () => {}, file: () => null, remove: async () => {}, close: async () => {} };
