// The region requests: keys per region or endpoint, custom endpoints, and Test connection.
import type { Settings } from '../../../shared/domain';
import type { Endpoint } from '../../../shared/endpoints';
import { UserError } from '../user-error';
import type { Handlers } from '../core-interface';
import type { KeyVault } from '../keys';
import { testConnection } from './connection';
import type { EndpointRepo, EndpointRow } from './repo';
import { isDashScopeRegion, otherRegion, type Targets } from './targets';

type RegionHandlers = Pick<Handlers,
  'key.status' | 'key.set' | 'key.clear' | 'endpoints.list' | 'endpoints.add' | 'endpoints.update' | 'endpoints.remove' | 'connection.test'>;

export interface RegionDeps {
  vault: KeyVault;
  targets: Targets;
  repo: EndpointRepo;
  fetch: typeof globalThis.fetch;
  readSettings: () => Settings;
  /** The chosen endpoint was removed: choose Singapore again. */
  resetRegion: () => void;
  /** The chosen endpoint's data-URI budget changed: attachments are fitted again. */
  refit: () => void;
  /** Whether the app knows this model (the catalog's, chat or Realtime, or one the user entered). */
  knowsModel: (id: string) => boolean;
  /** The sentence for a model it does not know. */
  unknownModel: (id: string) => string;
  /** A key passed Test connection (the first run's welcome is over). */
  keyWorks?: () => void;
}

const gone = () => new UserError('not_found', 'That custom endpoint no longer exists. It may have been removed in another window.');

export function createRegionHandlers(d: RegionDeps): RegionHandlers {
  /** The region a key request is about: the one named, or the one chosen; a custom one must exist. */
  const regionOf = (region: string | undefined): string => {
    const r = region ?? d.readSettings().region;
    d.targets.get(r);
    return r;
  };
  const view = (e: EndpointRow): Endpoint => ({ ...e, key: d.vault.status(e.id) });
  /** An endpoint lists only models the app knows: a new one is added under Settings → Models first. */
  const refuseUnknown = (models: readonly string[] | undefined) => {
    const unknown = models?.find((m) => !d.knowsModel(m));
    if (unknown !== undefined) throw new UserError('invalid_input', d.unknownModel(unknown));
  };

  return {
    'key.status': ({ region }) => d.vault.status(regionOf(region)),
    'key.set': async ({ region, key }) => d.vault.set(regionOf(region), key),
    'key.clear': async ({ region }) => d.vault.clear(regionOf(region)),

    'endpoints.list': () => d.repo.list().map(view),

    'endpoints.add': async ({ key, ...fields }) => {
      refuseUnknown(fields.models);
      const row = d.repo.add(fields);
      if (key) await d.vault.set(row.id, key);
      return view(row);
    },

    'endpoints.update': async ({ id, key, ...patch }) => {
      const before = d.repo.get(id);
      if (!before) throw gone();
      refuseUnknown(patch.models);
      const row = d.repo.update(id, patch);
      if (!row) throw gone();
      if (key === null) await d.vault.clear(id);
      else if (key !== undefined) await d.vault.set(id, key);
      if (d.readSettings().region === id && row.dataUriBudget !== before.dataUriBudget) d.refit();
      return view(row);
    },

    'endpoints.remove': async ({ id }) => {
      if (!d.repo.remove(id)) throw gone();
      await d.vault.clear(id);
      if (d.readSettings().region === id) {
        d.resetRegion();
        d.refit();
      }
      return { ok: true as const };
    },

    'connection.test': async ({ region }) => {
      const settings = d.readSettings();
      const target = d.targets.get(region ?? settings.region);
      // A custom endpoint is tested with the chosen model when it serves it, else with the first it serves.
      const model = target.models === null || target.models.includes(settings.model) ? settings.model : target.models[0]!;
      const result = await testConnection({
        fetch: d.fetch, target, model,
        apiKey: await d.vault.get(target.region),
        other: isDashScopeRegion(target.region) ? d.targets.get(otherRegion(target.region)) : null,
        // A test should answer quickly; a stalled server is reported like any other problem.
        stallTimeoutMs: Math.min(settings.stallTimeoutMs, 15_000),
      });
      if (result.ok) d.keyWorks?.();
      return result;
    },
  };
}
