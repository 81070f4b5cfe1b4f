// The one contract between the renderer and the main process. Both shells (Electron IPC, and the
// browser shell's HTTP + WebSocket) bind exactly these requests and events; the renderer's bridge is
// typed by them. Inputs are validated against these schemas at the boundary, in the main process.
import { z } from './zod';
import {
  AttachmentView, ConversationDetail, ConversationSettings, ConversationSummary, ErrorInfo, Id, KeyStatus, Language, Message, ModelId,
  ReplyStatus, Settings, Usage, VoiceId,
} from './domain';
import { ConversationSearchInput, ConversationSearchResult } from './search';
import { ApiKeyInput, ConnectionResult, Endpoint, EndpointAdd, EndpointUpdate, RegionSelector } from './endpoints';
import { EndpointId } from './domain';
import { RecoveryExportResult, RecoveryStatus, StartFreshResult } from './recovery';
import { PAGE_BYTES_MAX } from './byte-limits';
import { CustomModel, CustomModelFields } from './custom-models';
import { LiveEvent, liveRequests } from './live';
import type { LiveAudioChannel } from './live-audio';
import { PLAYBACK_REPORT_MAX_CHUNKS } from './defaults';
import type { EventName, RequestName } from './contract-names';

export { AUDIO_PORT_MESSAGE, EVENT_NAMES, REQUEST_NAMES, isEventName, isRequestName, type EventName, type RequestName } from './contract-names';

/** Raw bytes. Over IPC a Uint8Array is structured-cloned; over the WebSocket it travels as a binary frame. */
export const Binary = z.instanceof(Uint8Array);

/** The largest recording attachments.addRecording takes (and file attachments.addBytes takes): see byte-limits.ts. */
export const RECORDING_MAX_BYTES = PAGE_BYTES_MAX;
// Zod-free, so the renderer reads them without bringing zod into its first load (see defaults.ts).
export { MAX_DRAFT_ATTACHMENTS, PLAYBACK_REPORT_MAX_CHUNKS } from './defaults';

/** A recording made in the page (MediaRecorder): no path exists for it, so its bytes cross the boundary. */
export const RecordingInput = z
  .object({
    /** What its chip shows. */
    name: z.string().trim().min(1).max(120).regex(/^[^/\\\0]+$/, 'A recording name has no slashes.'),
    mimeType: z.string().max(100).regex(/^audio\/[a-z0-9.+-]+(;.*)?$/i, 'A recording must be audio.'),
    bytes: Binary.refine((b) => b.byteLength > 0, 'The recording is empty. Record again.')
      .refine((b) => b.byteLength <= RECORDING_MAX_BYTES, `A recording may be at most ${RECORDING_MAX_BYTES / 1024 / 1024} MB.`),
  })
  .strict();
export type RecordingInput = z.input<typeof RecordingInput>;

/**
 * A file the page holds only in memory — a pasted screenshot, a picture dragged from a web page — for which
 * Electron has no path (webUtils.getPathForFile gives ''): its bytes cross, like a recording's, with the same
 * cap, and it becomes an ordinary attachment. ffprobe decides what it is; the type is only a hint.
 */
export const MemoryFileInput = z
  .object({
    name: z.string().trim().min(1).max(255).regex(/^[^/\\\0]+$/, 'A file name has no slashes.'),
    mimeType: z.string().max(100),
    bytes: Binary.refine((b) => b.byteLength > 0, 'The file is empty. Copy or drag it again.')
      .refine((b) => b.byteLength <= PAGE_BYTES_MAX, `A pasted or dragged-in file may be at most ${PAGE_BYTES_MAX / 1024 / 1024} MB. Save it to a folder and attach it from there.`),
  })
  .strict();
export type MemoryFileInput = z.input<typeof MemoryFileInput>;

const Empty = z.object({}).strict();

import { TITLE_MAX } from './defaults';
export { TITLE_MAX };
export const ConversationTitle = z
  .string()
  .trim()
  .min(1, 'A title cannot be empty. Type a few words, or press Escape to keep the old one.')
  .max(TITLE_MAX, `A title can be at most ${TITLE_MAX} characters. Shorten it and save again.`);
const Ok = z.object({ ok: z.literal(true) });

