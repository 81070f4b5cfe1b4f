// The chat turns of one core — chat.send, chat.regenerate, chat.edit, chat.stop — and the state they
// share: the replies streaming now (by reply id) and the conversations whose turn is being prepared. One
// reply comes in per conversation at a time; deleting the conversation stops it, and closing the core
// interrupts every reply and waits until what arrived is stored.
import type { FindModel, ModelInfo } from '../../../shared/catalog';
import type { ParsedInput, RequestOutput } from '../../../shared/contract';
import type { ConversationSettings, ErrorInfo, Message, ReplyStatus, Settings } from '../../../shared/domain';
import { errorText } from '../../../shared/error-text';
import { applyTurnChange } from '../../../shared/rules';
import { regionHintFor, type RegionHint } from '../api/error-mapping';
import type { UserContentPart } from '../api/request';
import type { AttachmentRegistry, ReadyAttachment } from '../attachments/registry';
import type { EventListener, Handlers } from '../core-interface';
import { checkServed, type Target, type Targets } from '../endpoints';
import type { KeyVault } from '../keys';
import { fromGlobal, type ConversationSettingsStore } from '../store/conversation-settings';
import type { NewAttachment, Store } from '../store/history-store';
import { fallbackTitle } from '../store/title';
import type { UnsavedReplies } from '../store/unsaved-replies';
import { isDiskFull } from '../disk-full';
import { errorInfo, UserError } from '../user-error';
import { runTurn } from './turn';
import { buildTurnRequest, type PartReader } from './turn-request';
import { draftMedia, guardInput, guardTurn } from './turn-settings';
import type { CalibrationStore } from './calibration';

/** A new version of an earlier turn: another reply to the same question, or a new question in its place. */
type Branch = { kind: 'regenerate'; question: Message } | { kind: 'edit'; original: Message };

interface ActiveReply {
  conversationId: string;
  controller: AbortController;
  reason: 'stop' | 'shutdown' | null;
  done: Promise<ReplyStatus>;
}

/** What a turn was checked to go with (see sendTurn). */
interface Checked {
  settings: Settings;
  turn: ConversationSettings;
  model: ModelInfo;
  attached: ReadyAttachment[];
  target: Target;
  apiKey: string;
}

/** A reply that has ended, with what was used to ask for it (for what follows a turn: a title, the welcome). */
export interface FinishedReply {
  status: ReplyStatus;
  conversationId: string;
  question: Message;
  replyId: string;
  model: string;
  baseUrl: string;
  apiKey: string;
  region: RegionHint | null;
  stallTimeoutMs: number;
}

export interface TurnsDeps {
  store: Store;
  conversationSettings: ConversationSettingsStore;
  attachments: AttachmentRegistry;
  /** The model the draft's attachments were fitted for. */
  attachmentsModel: () => string;
  vault: KeyVault;
  targets: Targets;
  readSettings: () => Settings;
  partFor: PartReader;
  /** The input-token estimate's factors, learned from each reply's usage. */
  calibration: CalibrationStore;
  emit: EventListener;
  fetch: typeof globalThis.fetch;
  now: () => number;
  log: (line: string) => void;
  /** Finds a model: the catalog's, or one the user entered. */
  findModel: FindModel;
  /** Refuses (busy) while a live voice session is on in the conversation (its turns are being written). */
  refuseIfLive?: (conversationId: string) => void;
  /** Replies whose end waits for room on the disk: tried before a new turn is stored, and given new ones. */
  unsaved: Pick<UnsavedReplies, 'hold' | 'saveNow'>;
  /** The sentence for a reply stopped by a full disk. */
  diskFull: () => ErrorInfo;
  /** Told of every reply that ended, after it is stored (never for one that failed inside the app). */
  afterReply?: (r: FinishedReply) => void;
}

export interface Turns {
  handlers: Pick<Handlers, 'chat.send' | 'chat.regenerate' | 'chat.edit' | 'chat.stop'>;
  /** Refuses (busy) while a reply in the conversation is coming in or being started. */
  refuseIfStreaming(conversationId: string, then?: string): void;
  /** Stops the replies streaming in a conversation (kept as cancelled). */
  stopIn(conversationId: string): void;
  /** Whether this reply is streaming now (from the moment it is stored until its outcome). */
  isStreaming(messageId: string): boolean;
  /** Interrupts every reply (kept as interrupted) and waits until each is stored. */
  close(): Promise<void>;
}

