// The contract's names, and nothing else: no zod, no schemas. The sandboxed preload imports only this
// (it forwards a request whose name is listed and leaves the checking of its input to the main process,
// where dispatch() validates it against shared/contract.ts), which keeps the preload a few kilobytes
// instead of carrying every schema. contract.ts checks, at compile time, that its request and event maps
// have exactly these keys: a request added there without its name here fails the type check.
export const REQUEST_NAMES = [
  'app.info',
  'settings.get',
  'settings.update',
  'key.status',
  'key.set',
  'key.clear',
  'endpoints.list',
  'endpoints.add',
  'endpoints.update',
  'endpoints.remove',
  'connection.test',
  'conversations.list',
  'conversations.page',
  'conversations.rename',
  'conversations.get',
  'conversations.updateSettings',
  'conversations.delete',
  'chat.send',
  'chat.stop',
  'chat.regenerate',
  'chat.edit',
  'messages.switchVersion',
  'reply.audio',
  'reply.exportWav',
  'conversation.export',
  'recovery.status',
  'recovery.export',
  'recovery.startFresh',
  'reply.waveform',
  'attachments.addUrl',
  'attachments.addRecording',
  'attachments.addBytes',
  'attachments.target',
  'attachments.list',
  'attachments.remove',
  'attachments.setOptions',
  'playback.report',
  // issue 16
  'conversations.pin',
  'search.conversations',
  'voices.sample',
  // ---- issue 21: the user's own models, Live voice
  'customModels.list',
  'customModels.save',
  'customModels.remove',
  'live.start',
  'live.end',
  'live.mode',
  'live.talk',
  'live.heard',
  'live.status',
  'live.exportWav',
] as const;

/** The window message that carries the audio channel's port from the preload to the page (see PreloadBridge). */
export const AUDIO_PORT_MESSAGE = 'omni:audio-port';

export const EVENT_NAMES = ['chat.event', 'conversations.changed', 'attachment.updated', 'live.event'] as const;

export type RequestName = (typeof REQUEST_NAMES)[number];
export type EventName = (typeof EVENT_NAMES)[number];

const requestNames: ReadonlySet<string> = new Set(REQUEST_NAMES);
const eventNames: ReadonlySet<string> = new Set(EVENT_NAMES);

export function isRequestName(x: unknown): x is RequestName {
  return typeof x === 'string' && requestNames.has(x);
}

export function isEventName(x: unknown): x is EventName {
  return typeof x === 'string' && eventNames.has(x);
}