export const SendInput = z
  .object({
    /** null starts a new conversation. */
    conversationId: Id.nullable(),
    text: z.string().max(100_000),
    attachmentIds: z.array(Id).max(128).default([]),
    /** Per-turn overrides of the settings; what is absent comes from the saved settings. */
    options: z
      .object({
        model: ModelId,
        voice: VoiceId,
        speakReplies: z.boolean(),
        thinking: z.boolean(),
        systemPrompt: ConversationSettings.shape.systemPrompt,
      })
      .partial()
      .strict()
      .default({}),
  })
  .strict()
  .refine((x) => x.text.trim().length > 0 || x.attachmentIds.length > 0, {
    message: 'Type a message or attach a file before sending.',
    path: ['text'],
  });
export type SendInput = z.input<typeof SendInput>;

export const SendResult = z.object({
  conversationId: Id,
  userMessage: Message,
  assistantMessage: Message,
});

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  shell: z.enum(['electron', 'web']),
  /** Where the API requests go (no key). */
  endpoint: z.string(),
});

export const requests = {
  'app.info': { input: Empty, output: AppInfo },
  'settings.get': { input: Empty, output: Settings },
  'settings.update': { input: Settings.partial().strict(), output: Settings },
  // ---- regions: each DashScope region and each custom endpoint has its own key (absent region: the chosen one)
  'key.status': { input: RegionSelector, output: KeyStatus },
  'key.set': { input: RegionSelector.extend({ key: ApiKeyInput }).strict(), output: KeyStatus },
  'key.clear': { input: RegionSelector, output: KeyStatus },
  /** Custom OpenAI-compatible endpoints, oldest first; each is a choice under Region. */
  'endpoints.list': { input: Empty, output: z.array(Endpoint) },
  'endpoints.add': { input: EndpointAdd, output: Endpoint },
  'endpoints.update': { input: EndpointUpdate, output: Endpoint },
  /** Forgets the endpoint and its key; if it was chosen, Settings go back to Singapore. */
  'endpoints.remove': { input: z.object({ id: EndpointId }).strict(), output: Ok },
  /** One tiny streamed request with that region's key and address: the model's answer, or the exact problem. */
  'connection.test': { input: RegionSelector, output: ConnectionResult },
  'conversations.list': {
    input: z.object({ limit: z.number().int().min(1).max(1000).default(200) }).strict(),
    output: z.array(ConversationSummary),
  },
  /**
   * One page of the list — pinned conversations first, then the newest activity — with how many there are in
   * all and how many are pinned (the first `pinned` rows of the whole list), read together. `dateBounds`
   * (ms, e.g. the starts of today, yesterday, 7 days ago and of each month, as the renderer's calendar has
   * them): for each, how many unpinned conversations were last active at or after it (`activeSince`, aligned),
   * so the list can place its date headings before it has fetched the rows under them.
   */
  'conversations.page': {
    input: z.object({
      offset: z.number().int().min(0), limit: z.number().int().min(1).max(1000),
      dateBounds: z.array(z.number().int()).max(64).default([]),
    }).strict(),
    output: z.object({
      total: z.number().int().nonnegative(), pinned: z.number().int().nonnegative(), items: z.array(ConversationSummary),
      activeSince: z.array(z.number().int().nonnegative()),
    }),
  },
  /** A new title; the conversation keeps its place in the list. Announced by conversations.changed. */
  'conversations.rename': { input: z.object({ id: Id, title: ConversationTitle }).strict(), output: ConversationSummary },
  /** The conversation with its own settings (convsettings), which its turns are sent with. */
  /**
   * The conversation as shown. `last`: only the shown path's last messages (and how many came before them), so
   * that a long conversation is on screen before the rest of it is read.
   */
  'conversations.get': { input: z.object({ id: Id, last: z.number().int().positive().max(1_000).optional() }).strict(), output: ConversationDetail.extend({ settings: ConversationSettings }) },
  /** Changes one conversation's settings (the rules applied: Thinking on turns Speak replies off); returns them. */
  'conversations.updateSettings': {
    input: z.object({ id: Id, settings: ConversationSettings.partial().strict() }).strict(),
    output: ConversationSettings,
  },
  'conversations.delete': { input: z.object({ id: Id }).strict(), output: Ok },
  'chat.send': { input: SendInput, output: SendResult },
  'chat.stop': { input: z.object({ messageId: Id }).strict(), output: z.object({ stopped: z.boolean() }) },
  // branch
  /** A new version of a reply (also Retry), streamed like chat.send's; the earlier one stays a version. */
  'chat.regenerate': { input: z.object({ messageId: Id }).strict(), output: SendResult },
  /** A new version of a question (its files kept) and a reply to it; the earlier ones stay versions. */
  'chat.edit': { input: z.object({ messageId: Id, text: z.string().max(100_000) }).strict(), output: SendResult },
  /** Shows that version of its turn and the newest path after it; answers the conversation as now shown. */
  'messages.switchVersion': { input: z.object({ messageId: Id }).strict(), output: ConversationDetail },
  /** A stored reply's audio: PCM16 LE mono at 24 kHz. */
  'reply.audio': {
    input: z.object({ messageId: Id }).strict(),
    output: z.object({ sampleRate: z.literal(24_000), pcm: Binary }),
  },
  /**
   * Saves a reply's audio as a 16-bit mono 24 kHz .wav. Electron asks where with the save dialog (saved is
   * false when the user cancels); the browser shell's bridge downloads GET /export/wav/<messageId> instead.
   */
  'reply.exportWav': { input: z.object({ messageId: Id }).strict(), output: z.object({ saved: z.boolean() }) },
  // safety
  /**
   * Saves a whole conversation: `<title>.md` with its media beside it in media/, and `<title>.wav` (every
   * reply's audio joined by half a second of silence). Electron asks for a folder and writes a new one in it
   * (saved is false when the user cancels); the browser shell's bridge downloads GET
   * /export/conversation/<id> (one .zip) instead.
   */
  'conversation.export': { input: z.object({ id: Id }).strict(), output: z.object({ saved: z.boolean() }) },
  /** Whether the app started without a history because the file is damaged (see shared/recovery.ts). */
  'recovery.status': { input: Empty, output: RecoveryStatus },
  /**
   * Writes every conversation that can still be read from the damaged file as Markdown. Electron: into a new
   * folder in one the user picks; the browser shell's bridge downloads GET /recovery/export (a .zip).
   */
  'recovery.export': { input: Empty, output: RecoveryExportResult },
  /** Keeps the damaged file aside (omni-desk.damaged-<timestamp>.db) and starts a new, empty history. */
  'recovery.startFresh': { input: Empty, output: StartFreshResult },
  // media
  /** A reply's waveform for drawing: the loudest sample of each of `buckets` equal slices, 0..1. */
  'reply.waveform': {
    input: z.object({ messageId: Id, buckets: z.number().int().min(8).max(2000).default(200) }).strict(),
    output: z.object({ samples: z.number().int().nonnegative(), peaks: z.array(z.number().min(0).max(1)) }),
  },
  /**
   * Attaching a local file has no request here on purpose: the main process only reads paths the user
   * dropped or picked, which reach it outside the contract (Electron: the preload's webUtils.getPathForFile
   * on its own channel; the browser shell: bytes uploaded to POST /upload). See OmniBridge.attachFiles.
   */
  /** A pasted http(s) link to a picture, recording or video: sent as the link (the API fetches it, we do not). */
  'attachments.addUrl': { input: z.object({ url: z.string().trim().min(1).max(4096) }).strict(), output: AttachmentView },
  /**
   * A microphone recording made in the page (WebM/Opus from MediaRecorder): written to a temporary file in
   * the data folder and attached like a dropped file (probed, converted to a listed format, fitted).
   */
  'attachments.addRecording': { input: RecordingInput, output: AttachmentView },
  /**
   * A file with no path, only bytes (see MemoryFileInput): Electron's preload sends it from attachFiles; the
   * browser shell's bridge uploads every file to POST /upload instead. Written to a temporary file in the
   * data folder and attached like a dropped file.
   */
  'attachments.addBytes': { input: MemoryFileInput, output: AttachmentView },
  /**
   * The model the draft will go to (the open conversation's, convsettings): attachments are fitted to its
   * limits, and fitted again when it changes.
   */
  'attachments.target': { input: z.object({ model: ModelId }).strict(), output: Ok },
  /** The attachments waiting to be sent (a reloaded window shows them again). */
  'attachments.list': { input: Empty, output: z.array(AttachmentView) },
  /** Drops an attachment and cancels any work on it. */
  'attachments.remove': { input: z.object({ id: Id }).strict(), output: Ok },
  /**
   * Moves a long file's kept part (`windowStartSec`: where it starts; its length is the most the model takes),
   * switches a video between a trimmed file and frames, or asks it to take at most `maxTokens` input tokens
   * (null: the model's own limit); the core plans and prepares exactly that again.
   */
  'attachments.setOptions': {
    input: z
      .object({
        id: Id,
        windowStartSec: z.number().nonnegative().max(1e7).optional(),
        videoMode: z.enum(['file', 'frames']).optional(),
        maxTokens: z.number().int().positive().max(10_000_000).nullable().optional(),
      })
      .strict(),
    output: AttachmentView,
  },
  // ---- issue 16: a window that welcomes, adapts and finds things (pins, grouped search, voice samples). The
  // rest of it lives in Settings (generateTitles, theme, welcomeDone) and ConversationSummary (pinned, hasMedia,
  // titleSource, titleMedia, titleUsage); see the README's "Titles, pins, search and voice samples".
  /** Pins or unpins a conversation (its updatedAt stays); answers its summary. Announced by conversations.changed. */
  'conversations.pin': { input: z.object({ id: Id, pinned: z.boolean() }).strict(), output: ConversationSummary },
  /**
   * Search grouped by conversation: the conversations with the newest hits first, each with its newest few
   * hits (role, snippet with match ranges), filtered by speaker and by "has media". Every term must match
   * (3+ characters by the trigram index, shorter ones by LIKE), case-insensitive, any language.
   */
  'search.conversations': { input: ConversationSearchInput, output: ConversationSearchResult },
  /**
   * A short sample of a voice, said by the model (the chosen region's key; a tiny text+audio request), kept
   * on disk per model, voice and language so it is paid once and plays offline. Play it from
   * `voice-sample/<sampleId>.wav` (renderer/bridge/media-url.ts voiceSampleUrl). Asked twice at once, one
   * request. `language`: the sentence's (default: Settings.language).
   */
  'voices.sample': {
    input: z.object({ model: ModelId, voice: VoiceId, language: Language.optional() }).strict(),
    output: z.object({
      sampleId: Id, text: z.string(), durationMs: z.number().int().nonnegative(),
      /** Played from disk: no request was made this time. */
      cached: z.boolean(),
    }),
  },
  /** The renderer reports playback health (underruns) so the main process can log and benchmark it. */
  'playback.report': {
    input: z
      .object({
        messageId: Id,
        underruns: z.number().int().nonnegative(),
        playedSamples: z.number().int().nonnegative(),
        firstSoundMs: z.number().nonnegative().nullable(),
        /** Per audio chunk: ms from its arrival in the core to its samples being queued in the worklet (the first ones). */
        queueLatencyMs: z.array(z.number()).max(PLAYBACK_REPORT_MAX_CHUNKS).default([]),
      })
      .strict(),
    output: Ok,
  },
  // ---- issue 21: models the user enters (shared/custom-models.ts) and Live voice (shared/live.ts, live-audio.ts)
  /** The user's own models, oldest first: ids the catalog does not know, with the capabilities the user gave. */
  'customModels.list': { input: Empty, output: z.array(CustomModel) },
  /** Adds a model of the user's own, or changes the one with that id; answers it as kept. */
  'customModels.save': { input: CustomModelFields, output: CustomModel },
  /** Forgets one; settings that named it then say to pick another model. */
  'customModels.remove': { input: z.object({ id: ModelId }).strict(), output: Ok },
  ...liveRequests,
} as const satisfies Record<RequestName, { input: z.ZodType; output: z.ZodType }>;

