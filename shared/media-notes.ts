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

/** A message, or its plural forms chosen by the `count` parameter. */
export type NoteText = string | { one: string; other: string };

/** English, the source: spread into the renderer's English dictionary (as `media.<code>` keys). */
export const MEDIA_TEXT_EN = {
  'media.vanished': '“{name}” is no longer there: it was moved, renamed or deleted. Attach it again.',
  'media.unreadable': '“{name}” cannot be read (permission denied). Check that you can open it, or copy it somewhere else, and attach it again.',
  'media.notAFile': '“{name}” is a folder, not a file. Attach a file inside it instead.',
  'media.empty': '“{name}” is empty (0 bytes). Choose a file that has content.',
  'media.playlist': '“{name}” is a playlist (a list of links), not a media file. Attach the audio or video file itself.',
  'media.truncated': '“{name}” is incomplete: the end of the file is missing (was it still downloading or recording?). Attach a complete copy.',
  'media.truncatedAt': '“{name}” is incomplete: only {readableSec} of its {claimedSec} can be read (was it still downloading or recording?). Attach a complete copy.',
  'media.changed': '“{name}” changed after it was attached. Remove it and attach it again.',
  'media.notMedia': '“{name}” is not an image, audio or video file that can be read. Choose a picture, a sound recording or a video.',
  'media.formatNotAccepted': '“{name}” is in a format that is not accepted here. Choose a common image, audio or video file (JPEG, PNG, MP3, WAV, MP4, MOV…).',
  'media.silentRecording': '“{name}” has no sound that can be used (the recording may have stopped at once). Remove it and record again.',
  'media.noUsableStream': '“{name}” has no picture, sound or video in it that can be used. Choose another file.',
  'media.unknownCodec': '“{name}” uses an encoding this app cannot read. Convert it to a common format (MP3, MP4, JPEG, PNG) and attach it again.',
  'media.imageTooSmall': '“{name}” is too small ({width}×{height} px): images must be at least {min} px on each side. Use a larger image.',
  'media.imageTooThin': '“{name}” is too long and thin ({width}×{height} px, {ratio}:1): its sides may differ by at most {max}:1. Crop it and attach it again.',
  'media.cannotFit': '“{name}” cannot be made small enough for one request ({limitBytes}). Trim it shorter or choose a smaller file.',
  'media.tooFewFrames': {
    one: 'Only {count} frame could be taken from “{name}”; this model needs at least {min}. Send it as a video file instead.',
    other: 'Only {count} frames could be taken from “{name}”; this model needs at least {min}. Send it as a video file instead.',
  },
  'media.itemTooLarge': '“{name}” is too large to send ({length} characters as a data URL; the limit is {budget}). Remove it and attach a smaller file.',
  'media.frameTooLarge': 'Frame {frame} of “{name}” is too large to send ({length} characters as a data URL; the limit is {budget}). Remove it and attach a smaller file.',
  'media.missingFile': '“{name}” is missing from the app\'s media folder. Remove the attachment and attach the file again.',
  'media.toolMissing': '{tool} could not be started ({detail}). Install ffmpeg, or set FFMPEG_BIN / FFPROBE_BIN to where it is.',
  'media.tooSlow': 'Preparing “{name}” took too long and was stopped. Try a shorter or smaller file.',
  'media.outputTooLarge': 'Preparing “{name}” was stopped: the converted file grew past {capBytes}. Trim it shorter or choose a smaller file.',
  'media.toolCrashed': '{tool} crashed while reading “{name}”. Convert it to a common format (MP4, MP3) and attach it again.',
  'media.cancelled': 'Preparing “{name}” was cancelled.',
  'media.convertFailed': 'ffmpeg could not convert “{name}” ({detail}). The file may be damaged; try another copy.',
  'media.prepareFailed': '“{name}” could not be prepared ({detail}). Remove it and attach the file again.',
  'media.mixModalities':
    'A message can carry several pictures, or one audio file, or one video. “{name}” ({kind}) cannot go with “{other}” ({otherKind}): remove one of them, or send it in the next message.',
  'media.oneAudioOrVideo':
    'A message can carry several pictures, or one audio file, or one video. Only one {kind} fits in a message: remove “{name}” or “{other}”, or send it in the next message.',
  'media.stillChecking': '“{name}” is still being checked. Wait a moment, then try again.',
  'media.stillPreparing': '“{name}” is still being prepared. Wait until its chip says it is ready, or remove it.',
  'media.notALink': 'That is not a link. Paste a full address starting with https://.',
  'media.linkScheme': 'Only http and https links can be attached. For a file on this computer, use Attach or drop it on the window.',
  'media.linkCredentials': 'A link with a user name or password in it cannot be attached: the model would receive them. Remove them from the link.',
  'media.linkNoExtension': '“{name}” does not end in a picture, audio or video file extension (such as .jpg, .mp3 or .mp4), so Omni Desk cannot tell how to send it. Download it and attach the file instead.',
  'media.asIs': 'It will be sent as it is.',
  'media.imageConvert': '{from} is not sent as it is: it will be converted to {to}.',
  'media.imageFromVideo': 'A one-frame {from} video is not sent as it is: it will be converted to {to}.',
  'media.imageReencode': 'It is larger than one request allows ({sizeBytes}; the limit is {limitBytes}): it will be re-encoded as {to}, scaled down if needed.',
  'media.imageScaleIfNeeded': 'It will be scaled down if needed to fit one request ({limitBytes}).',
  'media.trimFirst': 'This {kind} file is longer than the model accepts ({durationSec}; the limit is {limitSec}): only the first {keepSec} will be sent.',
  'media.trimPart': 'This {kind} file is longer than the model accepts ({durationSec}; the limit is {limitSec}): only {startSec}–{endSec} will be sent.',
  'media.convertAudio': '{from} is not one of the formats the API takes: it will be converted to {channels} MP3 at {kbps} kbps.',
  'media.reencodeAudio': 'It is larger than one request allows ({sizeBytes}; the limit is {limitBytes}): it will be re-encoded as {channels} MP3 at {kbps} kbps.',
  'media.cutReencodeAudio': 'The kept part will be re-encoded as {channels} MP3 at {kbps} kbps.',
  'media.remux': '{from} is not one of the formats the API names: it will be repackaged as MP4 (nothing is re-encoded).',
  'media.convertVideo': '{from} is not one of the formats the API names: it will be converted to MP4 at {side} px.',
  'media.reencodeVideo': 'It is larger than one request allows ({sizeBytes}; the limit is {limitBytes}): it will be re-encoded as MP4 at {side} px.',
  'media.cutReencodeVideo': 'The kept part will be re-encoded as MP4 at {side} px.',
  'media.videoEncoding': 'Pictures: H.264 up to {kbps} kbps, {fps} frames a second.',
  'media.soundEncoding': 'Sound: AAC at {kbps} kbps.',
  'media.frames': {
    one: 'It will be sent as {count} picture taken from all {durationSec} (no sound).',
    other: 'It will be sent as {count} pictures taken evenly across all {durationSec} (no sound).',
  },
  'media.link': 'Sent as a link ({host}); the model fetches it, so it must be public and within the model’s limits.',
  'media.fitResolution': 'To stay within the model’s input limit ({limit} tokens), its pictures go at {side} px (about {tokens} tokens).',
  'media.fitFrames': {
    one: 'To stay within the model’s input limit ({limit} tokens), it goes as {count} picture (about {tokens} tokens).',
    other: 'To stay within the model’s input limit ({limit} tokens), it goes as {count} pictures, one every {everySec} s (about {tokens} tokens).',
  },
  'media.fitShorter': 'To stay within the model’s input limit ({limit} tokens), only {keepSec} of it can go (about {tokens} tokens).',
  'media.tokens': 'About {tokens} input tokens.',
} as const satisfies Record<`media.${MediaNoteCode}`, NoteText>;

