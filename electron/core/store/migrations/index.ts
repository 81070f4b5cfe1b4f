// Every schema version, in order. Add a module per version and list it here (static imports, so the
// bundled main process carries them).
import { initial } from './001-initial';
import { attachments } from './002-attachments';
import { search } from './003-search';
import { branches } from './004-branches';
import { endpoints } from './005-endpoints';
import { conversationSettings } from './006-conversation-settings';
import { pinsTitlesMedia } from './007-pins-titles-media';
import { liveVoice } from './008-live-voice';
import type { Migration } from './types';

export type { Migration, MigrationContext } from './types';
export { APPLICATION_ID } from './001-initial';

// In version order whatever order they are listed in (each is numbered in its own module).
export const MIGRATIONS: readonly Migration[] = [
  initial, attachments, search, branches, endpoints, conversationSettings, pinsTitlesMedia, liveVoice,
].sort((a, b) => a.version - b.version);

export const LATEST_VERSION: number = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
