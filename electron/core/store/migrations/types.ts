import type { Database } from 'better-sqlite3';

export interface MigrationContext {
  /** The clock, for a migration that must backfill a timestamp. */
  now: () => number;
}

/** One schema version. `up` runs inside the transaction that applies every pending migration. */
export interface Migration {
  version: number;
  up(db: Database, ctx: MigrationContext): void;
}