export function formatDuration(seconds: number): string {
  const total = Math.max(0, Math.floor(seconds + 1e-6));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const ss = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Counts written with the language's grouping (16,384); sizes in pixels, rates and the like stay bare. */
const GROUPED = new Set(['tokens', 'limit', 'length', 'budget']);

/** How a reader writes sizes and numbers (the renderer passes its language's; the core uses these). */
export interface NoteFormat {
  bytes: (n: number) => string;
  number: (n: number) => string;
}
const ENGLISH_FORMAT: NoteFormat = { bytes: formatBytes, number: (v) => v.toLocaleString('en-US') };

/**
 * A note's parameters ready to fill a template: `…Sec` as m:ss, `…Bytes` as a size, a ratio to one decimal,
 * token counts and data-URL lengths grouped (16,384); `count` stays a number (it picks the plural). `word` turns the few words
 * among them (kind, otherKind, channels) into the reader's language; English by default.
 */
export function noteParams(n: MediaNote, word: (key: string) => string = englishWord, fmt: NoteFormat = ENGLISH_FORMAT): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(n.params as Record<string, unknown>)) {
    if (k === 'kind' || k === 'otherKind') out[k] = word(`media.kind.${String(v)}`);
    else if (k === 'channels') out[k] = word(v === 1 ? 'media.mono' : 'media.stereo');
    else if (typeof v !== 'number') out[k] = String(v);
    else if (k === 'count') out[k] = v;
    else if (k === 'everySec') out[k] = fmt.number(Math.round(v * 10) / 10);
    else if (k.endsWith('Sec')) out[k] = formatDuration(v);
    else if (k.endsWith('Bytes')) out[k] = fmt.bytes(v);
    else if (k === 'ratio') out[k] = v.toFixed(v < 1000 ? 1 : 0);
    else if (GROUPED.has(k)) out[k] = fmt.number(v);
    else out[k] = String(v);
  }
  return out;
}

/** The few words inside notes, in English. */
export const MEDIA_WORDS_EN = {
  'media.kind.image': 'image',
  'media.kind.audio': 'audio',
  'media.kind.video': 'video',
  'media.mono': 'mono',
  'media.stereo': 'stereo',
} as const;

function englishWord(key: string): string {
  return (MEDIA_WORDS_EN as Record<string, string>)[key] ?? key;
}

/** Fills `{param}`s; a plural template picks its form by `count` (English: one for 1). */
export function fillNote(template: NoteText, params: Record<string, string | number>, pick: (count: number) => 'one' | 'other' = (c) => (c === 1 ? 'one' : 'other')): string {
  const count = params.count;
  const text = typeof template === 'string' ? template : template[typeof count === 'number' ? pick(count) : 'other'];
  return text.replace(/\{(\w+)\}/g, (whole, key: string) => (key in params ? String(params[key]) : whole));
}

/** The note in English: the core's own words (logs, ErrorInfo.message, the chip's English fallback). */
export function noteText(n: MediaNote): string {
  return fillNote(MEDIA_TEXT_EN[`media.${n.code}`], noteParams(n));
}
