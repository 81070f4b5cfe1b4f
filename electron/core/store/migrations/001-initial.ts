// Schema v1: conversations, their messages, reply audio and settings.
//
// Room left for what comes next, on purpose:
// - messages.row_id is an explicit INTEGER PRIMARY KEY so an FTS5 external-content index (trigram search)
//   can point at a rowid that VACUUM never renumbers; the public id stays the short text id.
// - The "one message per position" rule is a separate named index, not a table constraint, so branching
//   can drop it without rebuilding the table.
// - Roles and statuses are checked by the app, not by CHECK constraints, so a new one needs no rebuild.
// - Attachments will get their own table keyed by message id, like audio_chunks.
import type { Migration } from './types';

/** PRAGMA application_id: marks the file as Omni Desk's ("OmDk"), so we never adopt someone else's database. */
export const APPLICATION_ID = 0x4f6d446b;

export const initial: Migration = {
  version: 1,
  up(db) {
    db.exec(`
      PRAGMA application_id = ${APPLICATION_ID};

      CREATE TABLE conversations (
        id         TEXT PRIMARY KEY,
        title      TEXT NOT NULL,
        model      TEXT NOT NULL,
        voice      TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX conversations_by_updated ON conversations (updated_at DESC, id);

      CREATE TABLE messages (
        row_id          INTEGER PRIMARY KEY,
        id              TEXT NOT NULL UNIQUE,
        conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
        ordering        INTEGER NOT NULL,
        role            TEXT NOT NULL,
        text            TEXT NOT NULL DEFAULT '',
        reasoning       TEXT NOT NULL DEFAULT '',
        status          TEXT NOT NULL,
        usage_json      TEXT CHECK (usage_json IS NULL OR json_valid(usage_json)),
        error_json      TEXT CHECK (error_json IS NULL OR json_valid(error_json)),
        model           TEXT,
        voice           TEXT,
        -- Kept equal to the sum of this message's audio_chunks lengths (same transaction), so lists need
        -- not touch the blobs.
        audio_bytes     INTEGER NOT NULL DEFAULT 0,
        created_at      INTEGER NOT NULL,
        updated_at      INTEGER NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX messages_by_position ON messages (conversation_id, ordering);
      -- On start every reply still 'streaming' is marked interrupted; this keeps that lookup tiny.
      CREATE INDEX messages_streaming ON messages (status) WHERE status = 'streaming';

      -- Reply audio, PCM16 LE mono 24 kHz, one row per writer flush; read back concatenated by seq.
      CREATE TABLE audio_chunks (
        message_id TEXT NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
        seq        INTEGER NOT NULL,
        pcm        BLOB NOT NULL,
        PRIMARY KEY (message_id, seq)
      ) STRICT;

      CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL CHECK (json_valid(value))
      ) STRICT;
    `);
  },
};
