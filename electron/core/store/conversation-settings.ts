// One conversation's own settings (schema v6): model and voice, spoken replies, thinking, system prompt.
// Kept on the conversation's row, next to the model and voice the list already shows.
import type { Database } from 'better-sqlite3';
import type { ConversationSettings, Settings } from '../../../shared/domain';

interface Row {
  model: string;
  voice: string;
  speak_replies: number;
  thinking: number;
  system_prompt: string;
}

export interface ConversationSettingsStore {
  /** Null when there is no such conversation. */
  get(id: string): ConversationSettings | null;
  /** Writes every field; false when there is no such conversation. */
  put(id: string, s: ConversationSettings): boolean;
}

export function createConversationSettingsStore(db: Database): ConversationSettingsStore {
  const read = db.prepare<[string], Row>(
    'SELECT model, voice, speak_replies, thinking, system_prompt FROM conversations WHERE id = ?',
  );
  const write = db.prepare(
    'UPDATE conversations SET model = ?, voice = ?, speak_replies = ?, thinking = ?, system_prompt = ? WHERE id = ?',
  );
  return {
    get(id) {
      const r = read.get(id);
      if (!r) return null;
      return {
        // The row may name a model a later catalog dropped; the rules then say to pick another.
        model: r.model as ConversationSettings['model'],
        voice: r.voice,
        speakReplies: r.speak_replies !== 0,
        thinking: r.thinking !== 0,
        systemPrompt: r.system_prompt,
      };
    },
    put(id, s) {
      return write.run(s.model, s.voice, s.speakReplies ? 1 : 0, s.thinking ? 1 : 0, s.systemPrompt, id).changes > 0;
    },
  };
}

/** A new conversation starts from the global Settings, without a system prompt. */
export function fromGlobal(s: Settings): ConversationSettings {
  return { model: s.model, voice: s.voice, speakReplies: s.speakReplies, thinking: s.thinking, systemPrompt: '' };
}
