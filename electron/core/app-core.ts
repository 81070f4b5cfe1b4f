// The core, assembled: the store, the key vault, settings and chat turns behind the contract's handlers.
// Both shells create it with their own dependencies (data directory, fetch, key cipher) and bind its
// handlers and events to their transport.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { findModel, voiceForModel, DASHSCOPE_DATA_URI_BUDGET } from '../../shared/catalog';
import type { EventListener, Core, Handlers } from './core-interface';
import { DEFAULT_SETTINGS, Settings, type Message, type ReplyStatus } from '../../shared/domain';
import type { ParsedInput, RequestOutput } from '../../shared/contract';
import { UserError } from './user-error';
import { createKeyVault, type SecretCipher } from './keys';
import { createStore, titleFromQuestion, type NewAttachment } from './store/history-store';
import { buildChatBody } from './api/request';
import { fitHistory, historyToApiMessages, storedMeasure } from './chat/history';
import { estimateTextTokens, maxInputTokens } from '../../shared/estimate';
import { regionHintFor } from './api/error-mapping';
import { runTurn } from './chat/turn';
import type { UserContentPart } from './api/request';
import { createMediaService, type MediaService, type PreparedMedia } from './media';
import { createAttachmentRegistry, type ReadyAttachment } from './attachments/registry';
import { createRecordings } from './attachments/recording';
import { removeUnusedFiles, storedFilesOf } from './media/forget';
import { isLinkedMedia, linkPart, type LinkedMedia } from './attachments/links';
import { replyWavFile } from './export/reply-wav';
import { createConversationSettingsStore } from './store/conversation-settings';
import { applyChange, draftMedia, fromGlobal, guardTurn, withSystemPrompt } from './chat/turn-settings';
import { createRegionHandlers } from './endpoints/region-handlers';
import { checkServed, createEndpointRepo, createTargets, DEFAULT_BASE_URLS, isDashScopeRegion, type BaseUrls } from './endpoints';
import { conversationZipFile, createExportHandlers } from './export/export-handlers';
import { createRecoveryCore, openHistory } from './recovery';
import { createMediaServer, replyWaveform } from './media-serve';
import { errorText } from '../../shared/error-text';

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
  /**
   * Electron's save dialog and write: resolves with where the file went, or null when the user cancelled.
   * Without it (the browser shell) reply.exportWav is refused; that shell's bridge downloads instead.
   */
  saveFile?: (suggestedName: string, bytes: Uint8Array) => Promise<string | null>;
  /** Electron's folder dialog (export conversation, recovery export): the folder, or null when cancelled. */
  chooseFolder?: (title: string) => Promise<string | null>;
}

export const DATABASE_FILE = 'omni-desk.sqlite';

/** A new version of an earlier turn (see sendTurn). */
type Branch = { kind: 'regenerate'; question: Message } | { kind: 'edit'; original: Message };

interface ActiveReply {
  conversationId: string;
  controller: AbortController;
  reason: 'stop' | 'shutdown' | null;
  done: Promise<ReplyStatus>;
}

