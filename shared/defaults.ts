// Plain values the renderer's first load needs (the settings' defaults, the lengths a field may hold), kept
// apart from the zod schemas that validate them: a value imported from a module that builds schemas brings
// all of zod (~90 kB minified) into the window's first chunk, because schema builders are calls at module
// top level that no bundler may drop. domain.ts and contract.ts re-export these, so the rest of the code
// reads them where it always did.
import type { Settings } from './domain';

export const DEFAULT_SETTINGS: Settings = {
  model: 'qwen3-omni-flash',
  voice: 'Cherry',
  speakReplies: true,
  thinking: false,
  region: 'intl',
  stallTimeoutMs: 30_000,
  language: 'en',
  handsFreeSilenceMs: 1_500,
  checkForUpdates: false,
  generateTitles: true,
  theme: 'system',
  welcomeDone: false,
};

/** A conversation's system prompt, in characters. */
export const SYSTEM_PROMPT_MAX = 20_000;

/** A title the user typed (Rename). */
export const TITLE_MAX = 200;

/** Attachments one draft may hold: each is a file on disk and a chip to keep up to date. */
export const MAX_DRAFT_ATTACHMENTS = 20;

/** A playback report's per-chunk figures: at most this many (16 min of 100 ms chunks), so a report stays small. */
export const PLAYBACK_REPORT_MAX_CHUNKS = 10_000;
