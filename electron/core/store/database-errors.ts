// Why a history file cannot be opened. Both are raised before anything is written to the file.

export class DatabaseTooNewError extends Error {
  constructor(
    readonly file: string,
    readonly found: number,
    readonly known: number,
  ) {
    super(
      `This history was written by a newer version of Omni Desk (schema ${found}, this app knows ${known}). ` +
        'Update the app to open it; nothing was changed.',
    );
    this.name = 'DatabaseTooNewError';
  }
}

export type UnreadableReason = 'not_a_database' | 'damaged' | 'foreign';

const WHY: Record<UnreadableReason, string> = {
  not_a_database: 'is not a database',
  damaged: 'is damaged and cannot be read',
  foreign: "is a database, but not Omni Desk's",
};

export class DatabaseUnreadableError extends Error {
  /** SQLite's own words about the damage (quick_check's first findings), when it gave any. */
  readonly detail: string | null;
  constructor(
    readonly file: string,
    readonly reason: UnreadableReason,
    options?: { cause?: unknown; detail?: string },
  ) {
    super(
      `The history file ${file} ${WHY[reason]}. Nothing was changed: move it aside (or restore a backup) ` +
        'and start Omni Desk again to begin a new history.',
      options,
    );
    this.detail = options?.detail ?? null;
    this.name = 'DatabaseUnreadableError';
  }
}
