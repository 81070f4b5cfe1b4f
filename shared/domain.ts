// Domain shapes shared by the core, both shells and the renderer. The runtime schemas are the source;
// the TypeScript types are inferred from them so the two cannot drift apart.
import { z } from './zod';
import { SYSTEM_PROMPT_MAX } from './defaults';
import { MODEL_ID_PATTERN } from './catalog';
import { MediaNote } from './media-notes';

/** Opaque ids: the renderer never sees a path. */
export const Id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'not a valid id');
export type Id = z.infer<typeof Id>;

/**
 * A model id: one of the catalog's or one the user entered (shared/custom-models.ts). The schema checks only its
 * shape; whether the app knows the model is the core's to say (its model registry), with a sentence.
 */
export const ModelId = z
  .string()
  .trim()
  .regex(MODEL_ID_PATTERN, 'A model id is letters, digits and . _ : / - (at most 128), as the provider writes it, for example qwen3.5-omni-plus.');
export const VoiceId = z.string().min(1).max(40);

/**
 * What became of a reply. `streaming` while it arrives; `interrupted` when the app stopped while it was
 * streaming (found so on the next start).
 */
export const ReplyStatus = z.enum(['streaming', 'complete', 'cut_off', 'cancelled', 'failed', 'stalled', 'interrupted']);
export type ReplyStatus = z.infer<typeof ReplyStatus>;
export const FINAL_STATUSES = ['complete', 'cut_off', 'cancelled', 'failed', 'stalled', 'interrupted'] as const;

export const Role = z.enum(['user', 'assistant']);
export type Role = z.infer<typeof Role>;

/** Token counts as the usage chunk gives them; the per-modality details only when present. */
export const Usage = z.object({
  promptTokens: z.number().int().nonnegative(),
  completionTokens: z.number().int().nonnegative(),
  totalTokens: z.number().int().nonnegative(),
  promptDetails: z.record(z.string(), z.number()),
  completionDetails: z.record(z.string(), z.number()),
  /** How many of the oldest turns were left out of the request to fit the input limit (absent: none). */
  turnsLeftOut: z.number().int().nonnegative().optional(),
});
export type Usage = z.infer<typeof Usage>;

/** Kinds of failure the renderer can explain in the user's language; `message` is the English fallback. */
export const ErrorKind = z.enum([
  'no_key', 'auth', 'bad_request', 'arrearage', 'rate_limit', 'quota', 'moderation', 'model_not_found',
  'too_large', 'media_refused', 'network', 'server', 'stalled', 'cut_off', 'invalid_input', 'not_found',
  'busy', 'internal', 'unknown', 'disk_full',
  // A voice sample (voices.sample): the model answered without sound.
  'no_audio',
]);
export type ErrorKind = z.infer<typeof ErrorKind>;

export const ErrorInfo = z.object({
  kind: ErrorKind,
  /** A sentence for the user: what happened and what to do. */
  message: z.string(),
  httpStatus: z.number().int().nullable().default(null),
  code: z.string().nullable().default(null),
  requestId: z.string().nullable().default(null),
  /** The server's own words, when it gave any. */
  serverMessage: z.string().nullable().default(null),
  /** The folder a local fault is about (disk_full: where the app's data lives), so every language can name it. */
  folder: z.string().optional(),
  /** What happened as a code with parameters (shared/media-notes.ts), for the window to word in its language. */
  note: MediaNote.nullable().optional(),
});
export type ErrorInfo = z.infer<typeof ErrorInfo>;

export const ReplyAudio = z.object({
  sampleRate: z.literal(24_000),
  /** Number of 16-bit mono samples stored. */
  samples: z.number().int().nonnegative(),
});

