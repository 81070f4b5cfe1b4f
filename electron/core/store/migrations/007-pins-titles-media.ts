// Schema v7: what the conversation list needs to welcome, sort and find (issue 16).
//
// - `pinned`: pinned conversations come first, then the newest activity. The list's index becomes
//   (pinned DESC, updated_at DESC, id), which serves both the page (ORDER BY the same) and the counts per
//   date group (pinned = 0 AND updated_at >= ?); the old (updated_at DESC, id) index would be unused.
// - `title_source` ('fallback' | 'generated' | 'user'): a generated title replaces only a fallback one,
//   never one the user typed. Rows written before were all named from their first question or renamed, and
//   the two cannot be told apart: they count as fallback, which only matters if their first exchange has
//   not completed yet (the title request follows a conversation's first completed reply).
// - `title_media_json`: a media-only first question's file ({kind, name, more}), so the renderer can word
//   the fallback title in the user's language. Rows written before: null (their title stays as it was).
// - `title_usage_json`: what the title request cost, so the conversation's total can show it.
// - `has_media`: some question of the conversation carries a file; kept by a trigger on
//   message_attachments (rows go only with their conversation, so the flag never needs clearing) so
//   search's "with media" filter is a column test instead of a walk over every message of each hit's
//   conversation.
// - The welcome: a history that already holds a completed reply had a working key, so its Settings get
//   `welcomeDone` (an existing user is not welcomed again after the update).
import type { Migration } from './types';

export const pinsTitlesMedia: Migration = {
  version: 7,
  up(db) {
    db.exec(`
      ALTER TABLE conversations ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE conversations ADD COLUMN title_source TEXT NOT NULL DEFAULT 'fallback';
      ALTER TABLE conversations ADD COLUMN title_media_json TEXT
        CHECK (title_media_json IS NULL OR json_valid(title_media_json));
      ALTER TABLE conversations ADD COLUMN title_usage_json TEXT
        CHECK (title_usage_json IS NULL OR json_valid(title_usage_json));
      ALTER TABLE conversations ADD COLUMN has_media INTEGER NOT NULL DEFAULT 0;

      DROP INDEX IF EXISTS conversations_by_updated;
      CREATE INDEX conversations_by_pinned_updated ON conversations (pinned DESC, updated_at DESC, id);

      UPDATE conversations SET has_media = 1 WHERE id IN (
        SELECT m.conversation_id FROM message_attachments a JOIN messages m ON m.id = a.message_id
      );
      CREATE TRIGGER conversations_has_media AFTER INSERT ON message_attachments BEGIN
        UPDATE conversations SET has_media = 1
        WHERE id = (SELECT conversation_id FROM messages WHERE id = new.message_id) AND has_media = 0;
      END;

      UPDATE settings SET value = json_set(value, '$.welcomeDone', json('true'))
      WHERE key = 'settings'
        AND EXISTS (SELECT 1 FROM messages WHERE role = 'assistant' AND status = 'complete');
      INSERT INTO settings (key, value)
      SELECT 'settings', json_object('welcomeDone', json('true'))
      WHERE NOT EXISTS (SELECT 1 FROM settings WHERE key = 'settings')
        AND EXISTS (SELECT 1 FROM messages WHERE role = 'assistant' AND status = 'complete');
    `);
  },
};
