// Where a request for a region goes: DashScope's Singapore or Beijing endpoint, or a custom endpoint
// from the table. Everything a request needs besides the key, resolved in one place.
import { DASHSCOPE_DATA_URI_BUDGET, REGIONS } from '../../../shared/catalog';
import { realtimeUrlFor } from '../../../shared/realtime-catalog';
import { DASHSCOPE_REGION_IDS, type RegionRef } from '../../../shared/domain';
import { UserError } from '../user-error';
import type { EndpointRepo } from './repo';

export type DashScopeRegion = (typeof DASHSCOPE_REGION_IDS)[number];
export type BaseUrls = Record<DashScopeRegion, string>;

/** DashScope's real addresses (the reference's table). */
export const DEFAULT_BASE_URLS: BaseUrls = { intl: REGIONS.intl.baseUrl, cn: REGIONS.cn.baseUrl };

export interface Target {
  region: RegionRef;
  kind: 'dashscope' | 'custom';
  /** For messages: "Singapore (International)", or the endpoint's name. */
  label: string;
  baseUrl: string;
  /** The largest base64 data-URI item this endpoint accepts (characters). */
  dataUriBudget: number;
  /** The models it serves; null: the whole catalog (DashScope). */
  models: readonly string[] | null;
  /** Its Realtime WebSocket address (Live voice): DashScope's beside its chat address; a custom endpoint's if given. */
  realtimeUrl: string | null;
}

export const isDashScopeRegion = (r: string): r is DashScopeRegion => (DASHSCOPE_REGION_IDS as readonly string[]).includes(r);

/** The other DashScope region: a key refused by one may belong to the other. */
export const otherRegion = (r: DashScopeRegion): DashScopeRegion => (r === 'intl' ? 'cn' : 'intl');

export function createTargets(o: { baseUrls: BaseUrls; repo: EndpointRepo }) {
  /** null when the region names a custom endpoint that no longer exists. */
  function find(region: RegionRef): Target | null {
    if (isDashScopeRegion(region)) {
      return {
        region, kind: 'dashscope', label: REGIONS[region].label, baseUrl: o.baseUrls[region].replace(/\/+$/, ''),
        dataUriBudget: DASHSCOPE_DATA_URI_BUDGET, models: null, realtimeUrl: realtimeUrlFor(o.baseUrls[region]),
      };
    }
    const e = o.repo.get(region);
    if (!e) return null;
    return { region, kind: 'custom', label: e.name, baseUrl: e.baseUrl, dataUriBudget: e.dataUriBudget, models: e.models, realtimeUrl: e.realtimeUrl };
  }
  return {
    find,
    get(region: RegionRef): Target {
      const t = find(region);
      if (!t) throw new UserError('not_found', 'That custom endpoint no longer exists. Choose a region or another endpoint under Region in Settings.');
      return t;
    },
  };
}
export type Targets = ReturnType<typeof createTargets>;

/** Refuses a model the chosen endpoint does not serve, naming the ones it does. */
export function checkServed(target: Target, model: string, label: string): void {
  if (target.models === null || target.models.includes(model)) return;
  throw new UserError(
    'invalid_input',
    `${target.label} serves only ${target.models.join(', ')}, not ${label}. Choose one of those as the model, or another region in Settings.`,
  );
}
