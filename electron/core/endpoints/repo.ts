// The custom endpoints table (schema v5). Rows hold no key: keys live in the key vault under the
// endpoint's id, like the regions' keys.
import type { Database } from 'better-sqlite3';
import { MODEL_ID_PATTERN } from '../../../shared/catalog';
import { newId } from '../store/ids';

type ModelId = string;

export interface EndpointRow {
  id: string;
  name: string;
  baseUrl: string;
  models: ModelId[];
  dataUriBudget: number;
  /** Its Realtime WebSocket address (Live voice), or null. */
  realtimeUrl: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface EndpointFieldsIn {
  name: string;
  baseUrl: string;
  models: ModelId[];
  dataUriBudget: number;
  realtimeUrl?: string | null;
}

export interface EndpointRepo {
  list(): EndpointRow[];
  get(id: string): EndpointRow | null;
  add(fields: EndpointFieldsIn): EndpointRow;
  /** null when there is no such endpoint. */
  update(id: string, patch: Partial<EndpointFieldsIn>): EndpointRow | null;
  remove(id: string): boolean;
}

interface Raw {
  id: string;
  name: string;
  base_url: string;
  models_json: string;
  data_uri_budget: number;
  realtime_url: string | null;
  created_at: number;
  updated_at: number;
}


function fromRaw(r: Raw): EndpointRow {
  let models: unknown;
  try {
    models = JSON.parse(r.models_json);
  } catch {
    models = [];
  }
  // Any well-formed id: the catalog's, or a model the user entered (one dropped since is refused when used, with a sentence).
  const served = Array.isArray(models) ? models.filter((m): m is ModelId => typeof m === 'string' && MODEL_ID_PATTERN.test(m)) : [];
  return {
    id: r.id, name: r.name, baseUrl: r.base_url, models: served, dataUriBudget: r.data_uri_budget, realtimeUrl: r.realtime_url ?? null,
    createdAt: r.created_at, updatedAt: r.updated_at,
  };
}

export function createEndpointRepo(db: Database, now: () => number): EndpointRepo {
  const q = {
    list: db.prepare<[], Raw>('SELECT * FROM endpoints ORDER BY created_at, id'),
    get: db.prepare<[string], Raw>('SELECT * FROM endpoints WHERE id = ?'),
    insert: db.prepare(`INSERT INTO endpoints (id, name, base_url, models_json, data_uri_budget, realtime_url, created_at, updated_at)
      VALUES (@id, @name, @baseUrl, @models, @dataUriBudget, @realtimeUrl, @at, @at)`),
    update: db.prepare(`UPDATE endpoints SET name = @name, base_url = @baseUrl, models_json = @models,
      data_uri_budget = @dataUriBudget, realtime_url = @realtimeUrl, updated_at = @at WHERE id = @id`),
    remove: db.prepare('DELETE FROM endpoints WHERE id = ?'),
  };
  const get = (id: string): EndpointRow | null => {
    const r = q.get.get(id);
    return r ? fromRaw(r) : null;
  };
  return {
    list: () => q.list.all().map(fromRaw),
    get,
    add(f) {
      const id = `ep_${newId()}`;
      q.insert.run({ id, name: f.name, baseUrl: f.baseUrl, models: JSON.stringify(f.models), dataUriBudget: f.dataUriBudget, realtimeUrl: f.realtimeUrl ?? null, at: now() });
      return get(id)!;
    },
    update(id, patch) {
      const cur = get(id);
      if (!cur) return null;
      const next = { ...cur, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) } as EndpointRow;
      q.update.run({ id, name: next.name, baseUrl: next.baseUrl, models: JSON.stringify(next.models), dataUriBudget: next.dataUriBudget, realtimeUrl: next.realtimeUrl, at: now() });
      return get(id);
    },
    remove: (id) => q.remove.run(id).changes > 0,
  };
}