/** A file sent with a user message, as the conversation shows it (the prepared media stays in the main process). */
export const MessageAttachment = z.object({
  id: Id,
  kind: z.enum(['image', 'audio', 'video']),
  name: z.string(),
  /** What was done to it before sending, as its chip said (English). */
  summary: z.string(),
  /** The same as codes with parameters, for the window to word (absent for files sent before they were kept). */
  notes: z.array(MediaNote).optional(),
  /**
   * How the conversation can show it again from the app's store (media/<id>): the file as a picture,
   * recording or video, a video's frames as pictures, or nothing kept here (a link the API fetched).
   */
  shown: z.enum(['image', 'audio', 'video', 'frames', 'link']).optional(),
  /** A recording's or a video's length in seconds (a player says it before the file's metadata has loaded). */
  durationSec: z.number().positive().optional(),
});
export type MessageAttachment = z.infer<typeof MessageAttachment>;

export const AttachmentState = z.enum(['probing', 'preparing', 'ready', 'error']);
export type AttachmentState = z.infer<typeof AttachmentState>;

/** What the probe found in a file (or knows of a link), for the chip's one line and its details. */
export const MediaFacts = z.object({
  /** What a person calls the format: MP4, MP3, PNG… (a link: null). */
  format: z.string().nullable(),
  durationSec: z.number().nonnegative().nullable(),
  bytes: z.number().nonnegative().nullable(),
  width: z.number().nonnegative().nullable(),
  height: z.number().nonnegative().nullable(),
  /** A video with a sound track. */
  hasAudio: z.boolean(),
  /** A pasted link: its host (nothing of it is fetched here). */
  linkHost: z.string().nullable().default(null),
});
export type MediaFacts = z.infer<typeof MediaFacts>;

/**
 * What the window can show of a draft attachment before it is sent, made by the core with ffmpeg and served
 * by opaque id (`draft/<attachmentId>/thumb`, `…/strip`, `…/kept`; never a path).
 */
export const AttachmentPreview = z.object({
  /** A small picture: the image itself, or a frame of the video. */
  thumb: z.boolean(),
  /** A video's filmstrip: this many frames side by side, evenly across the whole file (0: none). */
  strip: z.number().int().nonnegative(),
  /** An audio file's (or a video's sound's) waveform across the whole file, 0..1 per bar (empty: none). */
  peaks: z.array(z.number().min(0).max(1)),
  /** The prepared part can be played (`draft/<id>/kept`); `keptVersion` changes each time it is made again. */
  kept: z.boolean(),
  keptVersion: z.number().int().nonnegative(),
});
export type AttachmentPreview = z.infer<typeof AttachmentPreview>;
export const NO_PREVIEW: AttachmentPreview = { thumb: false, strip: 0, peaks: [], kept: false, keptVersion: 0 };

/** One attachment waiting to be sent, as its chip shows it. The renderer only ever sees the id. */
export const AttachmentView = z.object({
  id: Id,
  name: z.string(),
  state: AttachmentState,
  /** 0..1 while preparing. */
  progress: z.number().min(0).max(1),
  /** Its checking or preparing waits for its turn (a few files are worked on at once); the chip says "Waiting…". */
  waiting: z.boolean().default(false),
  /** The kind the probe found (a link: from its extension); null until known. */
  kind: z.enum(['image', 'audio', 'video']).nullable().default(null),
  /** What the probe found, once known. */
  facts: MediaFacts.nullable().default(null),
  /** What will be done before sending, once planned, as codes with parameters (shared/media-notes.ts). */
  notes: z.array(MediaNote).default([]),
  /** Why it cannot be sent, as a code with parameters; null when it can. */
  problem: MediaNote.nullable().default(null),
  /** English wording of the above (logs, tests, and the core's own messages); the window words the codes. */
  found: z.string().nullable(),
  plan: z.string().nullable(),
  error: z.string().nullable(),
  /** Ways this file may be sent (a video over the limit: as a trimmed file or as frames); empty when there is no choice. */
  choices: z.array(z.enum(['file', 'frames'])),
  videoMode: z.enum(['file', 'frames']).nullable(),
  windowStartSec: z.number().nonnegative().nullable(),
  /** When only part of a long file fits: the latest the kept window may start (seconds); else null. */
  maxStartSec: z.number().nonnegative().nullable().default(null),
  /** The part that will be sent of a long file: its start and length within the file's whole length. */
  keep: z
    .object({ startSec: z.number().nonnegative(), durationSec: z.number().nonnegative(), totalSec: z.number().nonnegative() })
    .nullable()
    .default(null),
  /** A smaller input-token budget asked for this attachment (the composer's "fit to the room left"); null: the model's. */
  maxTokens: z.number().int().positive().nullable().default(null),
  preview: AttachmentPreview.default(NO_PREVIEW),
  /** What the prepared media measures (kind, seconds, size), for the input-token estimate; null until known. */
  measure: z
    .object({
      sendAs: z.enum(['image', 'audio', 'video', 'frames']),
      durationSec: z.number().nonnegative().nullable(),
      width: z.number().nonnegative().nullable(),
      height: z.number().nonnegative().nullable(),
      count: z.number().int().positive(),
      /** A video file with a sound track (its sound counts too). */
      hasAudio: z.boolean().default(true),
      /** The core's estimate of its input tokens for the model it was fitted for, calibrated by reported usage. */
      tokens: z.number().int().nonnegative().nullable().default(null),
    })
    .nullable()
    .default(null),
});
export type AttachmentView = z.infer<typeof AttachmentView>;