export type RequestInput<K extends RequestName> = z.input<(typeof requests)[K]['input']>;
export type ParsedInput<K extends RequestName> = z.output<(typeof requests)[K]['input']>;
export type RequestOutput<K extends RequestName> = z.output<(typeof requests)[K]['output']>;

const streamRef = { conversationId: Id, messageId: Id };

/** Everything a reply streams, in order, for one assistant message. */
export const ChatEvent = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text'), ...streamRef, delta: z.string() }),
  z.object({ kind: z.literal('reasoning'), ...streamRef, delta: z.string() }),
  /** PCM16 LE mono 24 kHz, decoded from base64 in the main process. `seq` counts audio events from 0. */
  z.object({
    kind: z.literal('audio'), ...streamRef, seq: z.number().int().nonnegative(), pcm: Binary,
    /** When the core received the chunk (ms since epoch), for latency measurement. */
    receivedAt: z.number(),
    /**
     * Set when the samples went on the audio channel instead (issue 20: shared/audio-frame.ts, straight into
     * the worklet): then `pcm` is empty and this says how many samples the chunk held.
     */
    samples: z.number().int().nonnegative().optional(),
  }),
  z.object({ kind: z.literal('usage'), ...streamRef, usage: Usage }),
  /**
   * The API answered 429: the core waits and asks again. `retryAt` (ms since epoch) is when; `delayMs` the
   * wait from now; `attempt` counts retries from 1 up to `maxAttempts`. Text follows when it succeeds.
   */
  z.object({
    kind: z.literal('retrying'), ...streamRef, attempt: z.number().int().positive(), maxAttempts: z.number().int().positive(),
    retryAt: z.number(), delayMs: z.number().nonnegative(),
  }),
  /** The oldest turns of the history were left out of this reply's request to fit the model's input limit. */
  z.object({ kind: z.literal('trimmed'), ...streamRef, turnsLeftOut: z.number().int().positive() }),
  z.object({ kind: z.literal('outcome'), ...streamRef, status: ReplyStatus, error: ErrorInfo.nullable() }),
]);
export type ChatEvent = z.infer<typeof ChatEvent>;

