// Conversations, messages, reply audio and settings over one open database.
import type { Database } from 'better-sqlite3';
import {
  FINAL_STATUSES, ReplyStatus as ReplyStatusSchema, Role as RoleSchema,
  type ConversationDetail, type ConversationSummary, type ErrorInfo, type Message, type ReplyStatus, type Role,
  type TitleMedia, type Usage,
} from '../../../shared/domain';
import { concatPcm } from '../audio/pcm';
import { UserError } from '../user-error';
import { newId as defaultNewId } from './ids';
import { createSearch } from './search';
import { activePath, buildTree, newestLeafUnder, versionsOf } from './branches';
import type { SearchHit } from '../../../shared/search';
import {
  ATTACHMENT_DURATION, ATTACHMENT_NOTES, ATTACHMENT_SHOWN, CONVERSATION_COLUMNS, MESSAGE_COLUMNS, toAttachment, toMessage, toSummary, type AttachmentRow, type ConversationRow,
  type MessageRow,
} from './rows';

// The conversation title rule lives in title.ts; re-exported because callers naming a conversation use both.
export { titleFromQuestion } from './title';

export interface ConversationPage {
  total: number;
  pinned: number;
  items: ConversationSummary[];
  /** Aligned with the bounds asked for. */
  activeSince: number[];
}

export interface StoreOptions {
  now?: () => number;
  newId?: () => string;
}

export interface ReplyOutcome {
  status: ReplyStatus;
  usage: Usage | null;
  error: ErrorInfo | null;
}

/** What a reply writer appends in one flush. */
export interface ReplyAppend {
  text?: string;
  reasoning?: string;
  /** PCM16 LE pieces, stored as one chunk in this order. */
  audio?: readonly Uint8Array[];
}

export interface NewMessage {
  conversationId: string;
  role: Role;
  text: string;
  status: ReplyStatus;
  model?: string | null;
  voice?: string | null;
  /** Files sent with a user message, in order; `prepared` is the media pipeline's JSON-safe record. */
  attachments?: readonly NewAttachment[];
  /**
   * The message it follows (null: a first message). Absent: after the end of the shown path. A message
   * with an existing sibling is a new version of that turn; either way it becomes the end of the path.
   */
  parentId?: string | null;
}

export interface NewAttachment {
  id: string;
  kind: 'image' | 'audio' | 'video';
  name: string;
  summary: string;
  prepared: unknown;
}

export interface Store {
  readonly db: Database;
  /** A new conversation, its title a fallback one (see title.ts) with its media-only file when it has one. */
  createConversation(input: { title: string; model: string; voice: string; titleMedia?: TitleMedia | null }): ConversationSummary;
  /** Pinned first, then newest activity. */
  listConversations(limit: number): ConversationSummary[];
  /**
   * One page of that list, how many conversations there are and how many are pinned, and for each of
   * `bounds` (ms) how many unpinned ones were last active at or after it — all read together.
   */
  listConversationPage(offset: number, limit: number, bounds?: readonly number[]): ConversationPage;
  /** Gives a conversation the title the user typed (its place in the list stays); null when there is none. */
  renameConversation(id: string, title: string): ConversationSummary | null;
  /** `last`: only the shown path's last messages, with `earlier` saying how many come before them. */
  getConversation(id: string, last?: number): ConversationDetail | null;
  /** The conversation's row alone (title, model, counts), without reading its messages. */
  getConversationSummary(id: string): ConversationSummary | null;
  /** Removes the conversation with its messages and audio; false when there was none. */
  deleteConversation(id: string): boolean;
  /** Appends a message at the end of the conversation (or as a new version, see parentId) and bumps its updated_at. */
  addMessage(input: NewMessage): Message;
  /**
   * Shows this message's version of its turn: the path becomes the one through it, continuing to the newest
   * message below it. Returns its conversation's id. Throws UserError('not_found') for an unknown message.
   */
  switchVersion(messageId: string): string;
  getMessage(id: string): Message | null;
  /** The prepared-media records stored with a message's attachments, in order (parsed JSON, unchecked). */
  preparedMedia(messageId: string): unknown[];
  /** The conversation's shown path in order. Throws UserError('not_found') for an unknown conversation. */
  history(conversationId: string): Message[];
  /**
   * Appends to a reply that is still streaming, in one transaction. Returns false (and writes nothing)
   * when the message is gone or already finished.
   */
  appendReply(messageId: string, part: ReplyAppend): boolean;
  /**
   * Gives a streaming reply its final status, usage and error (after appending `tail`, in the same
   * transaction). Throws UserError('not_found') when the message is gone, and an Error when it is not
   * streaming any more or the status is not a final one.
   */
  finishReply(messageId: string, outcome: ReplyOutcome, tail?: ReplyAppend): Message;
  /** The reply's audio, PCM16 LE mono 24 kHz, all chunks in order (empty when it has none). */
  readReplyAudio(messageId: string): Uint8Array<ArrayBuffer>;
  /** For the start of the app: every reply left 'streaming' becomes 'interrupted'. Returns how many. */
  markInterrupted(): number;
  getSetting<T>(key: string): T | undefined;
  /**
   * Messages whose text or reasoning holds every whitespace-separated term of `query` (case-insensitive;
   * any language), newest first, with a snippet whose matches are marked. Empty query: no hits.
   */
  search(query: string, limit: number): SearchHit[];
  /** Stores any JSON value; `undefined` removes the key. */
  setSetting(key: string, value: unknown): void;
}