/** Where a message stands among the versions of its turn (the messages that follow the same one). */
export const MessageVersions = z.object({
  /** This message's place among them, oldest first, from 0. */
  index: z.number().int().nonnegative(),
  count: z.number().int().positive(),
  /** Every version's message id, oldest first (this one included). */
  ids: z.array(Id),
});
export type MessageVersions = z.infer<typeof MessageVersions>;

export const Message = z.object({
  id: Id,
  conversationId: Id,
  role: Role,
  text: z.string(),
  reasoning: z.string(),
  status: ReplyStatus,
  usage: Usage.nullable(),
  error: ErrorInfo.nullable(),
  model: z.string().nullable(),
  voice: z.string().nullable(),
  audio: ReplyAudio.nullable(),
  /** Files sent with a user message, in order. */
  attachments: z.array(MessageAttachment).default([]),
  createdAt: z.number(),
  updatedAt: z.number(),
  /** The message this one follows (null for the first); absent where it is not known. */
  parentId: Id.nullable().optional(),
  /** Filled by conversations.get for the shown path; absent means the turn's only version. */
  versions: MessageVersions.optional(),
  /** The live voice session this turn was spoken in (shared/live.ts); absent or null for a typed turn. */
  liveSessionId: Id.nullable().optional(),
});
export type Message = z.infer<typeof Message>;

/**
 * Where a conversation's title came from. `fallback`: made from the first question's words when it was
 * sent (Markdown stripped), or from its file for a media-only question (see `titleMedia`); `generated`:
 * written by the model after the first exchange (Settings.generateTitles); `user`: typed (Rename), never
 * replaced.
 */
export const TitleSource = z.enum(['fallback', 'generated', 'user']);
export type TitleSource = z.infer<typeof TitleSource>;

/**
 * A media-only first question's file, for a fallback title the renderer words in the user's language
 * ("Audio: speech.wav" / "音频：speech.wav"; `more` other files: "and 2 more"). `title` holds the English
 * wording, which exports and search show.
 */
export const TitleMedia = z.object({
  kind: z.enum(['image', 'audio', 'video']),
  name: z.string(),
  more: z.number().int().nonnegative(),
});
export type TitleMedia = z.infer<typeof TitleMedia>;

export const ConversationSummary = z.object({
  id: Id,
  title: z.string(),
  model: z.string(),
  createdAt: z.number(),
  /** The newest activity (a message); pinning and renaming leave it alone. */
  updatedAt: z.number(),
  messageCount: z.number().int().nonnegative(),
  hasAudio: z.boolean(),
  /** Pinned conversations come first in the list (conversations.pin). */
  pinned: z.boolean(),
  /** Some question of it carries a file (a picture, recording or video): search's media filter. */
  hasMedia: z.boolean(),
  titleSource: TitleSource,
  /** Set only while the title is the fallback of a media-only question: the renderer words it. */
  titleMedia: TitleMedia.nullable(),
  /**
   * What the generated title's request cost (summed when it was asked more than once); null when none was
   * made. Not part of any reply: the conversation's total adds it to its replies' usage.
   */
  titleUsage: Usage.nullable(),
});
export type ConversationSummary = z.infer<typeof ConversationSummary>;