export async function createCore(o: CoreOptions): Promise<Core> {
  const now = o.now ?? Date.now;
  const log = o.log ?? (() => {});
  const fetchImpl = o.fetch ?? globalThis.fetch.bind(globalThis);
  mkdirSync(o.dataDir, { recursive: true });
  const opened = openHistory(join(o.dataDir, DATABASE_FILE), { now });
  // A damaged history is never written to: the app starts without it and offers a way out (core/recovery).
  if (!opened.ok) {
    return createRecoveryCore({ ...o, problem: opened.problem, restart: () => createCore(o) });
  }
  const db = opened.db;
  const store = createStore(db, { now });
  const conversationSettings = createConversationSettingsStore(db);
  /** The model the draft's attachments are fitted for: the open conversation's (the renderer says which). */
  let draftModel: string | null = null;
  const attachmentsModel = () => draftModel ?? readSettings().model;
  const exportDeps = { store, dataDir: o.dataDir, chooseFolder: o.chooseFolder, now };
  const interrupted = store.markInterrupted();
  if (interrupted > 0) log(`marked ${interrupted} reply(s) interrupted by the last shutdown`);

  const vault = createKeyVault({
    envKey: o.envKey ?? null,
    envApplies: isDashScopeRegion,
    cipher: o.cipher ?? null,
    storage: {
      load: (region) => {
        const b64 = store.getSetting<string>(`apiKey.${region}`);
        return b64 ? Uint8Array.from(Buffer.from(b64, 'base64')) : undefined;
      },
      save: (region, data) => store.setSetting(`apiKey.${region}`, data ? Buffer.from(data).toString('base64') : null),
    },
  });

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

  const active = new Map<string, ActiveReply>();

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
  // The per-item data-URI budget belongs to the chosen endpoint (DashScope's, or a custom one's).
  const budget = (): number => targets.find(readSettings().region)?.dataUriBudget ?? DASHSCOPE_DATA_URI_BUDGET;
  const attachments = createAttachmentRegistry({
    media, budget, log,
    limits: () => (findModel(attachmentsModel()) ?? findModel(DEFAULT_SETTINGS.model)!).media,
    onUpdate: (attachment) => emit('attachment.updated', { attachment }),
  });
  const recordings = createRecordings(o.dataDir, attachments, log);

  const partFor = async (record: PreparedMedia | LinkedMedia): Promise<UserContentPart> =>
    isLinkedMedia(record) ? linkPart(record) : media.part(record, budget());

  /** Earlier user turns' media, re-read from the store; a file that went missing is left out (and logged). */
  async function historyMedia(messages: readonly { id: string; role: string; attachments: readonly unknown[] }[]) {
    const out = new Map<string, UserContentPart[]>();
    for (const m of messages) {
      if (m.role !== 'user' || m.attachments.length === 0) continue;
      const parts: UserContentPart[] = [];
      for (const p of store.preparedMedia(m.id)) {
        try {
          parts.push(await partFor(p as PreparedMedia | LinkedMedia));
        } catch (err) {
          log(`left out an earlier attachment of ${m.id}: ${errorText(err)}`);
        }
      }
      out.set(m.id, parts);
    }
    return out;
  }

  const readSettings = (): Settings => {
    const parsed = Settings.safeParse({ ...DEFAULT_SETTINGS, ...(store.getSetting<object>('settings') ?? {}) });
    return parsed.success ? parsed.data : DEFAULT_SETTINGS;
  };
  /** Where requests go now: the chosen region's address (a custom endpoint that was removed: Singapore's). */
  const endpoint = (s: Settings) => (targets.find(s.region) ?? targets.get('intl')).baseUrl;

  /**
   * Sends a question and streams the reply. `branch`: a new version of an earlier turn instead of a new
   * turn at the end (regenerate: another reply to the same question; edit: a new question in its place).
   */
  async function sendTurn(input: ParsedInput<'chat.send'>, branch: Branch | null): Promise<RequestOutput<'chat.send'>> {
    const settings = readSettings();
    // The conversation's own settings (a new one starts from the global ones), then per-turn overrides;
    // every rule of shared/rules.ts is checked before anything is stored or sent.
    const saved = input.conversationId ? conversationSettings.get(input.conversationId) : null;
    const turn = applyChange(saved ?? fromGlobal(settings), input.options);
    const model = findModel(turn.model);
    if (!model) throw new UserError('invalid_input', `${turn.model} is not a model this app knows. Pick a model in the conversation settings.`);
    const attached = attachments.forSend(input.attachmentIds);
    // A new version of a question goes with that question's stored files: they obey the rules too (the
    // conversation's model or mode may have changed since they were fitted).
    const branchQuestion = branch?.kind === 'regenerate' ? branch.question : branch?.kind === 'edit' ? branch.original : null;
    guardTurn(turn, draftMedia(branchQuestion ? storedAttachments(branchQuestion) : attached));
    if (attached.length > 0 && model.id !== attachmentsModel()) {
      // Attachments are fitted to the chosen model's limits; another model may refuse them.
      throw new UserError('invalid_input', `These attachments were prepared for ${findModel(attachmentsModel())?.label ?? attachmentsModel()}. Choose ${model.label} in the conversation settings first (they are prepared again), then send.`);
    }
    const target = targets.get(settings.region);
    checkServed(target, model.id, model.label);
    // A custom endpoint may need no key (a self-hosted server); DashScope always does.
    const apiKey = (await vault.get(settings.region)) ?? (target.kind === 'custom' ? '' : null);
    if (apiKey === null) {
      throw new UserError('no_key', `No API key for ${target.label} yet. Open Settings and enter your DashScope API key for that region (or set DASHSCOPE_API_KEY), then send again.`);
    }
    if (input.conversationId) {
      if (!store.getConversationSummary(input.conversationId)) {
        throw new UserError('not_found', 'That conversation no longer exists. Start a new one to send this message.');
      }
      refuseIfStreaming(input.conversationId, 'send again');
      // Claimed until its reply is active: the awaits below would let a second send (or a version switch)
      // in the same conversation pass the check above, and two replies would stream into one path.
      starting.add(input.conversationId);
    }
    try {
      return await startTurn(input, branch, { settings, turn, model, attached, target, apiKey });
    } finally {
      if (input.conversationId) starting.delete(input.conversationId);
    }
  }

  async function startTurn(
    input: ParsedInput<'chat.send'>,
    branch: Branch | null,
    c: {
      settings: Settings; turn: ReturnType<typeof applyChange>; model: NonNullable<ReturnType<typeof findModel>>;
      attached: ReturnType<typeof attachments.forSend>; target: ReturnType<typeof targets.get>; apiKey: string;
    },
  ): Promise<RequestOutput<'chat.send'>> {
    const { settings, turn, model, attached, target, apiKey } = c;
    const { voice, speakReplies, thinking } = turn;
    // Read before anything is stored, so a file that cannot go leaves no half-sent message behind.
    const parts: UserContentPart[] = [];
    for (const a of attached) parts.push(await partFor(a.record));
    const title = input.text.trim() || attached.map((a) => a.name).join(', ');
    const conversationId =
      input.conversationId ?? store.createConversation({ title: titleFromQuestion(title), model: model.id, voice }).id;
    if (!input.conversationId) conversationSettings.put(conversationId, turn);
    const userMessage = branch?.kind === 'regenerate' ? branch.question : store.addMessage({
      conversationId, role: 'user', text: input.text, status: 'complete', model: model.id,
      attachments: branch?.kind === 'edit' ? keptAttachments(branch.original) : attached.map((a) => ({
        id: a.id, kind: a.kind, name: a.name, summary: a.summary, prepared: a.record,
      })),
      // An edit is a new version of the question: it follows what the original followed.
      ...(branch?.kind === 'edit' ? { parentId: branch.original.parentId ?? null } : {}),
    });
    await attachments.consume(attached.map((a) => a.id));
    const assistantMessage = store.addMessage({
      conversationId, role: 'assistant', text: '', status: 'streaming', model: model.id, voice: speakReplies ? voice : null,
      parentId: userMessage.id,
    });
    // Over the model's input limit, the oldest turns are left out (and the reply says how many).
    const { messages: history, leftOutTurns } = fitHistory(store.history(conversationId).filter((m) => m.id !== assistantMessage.id), {
      modelId: model.id, maxInput: maxInputTokens(model.id, thinking), measure: storedMeasure(store),
      // The system prompt goes with every request, so its share is kept free.
      reserve: turn.systemPrompt.trim() ? estimateTextTokens(turn.systemPrompt) : 0,
    });
    // A new version's question carries its files from the store like any earlier turn.
    const mediaParts = await historyMedia(branch ? history : history.filter((m) => m.id !== userMessage.id));
    if (!branch) mediaParts.set(userMessage.id, parts);
    const body = buildChatBody(withSystemPrompt(historyToApiMessages(history, mediaParts), turn.systemPrompt), { model: model.id, voice, speakReplies, thinking });

    const controller = new AbortController();
    const reply: ActiveReply = { conversationId, controller, reason: null, done: Promise.resolve('streaming') };
    active.set(assistantMessage.id, reply);
    // Start after this request has answered, so the renderer knows the message before its first event.
    reply.done = new Promise<void>((r) => setImmediate(r))
      .then(() =>
        runTurn({
          store, emit, fetch: fetchImpl, now, conversationId, messageId: assistantMessage.id,
          baseUrl: target.baseUrl, apiKey, body, stallTimeoutMs: settings.stallTimeoutMs,
          signal: controller.signal, region: regionHintFor(target.region, target.kind === 'custom' ? target.baseUrl : null), turnsLeftOut: leftOutTurns,
          abortStatus: () => (reply.reason === 'shutdown' ? 'interrupted' : 'cancelled'),
        }),
      )
      .catch((err: unknown) => {
        log(`reply ${assistantMessage.id} failed inside the app: ${errorText(err)}`);
        return 'failed' as const;
      })
      .finally(() => {
        active.delete(assistantMessage.id);
        emit('conversations.changed', { conversationId });
      });
    emit('conversations.changed', { conversationId });
    return { conversationId, userMessage, assistantMessage };
  }

  /** The files of a stored question, with their prepared media, to go with an edited version of it. */
  function keptAttachments(m: Message): NewAttachment[] {
    const prepared = store.preparedMedia(m.id);
    return m.attachments.map((a, i) => ({ id: a.id, kind: a.kind, name: a.name, summary: a.summary, prepared: prepared[i] }));
  }

  /** A stored question's files as the rules see a draft's (records that do not parse are left out). */
  function storedAttachments(m: Message): ReadyAttachment[] {
    return keptAttachments(m).flatMap(({ prepared: record, ...a }) =>
      record && typeof record === 'object' && 'sendAs' in record ? [{ ...a, record: record as ReadyAttachment['record'] }] : []);
  }

  /** The stored message a branch request names, of the role it must have. */
  function branchTarget(messageId: string, role: 'user' | 'assistant'): Message {
    const m = store.getMessage(messageId);
    if (!m || m.role !== role) {
      throw new UserError('not_found', role === 'user'
        ? 'That question no longer exists. Its conversation may have been deleted.'
        : 'That reply no longer exists. Its conversation may have been deleted.');
    }
    return m;
  }

  /** Conversations whose new turn is being prepared (between the busy check and its reply becoming active). */
  const starting = new Set<string>();

  function refuseIfStreaming(conversationId: string, then = 'try again'): void {
    const busy = starting.has(conversationId) || [...active.values()].some((a) => a.conversationId === conversationId);
    if (busy) throw new UserError('busy', `A reply is still coming in. Wait for it or press Stop, then ${then}.`);
  }

  const handlers: Handlers = {
    'app.info': () => ({ name: 'Omni Desk', version: o.version, shell: o.shell, endpoint: endpoint(readSettings()) }),

    'settings.get': () => readSettings(),

    'settings.update': (patch) => {
      const prev = readSettings();
      const next: Settings = { ...prev, ...patch };
      const model = findModel(next.model);
      if (!model) throw new UserError('invalid_input', `Unknown model ${next.model}.`);
      // A voice the new model lacks is replaced, so that no request carries a voice the API refuses.
      next.voice = voiceForModel(model.id, next.voice);
      if (!model.thinking) next.thinking = false;
      const modelChanged = next.model !== prev.model;
      // A removed custom endpoint cannot be chosen; its data-URI budget fits attachments like a model's limits.
      const budgetChanged = next.region !== prev.region && targets.get(next.region).dataUriBudget !== budget();
      store.setSetting('settings', next);
      // Limits belong to the model: what was fitted for one may be refused by another.
      if (modelChanged || budgetChanged) attachments.refit();
      return next;
    },

    ...createRegionHandlers({
      vault, targets, repo: endpointRepo, fetch: fetchImpl, readSettings,
      // Removing the chosen endpoint puts Settings back on Singapore.
      resetRegion: () => store.setSetting('settings', { ...readSettings(), region: 'intl' }),
      refit: () => attachments.refit(),
    }),

    'conversations.list': ({ limit }) => store.listConversations(limit),
    'conversations.page': ({ offset, limit }) => store.listConversationPage(offset, limit),
    'conversations.rename': ({ id, title }) => {
      const renamed = store.renameConversation(id, title);
      if (!renamed) throw new UserError('not_found', 'That conversation no longer exists. It may have been deleted; pick another one from the list.');
      emit('conversations.changed', { conversationId: id });
      return renamed;
    },

    'search.query': ({ query, limit }) => store.search(query, limit),

    'conversations.get': ({ id }) => {
      const found = store.getConversation(id);
      if (!found) throw new UserError('not_found', 'That conversation no longer exists. It may have been deleted.');
      return { ...found, settings: conversationSettings.get(id) ?? fromGlobal(readSettings()) };
    },

    'conversations.updateSettings': ({ id, settings: change }) => {
      const saved = conversationSettings.get(id);
      if (!saved) throw new UserError('not_found', 'That conversation no longer exists. It may have been deleted.');
      const next = applyChange(saved, change);
      conversationSettings.put(id, next);
      // The list shows each conversation's model.
      if (next.model !== saved.model) emit('conversations.changed', { conversationId: id });
      return next;
    },

    'conversations.delete': async ({ id }) => {
      for (const [messageId, a] of active) {
        if (a.conversationId === id) stop(messageId, 'stop');
      }
      const files = storedFilesOf(store.db, id);
      if (!store.deleteConversation(id)) throw new UserError('not_found', 'That conversation no longer exists.');
      emit('conversations.changed', { conversationId: id });
      // Its pictures and recordings go too, unless another conversation or the draft shares the same file.
      await removeUnusedFiles(store.db, o.dataDir, files, (relPath) => attachments.usesFile(relPath), log);
      return { ok: true as const };
    },

    'chat.send': (input) => sendTurn(input, null),

    // branch
    'chat.regenerate': async ({ messageId }) => {
      const reply = branchTarget(messageId, 'assistant');
      const question = reply.parentId ? store.getMessage(reply.parentId) : null;
      if (!question || question.role !== 'user') {
        throw new UserError('invalid_input', 'This reply answers no question, so it cannot be made again. Send a new message instead.');
      }
      return sendTurn(
        { conversationId: reply.conversationId, text: question.text, attachmentIds: [], options: {} },
        { kind: 'regenerate', question },
      );
    },

    'chat.edit': async ({ messageId, text }) => {
      const original = branchTarget(messageId, 'user');
      if (text.trim().length === 0 && original.attachments.length === 0) {
        throw new UserError('invalid_input', 'Type the new question before sending it.');
      }
      return sendTurn(
        { conversationId: original.conversationId, text, attachmentIds: [], options: {} },
        { kind: 'edit', original },
      );
    },

    'messages.switchVersion': ({ messageId }) => {
      const m = store.getMessage(messageId);
      if (!m) throw new UserError('not_found', 'That message no longer exists. Its conversation may have been deleted.');
      refuseIfStreaming(m.conversationId);
      const detail = store.getConversation(store.switchVersion(messageId));
      if (!detail) throw new UserError('not_found', 'That conversation no longer exists. It may have been deleted.');
      return detail;
    },

    'attachments.list': () => attachments.list(),

    'attachments.target': ({ model }) => {
      const before = attachmentsModel();
      draftModel = model;
      if (model !== before) attachments.refit();
      return { ok: true as const };
    },

    'attachments.addUrl': ({ url }) => attachments.addUrl(url),

    'attachments.addRecording': (input) => recordings.add(input),

    'attachments.remove': async ({ id }) => {
      await attachments.remove(id);
      return { ok: true as const };
    },

    'attachments.setOptions': ({ id, ...opts }) => attachments.setOptions(id, opts),

    'chat.stop': ({ messageId }) => ({ stopped: stop(messageId, 'stop') }),

    'reply.audio': ({ messageId }) => ({ sampleRate: 24_000 as const, pcm: store.readReplyAudio(messageId) }),

    ...createExportHandlers(exportDeps),

    'reply.exportWav': async ({ messageId }) => {
      const { fileName, wav } = replyWavFile(store, messageId);
      if (!o.saveFile) throw new UserError('invalid_input', 'Export WAV saves through the page here: use the Export WAV button on the reply.');
      return { saved: (await o.saveFile(fileName, wav)) !== null };
    },

    'reply.waveform': ({ messageId, buckets }) => replyWaveform(store, messageId, buckets),

    'playback.report': (r) => {
      lastReports.push(r);
      if (lastReports.length > 50) lastReports.shift();
      if (r.underruns > 0) log(`playback of ${r.messageId}: ${r.underruns} underrun(s)`);
      return { ok: true as const };
    },
  };

  const lastReports: Array<Parameters<Handlers['playback.report']>[0]> = [];

  function stop(messageId: string, reason: 'stop' | 'shutdown'): boolean {
    const a = active.get(messageId);
    if (!a) return false;
    a.reason = reason;
    a.controller.abort();
    return true;
  }

  return {
    handlers,
    attachPath: (path, opts) => attachments.add(path, opts),
    attachmentSettled: (id) => attachments.settled(id),
    replyWav: (messageId) => replyWavFile(store, messageId),
    conversationZip: (id) => conversationZipFile(exportDeps, id),
    recoveryZip: () => Promise.reject(new UserError('invalid_input', 'Your history is fine: there is nothing to recover.')),
    media: createMediaServer({ dataDir: o.dataDir, store }),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      const pending = [...active.entries()].map(([id, a]) => {
        stop(id, 'shutdown');
        return a.done;
      });
      await Promise.allSettled(pending);
      await attachments.close();
      listeners.clear();
      db.close();
    },
  };
}
