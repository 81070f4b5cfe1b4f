// What a media note says, in plain values and functions without zod: the English texts, the few words
// inside them, and how a note's parameters are written. Kept apart from the notes' schemas
// (media-notes.ts, which re-exports all of this) because the renderer's first load reads them, and a value
// imported from a module that builds zod schemas brings all of zod into it (see defaults.ts).
import type { MediaNote, MediaNoteCode } from './media-notes';

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
  'media.diskFull': 'Preparing “{name}” stopped: the disk that holds Omni Desk\'s data is full. Free some space on that disk, then remove it and attach it again.',
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