export const ConversationDetail = z.object({
  conversation: ConversationSummary,
  messages: z.array(Message),
  /**
   * Messages of the shown path before `messages` that were left out (asked for with `last`): a long
   * conversation opens on its last turns, then the page reads the rest. Absent: the whole path.
   */
  earlier: z.number().int().nonnegative().optional(),
});
export type ConversationDetail = z.infer<typeof ConversationDetail>;

// convsettings
/** How one conversation is talked to; a new conversation starts from the global Settings. */
export { SYSTEM_PROMPT_MAX } from './defaults';
export const ConversationSettings = z.object({
  model: ModelId,
  voice: VoiceId,
  speakReplies: z.boolean(),
  thinking: z.boolean(),
  /** Sent as the first (system) message; empty: none. */
  systemPrompt: z.string().max(SYSTEM_PROMPT_MAX, 'The system prompt is too long (at most 20,000 characters). Shorten it.'),
});
export type ConversationSettings = z.infer<typeof ConversationSettings>;

/** A DashScope region (each with its own key), or a custom OpenAI-compatible endpoint's id (`ep_…`). */
export const DASHSCOPE_REGION_IDS = ['intl', 'cn'] as const;
export const EndpointId = z.string().regex(/^ep_[A-Za-z0-9_-]{1,40}$/, 'not a valid endpoint id');
export const RegionRef = z.union([z.enum(DASHSCOPE_REGION_IDS), EndpointId]);
export type RegionRef = z.infer<typeof RegionRef>;

export const Language = z.enum(['en', 'zh-CN']);
export type Language = z.infer<typeof Language>;

export const Settings = z.object({
  model: ModelId,
  voice: VoiceId,
  speakReplies: z.boolean(),
  thinking: z.boolean(),
  region: RegionRef,
  /** No chunk for this long and the core aborts the reply as stalled. */
  stallTimeoutMs: z.number().int().min(1_000).max(600_000),
  language: Language,
  /** Hands-free: this long a pause after speech ends the recording and sends the question. */
  handsFreeSilenceMs: z.number().int().min(300).max(10_000),
  /**
   * The packaged desktop app may ask the release feed for a newer version, download it and install it on
   * quit (electron/main/updates.ts). Off until the user allows it; the browser shell never updates itself.
   */
  checkForUpdates: z.boolean(),
  /**
   * After the first exchange of a conversation, a short text-only request to the same model names it
   * (chat/title-request.ts); off: conversations keep the title made from the first question.
   */
  generateTitles: z.boolean(),
  /** The window's colours: the system's choice, or always light or dark. */
  theme: z.enum(['system', 'light', 'dark']),
  /**
   * The welcome (first run) has been seen through: set by the core when a key passes Test connection or a
   * reply completes, by the renderer (settings.update) when the user skips it. Never cleared by the core.
   */
  welcomeDone: z.boolean(),
});
export type Settings = z.infer<typeof Settings>;

// The defaults live in a module without zod, so the renderer's first load can read them (see defaults.ts).
export { DEFAULT_SETTINGS } from './defaults';

/** Where the API key comes from. The key itself never leaves the main process. */
export const KeyStatus = z.object({
  source: z.enum(['env', 'stored', 'session', 'none']),
  /** Linux without a keyring: Electron "encrypts" with a fixed password. The user should know. */
  weakEncryption: z.boolean(),
  /** The key can be saved across restarts in this shell. */
  canPersist: z.boolean(),
});
export type KeyStatus = z.infer<typeof KeyStatus>;
