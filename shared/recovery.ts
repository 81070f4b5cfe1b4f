// What the window needs to know when the history file could not be opened: the app then starts in a
// recovery state instead of refusing to start, and offers to export what can be read and to start afresh.
import { z } from './zod';

export const RecoveryReason = z.enum(['damaged', 'not_a_database', 'foreign']);
export type RecoveryReason = z.infer<typeof RecoveryReason>;

export const RecoveryStatus = z.object({
  /** true while the app runs without a history because the file is unusable. */
  needed: z.boolean(),
  reason: RecoveryReason.nullable(),
  /** The history file's name (in the data folder), for the explanation. */
  fileName: z.string().nullable(),
  /** SQLite's own words about the damage (the first problem quick_check found), when it said any. */
  detail: z.string().nullable(),
});
export type RecoveryStatus = z.infer<typeof RecoveryStatus>;

export const RecoveryExportResult = z.object({
  /** false when the user cancelled the folder dialog. */
  saved: z.boolean(),
  /** Conversations that could be read (in part or whole). */
  conversations: z.number().int().nonnegative(),
});

export const StartFreshResult = z.object({
  /** The name the damaged file was kept under, beside the new one: omni-desk.damaged-<timestamp>.db. */
  keptAs: z.string(),
});
