// customModels.*: the models the user enters, with the capabilities they give (shared/custom-models.ts).
// Changing one may change what the draft's attachments are fitted to (the chosen model's media limits).
import type { Handlers } from '../core-interface';
import { UserError } from '../user-error';
import type { ModelRegistry } from './model-registry';

export function createModelHandlers(d: { registry: ModelRegistry; refit: () => void }): Pick<Handlers, 'customModels.list' | 'customModels.save' | 'customModels.remove'> {
  return {
    'customModels.list': () => d.registry.custom(),
    'customModels.save': (fields) => {
      const saved = d.registry.save(fields);
      d.refit();
      return saved;
    },
    'customModels.remove': ({ id }) => {
      if (!d.registry.remove(id)) throw new UserError('not_found', `${id} is not one of your own models (it may have been removed already).`);
      d.refit();
      return { ok: true as const };
    },
  };
}
