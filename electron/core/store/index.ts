// The history store: one SQLite file holding conversations, messages, reply audio and settings.
export { openDatabase, applyMigrations, type OpenOptions } from './database';
export { DatabaseTooNewError, DatabaseUnreadableError, type UnreadableReason } from './database-errors';
export { LATEST_VERSION, MIGRATIONS, type Migration } from './migrations';
export { createStore, type Store, type StoreOptions, type NewMessage, type NewAttachment, type ReplyAppend, type ReplyOutcome } from './history-store';
export {
  createReplyWriter, DEFAULT_FLUSH_INTERVAL_MS, DEFAULT_MAX_BUFFERED_BYTES,
  type ReplyWriter, type ReplyWriterOptions, type ReplyWriterStats,
} from './reply-writer';
export { titleFromQuestion, TITLE_MAX_CHARS, UNTITLED } from './title';
export { newId } from './ids';
