// The input-token estimate, calibrated against the server's own counts. Every reply's usage chunk says how
// many prompt tokens of each kind the request took (`prompt_tokens_details`: text, image, audio, video);
// the estimate's rules (shared/estimate.ts) said so much for the same request. Per model and kind, the
// ratio of the two (clamped to 1/4…4, so one odd reply cannot wreck it) is blended into a factor that every
// later estimate is multiplied by — the composer's, a media plan's budget, the history's fit. Kept in the
// settings table, so it survives restarts; a kind the server never reports apart keeps factor 1.
import { findModel } from '../../../shared/catalog';
import { NO_CALIBRATION, TOKEN_KINDS, type Calibration, type TokenKind, type TokensByKind } from '../../../shared/estimate';
import type { Store } from '../store/history-store';

const KEY = 'estimate.calibration';
/** Below these the rules' count says too little to learn from (a template's markers, one tiny picture). */
const MIN_ESTIMATE: TokensByKind = { text: 40, image: 16, audio: 50, video: 50 };
const CLAMP = 4;
/** How much one new reply moves the factor once a few have been seen. */
const LATEST_WEIGHT = 0.35;

type Saved = Record<string, Partial<Record<TokenKind, { factor: number; samples: number }>>>;

export interface CalibrationStore {
  /** The factors for a model (1 for what has not been seen). */
  get(modelId: string): Calibration;
  /** One reply's reported prompt tokens by kind against the rules' count (uncalibrated) of that request. */
  observe(modelId: string, estimated: TokensByKind, reported: Record<string, number>): void;
}

export function createCalibration(store: Pick<Store, 'getSetting' | 'setSetting'>): CalibrationStore {
  const key = (modelId: string) => findModel(modelId)?.id ?? modelId;
  const read = (): Saved => {
    const saved = store.getSetting<Saved>(KEY);
    return saved && typeof saved === 'object' ? saved : {};
  };
  return {
    get(modelId) {
      const own = read()[key(modelId)] ?? {};
      const out = { ...NO_CALIBRATION };
      for (const k of TOKEN_KINDS) {
        const f = own[k]?.factor;
        if (typeof f === 'number' && Number.isFinite(f) && f > 0) out[k] = f;
      }
      return out;
    },
    observe(modelId, estimated, reported) {
      const all = read();
      const own = { ...all[key(modelId)] };
      let changed = false;
      for (const k of TOKEN_KINDS) {
        const said = reported[`${k}_tokens`];
        if (typeof said !== 'number' || said <= 0 || estimated[k] < MIN_ESTIMATE[k]) continue;
        const ratio = Math.min(CLAMP, Math.max(1 / CLAMP, said / estimated[k]));
        const before = own[k];
        const w = before ? Math.max(LATEST_WEIGHT, 1 / (before.samples + 1)) : 1;
        const factor = before ? Math.exp((1 - w) * Math.log(before.factor) + w * Math.log(ratio)) : ratio;
        own[k] = { factor: Math.round(factor * 1e6) / 1e6, samples: (before?.samples ?? 0) + 1 };
        changed = true;
      }
      if (changed) store.setSetting(KEY, { ...all, [key(modelId)]: own });
    },
  };
}
