// What a file really is: ffprobe for the streams, then (for sound and moving pictures) one stream-copy
// pass to /dev/null that reads the whole file. That pass gives the true duration when the container has
// none or only an estimate (WebM from recorders, raw AAC, AMR, MP3) and shows when a file is cut short.
import { stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { MediaTools } from './binaries';
import { ALL_DEMUXERS, IMAGE_DEMUXERS, demuxerIn, demuxerNames, type MediaKind } from './formats';
import { MediaCancelledError, refuse, toolFailure } from './messages';
import { fileArg, inputGuard, runTool, ToolError } from './run';
import { checkFile, ffprobeRefusal, fsRefusal, withSafeInput } from './probe-input';

// Checks of the file itself, used by fitting too.
export { fsRefusal, withSafeInput };

export interface MediaProbe {
  /** Absolute path of the file as the user gave it. */
  path: string;
  name: string;
  size: number;
  /** Last modification (ms since epoch): fitting refuses a file that changed after its probe. */
  mtimeMs: number;
  kind: MediaKind;
  /** The demuxer ffprobe chose, as it names it (e.g. `mov,mp4,m4a,3gp,3g2,mj2`). */
  formatName: string;
  /** What a person calls the format: MP4, MOV, WebM, MP3, PNG… */
  formatLabel: string;
  /** The ISO-BMFF major brand (mp42, 3gp4, M4A, qt) when there is one. */
  majorBrand: string | null;
  /** Seconds; null for pictures. */
  durationSec: number | null;
  durationSource: 'container' | 'measured' | null;
  /** As displayed: a phone video recorded in portrait with a 90° display matrix reports its upright size. */
  width: number | null;
  height: number | null;
  rotation: number;
  videoCodec: string | null;
  audioCodec: string | null;
  hasVideo: boolean;
  hasAudio: boolean;
  audioChannels: number | null;
  audioSampleRate: number | null;
  frameRate: number | null;
  /** Video frames counted by the copy pass (or the container's count). */
  frames: number | null;
  /** The picture has transparency (converted to PNG rather than JPEG). */
  hasAlpha: boolean;
  pixelFormat: string | null;
}

export interface ProbeOptions {
  signal?: AbortSignal;
  /** ffprobe's limit; the copy pass gets longer (it reads the whole file). */
  probeTimeoutMs?: number;
  measureTimeoutMs?: number;
}

interface FfStream {
  index: number;
  codec_type?: string;
  codec_name?: string;
  width?: number;
  height?: number;
  pix_fmt?: string;
  channels?: number;
  sample_rate?: string;
  avg_frame_rate?: string;
  r_frame_rate?: string;
  nb_frames?: string;
  duration?: string;
  disposition?: { attached_pic?: number };
  tags?: Record<string, string>;
  side_data_list?: { side_data_type?: string; rotation?: number }[];
}

interface FfProbeJson {
  streams?: FfStream[];
  format?: { format_name?: string; duration?: string; bit_rate?: string; tags?: Record<string, string> };
}

/** Containers whose header duration is an estimate from the bitrate: the copy pass decides. */
const ESTIMATED_DURATION = ['aac', 'amr', 'amrnb', 'amrwb', 'mp3'];

const ALPHA_PIX = /^(rgba|bgra|argb|abgr|ya|yuva|gbrap|pal8|rgba64|bgra64)/;

function num(x: string | number | undefined): number | null {
  if (x === undefined) return null;
  const n = typeof x === 'number' ? x : Number(x);
  return Number.isFinite(n) ? n : null;
}

function rate(r: string | undefined): number | null {
  if (!r) return null;
  const [a, b] = r.split('/').map(Number);
  if (a === undefined || !Number.isFinite(a) || a <= 0) return null;
  if (b === undefined) return a;
  return Number.isFinite(b) && b > 0 ? a / b : null;
}

function rotationOf(s: FfStream): number {
  const side = s.side_data_list?.find((d) => typeof d.rotation === 'number');
  if (side && typeof side.rotation === 'number') return side.rotation;
  const tag = num(s.tags?.rotate);
  return tag ?? 0;
}


function formatLabelOf(formatName: string, brand: string | null, webm: boolean, hasVideo: boolean, codec: string | null): string {
  const names = demuxerNames(formatName);
  const has = (n: string) => names.includes(n);
  if (demuxerIn(formatName, IMAGE_DEMUXERS)) {
    const byCodec: Record<string, string> = { mjpeg: 'JPEG', png: 'PNG', webp: 'WebP', bmp: 'BMP', gif: 'GIF', tiff: 'TIFF' };
    return (codec && byCodec[codec]) ?? (codec ?? 'image').toUpperCase();
  }
  if (has('mov')) {
    const b = (brand ?? '').trim().toLowerCase();
    if (b.startsWith('3gp') || b.startsWith('3ge') || b.startsWith('3gg')) return '3GP';
    if (b.startsWith('3g2')) return '3G2';
    if (b === 'm4a' || b === 'm4b') return 'M4A';
    if (b === 'qt') return 'MOV';
    return 'MP4';
  }
  if (has('matroska')) return webm ? 'WebM' : 'MKV';
  if (has('asf')) return hasVideo ? 'WMV' : 'WMA';
  if (has('amr') || has('amrnb') || has('amrwb')) return 'AMR';
  if (has('ogg')) return 'Ogg';
  if (has('mpegts')) return 'MPEG-TS';
  if (has('mpeg')) return 'MPEG';
  return (names[0] ?? formatName).toUpperCase();
}

const fail = (path: string, bin: string) => (err: unknown): never => {
  if (err instanceof ToolError) {
    if (err.reason === 'aborted') throw new MediaCancelledError();
    throw toolFailure(path, err, bin);
  }
  throw err;
};

export async function probeMedia(file: string, tools: MediaTools, opts: ProbeOptions = {}): Promise<MediaProbe> {
  const path = resolve(file);
  const { size, mtimeMs, head } = await checkFile(path);
  if (head.playlist) throw refuse.playlist(path);

  return withSafeInput(path, async (input) => {
    const args = [
      '-v', 'error', '-hide_banner',
      ...inputGuard(ALL_DEMUXERS),
      '-print_format', 'json', '-show_format', '-show_streams',
      fileArg(input),
    ];
    let json: FfProbeJson;
    const runProbe = (bin: string) => runTool(bin, args, {
      timeoutMs: opts.probeTimeoutMs ?? 30_000,
      signal: opts.signal,
      captureStdout: true,
    });
    try {
      let out;
      try {
        out = await runProbe(tools.ffprobe);
      } catch (err) {
        if (!(err instanceof ToolError && err.reason === 'crash' && tools.ffprobeFallback)) throw err;
        out = await runProbe(tools.ffprobeFallback).catch((second: unknown) => {
          // No system ffprobe to fall back on: the first crash is the story.
          throw second instanceof ToolError && second.reason === 'spawn' ? err : second;
        });
      }
      json = JSON.parse(out.stdout) as FfProbeJson;
    } catch (err) {
      if (err instanceof ToolError && err.reason === 'exit') {
        // The file may have gone between our stat and ffprobe's open.
        try {
          await stat(path);
        } catch (e) {
          throw fsRefusal(path, e);
        }
        throw ffprobeRefusal(path, head, err.stderr);
      }
      return fail(path, tools.ffprobe)(err);
    }

    const formatName = json.format?.format_name ?? '';
    if (!formatName || !demuxerIn(formatName, ALL_DEMUXERS)) throw refuse.formatNotAccepted(path);
    const streams = json.streams ?? [];
    const video = streams.find((s) => s.codec_type === 'video' && s.disposition?.attached_pic !== 1);
    const audio = streams.find((s) => s.codec_type === 'audio');
    if (!video && !audio) throw refuse.noUsableStream(path);
    const main = video ?? audio;
    if (!main?.codec_name || main.codec_name === 'none') throw refuse.unknownCodec(path);

    const isImageContainer = demuxerIn(formatName, IMAGE_DEMUXERS);
    const containerDuration = num(json.format?.duration);
    let measured: { seconds: number | null; frames: number | null } = { seconds: null, frames: null };
    if (!isImageContainer) measured = await measure(input, formatName, tools, opts).catch(fail(path, tools.ffmpeg));

    const estimated = demuxerIn(formatName, ESTIMATED_DURATION);
    if (containerDuration !== null && measured.seconds !== null && !estimated
      && measured.seconds < containerDuration * 0.9 - 0.5) {
      throw refuse.truncatedAt(path, measured.seconds, containerDuration);
    }
    let durationSec: number | null = null;
    let durationSource: MediaProbe['durationSource'] = null;
    if (estimated && measured.seconds !== null && measured.seconds > 0) {
      durationSec = measured.seconds;
      durationSource = 'measured';
    } else if (containerDuration !== null && containerDuration > 0) {
      durationSec = containerDuration;
      durationSource = 'container';
    } else if (measured.seconds !== null) {
      durationSec = measured.seconds;
      durationSource = 'measured';
    }

    const fps = rate(video?.avg_frame_rate) ?? rate(video?.r_frame_rate);
    const frames = measured.frames ?? num(video?.nb_frames)
      ?? (durationSec !== null && fps !== null ? Math.round(durationSec * fps) : null);

    let kind: MediaKind;
    if (isImageContainer) kind = 'image';
    else if (video && frames !== null && frames > 1) kind = 'video';
    else if (audio && durationSec !== null && durationSec > 0) kind = 'audio';
    else if (video) kind = 'image';
    else throw refuse.noUsableStream(path);
    if (kind === 'audio' && (!audio?.codec_name || audio.codec_name === 'none')) throw refuse.unknownCodec(path);

    const rotation = video ? rotationOf(video) : 0;
    const turned = Math.abs(Math.round(rotation)) % 180 === 90;
    const w = video?.width ?? null;
    const h = video?.height ?? null;
    const showsPicture = kind !== 'audio';

    return {
      path,
      name: basename(path),
      size,
      mtimeMs,
      kind,
      formatName,
      formatLabel: formatLabelOf(formatName, json.format?.tags?.major_brand ?? null, head.webm, kind === 'video', video?.codec_name ?? null),
      majorBrand: json.format?.tags?.major_brand?.trim() || null,
      durationSec: kind === 'image' ? null : durationSec,
      durationSource: kind === 'image' ? null : durationSource,
      width: showsPicture ? (turned ? h : w) : null,
      height: showsPicture ? (turned ? w : h) : null,
      rotation,
      videoCodec: showsPicture ? video?.codec_name ?? null : null,
      audioCodec: kind === 'image' ? null : audio?.codec_name ?? null,
      hasVideo: kind === 'video',
      hasAudio: kind !== 'image' && !!audio,
      audioChannels: audio?.channels ?? null,
      audioSampleRate: num(audio?.sample_rate),
      frameRate: kind === 'video' ? fps : null,
      frames: kind === 'video' ? frames : null,
      hasAlpha: !!video?.pix_fmt && ALPHA_PIX.test(video.pix_fmt),
      pixelFormat: video?.pix_fmt ?? null,
    };
  });
}

/** Copies the first picture and sound streams to nowhere: reads every packet, decodes nothing. */
async function measure(
  input: string,
  formatName: string,
  tools: MediaTools,
  opts: ProbeOptions,
): Promise<{ seconds: number | null; frames: number | null }> {
  const args = [
    '-nostdin', '-hide_banner', '-v', 'error',
    ...inputGuard(formatName),
    '-i', fileArg(input),
    '-map', '0:V:0?', '-map', '0:a:0?', '-c', 'copy', '-f', 'null', '-',
    '-progress', 'pipe:1', '-nostats',
  ];
  try {
    // A copy pass that only reads: it waits with the probes, not behind the long encodes.
    const out = await runTool(tools.ffmpeg, args, { timeoutMs: opts.measureTimeoutMs ?? 120_000, signal: opts.signal, lane: 'probe' });
    return { seconds: out.progress.outTimeSec, frames: out.progress.frames };
  } catch (err) {
    // A copy pass that fails leaves the container's word; fitting will meet the damage and say so.
    if (err instanceof ToolError && err.reason === 'exit') return { seconds: null, frames: null };
    throw err;
  }
}