export const events = {
  'chat.event': ChatEvent,
  /** The list of conversations changed (a new one, a new title, a delete). */
  'conversations.changed': z.object({ conversationId: Id.nullable() }),
  /** An attachment was added or its checking/preparing moved on. */
  'attachment.updated': z.object({ attachment: AttachmentView }),
  // ---- issue 21
  /** A live voice session moved on (shared/live.ts); its audio goes on the session's own channel (live-audio.ts). */
  'live.event': LiveEvent,
} as const satisfies Record<EventName, z.ZodType>;

export type EventPayload<E extends EventName> = z.infer<(typeof events)[E]>;

/** What crosses the boundary for a request: a value, or an error the user can read. */
export type Reply<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

/**
 * The renderer's only way out. The Electron preload and the browser shell's WebSocket client both
 * implement it; the renderer cannot tell which one it has.
 */
export interface OmniBridge {
  /** Resolves with the output, or rejects with a BridgeError carrying an ErrorInfo. */
  invoke<K extends RequestName>(name: K, input: RequestInput<K>): Promise<RequestOutput<K>>;
  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void;
  /**
   * Hands dropped or picked files to the main process; each becomes an attachment announced by
   * `attachment.updated` events. Rejects (BridgeError) only when a file could not be handed over at all.
   */
  attachFiles(files: readonly AttachableFile[]): Promise<void>;
  /**
   * Opens this page's audio channel (issue 20): a port (the DOM's MessagePort) whose messages are audio
   * frames (shared/audio-frame.ts), for the page to transfer into its AudioWorklet, so that reply audio
   * never waits on the page's main thread. From then on the audio chat.events this page gets carry no
   * samples (`samples` says how many went on the channel). Null where the shell offers no channel.
   */
  openAudioChannel(): Promise<AudioChannelPort | null>;
  /**
   * Opens a live voice session's audio channel (shared/live-audio.ts frames both ways) once live.start answered:
   * Electron the session's MessagePort from the main process, the browser shell a WebSocket at /live/<sessionId>.
   * Rejects (BridgeError) when it cannot be opened (the session is not open, the connection is gone).
   */
  openLiveAudio(sessionId: string): Promise<LiveAudioChannel>;
}

