// Schema v3: full-text search over every message's text and reasoning.
//
// An external-content FTS5 table over messages (rowid = messages.row_id, which VACUUM never renumbers),
// kept in step by triggers so every writer — addMessage, the streaming reply writer's appends, deletes by
// cascade — updates it in the same transaction. The trigram tokenizer indexes every 3-character run,
// which is what makes Chinese (no spaces between words) findable; queries of 1–2 characters fall back to
// LIKE in the store.
import type { Migration } from './types';

export const search: Migration = {
  version: 3,
  up(db) {
    db.exec(`
      CREATE VIRTUAL TABLE messages_fts USING fts5(
        text, reasoning,
        content = 'messages', content_rowid = 'row_id',
        tokenize = 'trigram'
      );

      CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
        INSERT INTO messages_fts (rowid, text, reasoning) VALUES (new.row_id, new.text, new.reasoning);
      END;
      CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
        INSERT INTO messages_fts (messages_fts, rowid, text, reasoning)
        VALUES ('delete', old.row_id, old.text, old.reasoning);
      END;
      -- Only when the searchable columns change: a status or usage update leaves the index alone.
      CREATE TRIGGER messages_fts_update AFTER UPDATE OF text, reasoning ON messages
      WHEN old.text IS NOT new.text OR old.reasoning IS NOT new.reasoning BEGIN
        INSERT INTO messages_fts (messages_fts, rowid, text, reasoning)
        VALUES ('delete', old.row_id, old.text, old.reasoning);
        INSERT INTO messages_fts (rowid, text, reasoning) VALUES (new.row_id, new.text, new.reasoning);
      END;

      -- Rows written before this version.
      INSERT INTO messages_fts (messages_fts) VALUES ('rebuild');
    `);
  },
};
