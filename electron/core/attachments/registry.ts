// Attachments waiting to be sent: each file is probed, planned against the model's limits, checked
// against the other attachments (one modality per message) and prepared, with its chip kept up to date
// through `attachment.updated`. Only paths handed over by a shell (a dropped/picked file's path, or the
// browser shell's upload) get here; the renderer never names a path.
import { rm } from 'node:fs/promises';
import { basename } from 'node:path';
import type { MediaLimits } from '../../../shared/catalog';
import type { AttachmentView } from '../../../shared/domain';
import { UserError } from '../user-error';
import {
  describeProbe, MediaCancelledError, mixRefusal, checkMix, refuse, watchToolQueue,
  type MediaProbe, type MediaService, type PreparedMedia, type SendAs, type VideoMode,
} from '../media';
import { newId } from '../store';
import { deleteRefusedCopy, refuseWhenFull } from './draft-limits';
import { linkedMedia, type LinkedMedia } from './links';
import { measureRecord } from '../media/measure';
import { diskFullWhilePreparing } from '../media/messages';
import { isDiskFull } from '../disk-full';
import { errorText } from '../../../shared/error-text';

export interface AttachmentRegistryDeps {
  media: MediaService;
  /** The limits of the model the next message goes to. */
  limits: () => MediaLimits;
  /** The chosen endpoint's per-item data-URL budget (characters), read at each plan. */
  budget: () => number;
  onUpdate: (view: AttachmentView) => void;
  log: (line: string) => void;
}

export interface AddOptions {
  /** The name the chip shows (default: the path's file name). */
  name?: string;
  /** A temporary copy (the browser shell's upload): deleted when the attachment is removed or sent. */
  temporary?: boolean;
  /** Made by the app's own recorder: a refusal of its bytes means nothing was recorded, not a wrong file. */
  recording?: boolean;
}

/** An attachment ready to go out with a message: prepared media, or a link sent as it is. */
export interface ReadyAttachment {
  id: string;
  name: string;
  kind: 'image' | 'audio' | 'video';
  summary: string;
  record: PreparedMedia | LinkedMedia;
}

interface Entry {
  view: AttachmentView;
  path: string;
  temporary: boolean;
  recording: boolean;
  /** A refused temporary copy is deleted at once (it cannot be sent); the chip then only says why. */
  copyGone: boolean;
  probe: MediaProbe | null;
  sendAs: SendAs | null;
  prepared: PreparedMedia | null;
  link: LinkedMedia | null;
  controller: AbortController;
  work: Promise<void>;
}

export interface AttachmentRegistry {
  add(path: string, opts?: AddOptions): AttachmentView;
  /** An http(s) link (see links.ts); ready at once unless the message's mix refuses it. */
  addUrl(url: string): AttachmentView;
  remove(id: string): Promise<boolean>;
  setOptions(id: string, opts: { windowStartSec?: number; videoMode?: VideoMode }): AttachmentView;
  /** The attachments a message is about to carry, or a UserError that says which one to remove and why. */
  forSend(ids: readonly string[]): ReadyAttachment[];
  /** After the message is stored: forget them (their prepared media now belongs to the message). */
  consume(ids: readonly string[]): Promise<void>;
  view(id: string): AttachmentView | null;
  list(): AttachmentView[];
  /** Whether a waiting attachment's prepared media is this stored file (`media/…`, shared by content). */
  usesFile(relPath: string): boolean;
  /** The model changed: every attachment is planned and prepared again against the new limits. */
  refit(): void;
  /** Waits for the attachment's current work to end (tests, shutdown). */
  settled(id: string): Promise<AttachmentView | null>;
  close(): Promise<void>;
}

