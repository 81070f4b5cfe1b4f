// Schema v5: custom OpenAI-compatible endpoints (a self-hosted Qwen-Omni) listed next to DashScope's two
// regions. Each row is what the Settings dialog shows and what a request needs besides the key: the key
// itself is kept encrypted with the other keys (settings `apiKey.<endpoint id>`), never in this table.
import type { Migration } from './types';

export const endpoints: Migration = {
  version: 5,
  up(db) {
    db.exec(`
      CREATE TABLE endpoints (
        id               TEXT PRIMARY KEY,
        name             TEXT NOT NULL,
        base_url         TEXT NOT NULL,
        models_json      TEXT NOT NULL CHECK (json_valid(models_json)),
        data_uri_budget  INTEGER NOT NULL CHECK (data_uri_budget > 0),
        created_at       INTEGER NOT NULL,
        updated_at       INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
