// Attachments waiting to be sent: each file is probed, planned against the model's limits (its input-token
// limit among them), checked against the other attachments (one modality per message) and prepared, with
// its chip kept up to date through `attachment.updated`; its thumbnail, filmstrip or waveform is made beside
// that (previews.ts). Only paths handed over by a shell (a dropped/picked file's path, or the browser shell's
// upload) get here; the renderer never names a path. What the chip says is codes with parameters (notes).
import { rm } from 'node:fs/promises';
import { basename } from 'node:path';
import type { MediaLimits } from '../../../shared/catalog';
import type { AttachmentView } from '../../../shared/domain';
import { errorText } from '../../../shared/error-text';
import { note, noteText, type MediaNote } from '../../../shared/media-notes';
import { UserError } from '../user-error';
import {
  describeProbe, MediaCancelledError, mixRefusalNote, checkMix, noteError, probeFacts, watchToolQueue,
  type MediaProbe, type MediaService, type PreparedMedia, type SendAs, type VideoMode,
} from '../media';
import { newId } from '../store';
import { deleteRefusedCopy, refuseWhenFull } from './draft-limits';
import { linkedMedia, type LinkedMedia } from './links';
import { diskFullWhilePreparing } from '../media/messages';
import { isDiskFull } from '../disk-full';
import type { DraftPreviews } from './previews';
import { chipTokens, type DraftTokens } from './tokens';
import { linkView, namedAsShown, newView, viewOfPlan } from './chip-view';