export function createTurns(d: TurnsDeps): Turns {
  const { store } = d;
  const active = new Map<string, ActiveReply>();
  /** Conversations whose new turn is being prepared (between the busy check and its reply becoming active). */
  const starting = new Set<string>();

  function refuseIfStreaming(conversationId: string, then = 'try again'): void {
    const busy = starting.has(conversationId) || [...active.values()].some((a) => a.conversationId === conversationId);
    if (busy) throw new UserError('busy', `A reply is still coming in. Wait for it or press Stop, then ${then}.`);
  }

  function stop(messageId: string, reason: 'stop' | 'shutdown'): boolean {
    const a = active.get(messageId);
    if (!a) return false;
    a.reason = reason;
    a.controller.abort();
    return true;
  }

  /** Checks everything a turn needs before anything is stored or sent, then starts it. */
  async function sendTurn(input: ParsedInput<'chat.send'>, branch: Branch | null): Promise<RequestOutput<'chat.send'>> {
    const settings = d.readSettings();
    // The conversation's own settings (a new one starts from the global ones), then per-turn overrides;
    // every rule of shared/rules.ts is checked before anything is stored or sent.
    const saved = input.conversationId ? d.conversationSettings.get(input.conversationId) : null;
    const turn = applyTurnChange(saved ?? fromGlobal(settings), input.options, d.findModel);
    const model = d.findModel(turn.model);
    if (!model) throw new UserError('invalid_input', `${turn.model} is not a model this app knows. Pick a model in the conversation settings.`);
    const attached = d.attachments.forSend(input.attachmentIds);
    // A new version of a question goes with that question's stored files: they obey the rules too (the
    // conversation's model or mode may have changed since they were fitted).
    const branchQuestion = branch?.kind === 'regenerate' ? branch.question : branch?.kind === 'edit' ? branch.original : null;
    const questionMedia = branchQuestion ? storedAttachments(branchQuestion) : attached;
    guardTurn(turn, draftMedia(questionMedia), d.findModel);
    guardInput(turn, input.text, questionMedia, d.calibration.get(model.id), d.findModel);
    const fittedFor = d.attachmentsModel();
    if (attached.length > 0 && model.id !== fittedFor) {
      // Attachments are fitted to the chosen model's limits; another model may refuse them.
      throw new UserError('invalid_input', `These attachments were prepared for ${d.findModel(fittedFor)?.label ?? fittedFor}. Choose ${model.label} in the conversation settings first (they are prepared again), then send.`);
    }
    const target = d.targets.get(settings.region);
    checkServed(target, model.id, model.label);
    // A custom endpoint may need no key (a self-hosted server); DashScope always does.
    const apiKey = (await d.vault.get(settings.region)) ?? (target.kind === 'custom' ? '' : null);
    if (apiKey === null) {
      throw new UserError('no_key', `No API key for ${target.label} yet. Open Settings and enter your DashScope API key for that region (or set DASHSCOPE_API_KEY), then send again.`);
    }
    if (input.conversationId) {
      if (!store.getConversationSummary(input.conversationId)) {
        throw new UserError('not_found', 'That conversation no longer exists. Start a new one to send this message.');
      }
      refuseIfStreaming(input.conversationId, 'send again');
      d.refuseIfLive?.(input.conversationId);
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

  /** Stores the question and an empty reply, builds the request and streams the reply into it. */
  async function startTurn(input: ParsedInput<'chat.send'>, branch: Branch | null, c: Checked): Promise<RequestOutput<'chat.send'>> {
    const { turn, model, attached, target } = c;
    // Read before anything is stored, so a file that cannot go leaves no half-sent message behind.
    const parts: UserContentPart[] = [];
    for (const a of attached) parts.push(await d.partFor(a.record));
    const named = input.conversationId ? null : fallbackTitle(input.text, attached);
    // A reply held for lack of room is written first, so it comes before this question in the file.
    d.unsaved.saveNow();
    // One transaction: the conversation (when new) and its settings, the question and its reply's place.
    // A full disk leaves none of them: no question is ever stored without the reply that answers it.
    const { conversationId, question, reply } = store.db.transaction(() => {
      const conversationId = input.conversationId
        ?? store.createConversation({ title: named!.title, titleMedia: named!.media, model: model.id, voice: turn.voice }).id;
      if (!input.conversationId) d.conversationSettings.put(conversationId, turn);
      const question = branch?.kind === 'regenerate' ? branch.question : store.addMessage({
        conversationId, role: 'user', text: input.text, status: 'complete', model: model.id,
        attachments: branch?.kind === 'edit' ? keptAttachments(branch.original) : attached.map((a) => ({
          id: a.id, kind: a.kind, name: a.name, summary: a.summary, prepared: a.record,
        })),
        // An edit is a new version of the question: it follows what the original followed.
        ...(branch?.kind === 'edit' ? { parentId: branch.original.parentId ?? null } : {}),
      });
      const reply = store.addMessage({
        conversationId, role: 'assistant', text: '', status: 'streaming', model: model.id,
        voice: turn.speakReplies ? turn.voice : null, parentId: question.id,
      });
      return { conversationId, question, reply };
    })();

    // Active from the moment it is stored: no view shows it as anything but streaming, and Stop reaches it.
    const controller = new AbortController();
    const entry: ActiveReply = { conversationId, controller, reason: null, done: Promise.resolve('streaming') };
    const consumed = d.attachments.consume(attached.map((a) => a.id)).catch((err: unknown) => {
      d.log(`could not let go of the sent attachments: ${errorText(err)}`);
    });
    const region = regionHintFor(target.region, target.kind === 'custom' ? target.baseUrl : null);
    entry.done = consumed
      // Start after this request has answered, so the renderer knows the message before its first event.
      .then(() => new Promise<void>((r) => setImmediate(r)))
      .then(async () => {
        // A new version's question carries its files from the store like any earlier turn.
        const { body, turnsLeftOut, estimated } = await buildTurnRequest(d, {
          conversationId, replyId: reply.id, question, questionParts: branch ? null : parts, modelId: model.id, model, turn,
          calibration: d.calibration.get(model.id),
        });
        return runTurn({
          store, emit: d.emit, fetch: d.fetch, now: d.now, conversationId, messageId: reply.id,
          baseUrl: target.baseUrl, apiKey: c.apiKey, body, stallTimeoutMs: c.settings.stallTimeoutMs, signal: controller.signal,
          region, turnsLeftOut,
          onUsage: (usage) => d.calibration.observe(model.id, estimated, usage.promptDetails),
          abortStatus: () => (entry.reason === 'shutdown' ? 'interrupted' : 'cancelled'),
          diskFull: d.diskFull, hold: d.unsaved.hold, log: d.log,
        });
      })
      .then((status) => {
        try {
          d.afterReply?.({
            status, conversationId, question, replyId: reply.id, model: model.id, baseUrl: target.baseUrl, apiKey: c.apiKey,
            region, stallTimeoutMs: c.settings.stallTimeoutMs,
          });
        } catch (err) {
          d.log(`after reply ${reply.id}: ${errorText(err)}`);
        }
        return status;
      })
      .catch((err: unknown) => failedInside(conversationId, reply.id, err))
      .finally(() => {
        active.delete(reply.id);
        d.emit('conversations.changed', { conversationId });
      });
    active.set(reply.id, entry);
    await consumed;
    d.emit('conversations.changed', { conversationId });
    return { conversationId, userMessage: question, assistantMessage: reply };
  }

  /**
   * A reply that could not be run to its end by the app itself: it ends as failed, with a sentence, and the
   * window is told, so nothing is left showing as streaming with a Stop button that reaches nothing.
   */
  function failedInside(conversationId: string, messageId: string, err: unknown): ReplyStatus {
    d.log(`reply ${messageId} failed inside the app: ${errorText(err)}`);
    const error = isDiskFull(err)
      ? d.diskFull()
      : errorInfo('internal', `Omni Desk could not finish this reply (${errorText(err)}). Try again; if it keeps happening, restart the app.`);
    try {
      store.finishReply(messageId, { status: 'failed', usage: null, error });
    } catch {
      // Finished or deleted already, or the disk is full: the views show it as not streaming either way.
    }
    d.emit('chat.event', { kind: 'outcome', conversationId, messageId, status: 'failed', error });
    return 'failed';
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

  const handlers: Turns['handlers'] = {
    'chat.send': (input) => sendTurn(input, null),

    'chat.regenerate': async ({ messageId }) => {
      const reply = branchTarget(messageId, 'assistant');
      const question = reply.parentId ? store.getMessage(reply.parentId) : null;
      if (!question || question.role !== 'user') {
        throw new UserError('invalid_input', 'This reply answers no question, so it cannot be made again. Send a new message instead.');
      }
      return sendTurn({ conversationId: reply.conversationId, text: question.text, attachmentIds: [], options: {} }, { kind: 'regenerate', question });
    },

    'chat.edit': async ({ messageId, text }) => {
      const original = branchTarget(messageId, 'user');
      if (text.trim().length === 0 && original.attachments.length === 0) {
        throw new UserError('invalid_input', 'Type the new question before sending it.');
      }
      return sendTurn({ conversationId: original.conversationId, text, attachmentIds: [], options: {} }, { kind: 'edit', original });
    },

    'chat.stop': ({ messageId }) => ({ stopped: stop(messageId, 'stop') }),
  };

  return {
    handlers,
    refuseIfStreaming,
    stopIn(conversationId) {
      for (const [messageId, a] of active) if (a.conversationId === conversationId) stop(messageId, 'stop');
    },
    isStreaming: (messageId) => active.has(messageId),
    async close() {
      const pending = [...active.entries()].map(([id, a]) => {
        stop(id, 'shutdown');
        return a.done;
      });
      await Promise.allSettled(pending);
    },
  };
}