export function createAttachmentRegistry(deps: AttachmentRegistryDeps): AttachmentRegistry {
  const entries = new Map<string, Entry>();

  const update = (e: Entry, patch: Partial<AttachmentView>) => {
    e.view = { ...e.view, ...patch };
    if (entries.has(e.view.id)) deps.onUpdate(e.view);
  };

  /**
   * The media pipeline names the file it read; an upload's or a recording's is a temporary copy with a
   * random name, so the sentence names it as its chip does.
   */
  function namedAsShown(message: string, e: Entry): string {
    const own = basename(e.path);
    return e.temporary && own !== e.view.name ? message.split(`“${own}”`).join(`“${e.view.name}”`) : message;
  }

  async function run(e: Entry, signal: AbortSignal): Promise<void> {
    if (e.link) {
      e.sendAs = e.link.sendAs;
      const refusal = mixRefusal(others(e.view.id), { id: e.view.id, name: e.view.name, sendAs: e.link.sendAs });
      update(e, refusal ? { state: 'error', error: refusal } : { state: 'ready', progress: 1, error: null });
      return;
    }
    try {
      if (!e.probe) {
        update(e, { state: 'probing', progress: 0, error: null });
        e.probe = await deps.media.probe(e.path, { signal });
        if (signal.aborted) return;
        update(e, { found: describeProbe(e.probe) });
      }
      const options = { windowStartSec: e.view.windowStartSec ?? undefined, videoMode: e.view.videoMode ?? undefined };
      const planned = deps.media.plan(e.probe, deps.limits(), deps.budget(), options);
      if (!planned.ok) throw new UserError(planned.error.kind, planned.error.message);
      const plan = planned.plan;
      e.sendAs = plan.sendAs;
      // The chip that breaks the one-modality rule is the one refused; the others stay as they are.
      const refusal = mixRefusal(others(e.view.id), { id: e.view.id, name: e.view.name, sendAs: plan.sendAs });
      if (refusal) {
        update(e, { state: 'error', plan: plan.summary, choices: plan.choices, error: refusal });
        return;
      }
      update(e, {
        state: 'preparing', progress: 0, plan: plan.summary, choices: plan.choices, error: null,
        videoMode: plan.choices.length > 0 ? (plan.sendAs === 'frames' ? 'frames' : 'file') : null,
        windowStartSec: plan.trim ? plan.trim.startSec : null,
        maxStartSec: plan.trim ? plan.trim.maxStartSec : null,
      });
      let shown = 0;
      const prepared = await deps.media.prepare(e.probe, {
        ...options, limits: deps.limits(), budget: deps.budget(), signal,
        onProgress: (f) => {
          // A chip needs no more than whole percents.
          if (f - shown >= 0.01 && !signal.aborted) {
            shown = f;
            update(e, { progress: Math.min(1, f) });
          }
        },
      });
      if (signal.aborted) return;
      e.prepared = prepared;
      update(e, { state: 'ready', progress: 1, plan: prepared.summary, measure: measureRecord(prepared) });
    } catch (err) {
      if (signal.aborted || err instanceof MediaCancelledError) return;
      // The recorder writes a format the probe reads: bytes it refuses hold no sound (stopped at once), and
      // “choose another file” would not help.
      const message = e.recording && !e.probe && err instanceof UserError && err.info.kind === 'media_refused'
        ? refuse.silentRecording(e.view.name).message
        : err instanceof UserError
        ? namedAsShown(err.message, e)
        : isDiskFull(err)
        ? namedAsShown(diskFullWhilePreparing(e.path).message, e)
        : `“${e.view.name}” could not be prepared (${errorText(err)}). Remove it and attach the file again.`;
      if (!(err instanceof UserError)) deps.log(`attachment ${e.view.id} failed: ${errorText(err)}`);
      update(e, { state: 'error', error: message, waiting: false });
      await forgetCopy(e);
    }
  }

  /** A refused upload's or recording's copy takes room for nothing: it goes now, not when the chip does. */
  async function forgetCopy(e: Entry): Promise<void> {
    if (!e.temporary || e.copyGone) return;
    e.copyGone = true;
    await deleteRefusedCopy(e.path, deps.log);
  }

  /** The other attachments that hold a place in the message (refused ones do not). */
  function others(id: string) {
    const out: { id: string; name: string; sendAs: SendAs }[] = [];
    for (const o of entries.values()) {
      if (o.view.id !== id && o.sendAs && o.view.state !== 'error') out.push({ id: o.view.id, name: o.view.name, sendAs: o.sendAs });
    }
    return out;
  }

  function start(e: Entry): void {
    // Refused, and its copy deleted: nothing is left to check again.
    if (e.copyGone) return;
    e.controller.abort();
    e.controller = new AbortController();
    if (!e.link) e.prepared = null;
    const signal = e.controller.signal;
    // Its ffmpeg/ffprobe runs wait their turn in the tool queue; the chip says so meanwhile.
    e.work = watchToolQueue((waiting) => update(e, { waiting }), () => run(e, signal));
  }

  const mustGet = (id: string): Entry => {
    const e = entries.get(id);
    if (!e) throw new UserError('not_found', 'That attachment is gone. Attach the file again.');
    return e;
  };

  async function drop(e: Entry): Promise<void> {
    entries.delete(e.view.id);
    e.controller.abort();
    await e.work.catch(() => {});
    if (e.temporary) await rm(e.path, { force: true }).catch(() => {});
  }

  return {
    add(path, opts = {}) {
      refuseWhenFull(entries.size, opts.name ?? basename(path));
      const id = newId();
      const e: Entry = {
        view: {
          id, name: opts.name ?? basename(path), state: 'probing', progress: 0, waiting: false, found: null, plan: null, choices: [],
          videoMode: null, windowStartSec: null, maxStartSec: null, error: null, measure: null,
        },
        path, temporary: opts.temporary ?? false, recording: opts.recording ?? false, copyGone: false,
        probe: null, sendAs: null, prepared: null, link: null,
        controller: new AbortController(), work: Promise.resolve(),
      };
      entries.set(id, e);
      deps.onUpdate(e.view);
      start(e);
      return e.view;
    },

    addUrl(url) {
      const link = linkedMedia(url);
      refuseWhenFull(entries.size, link.sourceName);
      const id = newId();
      const kindLabel = link.kind === 'image' ? 'Image' : link.kind === 'audio' ? 'Audio' : 'Video';
      const e: Entry = {
        view: {
          id, name: link.sourceName, state: 'probing', progress: 0, waiting: false, found: `${kindLabel} link · ${new URL(link.link).host}`,
          plan: link.summary, choices: [], videoMode: null, windowStartSec: null, maxStartSec: null, error: null,
          measure: measureRecord(link),
        },
        path: '', temporary: false, recording: false, copyGone: false, probe: null, sendAs: null, prepared: null, link,
        controller: new AbortController(), work: Promise.resolve(),
      };
      entries.set(id, e);
      start(e);
      return e.view;
    },

    async remove(id) {
      const e = entries.get(id);
      if (!e) return false;
      await drop(e);
      // Another chip refused only because of this one may fit now.
      for (const o of entries.values()) {
        if (o.view.state === 'error' && (o.probe || o.link) && o.sendAs && o.view.error?.startsWith('A message can carry')) start(o);
      }
      return true;
    },

    setOptions(id, opts) {
      const e = mustGet(id);
      if (e.link) return e.view;
      if (e.copyGone) throw new UserError('invalid_input', `“${e.view.name}” was refused: ${e.view.error ?? 'it cannot be sent.'} Remove it and attach another file.`);
      if (!e.probe) throw new UserError('busy', `“${e.view.name}” is still being checked. Wait a moment, then try again.`);
      e.view = {
        ...e.view,
        windowStartSec: opts.windowStartSec ?? e.view.windowStartSec,
        videoMode: opts.videoMode ?? e.view.videoMode,
      };
      start(e);
      return e.view;
    },

    forSend(ids) {
      const ready: ReadyAttachment[] = [];
      for (const id of ids) {
        const e = mustGet(id);
        const name = `“${e.view.name}”`;
        if (e.view.state === 'error') {
          throw new UserError('invalid_input', `${name} cannot be sent: ${e.view.error ?? 'it could not be prepared.'} Remove it, then send again.`);
        }
        const record = e.link ?? e.prepared;
        if (e.view.state !== 'ready' || !record || !e.sendAs) {
          throw new UserError('busy', `${name} is still being prepared. Wait until its chip says it is ready, or remove it.`);
        }
        ready.push({ id, name: e.view.name, kind: record.kind, summary: e.view.plan ?? record.summary, record });
      }
      const refused = checkMix(ready.map((r) => ({ id: r.id, name: r.name, sendAs: r.record.sendAs })));
      if (refused[0]) throw new UserError('invalid_input', refused[0].message);
      return ready;
    },

    async consume(ids) {
      for (const id of ids) {
        const e = entries.get(id);
        if (e) await drop(e);
      }
    },

    view: (id) => entries.get(id)?.view ?? null,
    list: () => [...entries.values()].map((e) => e.view),
    usesFile: (relPath) => [...entries.values()].some((e) => e.prepared?.files.some((f) => f.relPath === relPath) ?? false),

    refit() {
      for (const e of entries.values()) {
        if (e.link || e.copyGone) continue;
        e.sendAs = null;
        e.view = { ...e.view, error: null, state: e.probe ? 'preparing' : 'probing' };
      }
      for (const e of entries.values()) start(e);
    },

    async settled(id) {
      for (;;) {
        const e = entries.get(id);
        if (!e) return null;
        const work = e.work;
        await work;
        if (entries.get(id)?.work === work) return entries.get(id)?.view ?? null;
      }
    },

    async close() {
      await Promise.all([...entries.values()].map(drop));
    },
  };
}
