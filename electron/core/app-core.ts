// The core, assembled: the store, the key vault, the media pipeline and the attachments, and the
// contract's handlers from the modules that own each concern (settings, regions, conversations, chat
// turns, attachments, replies, export). Wiring only: no request is answered here. Both shells create it
// with their own dependencies (data directory, fetch, key cipher, dialogs) and bind its handlers and
// events to their transport.
import { mkdirSync } from 'node:fs';
import type { Database } from 'better-sqlite3';
import { join } from 'node:path';
import { DASHSCOPE_DATA_URI_BUDGET } from '../../shared/catalog';
import { maxInputTokens } from '../../shared/estimate';
import { DEFAULT_SETTINGS, type RegionRef } from '../../shared/domain';
import { errorText } from '../../shared/error-text';
import { createAttachmentHandlers, createDraftTarget } from './attachments/attachment-handlers';
import { createRecordings } from './attachments/recording';
import { createAttachmentRegistry } from './attachments/registry';
import { createDraftPreviews, NO_PREVIEWS } from './attachments/previews';
import { createCalibration } from './chat/calibration';
import { createTitleRequests } from './chat/title-request';
import { createTurns } from './chat/turns';
import { createPartReader } from './chat/turn-request';
import { createConversationHandlers } from './conversations/conversation-handlers';
import type { Core, EventListener, Handlers } from './core-interface';
import { createEndpointRepo, createTargets, DEFAULT_BASE_URLS, isDashScopeRegion, type BaseUrls } from './endpoints';
import { createRegionHandlers } from './endpoints/region-handlers';
import { conversationZipFile, createExportHandlers } from './export/export-handlers';
import { replyWavFile } from './export/reply-wav';
import { createKeyVault, type SecretCipher } from './keys';
import { createLive, type LiveOptions } from './live/live-handlers';
import { createModelHandlers } from './models/model-handlers';
import { createModelRegistry, unknownModel } from './models/model-registry';
import type { RealtimeSocketFactory } from './realtime/socket';
import { createLiveStore } from './store/live-store';
import { createMediaService, type MediaService } from './media';
import { createMediaServer, mimeFor } from './media-serve';
import { storedPath } from './media';
import { createReplyHandlers } from './media-serve/reply-handlers';
import { createRecoveryCore, openHistory } from './recovery';
import { createSettingsHandlers, markWelcomeDone, readSettings } from './settings/settings-handlers';
import { createConversationMetaStore } from './store/conversation-meta';
import { createConversationSettingsStore } from './store/conversation-settings';
import { createStore, type Store } from './store/history-store';
import { createUnsavedReplies } from './store/unsaved-replies';
import { diskFullInfo, withDiskFullAnswers } from './disk-full';
import { UserError } from './user-error';
import { createVoiceHandlers, createVoiceSamples } from './voices/voice-samples';

export type { SecretCipher } from './keys';

export interface CoreOptions {
  dataDir: string;
  shell: 'electron' | 'web';
  version: string;
  fetch?: typeof globalThis.fetch;
  /** Each DashScope region's address (default: DashScope's own). Tests point each at its own stand-in. */
  baseUrls?: Partial<BaseUrls>;
  /** One address for both regions (the browser shell's --base-url); `baseUrls` wins where both are given. */
  baseUrl?: string | null;
  /** DASHSCOPE_API_KEY, when set. */
  envKey?: string | null;
  cipher?: SecretCipher | null;
  now?: () => number;
  log?: (line: string) => void;
  /** The media pipeline (default: one over `dataDir` with the resolved ffmpeg/ffprobe). */
  media?: MediaService;
  /** Make chips' thumbnails, filmstrips and waveforms (default true; the benchmark measures what they cost). */
  previews?: boolean;
  /**
   * Electron's save dialog and write: resolves with where the file went, or null when the user cancelled.
   * Without it (the browser shell) reply.exportWav is refused; that shell's bridge downloads instead.
   */
  saveFile?: (suggestedName: string, bytes: Uint8Array) => Promise<string | null>;
  /** Electron's folder dialog (export conversation, recovery export): the folder, or null when cancelled. */
  chooseFolder?: (title: string) => Promise<string | null>;
  /** Live voice's WebSocket to the Realtime API (default: the `ws` package), injectable like `fetch`. */
  realtimeSocket?: RealtimeSocketFactory;
  /** Live voice's limits (tests shorten them). */
  live?: LiveOptions;
  /**
   * Called with the history's open connection. For tests that cannot mount a small file system: they set
   * SQLite's max_page_count on it, which makes SQLite answer a full disk (SQLITE_FULL) for real.
   */
  databaseOpened?: (db: Database) => void;
}

