// The models this app knows: the catalog's (shared/catalog.ts, shared/realtime-catalog.ts) and the ones the user
// entered (table custom_models, schema v8). Everything in the core that asks "what is this model?" asks here,
// so a model released tomorrow, entered today with its capabilities, is held to the same rules as a catalog one.
import type { Database } from 'better-sqlite3';
import type { FindModel } from '../../../shared/catalog';
import { modelFinder, realtimeFinder, type CustomModel, type CustomModelFields } from '../../../shared/custom-models';
import type { FindRealtimeModel } from '../../../shared/realtime-catalog';

/** The sentence for a model id the app does not know (neither the catalog's nor one the user entered). */
export function unknownModel(id: string): string {
  return `${id} is not a model this app knows. Pick one from the model list, or add it under Settings → Models with what it can do.`;
}

export interface ModelRegistry {
  /** A chat model: the catalog's (ids and aliases), else one of the user's. */
  find: FindModel;
  /** A Realtime model (Live voice): the catalog's, else one of the user's. */
  findRealtime: FindRealtimeModel;
  /** The user's own models, oldest first. */
  custom(): CustomModel[];
  /** Adds the model, or replaces the one with its id (keeping when it was first added). */
  save(fields: CustomModelFields): CustomModel;
  remove(id: string): boolean;
}

interface Raw {
  id: string;
  spec_json: string;
  created_at: number;
  updated_at: number;
}

export function createModelRegistry(db: Database, now: () => number): ModelRegistry {
  const q = {
    list: db.prepare<[], Raw>('SELECT id, spec_json, created_at, updated_at FROM custom_models ORDER BY created_at, id'),
    upsert: db.prepare(`INSERT INTO custom_models (id, spec_json, created_at, updated_at) VALUES (@id, @spec, @at, @at)
      ON CONFLICT (id) DO UPDATE SET spec_json = excluded.spec_json, updated_at = excluded.updated_at`),
    remove: db.prepare('DELETE FROM custom_models WHERE id = ?'),
  };

  const fromRaw = (r: Raw): CustomModel | null => {
    try {
      const spec = JSON.parse(r.spec_json) as Omit<CustomModel, 'id' | 'createdAt' | 'updatedAt'>;
      return {
        id: r.id, label: spec.label ?? '', api: spec.api === 'realtime' ? 'realtime' : 'chat',
        input: Array.isArray(spec.input) ? spec.input : [], audioOut: spec.audioOut === true, thinking: spec.thinking === true,
        voices: Array.isArray(spec.voices) ? spec.voices.filter((v): v is string => typeof v === 'string') : [],
        otherVoices: spec.otherVoices === true, maxInputTokens: typeof spec.maxInputTokens === 'number' ? spec.maxInputTokens : null,
        media: spec.media && typeof spec.media === 'object' ? spec.media : null,
        generation: typeof spec.generation === 'string' ? spec.generation : null,
        createdAt: r.created_at, updatedAt: r.updated_at,
      };
    } catch {
      return null;
    }
  };

  let cache: { custom: CustomModel[]; find: FindModel; findRealtime: FindRealtimeModel } | null = null;
  const current = () => {
    if (!cache) {
      const custom = q.list.all().map(fromRaw).filter((c): c is CustomModel => c !== null);
      cache = { custom, find: modelFinder(custom), findRealtime: realtimeFinder(custom) };
    }
    return cache;
  };

  return {
    find: (id) => current().find(id),
    findRealtime: (id) => current().findRealtime(id),
    custom: () => current().custom.map((c) => ({ ...c })),
    save(fields) {
      const { id, ...spec } = fields;
      q.upsert.run({ id, spec: JSON.stringify(spec), at: Math.round(now()) });
      cache = null;
      return current().custom.find((c) => c.id === id)!;
    },
    remove(id) {
      const removed = q.remove.run(id).changes > 0;
      cache = null;
      return removed;
    },
  };
}
