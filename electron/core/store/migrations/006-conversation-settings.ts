// Schema v6: each conversation remembers how it is talked to — model and voice (already columns), spoken
// replies, thinking and its system prompt — so reopening it (or restarting the app) sends with the same
// settings, and a new conversation starts from the global ones.
//
// Rows written before: spoken replies and thinking are taken from the conversation's last reply (a reply
// with a voice was spoken; one with reasoning was thinking); a conversation without a reply speaks, as the
// global default does. No conversation had a system prompt.
import type { Migration } from './types';

export const conversationSettings: Migration = {
  version: 6,
  up(db) {
    db.exec(`
      ALTER TABLE conversations ADD COLUMN speak_replies INTEGER NOT NULL DEFAULT 1;
      ALTER TABLE conversations ADD COLUMN thinking INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE conversations ADD COLUMN system_prompt TEXT NOT NULL DEFAULT '';

      UPDATE conversations SET
        speak_replies = coalesce((
          SELECT m.voice IS NOT NULL FROM messages m
          WHERE m.conversation_id = conversations.id AND m.role = 'assistant'
          ORDER BY m.ordering DESC LIMIT 1
        ), 1),
        thinking = coalesce((
          SELECT m.reasoning <> '' FROM messages m
          WHERE m.conversation_id = conversations.id AND m.role = 'assistant'
          ORDER BY m.ordering DESC LIMIT 1
        ), 0);
    `);
  },
};