export const DATABASE_FILE = 'omni-desk.sqlite';

export async function createCore(o: CoreOptions): Promise<Core> {
  const now = o.now ?? Date.now;
  const log = o.log ?? (() => {});
  const fetch = o.fetch ?? globalThis.fetch.bind(globalThis);
  mkdirSync(o.dataDir, { recursive: true });
  const opened = openHistory(join(o.dataDir, DATABASE_FILE), { now });
  // A damaged history is never written to: the app starts without it and offers a way out (core/recovery).
  if (!opened.ok) {
    return createRecoveryCore({ ...o, problem: opened.problem, restart: () => createCore(o) });
  }
  const db = opened.db;
  o.databaseOpened?.(db);
  const interrupted = createStore(db, { now }).markInterrupted();
  if (interrupted > 0) log(`marked ${interrupted} reply(s) interrupted by the last shutdown`);
  const listeners = new Set<EventListener>();
  const emit: EventListener = (name, payload) => {
    for (const l of listeners) {
      try {
        l(name, payload);
      } catch (err) {
        log(`event listener failed: ${errorText(err)}`);
      }
    }
  };
  // Every module sees the store through the replies held for lack of room (store/unsaved-replies.ts).
  const unsaved = createUnsavedReplies(createStore(db, { now }), {
    isStreaming: (messageId) => turns.isStreaming(messageId),
    onSaved: (conversationId) => emit('conversations.changed', { conversationId }),
    log,
  });
  const store = unsaved.store;
  const conversationSettings = createConversationSettingsStore(db);
  const meta = createConversationMetaStore(db);
  const liveStore = createLiveStore(store, now);
  liveStore.endOpenSessions(now());
  // The catalog's models and the user's own (custom_models): every "what is this model?" is answered here.
  const models = createModelRegistry(db, now);
  const settings = () => readSettings(store);

  const media = o.media ?? createMediaService({ dataDir: o.dataDir });
  void media.removeStaleWork().catch((err: unknown) => log(`could not clear old media work: ${errorText(err)}`));
  const endpointRepo = createEndpointRepo(db, now);
  const targets = createTargets({
    repo: endpointRepo,
    baseUrls: {
      intl: o.baseUrls?.intl ?? o.baseUrl ?? DEFAULT_BASE_URLS.intl,
      cn: o.baseUrls?.cn ?? o.baseUrl ?? DEFAULT_BASE_URLS.cn,
    },
  });
  const vault = createKeyVault({
    envKey: o.envKey ?? null, envApplies: isDashScopeRegion, cipher: o.cipher ?? null, storage: keyStorage(store), log,
    regionLabel: (region) => targets.find(region as RegionRef)?.label ?? region,
  });
  // The per-item data-URI budget belongs to the chosen endpoint (DashScope's, or a custom one's).
  const budget = (): number => targets.find(settings().region)?.dataUriBudget ?? DASHSCOPE_DATA_URI_BUDGET;
  const draftTarget = createDraftTarget(() => settings().model);
  const calibration = createCalibration(store);
  const draftModel = () => models.find(draftTarget.model()) ?? models.find(DEFAULT_SETTINGS.model)!;
  const previews = o.previews === false ? NO_PREVIEWS : createDraftPreviews({ dataDir: o.dataDir, tools: media.tools, log });
  const attachments = createAttachmentRegistry({
    media, budget, log, previews,
    limits: () => draftModel().media,
    tokens: () => ({ limit: maxInputTokens(draftModel().id, false, models.find), model: draftModel(), calibration: calibration.get(draftModel().id) }),
    onUpdate: (attachment) => emit('attachment.updated', { attachment }),
  });
  // A draft's previews and the part it will send, by the chip's id (media-serve's draft/<id>/…).
  const draftFile = (id: string, what: 'thumb' | 'strip' | 'kept') => {
    if (what !== 'kept') return previews.file(id, what);
    const kept = attachments.preparedFile(id);
    return kept ? { path: storedPath(o.dataDir, kept.relPath), mime: mimeFor(kept.ext, { sendAs: kept.sendAs }) } : null;
  };
  const recordings = createRecordings(o.dataDir, attachments, log);
  const refit = () => attachments.refit();

  const titles = createTitleRequests({ store, meta, readSettings: settings, fetch, emit, log });
  // Live voice and typed turns take turns in a conversation: each refuses while the other is writing there.
  const live = createLive({
    store, liveStore, conversationSettings, models, targets, vault, readSettings: settings, emit, dataDir: o.dataDir, now, log,
    refuseIfStreaming: (id) => turns.refuseIfStreaming(id, 'start Live voice'), saveFile: o.saveFile, socket: o.realtimeSocket, options: o.live,
  });
  const turns = createTurns({
    store, conversationSettings, attachments, attachmentsModel: () => draftTarget.model(), vault, targets,
    readSettings: settings, partFor: createPartReader(media, budget), calibration, emit, fetch, now, log,
    findModel: models.find, refuseIfLive: (id) => live.refuseIfLive(id),
    unsaved, diskFull: () => diskFullInfo(o.dataDir, 'reply'),
    afterReply: (r) => {
      if (r.status === 'complete') markWelcomeDone(store);
      void titles.afterReply(r);
    },
  });
  const voiceSamples = createVoiceSamples({ dataDir: o.dataDir, vault, targets, readSettings: settings, fetch, log });
  const exportDeps = { store, dataDir: o.dataDir, chooseFolder: o.chooseFolder, saveFile: o.saveFile, now };

  // A full disk met by any request is answered with the sentence that says so (disk-full.ts).
  const handlers: Handlers = withDiskFullAnswers({
    ...createSettingsHandlers({ store, targets, budget, refit, version: o.version, shell: o.shell, findModel: models.find }),
    ...createRegionHandlers({
      vault, targets, repo: endpointRepo, fetch, readSettings: settings, refit,
      // Removing the chosen endpoint puts Settings back on Singapore.
      resetRegion: () => store.setSetting('settings', { ...settings(), region: 'intl' }),
      knowsModel: (id) => models.find(id) !== undefined || models.findRealtime(id) !== undefined,
      unknownModel,
      keyWorks: () => markWelcomeDone(store),
    }),
    ...createConversationHandlers({
      store, conversationSettings, meta, readSettings: settings, emit, dataDir: o.dataDir, log,
      stopReplies: (id) => {
        turns.stopIn(id);
        live.endIn(id);
      },
      refuseIfStreaming: (id) => {
        turns.refuseIfStreaming(id);
        live.refuseIfLive(id);
      },
      draftUsesFile: (relPath) => attachments.usesFile(relPath),
      findModel: models.find,
    }),
    ...turns.handlers,
    ...createAttachmentHandlers({ registry: attachments, recordings, target: draftTarget }),
    ...createReplyHandlers({ store, log }),
    ...createExportHandlers(exportDeps),
    ...createModelHandlers({ registry: models, refit }),
    ...live.handlers,
    ...createVoiceHandlers(voiceSamples),
  }, o.dataDir);

  return {
    handlers,
    attachPath: (path, opts) => attachments.add(path, opts),
    attachmentSettled: (id) => attachments.settled(id),
    replyWav: (messageId) => replyWavFile(store, messageId, o.dataDir),
    liveAudio: (sessionId, send, onEnded) => live.audio(sessionId, send, onEnded),
    liveSessionWav: (sessionId) => live.sessionWav(sessionId),
    conversationZip: (id) => conversationZipFile(exportDeps, id),
    recoveryZip: () => Promise.reject(new UserError('invalid_input', 'Your history is fine: there is nothing to recover.')),
    media: createMediaServer({ dataDir: o.dataDir, store, drafts: draftFile, voiceSampleFile: (id) => voiceSamples.fileOf(id) }),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      await live.close();
      await turns.close();
      await Promise.all([titles.close(), voiceSamples.close()]);
      unsaved.close();
      await attachments.close();
      listeners.clear();
      db.close();
    },
  };
}

/** API keys (encrypted by the shell's cipher where it has one) kept in the settings table, base64. */
function keyStorage(store: Store) {
  return {
    load: (region: string) => {
      const b64 = store.getSetting<string>(`apiKey.${region}`);
      return b64 ? Uint8Array.from(Buffer.from(b64, 'base64')) : undefined;
    },
    save: (region: string, data: Uint8Array | null) =>
      store.setSetting(`apiKey.${region}`, data ? Buffer.from(data).toString('base64') : null),
  };
}
