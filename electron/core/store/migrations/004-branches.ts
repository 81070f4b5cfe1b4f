// Schema v4: versions of a turn (edit a question, regenerate a reply) as a tree of messages.
//
// Each message points at the message it follows (parent_id; NULL for a conversation's first). Messages
// sharing a parent are versions of one turn, in `ordering` (insertion) order. The conversation remembers
// the last message of the path the user is looking at (leaf_id); the shown conversation and the history
// sent to the model are that leaf's ancestors. `ordering` stays the conversation-wide insertion order, so
// the one-row-per-position index stands.
//
// No foreign key on parent_id: messages only ever go with their whole conversation (its cascade), and a
// self-reference would need an index on parent_id just to make that cascade fast.
//
// Rows written before: each conversation's messages become one straight line in their order.
import type { Migration } from './types';

export const branches: Migration = {
  version: 4,
  up(db) {
    db.exec(`
      ALTER TABLE messages ADD COLUMN parent_id TEXT;
      ALTER TABLE conversations ADD COLUMN leaf_id TEXT;

      UPDATE messages SET parent_id = (
        SELECT p.id FROM messages p
        WHERE p.conversation_id = messages.conversation_id AND p.ordering < messages.ordering
        ORDER BY p.ordering DESC LIMIT 1
      );
      UPDATE conversations SET leaf_id = (
        SELECT m.id FROM messages m WHERE m.conversation_id = conversations.id ORDER BY m.ordering DESC LIMIT 1
      );
    `);
  },
};
