// Schema v2: the files sent with a user message. Each row keeps what the chip said (kind, name, summary)
// for the conversation view, and the prepared media's record (content-addressed files under
// <dataDir>/media) so every later turn re-sends that message with its own media, offline copies included.
import type { Migration } from './types';

export const attachments: Migration = {
  version: 2,
  up(db) {
    db.exec(`
      CREATE TABLE message_attachments (
        message_id    TEXT NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
        position      INTEGER NOT NULL,
        id            TEXT NOT NULL,
        kind          TEXT NOT NULL,
        name          TEXT NOT NULL,
        summary       TEXT NOT NULL,
        prepared_json TEXT NOT NULL CHECK (json_valid(prepared_json)),
        PRIMARY KEY (message_id, position)
      ) STRICT;
    `);
  },
};