/** The DOM's MessagePort, typed structurally so this module needs no DOM types. */
export interface AudioChannelPort {
  close(): void;
}

/**
 * What the Electron preload puts on window.omni: the contract, except the two channels whose MessagePorts cannot
 * cross contextBridge.
 * - The reply-audio channel (issue 20): requestAudioChannel() asks the main process for it and returns the
 *   request's token; the preload then posts the port to this window ({type: AUDIO_PORT_MESSAGE (contract-names.ts),
 *   token}, transfer [port]), and renderer/bridge/electron.ts takes it from there.
 * - A live voice session's audio (issue 21): openLiveAudio posts the session's port to the page (window 'message',
 *   LIVE_PORT_MESSAGE in shared/live-audio.ts) and renderer/bridge/electron.ts turns it into the LiveAudioChannel.
 */
export type PreloadBridge = Omit<OmniBridge, 'openAudioChannel' | 'openLiveAudio'> & {
  requestAudioChannel(): string;
  openLiveAudio(sessionId: string): Promise<void>;
};

/** A dropped or picked file (the DOM's File), typed structurally so this module needs no DOM types. */
export interface AttachableFile {
  readonly name: string;
  readonly size: number;
  readonly type: string;
  /** Its bytes: read only for a file that has no path (a pasted or web-dragged one, in Electron). */
  arrayBuffer(): Promise<ArrayBuffer>;
}

export { BridgeError } from './bridge-error';
export type { LiveAudioChannel } from './live-audio';
