// Which containers we let ffmpeg open, which ones the API names, and the data-URL size arithmetic.
// The demuxer lists double as ffmpeg's `-format_whitelist`: a file that turns out to be anything else
// (an HLS playlist named .mp4, a concat script) is refused before it can make ffmpeg read what it lists.

export type MediaKind = 'image' | 'audio' | 'video';

/** Demuxer names as ffmpeg spells them (a demuxer may carry several comma-separated names). */
export const IMAGE_DEMUXERS = [
  'image2', 'png_pipe', 'jpeg_pipe', 'webp_pipe', 'bmp_pipe', 'tiff_pipe', 'gif', 'gif_pipe',
  'pgm_pipe', 'ppm_pipe', 'pam_pipe', 'qoi_pipe', 'jpegxl_pipe',
] as const;

export const AUDIO_DEMUXERS = [
  'mp3', 'wav', 'w64', 'amr', 'amrnb', 'amrwb', 'aac', 'mov', 'mp4', 'm4a', '3gp', '3g2', 'ogg', 'flac',
  'matroska', 'webm', 'asf', 'aiff', 'caf',
] as const;

export const VIDEO_DEMUXERS = [
  'mov', 'mp4', 'm4a', '3gp', '3g2', 'mj2', 'avi', 'matroska', 'webm', 'flv', 'asf', 'mpegts', 'mpeg', 'ogg',
] as const;

/** A one-frame video file is a picture: the image rules then accept it from a video container too. */
export const DEMUXERS_BY_KIND: Record<MediaKind, readonly string[]> = {
  image: [...IMAGE_DEMUXERS, ...VIDEO_DEMUXERS],
  audio: [...AUDIO_DEMUXERS, ...VIDEO_DEMUXERS],
  video: VIDEO_DEMUXERS,
};

/** What a probe may open before we know the kind. */
export const ALL_DEMUXERS: readonly string[] = [...new Set([...IMAGE_DEMUXERS, ...AUDIO_DEMUXERS, ...VIDEO_DEMUXERS])];

export function demuxerNames(formatName: string): string[] {
  return formatName.split(',').map((s) => s.trim()).filter(Boolean);
}

export function demuxerIn(formatName: string, list: readonly string[]): boolean {
  return demuxerNames(formatName).some((n) => list.includes(n));
}

/** The `input_audio.format` values for the formats the guide names (AMR, WAV, 3GP, 3GPP, AAC, MP3). */
export type ApiAudioFormat = 'mp3' | 'wav' | 'amr' | 'aac' | '3gp';

/** Which container a video is in, among those the guide names (MP4, AVI, MKV, MOV, FLV, WMV). */
export type ApiVideoContainer = 'mp4' | 'mov' | 'avi' | 'mkv' | 'flv' | 'wmv';

/** Image encodings sent as they are; anything else is converted. */
export const IMAGE_MIME_BY_CODEC: Record<string, string> = {
  mjpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  bmp: 'image/bmp',
};

/** Output container → ffmpeg muxer name and file extension. */
export const MUXERS = {
  mp3: { muxer: 'mp3', ext: 'mp3' },
  wav: { muxer: 'wav', ext: 'wav' },
  amr: { muxer: 'amr', ext: 'amr' },
  aac: { muxer: 'adts', ext: 'aac' },
  '3gp': { muxer: '3gp', ext: '3gp' },
  mp4: { muxer: 'mp4', ext: 'mp4' },
  mov: { muxer: 'mov', ext: 'mov' },
  avi: { muxer: 'avi', ext: 'avi' },
  mkv: { muxer: 'matroska', ext: 'mkv' },
  flv: { muxer: 'flv', ext: 'flv' },
  wmv: { muxer: 'asf', ext: 'wmv' },
  jpeg: { muxer: 'image2', ext: 'jpg' },
  png: { muxer: 'image2', ext: 'png' },
  webp: { muxer: 'image2', ext: 'webp' },
  bmp: { muxer: 'image2', ext: 'bmp' },
} as const;
export type OutputContainer = keyof typeof MUXERS;

/** The data-URL prefix each kind of item carries in a request. */
export const AUDIO_VIDEO_PREFIX = 'data:;base64,';
export function imagePrefix(mime: string): string {
  return `data:${mime};base64,`;
}

/** Length of the data URL for `rawBytes` bytes behind `prefix`. */
export function dataUrlLength(rawBytes: number, prefix: string): number {
  return prefix.length + 4 * Math.ceil(rawBytes / 3);
}

/** The most raw bytes whose data URL (prefix included) stays within `budget` characters. */
export function maxRawBytesForBudget(budget: number, prefix: string): number {
  if (!Number.isFinite(budget)) return Number.MAX_SAFE_INTEGER;
  return Math.max(0, Math.floor((budget - prefix.length) / 4) * 3);
}
