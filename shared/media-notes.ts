// What the media pipeline found and will do, and why it refuses a file, as codes with parameters: the core
// says these, the window words them in its language (renderer/i18n <lang>/media.ts), and the core's own
// English (logs, the English `message` of an error) comes from the same templates below, so the two cannot
// drift. Parameters are raw values; `noteParams` formats them (…Sec as m:ss, …Bytes as KB/MB) and the
// renderer translates the few words among them (a kind, mono/stereo).
import { z } from './zod';

const name = z.string();
const n = z.number();
const kind = z.enum(['image', 'audio', 'video']);

/** Each code and the shape of its parameters. Adding one: here, its English below, its Chinese in the renderer. */
export const MEDIA_NOTE_PARAMS = {
  // ---- refusals: why a file cannot be sent, and what to do
  vanished: z.object({ name }),
  unreadable: z.object({ name }),
  notAFile: z.object({ name }),
  empty: z.object({ name }),
  playlist: z.object({ name }),
  truncated: z.object({ name }),
  truncatedAt: z.object({ name, readableSec: n, claimedSec: n }),
  changed: z.object({ name }),
  notMedia: z.object({ name }),
  formatNotAccepted: z.object({ name }),
  silentRecording: z.object({ name }),
  noUsableStream: z.object({ name }),
  unknownCodec: z.object({ name }),
  imageTooSmall: z.object({ name, width: n, height: n, min: n }),
  imageTooThin: z.object({ name, width: n, height: n, ratio: n, max: n }),
  cannotFit: z.object({ name, limitBytes: n }),
  tooFewFrames: z.object({ name, count: n, min: n }),
  itemTooLarge: z.object({ name, length: n, budget: n }),
  frameTooLarge: z.object({ name, frame: n, length: n, budget: n }),
  missingFile: z.object({ name }),
  toolMissing: z.object({ tool: z.string(), detail: z.string() }),
  tooSlow: z.object({ name }),
  outputTooLarge: z.object({ name, capBytes: n }),
  toolCrashed: z.object({ tool: z.string(), name }),
  cancelled: z.object({ name }),
  convertFailed: z.object({ name, detail: z.string() }),
  prepareFailed: z.object({ name, detail: z.string() }),
  diskFull: z.object({ name }),
  mixModalities: z.object({ name, kind, other: z.string(), otherKind: kind }),
  oneAudioOrVideo: z.object({ name, kind, other: z.string() }),
  stillChecking: z.object({ name }),
  stillPreparing: z.object({ name }),
  notALink: z.object({}),
  linkScheme: z.object({}),
  linkCredentials: z.object({}),
  linkNoExtension: z.object({ name }),
  // ---- what will be done before sending
  asIs: z.object({}),
  imageConvert: z.object({ from: z.string(), to: z.string() }),
  imageFromVideo: z.object({ from: z.string(), to: z.string() }),
  imageReencode: z.object({ sizeBytes: n, limitBytes: n, to: z.string() }),
  imageScaleIfNeeded: z.object({ limitBytes: n }),
  trimFirst: z.object({ kind, durationSec: n, limitSec: n, keepSec: n }),
  trimPart: z.object({ kind, durationSec: n, limitSec: n, startSec: n, endSec: n }),
  convertAudio: z.object({ from: z.string(), channels: n, kbps: n }),
  reencodeAudio: z.object({ sizeBytes: n, limitBytes: n, channels: n, kbps: n }),
  cutReencodeAudio: z.object({ channels: n, kbps: n }),
  remux: z.object({ from: z.string() }),
  convertVideo: z.object({ from: z.string(), side: n }),
  reencodeVideo: z.object({ sizeBytes: n, limitBytes: n, side: n }),
  cutReencodeVideo: z.object({ side: n }),
  videoEncoding: z.object({ kbps: n, fps: n }),
  soundEncoding: z.object({ kbps: n }),
  frames: z.object({ count: n, durationSec: n }),
  link: z.object({ host: z.string() }),
  // ---- how a plan stays within the model's input-token limit (the chip says it)
  fitResolution: z.object({ side: n, tokens: n, limit: n }),
  fitFrames: z.object({ count: n, everySec: n, tokens: n, limit: n }),
  fitShorter: z.object({ keepSec: n, tokens: n, limit: n }),
  tokens: z.object({ tokens: n }),
} as const;

export type MediaNoteCode = keyof typeof MEDIA_NOTE_PARAMS;
export type MediaNoteParams<C extends MediaNoteCode> = z.infer<(typeof MEDIA_NOTE_PARAMS)[C]>;

/** One thing said about a file: a code and its parameters. */
export type MediaNote = { [C in MediaNoteCode]: { code: C; params: MediaNoteParams<C> } }[MediaNoteCode];

// zod cannot spell a union built from an object's keys; the schema is built from the same table, so its
// parse result is exactly MediaNote.
const noteSchemas = (Object.keys(MEDIA_NOTE_PARAMS) as MediaNoteCode[]).map((code) =>
  z.object({ code: z.literal(code), params: MEDIA_NOTE_PARAMS[code] }),
) as unknown as [z.ZodObject<{ code: z.ZodLiteral<string> }>, ...z.ZodObject<{ code: z.ZodLiteral<string> }>[]];
export const MediaNote = z.discriminatedUnion('code', noteSchemas) as unknown as z.ZodType<MediaNote>;

export function note<C extends MediaNoteCode>(code: C, params: MediaNoteParams<C>): Extract<MediaNote, { code: C }> {
  return { code, params } as Extract<MediaNote, { code: C }>;
}

export {
  MEDIA_TEXT_EN, MEDIA_WORDS_EN, fillNote, formatBytes, formatDuration, noteParams, noteText, type NoteFormat, type NoteText,
} from './media-note-text';
