// The composer's attachment requests, and which model the draft's attachments are fitted for: the open
// conversation's (the renderer says which with attachments.target), else the global Settings' model.
import type { Handlers } from '../core-interface';
import type { Recordings } from './recording';
import type { AttachmentRegistry } from './registry';

type AttachmentRequests =
  | 'attachments.list' | 'attachments.target' | 'attachments.addUrl' | 'attachments.addRecording' | 'attachments.addBytes'
  | 'attachments.remove' | 'attachments.setOptions';

export interface DraftTarget {
  /** The model the draft's attachments are fitted for now. */
  model(): string;
  /** The open conversation's model (null: none, the global one); true when that changes the target. */
  choose(model: string | null): boolean;
}

export function createDraftTarget(globalModel: () => string): DraftTarget {
  let chosen: string | null = null;
  const model = () => chosen ?? globalModel();
  return {
    model,
    choose(next) {
      const before = model();
      chosen = next;
      return model() !== before;
    },
  };
}

export function createAttachmentHandlers(d: {
  registry: AttachmentRegistry;
  recordings: Recordings;
  target: DraftTarget;
}): Pick<Handlers, AttachmentRequests> {
  const { registry } = d;
  return {
    'attachments.list': () => registry.list(),
    // Limits belong to the model: attachments fitted for another are prepared again.
    'attachments.target': ({ model }) => {
      if (d.target.choose(model)) registry.refit();
      return { ok: true as const };
    },
    'attachments.addUrl': ({ url }) => registry.addUrl(url),
    'attachments.addRecording': (input) => d.recordings.add(input),
    'attachments.addBytes': (input) => d.recordings.addFile(input),
    'attachments.remove': async ({ id }) => {
      await registry.remove(id);
      return { ok: true as const };
    },
    'attachments.setOptions': ({ id, ...opts }) => registry.setOptions(id, opts),
  };
}
