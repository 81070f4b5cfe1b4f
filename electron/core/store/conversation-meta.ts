// A conversation's standing in the list (schema v7): pinned or not, and the title the model generates —
// which replaces only a fallback title, never one the user typed, in the same statement that checks it.
import type { Database } from 'better-sqlite3';
import type { TitleSource, Usage } from '../../../shared/domain';

export interface ConversationMetaStore {
  /** False when there is no such conversation. Pinning leaves its last activity (updatedAt) alone. */
  setPinned(id: string, pinned: boolean): boolean;
  /** Null when there is no such conversation. */
  titleSource(id: string): TitleSource | null;
  /**
   * Sets a generated title if the title is still the fallback one (the user did not rename it meanwhile);
   * true when it was set.
   */
  setGeneratedTitle(id: string, title: string): boolean;
  /** Adds a title request's usage to what the conversation's titles have cost; false when it is gone. */
  addTitleUsage(id: string, usage: Usage): boolean;
}

export function createConversationMetaStore(db: Database): ConversationMetaStore {
  const q = {
    pin: db.prepare('UPDATE conversations SET pinned = ? WHERE id = ?'),
    source: db.prepare<[string], string>('SELECT title_source FROM conversations WHERE id = ?').pluck(),
    generated: db.prepare(
      "UPDATE conversations SET title = ?, title_source = 'generated' WHERE id = ? AND title_source = 'fallback'",
    ),
    usage: db.prepare<[string], string | null>('SELECT title_usage_json FROM conversations WHERE id = ?').pluck(),
    setUsage: db.prepare('UPDATE conversations SET title_usage_json = ? WHERE id = ?'),
  };
  const addTitleUsage = db.transaction((id: string, usage: Usage): boolean => {
    const before = q.usage.get(id);
    if (before === undefined) return false;
    const sum = before === null ? usage : addUsage(JSON.parse(before) as Usage, usage);
    return q.setUsage.run(JSON.stringify(sum), id).changes > 0;
  });
  return {
    setPinned: (id, pinned) => q.pin.run(pinned ? 1 : 0, id).changes > 0,
    titleSource: (id) => (q.source.get(id) as TitleSource | undefined) ?? null,
    setGeneratedTitle: (id, title) => q.generated.run(title, id).changes > 0,
    addTitleUsage: (id, usage) => addTitleUsage(id, usage),
  };
}

/** Two usages as one: every count and every per-kind detail summed. */
export function addUsage(a: Usage, b: Usage): Usage {
  const sum = (x: Record<string, number>, y: Record<string, number>) => {
    const out = { ...x };
    for (const [k, v] of Object.entries(y)) out[k] = (out[k] ?? 0) + v;
    return out;
  };
  return {
    promptTokens: a.promptTokens + b.promptTokens,
    completionTokens: a.completionTokens + b.completionTokens,
    totalTokens: a.totalTokens + b.totalTokens,
    promptDetails: sum(a.promptDetails, b.promptDetails),
    completionDetails: sum(a.completionDetails, b.completionDetails),
  };
}
