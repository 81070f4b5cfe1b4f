// The history's requests: the list (a page at a time, pinned first), search (grouped by conversation), one conversation with its own settings, rename, pin, delete (with the files only it uses)
// and switching a turn's version. Replies streaming in a
// conversation belong to the chat turns (chat/turns.ts): this module asks them to stop or to say busy.
import type { FindModel } from '../../../shared/catalog';
import { applyTurnChange } from '../../../shared/rules';
import type { Settings } from '../../../shared/domain';
import type { EventListener, Handlers } from '../core-interface';
import { removeUnusedFiles, storedFilesOf } from '../media/forget';
import type { ConversationMetaStore } from '../store/conversation-meta';
import { fromGlobal, type ConversationSettingsStore } from '../store/conversation-settings';
import { createGroupedSearch } from '../store/search-groups';
import type { Store } from '../store/history-store';
import { UserError } from '../user-error';
import { unknownModel } from '../models/model-registry';

type ConversationRequests =
  | 'conversations.list' | 'conversations.page' | 'conversations.rename' | 'conversations.get'
  | 'conversations.updateSettings' | 'conversations.delete' | 'messages.switchVersion' | 'conversations.pin'
  | 'search.conversations';

export interface ConversationDeps {
  store: Store;
  conversationSettings: ConversationSettingsStore;
  meta: ConversationMetaStore;
  readSettings: () => Settings;
  emit: EventListener;
  dataDir: string;
  log: (line: string) => void;
  /** Stops the replies streaming in a conversation (it is being deleted). */
  stopReplies: (conversationId: string) => void;
  /** Refuses while a reply in the conversation is coming in (its path must not change under it). */
  refuseIfStreaming: (conversationId: string) => void;
  /** Whether an attachment waiting in the composer uses this stored file (it is kept then). */
  draftUsesFile: (relPath: string) => boolean;
  /** Finds a model: the catalog's, or one the user entered. */
  findModel: FindModel;
}

export function createConversationHandlers(d: ConversationDeps): Pick<Handlers, ConversationRequests> {
  const { store } = d;
  const searchGrouped = createGroupedSearch(store.db);
  return {
    'conversations.list': ({ limit }) => store.listConversations(limit),
    'conversations.page': ({ offset, limit, dateBounds }) => store.listConversationPage(offset, limit, dateBounds),
    'search.conversations': ({ query, ...options }) => searchGrouped(query, options),

    'conversations.pin': ({ id, pinned }) => {
      if (!d.meta.setPinned(id, pinned)) throw new UserError('not_found', 'That conversation no longer exists. It may have been deleted; pick another one from the list.');
      d.emit('conversations.changed', { conversationId: id });
      return store.getConversationSummary(id)!;
    },

    'conversations.rename': ({ id, title }) => {
      const renamed = store.renameConversation(id, title);
      if (!renamed) throw new UserError('not_found', 'That conversation no longer exists. It may have been deleted; pick another one from the list.');
      d.emit('conversations.changed', { conversationId: id });
      return renamed;
    },

    'conversations.get': ({ id, last }) => {
      const found = store.getConversation(id, last);
      if (!found) throw new UserError('not_found', 'That conversation no longer exists. It may have been deleted.');
      return { ...found, settings: d.conversationSettings.get(id) ?? fromGlobal(d.readSettings()) };
    },

    'conversations.updateSettings': ({ id, settings: change }) => {
      const saved = d.conversationSettings.get(id);
      if (!saved) throw new UserError('not_found', 'That conversation no longer exists. It may have been deleted.');
      if (change.model !== undefined && !d.findModel(change.model)) throw new UserError('invalid_input', unknownModel(change.model));
      const next = applyTurnChange(saved, change, d.findModel);
      d.conversationSettings.put(id, next);
      // The list shows each conversation's model.
      if (next.model !== saved.model) d.emit('conversations.changed', { conversationId: id });
      return next;
    },

    'conversations.delete': async ({ id }) => {
      d.stopReplies(id);
      const files = storedFilesOf(store.db, id);
      if (!store.deleteConversation(id)) throw new UserError('not_found', 'That conversation no longer exists.');
      d.emit('conversations.changed', { conversationId: id });
      // Its pictures and recordings go too, unless another conversation or the draft shares the same file.
      await removeUnusedFiles(store.db, d.dataDir, files, d.draftUsesFile, d.log);
      return { ok: true as const };
    },

    'messages.switchVersion': ({ messageId }) => {
      const m = store.getMessage(messageId);
      if (!m) throw new UserError('not_found', 'That message no longer exists. Its conversation may have been deleted.');
      d.refuseIfStreaming(m.conversationId);
      const detail = store.getConversation(store.switchVersion(messageId));
      if (!detail) throw new UserError('not_found', 'That conversation no longer exists. It may have been deleted.');
      return detail;
    },
  };
}