export function createStore(db: Database, opts: StoreOptions = {}): Store {
  const clock = opts.now ?? Date.now;
  const now = () => Math.round(clock());
  const newId = opts.newId ?? defaultNewId;

  const q = {
    insertConversation: db.prepare(
      'INSERT INTO conversations (id, title, model, voice, created_at, updated_at, title_media_json) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    conversation: db.prepare<[string], ConversationRow>(`SELECT ${CONVERSATION_COLUMNS} FROM conversations c WHERE c.id = ?`),
    conversations: db.prepare<[number], ConversationRow>(
      `SELECT ${CONVERSATION_COLUMNS} FROM conversations c ${LIST_ORDER} LIMIT ?`,
    ),
    conversationPage: db.prepare<[number, number], ConversationRow>(
      `SELECT ${CONVERSATION_COLUMNS} FROM conversations c ${LIST_ORDER} LIMIT ? OFFSET ?`,
    ),
    conversationCount: db.prepare<[], number>('SELECT count(*) FROM conversations').pluck(),
    pinnedCount: db.prepare<[], number>('SELECT count(*) FROM conversations WHERE pinned = 1').pluck(),
    activeSince: db.prepare<[number], number>('SELECT count(*) FROM conversations WHERE pinned = 0 AND updated_at >= ?').pluck(),
    renameConversation: db.prepare("UPDATE conversations SET title = ?, title_source = 'user' WHERE id = ?"),
    conversationExists: db.prepare<[string], number>('SELECT 1 FROM conversations WHERE id = ?').pluck(),
    touchConversation: db.prepare('UPDATE conversations SET updated_at = max(updated_at, ?) WHERE id = ?'),
    deleteConversation: db.prepare('DELETE FROM conversations WHERE id = ?'),
    insertMessage: db.prepare(`
      INSERT INTO messages (id, conversation_id, ordering, role, text, status, model, voice, created_at, updated_at, parent_id)
      VALUES (?, ?, (SELECT coalesce(max(ordering), -1) + 1 FROM messages WHERE conversation_id = ?), ?, ?, ?, ?, ?, ?, ?, ?)`),
    leafOf: db.prepare<[string], string | null>('SELECT leaf_id FROM conversations WHERE id = ?').pluck(),
    setLeaf: db.prepare('UPDATE conversations SET leaf_id = ? WHERE id = ?'),
    message: db.prepare<[string], MessageRow>(`SELECT ${MESSAGE_COLUMNS} FROM messages WHERE id = ?`),
    messages: db.prepare<[string], MessageRow>(
      `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE conversation_id = ? ORDER BY ordering`,
    ),
    insertAttachment: db.prepare(`
      INSERT INTO message_attachments (message_id, position, id, kind, name, summary, prepared_json)
      VALUES (?, ?, ?, ?, ?, ?, ?)`),
    attachmentsOfMessage: db.prepare<[string], AttachmentRow>(
      `SELECT message_id, id, kind, name, summary, ${ATTACHMENT_SHOWN}, ${ATTACHMENT_NOTES}, ${ATTACHMENT_DURATION} FROM message_attachments WHERE message_id = ? ORDER BY position`,
    ),
    attachmentsOfConversation: db.prepare<[string], AttachmentRow>(`
      SELECT a.message_id, a.id, a.kind, a.name, a.summary, ${ATTACHMENT_SHOWN}, ${ATTACHMENT_NOTES}, ${ATTACHMENT_DURATION} FROM message_attachments a
      JOIN messages m ON m.id = a.message_id WHERE m.conversation_id = ? ORDER BY a.message_id, a.position`),
    preparedOf: db.prepare<[string], string>(
      'SELECT prepared_json FROM message_attachments WHERE message_id = ? ORDER BY position',
    ).pluck(),
    messageState: db.prepare<[string], { status: string; conversation_id: string }>(
      'SELECT status, conversation_id FROM messages WHERE id = ?',
    ),
    appendText: db.prepare(`
      UPDATE messages SET text = text || ?, reasoning = reasoning || ?, audio_bytes = audio_bytes + ?, updated_at = ?
      WHERE id = ? AND status = 'streaming'`),
    insertAudio: db.prepare(`
      INSERT INTO audio_chunks (message_id, seq, pcm)
      VALUES (?, (SELECT coalesce(max(seq), -1) + 1 FROM audio_chunks WHERE message_id = ?), ?)`),
    audio: db.prepare<[string], Buffer>('SELECT pcm FROM audio_chunks WHERE message_id = ? ORDER BY seq').pluck(),
    finish: db.prepare(`
      UPDATE messages SET status = ?, usage_json = ?, error_json = ?, updated_at = ?
      WHERE id = ? AND status = 'streaming'`),
    interruptAll: db.prepare(
      "UPDATE messages SET status = 'interrupted', updated_at = ? WHERE status = 'streaming'",
    ),
    setting: db.prepare<[string], string>('SELECT value FROM settings WHERE key = ?').pluck(),
    putSetting: db.prepare(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    ),
    dropSetting: db.prepare('DELETE FROM settings WHERE key = ?'),
  };

  const mustGetMessage = (id: string): Message => {
    const row = q.message.get(id);
    if (!row) throw notFound('message');
    return withAttachments(row);
  };

  const withAttachments = (row: MessageRow): Message => toMessage(row, q.attachmentsOfMessage.all(row.id).map(toAttachment));

  const append = (messageId: string, part: ReplyAppend, at: number): boolean => {
    const text = part.text ?? '';
    const reasoning = part.reasoning ?? '';
    const pcm = part.audio && part.audio.length > 0 ? concatPcm(part.audio) : null;
    const audioBytes = pcm?.byteLength ?? 0;
    const changed = q.appendText.run(text, reasoning, audioBytes, at, messageId).changes;
    if (changed === 0) return false;
    if (pcm && audioBytes > 0) q.insertAudio.run(messageId, messageId, pcm);
    return true;
  };

  const appendReply = db.transaction((messageId: string, part: ReplyAppend): boolean =>
    append(messageId, part, now()),
  );

  const finishReply = db.transaction((messageId: string, outcome: ReplyOutcome, tail?: ReplyAppend): Message => {
    if (!FINAL.has(outcome.status)) {
      throw new Error(`A reply cannot be finished as '${outcome.status}'; use one of ${[...FINAL].join(', ')}.`);
    }
    const state = q.messageState.get(messageId);
    if (!state) throw notFound('message');
    if (state.status !== 'streaming') {
      throw new Error(`Reply ${messageId} is already finished (${state.status}); it was not changed.`);
    }
    const at = now();
    if (tail) append(messageId, tail, at);
    q.finish.run(
      outcome.status,
      outcome.usage === null ? null : JSON.stringify(outcome.usage),
      outcome.error === null ? null : JSON.stringify(outcome.error),
      at,
      messageId,
    );
    q.touchConversation.run(at, state.conversation_id);
    return mustGetMessage(messageId);
  });

  const addMessage = db.transaction((input: NewMessage): Message => {
    if (!RoleSchema.safeParse(input.role).success) throw new Error(`Unknown message role '${input.role}'.`);
    if (!ReplyStatusSchema.safeParse(input.status).success) throw new Error(`Unknown message status '${input.status}'.`);
    if (!q.conversationExists.get(input.conversationId)) throw notFound('conversation');
    const parentId = input.parentId === undefined ? shownLeaf(input.conversationId) : input.parentId;
    if (parentId !== null && q.messageState.get(parentId)?.conversation_id !== input.conversationId) {
      throw notFound('message');
    }
    const id = newId();
    const at = now();
    q.insertMessage.run(
      id, input.conversationId, input.conversationId, input.role, input.text, input.status,
      input.model ?? null, input.voice ?? null, at, at, parentId,
    );
    q.setLeaf.run(id, input.conversationId);
    for (const [i, a] of (input.attachments ?? []).entries()) {
      q.insertAttachment.run(id, i, a.id, a.kind, a.name, a.summary, JSON.stringify(a.prepared));
    }
    q.touchConversation.run(at, input.conversationId);
    return mustGetMessage(id);
  });

  const getConversation = db.transaction((id: string, last?: number): ConversationDetail | null => {
    const row = q.conversation.get(id);
    if (!row) return null;
    const byMessage = new Map<string, AttachmentRow[]>();
    for (const a of q.attachmentsOfConversation.all(id)) {
      const list = byMessage.get(a.message_id);
      if (list) list.push(a);
      else byMessage.set(a.message_id, [a]);
    }
    const rows = q.messages.all(id);
    const tree = buildTree(rows);
    const path = activePath(tree, rows, q.leafOf.get(id) ?? null);
    const earlier = last === undefined ? 0 : Math.max(0, path.length - last);
    return {
      conversation: toSummary(row),
      messages: path.slice(earlier).map((m) => ({
        ...toMessage(m, (byMessage.get(m.id) ?? []).map(toAttachment)),
        versions: versionsOf(tree, m),
      })),
      ...(last === undefined ? {} : { earlier }),
    };
  });

  /** The end of the shown path (what a plain append follows); null for an empty conversation. */
  const shownLeaf = (conversationId: string): string | null => {
    const leaf = q.leafOf.get(conversationId) ?? null;
    if (leaf !== null && q.messageState.get(leaf)) return leaf;
    return q.messages.all(conversationId).at(-1)?.id ?? null;
  };

  const switchVersion = db.transaction((messageId: string): string => {
    const state = q.messageState.get(messageId);
    if (!state) throw notFound('message');
    const tree = buildTree(q.messages.all(state.conversation_id));
    q.setLeaf.run(newestLeafUnder(tree, messageId), state.conversation_id);
    return state.conversation_id;
  });

  const listPage = db.transaction((offset: number, limit: number, bounds: readonly number[]): ConversationPage => {
    if (!Number.isInteger(offset) || offset < 0) throw new RangeError(`List offset must be a non-negative integer, not ${offset}.`);
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`List limit must be a positive integer, not ${limit}.`);
    return {
      total: q.conversationCount.get() ?? 0,
      pinned: q.pinnedCount.get() ?? 0,
      items: q.conversationPage.all(limit, offset).map(toSummary),
      activeSince: bounds.map((b) => q.activeSince.get(b) ?? 0),
    };
  });

  return {
    db,
    createConversation({ title, model, voice, titleMedia }) {
      const id = newId();
      const at = now();
      q.insertConversation.run(id, title, model, voice, at, at, titleMedia ? JSON.stringify(titleMedia) : null);
      const row = q.conversation.get(id);
      if (!row) throw new Error('The new conversation was not saved.');
      return toSummary(row);
    },
    listConversations(limit) {
      if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`List limit must be a positive integer, not ${limit}.`);
      return q.conversations.all(limit).map(toSummary);
    },
    listConversationPage: (offset, limit, bounds = []) => listPage(offset, limit, bounds),
    renameConversation(id, title) {
      if (q.renameConversation.run(title, id).changes === 0) return null;
      const row = q.conversation.get(id);
      return row ? toSummary(row) : null;
    },
    getConversation: (id, last) => getConversation(id, last),
    getConversationSummary(id) {
      const row = q.conversation.get(id);
      return row ? toSummary(row) : null;
    },
    deleteConversation(id) {
      const removed = q.deleteConversation.run(id).changes > 0;
      // Give the space of deleted audio back to the file system (a no-op unless auto_vacuum is incremental).
      if (removed) db.pragma('incremental_vacuum');
      return removed;
    },
    addMessage: (input) => addMessage(input),
    switchVersion: (messageId) => switchVersion(messageId),
    getMessage(id) {
      const row = q.message.get(id);
      return row ? withAttachments(row) : null;
    },
    preparedMedia(messageId) {
      return q.preparedOf.all(messageId).map((j) => JSON.parse(j) as unknown);
    },
    history(conversationId) {
      const detail = getConversation(conversationId);
      if (!detail) throw notFound('conversation');
      return detail.messages;
    },
    appendReply: (messageId, part) => appendReply(messageId, part),
    finishReply: (messageId, outcome, tail) => finishReply(messageId, outcome, tail),
    readReplyAudio(messageId) {
      const chunks = db.transaction(() => {
        if (!q.messageState.get(messageId)) throw notFound('message');
        return q.audio.all(messageId);
      })();
      return concatPcm(chunks);
    },
    markInterrupted() {
      return q.interruptAll.run(now()).changes;
    },
    search: createSearch(db),
    getSetting<T>(key: string): T | undefined {
      const raw = q.setting.get(key);
      return raw === undefined ? undefined : (JSON.parse(raw) as T);
    },
    setSetting(key, value) {
      if (value === undefined) {
        q.dropSetting.run(key);
        return;
      }
      const json = JSON.stringify(value);
      if (json === undefined) throw new TypeError(`Setting '${key}' cannot be stored: its value is not JSON.`);
      q.putSetting.run(key, json);
    },
  };
}

/** The list's order (schema v7's index): pinned first, then the newest activity. */
const LIST_ORDER = 'ORDER BY c.pinned DESC, c.updated_at DESC, c.id';

const FINAL: ReadonlySet<ReplyStatus> = new Set<ReplyStatus>(FINAL_STATUSES);

function notFound(what: 'conversation' | 'message'): UserError {
  return new UserError(
    'not_found',
    what === 'conversation'
      ? 'That conversation no longer exists. It may have been deleted; pick another one from the list.'
      : 'That message no longer exists. Its conversation may have been deleted.',
  );
}
