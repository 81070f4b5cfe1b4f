// The global Settings: read from the store (the defaults for whatever is missing or no longer valid) and
// the requests that show and change them. A change of model or endpoint fits the draft's attachments again.
import { voiceForModel, type FindModel } from '../../../shared/catalog';
import { DEFAULT_SETTINGS, Settings } from '../../../shared/domain';
import type { Handlers } from '../core-interface';
import type { Targets } from '../endpoints';
import type { Store } from '../store/history-store';
import { UserError } from '../user-error';
import { unknownModel } from '../models/model-registry';

/** The global Settings as stored, completed with the defaults (all defaults when the row does not parse). */
export function readSettings(store: Pick<Store, 'getSetting'>): Settings {
  const parsed = Settings.safeParse({ ...DEFAULT_SETTINGS, ...(store.getSetting<object>('settings') ?? {}) });
  return parsed.success ? parsed.data : DEFAULT_SETTINGS;
}

/**
 * The first run is over (a key passed Test connection, or a reply completed): the welcome is not shown
 * again. Only ever set here; the user's settings.update may set it too (Skip).
 */
export function markWelcomeDone(store: Pick<Store, 'getSetting' | 'setSetting'>): void {
  const now = readSettings(store);
  if (!now.welcomeDone) store.setSetting('settings', { ...now, welcomeDone: true });
}

export interface SettingsDeps {
  store: Pick<Store, 'getSetting' | 'setSetting'>;
  targets: Targets;
  /** The data-URI budget attachments are fitted to now (the chosen endpoint's). */
  budget: () => number;
  /** Fits the draft's attachments again (their limits belong to the model and the endpoint). */
  refit: () => void;
  version: string;
  shell: 'electron' | 'web';
  /** Finds a model: the catalog's, or one the user entered. */
  findModel: FindModel;
}

export function createSettingsHandlers(d: SettingsDeps): Pick<Handlers, 'app.info' | 'settings.get' | 'settings.update'> {
  const read = () => readSettings(d.store);
  return {
    // Where requests go now: the chosen region's address (a custom endpoint that was removed: Singapore's).
    'app.info': () => ({
      name: 'Omni Desk', version: d.version, shell: d.shell,
      endpoint: (d.targets.find(read().region) ?? d.targets.get('intl')).baseUrl,
    }),

    'settings.get': () => read(),

    'settings.update': (patch) => {
      const prev = read();
      const next: Settings = { ...prev, ...patch };
      const model = d.findModel(next.model);
      if (!model) throw new UserError('invalid_input', unknownModel(next.model));
      // A voice the new model lacks is replaced, so that no request carries a voice the API refuses.
      next.voice = voiceForModel(model.id, next.voice, d.findModel);
      if (!model.thinking) next.thinking = false;
      // A model that answers in text only is never asked to speak.
      if (!model.audioOut) next.speakReplies = false;
      const modelChanged = next.model !== prev.model;
      // A removed custom endpoint cannot be chosen; its data-URI budget fits attachments like a model's limits.
      const budgetChanged = next.region !== prev.region && d.targets.get(next.region).dataUriBudget !== d.budget();
      d.store.setSetting('settings', next);
      // Limits belong to the model: what was fitted for one may be refused by another.
      if (modelChanged || budgetChanged) d.refit();
      return next;
    },
  };
}
