// Schema v8 (issue 21): Live voice and the user's own models.
// - custom_models: a model id the catalog does not know, with the capabilities the user gave it (the JSON of
//   shared/custom-models.ts' CustomModelFields), so a model released tomorrow can be used today.
// - endpoints.realtime_url: a custom endpoint's Realtime WebSocket address (Live voice), when it has one.
// - live_sessions: one row per live voice session (its model, voice, turn mode, when and why it ended), and
//   messages.live_session_id naming the session a spoken turn or its reply belongs to, so a session can be
//   replayed and exported as one WAV. The turns themselves are ordinary messages: searchable, exportable,
//   sent as text in the history of a later typed turn.
// Rows written before: no custom models, no realtime address, no session.
import type { Migration } from './types';

export const liveVoice: Migration = {
  version: 8,
  up(db) {
    db.exec(`
      CREATE TABLE custom_models (
        id         TEXT PRIMARY KEY,
        spec_json  TEXT NOT NULL CHECK (json_valid(spec_json)),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;

      ALTER TABLE endpoints ADD COLUMN realtime_url TEXT;

      CREATE TABLE live_sessions (
        id              TEXT PRIMARY KEY,
        conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
        model           TEXT NOT NULL,
        voice           TEXT,
        mode            TEXT NOT NULL,
        started_at      INTEGER NOT NULL,
        ended_at        INTEGER,
        end_reason      TEXT,
        error_json      TEXT CHECK (error_json IS NULL OR json_valid(error_json))
      ) STRICT;
      CREATE INDEX live_sessions_by_conversation ON live_sessions (conversation_id);

      ALTER TABLE messages ADD COLUMN live_session_id TEXT;
      CREATE INDEX messages_by_live_session ON messages (live_session_id, ordering) WHERE live_session_id IS NOT NULL;
    `);
  },
};