export interface AttachmentRegistryDeps {
  media: MediaService;
  /** The limits of the model the next message goes to. */
  limits: () => MediaLimits;
  /** Its input-token limit, token rates and calibration (see tokens.ts). */
  tokens: () => DraftTokens;
  /** The chosen endpoint's per-item data-URL budget (characters), read at each plan. */
  budget: () => number;
  previews: DraftPreviews;
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

export interface AttachmentOptions {
  windowStartSec?: number;
  videoMode?: VideoMode;
  /** At most this many input tokens (the composer's "fit to the room left"); null: the model's limit. */
  maxTokens?: number | null;
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
  /** The previews' own work: it outlives a refit, ends with the chip. */
  previews: AbortController | null;
}

export interface AttachmentRegistry {
  add(path: string, opts?: AddOptions): AttachmentView;
  /** An http(s) link (see links.ts); ready at once unless the message's mix refuses it. */
  addUrl(url: string): AttachmentView;
  remove(id: string): Promise<boolean>;
  setOptions(id: string, opts: AttachmentOptions): AttachmentView;
  /** The attachments a message is about to carry, or a UserError that says which one to remove and why. */
  forSend(ids: readonly string[]): ReadyAttachment[];
  /** After the message is stored: forget them (their prepared media now belongs to the message). */
  consume(ids: readonly string[]): Promise<void>;
  view(id: string): AttachmentView | null;
  list(): AttachmentView[];
  /** Whether a waiting attachment's prepared media is this stored file (`media/…`, shared by content). */
  usesFile(relPath: string): boolean;
  /** The prepared file of a waiting attachment (its first; the draft preview `kept`), while it is ready. */
  preparedFile(id: string): { relPath: string; ext: string; sendAs: SendAs } | null;
  /** The model changed: every attachment is planned and prepared again against the new limits. */
  refit(): void;
  /** Waits for the attachment's current work to end (tests, shutdown). */
  settled(id: string): Promise<AttachmentView | null>;
  close(): Promise<void>;
}

/** How long a sent chip's thumbnail is still served: the window shows the chip until the send returns. */
const SENT_PREVIEWS_KEPT_MS = 15_000;

export function createAttachmentRegistry(deps: AttachmentRegistryDeps): AttachmentRegistry {
  const entries = new Map<string, Entry>();

  const update = (e: Entry, patch: Partial<AttachmentView>) => {
    e.view = { ...e.view, ...patch };
    if (entries.has(e.view.id)) deps.onUpdate(e.view);
  };
  const refused = (e: Entry, problem: MediaNote, extra: Partial<AttachmentView> = {}) =>
    update(e, { ...extra, state: 'error', problem, error: noteText(problem) });

  function startPreviews(e: Entry, probe: MediaProbe): void {
    if (e.previews) return;
    const controller = new AbortController();
    e.previews = controller;
    void deps.previews.make(e.view.id, probe, controller.signal, (patch) => {
      if (!controller.signal.aborted) update(e, { preview: { ...e.view.preview, ...patch } });
    });
  }

  async function run(e: Entry, signal: AbortSignal): Promise<void> {
    if (e.link) {
      e.sendAs = e.link.sendAs;
      const refusal = mixRefusalNote(others(e.view.id), { id: e.view.id, name: e.view.name, sendAs: e.link.sendAs });
      if (refusal) refused(e, refusal);
      else update(e, { state: 'ready', progress: 1, error: null, problem: null });
      return;
    }
    try {
      if (!e.probe) {
        update(e, { state: 'probing', progress: 0, error: null, problem: null });
        e.probe = await deps.media.probe(e.path, { signal });
        if (signal.aborted) return;
        update(e, { kind: e.probe.kind, facts: probeFacts(e.probe), found: describeProbe(e.probe) });
        startPreviews(e, e.probe);
      }
      const tokens = chipTokens(deps.tokens(), e.view.maxTokens);
      const options = {
        windowStartSec: e.view.windowStartSec ?? undefined, videoMode: e.view.videoMode ?? undefined, tokens: tokens.budget,
      };
      const planned = deps.media.plan(e.probe, deps.limits(), deps.budget(), options);
      if (!planned.ok) throw new UserError(planned.error.kind, planned.error.message, { note: planned.error.note ?? null });
      const plan = planned.plan;
      e.sendAs = plan.sendAs;
      const planView = viewOfPlan(plan, e.probe.durationSec ?? 0);
      // The chip that breaks the one-modality rule is the one refused; the others stay as they are.
      const refusal = mixRefusalNote(others(e.view.id), { id: e.view.id, name: e.view.name, sendAs: plan.sendAs });
      if (refusal) {
        refused(e, refusal, planView);
        return;
      }
      update(e, {
        ...planView, state: 'preparing', progress: 0, error: null, problem: null,
        preview: { ...e.view.preview, kept: false },
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
      const playable = prepared.sendAs === 'audio' || prepared.sendAs === 'video';
      update(e, {
        state: 'ready', progress: 1, plan: prepared.summary, measure: tokens.measure(prepared),
        preview: { ...e.view.preview, kept: playable, keptVersion: e.view.preview.keptVersion + (playable ? 1 : 0) },
      });
    } catch (err) {
      if (signal.aborted || err instanceof MediaCancelledError) return;
      // The recorder writes a format the probe reads: bytes it refuses hold no sound (stopped at once), and
      // "choose another file" would not help. A full disk is no fault of the file.
      const problem = e.recording && !e.probe && err instanceof UserError && err.info.kind === 'media_refused'
        ? note('silentRecording', { name: e.view.name })
        : err instanceof UserError && err.info.note
          ? namedAsShown(err.info.note, e.path, e.view.name)
          : isDiskFull(err)
            ? namedAsShown(diskFullWhilePreparing(e.path).info.note!, e.path, e.view.name)
            : note('prepareFailed', { name: e.view.name, detail: errorText(err) });
      if (!(err instanceof UserError)) deps.log(`attachment ${e.view.id} failed: ${errorText(err)}`);
      refused(e, problem, { waiting: false });
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

  /** `sent`: it went with a message (the window may still show its chip a moment longer). */
  async function drop(e: Entry, sent = false): Promise<void> {
    entries.delete(e.view.id);
    e.controller.abort();
    e.previews?.abort();
    await e.work.catch(() => {});
    await deps.previews.remove(e.view.id, sent ? SENT_PREVIEWS_KEPT_MS : 0);
    if (e.temporary) await rm(e.path, { force: true }).catch(() => {});
  }

  function entry(path: string, view: AttachmentView, opts: AddOptions, link: LinkedMedia | null): Entry {
    return {
      view, path, temporary: opts.temporary ?? false, recording: opts.recording ?? false, copyGone: false, probe: null, sendAs: null,
      prepared: null, link, controller: new AbortController(), work: Promise.resolve(), previews: null,
    };
  }

  return {
    add(path, opts = {}) {
      refuseWhenFull(entries.size, opts.name ?? basename(path));
      const e = entry(path, newView(newId(), opts.name ?? basename(path)), opts, null);
      entries.set(e.view.id, e);
      deps.onUpdate(e.view);
      start(e);
      return e.view;
    },

    addUrl(url) {
      const link = linkedMedia(url);
      refuseWhenFull(entries.size, link.sourceName);
      const view: AttachmentView = { ...linkView(newId(), link), measure: chipTokens(deps.tokens(), null).measure(link) };
      const e = entry('', view, {}, link);
      entries.set(view.id, e);
      start(e);
      return e.view;
    },

    async remove(id) {
      const e = entries.get(id);
      if (!e) return false;
      await drop(e);
      // Another chip refused only because of this one may fit now.
      for (const o of entries.values()) {
        const code = o.view.problem?.code;
        if (o.view.state === 'error' && (o.probe || o.link) && o.sendAs && (code === 'mixModalities' || code === 'oneAudioOrVideo')) start(o);
      }
      return true;
    },

    setOptions(id, opts) {
      const e = mustGet(id);
      if (e.link) return e.view;
      if (e.copyGone) throw noteError('invalid_input', e.view.problem ?? note('prepareFailed', { name: e.view.name, detail: e.view.error ?? '' }));
      if (!e.probe) throw noteError('busy', note('stillChecking', { name: e.view.name }));
      e.view = {
        ...e.view,
        windowStartSec: opts.windowStartSec ?? e.view.windowStartSec,
        videoMode: opts.videoMode ?? e.view.videoMode,
        maxTokens: opts.maxTokens === undefined ? e.view.maxTokens : opts.maxTokens,
      };
      start(e);
      return e.view;
    },

    forSend(ids) {
      const ready: ReadyAttachment[] = [];
      for (const id of ids) {
        const e = mustGet(id);
        if (e.view.state === 'error') {
          const why = e.view.error ?? 'it could not be prepared.';
          throw new UserError('invalid_input', `“${e.view.name}” cannot be sent: ${why} Remove it, then send again.`, { note: e.view.problem });
        }
        const record = e.link ?? e.prepared;
        if (e.view.state !== 'ready' || !record || !e.sendAs) throw noteError('busy', note('stillPreparing', { name: e.view.name }));
        ready.push({ id, name: e.view.name, kind: record.kind, summary: e.view.plan ?? record.summary, record });
      }
      const mixed = checkMix(ready.map((r) => ({ id: r.id, name: r.name, sendAs: r.record.sendAs })));
      if (mixed[0]) throw noteError('invalid_input', mixed[0].note);
      return ready;
    },

    async consume(ids) {
      for (const id of ids) {
        const e = entries.get(id);
        if (e) await drop(e, true);
      }
    },

    view: (id) => entries.get(id)?.view ?? null,
    list: () => [...entries.values()].map((e) => e.view),
    usesFile: (relPath) => [...entries.values()].some((e) => e.prepared?.files.some((f) => f.relPath === relPath) ?? false),

    preparedFile(id) {
      const e = entries.get(id);
      const first = e?.view.state === 'ready' ? e.prepared?.files[0] : undefined;
      return e?.prepared && first ? { relPath: first.relPath, ext: first.ext, sendAs: e.prepared.sendAs } : null;
    },

    refit() {
      for (const e of entries.values()) {
        if (e.link || e.copyGone) continue;
        e.sendAs = null;
        e.view = { ...e.view, error: null, problem: null, state: e.probe ? 'preparing' : 'probing' };
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
      await Promise.all([...entries.values()].map((e) => drop(e)));
      await deps.previews.close();
    },
  };
}

