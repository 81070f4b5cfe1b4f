// Which formats a file goes in as it is, and the encoder settings that fit a length into a byte budget:
// MP3 for sound (music rate while it fits, else speech rate), H.264 + AAC for video (bitrate, size, frame
// rate chosen together). Pure.
import type { ApiAudioFormat, OutputContainer } from './formats';
import { demuxerNames } from './formats';
import type { AudioEncode, VideoEncode } from './plan';
import type { MediaProbe } from './probe';

const MP3_SPEECH_KBPS = [64, 56, 48, 40, 32, 24, 16, 8];

export function audioApiFormat(p: MediaProbe): ApiAudioFormat | null {
  const names = demuxerNames(p.formatName);
  const codec = p.audioCodec ?? '';
  if (names.includes('mp3') && codec === 'mp3') return 'mp3';
  if (names.includes('wav') && codec.startsWith('pcm_')) return 'wav';
  if (names.some((n) => n === 'amr' || n === 'amrnb' || n === 'amrwb')) return 'amr';
  if (names.includes('aac') && codec === 'aac') return 'aac';
  if (p.formatLabel === '3GP' && !p.hasVideo && ['amr_nb', 'amr_wb', 'aac'].includes(codec)) return '3gp';
  return null;
}

export const AUDIO_OUTPUT: Record<ApiAudioFormat, OutputContainer> = { mp3: 'mp3', wav: 'wav', amr: 'amr', aac: 'aac', '3gp': '3gp' };

/** The containers the guide names for video files, when the probe found one of them. */
export function videoApiContainer(p: MediaProbe): OutputContainer | null {
  switch (p.formatLabel) {
    case 'MP4': return 'mp4';
    case 'MOV': return 'mov';
    case 'MKV': return 'mkv';
    case 'AVI': return 'avi';
    case 'FLV': return 'flv';
    case 'WMV': return 'wmv';
    default: return null;
  }
}

export function audioEncodeFor(seconds: number, maxBytes: number, p: MediaProbe): AudioEncode | null {
  const fitKbps = Math.floor((maxBytes * 8 * 0.95) / Math.max(seconds, 1) / 1000);
  const srcRate = p.audioSampleRate ?? 44_100;
  if (fitKbps >= 128 && srcRate >= 32_000) {
    return { bitrateKbps: 128, channels: Math.min(2, p.audioChannels ?? 2), sampleRate: [32_000, 44_100, 48_000].includes(srcRate) ? srcRate : 44_100 };
  }
  // Speech rate: mono, 16 kHz (what speech models listen at), the highest MP3 bitrate that fits.
  const kbps = MP3_SPEECH_KBPS.find((k) => k <= fitKbps);
  return kbps === undefined ? null : { bitrateKbps: kbps, channels: 1, sampleRate: 16_000 };
}

export function videoEncodeFor(seconds: number, maxBytes: number, p: MediaProbe): VideoEncode | null {
  const totalKbps = Math.floor((maxBytes * 8 * 0.88) / Math.max(seconds, 1) / 1000);
  const audioKbps = !p.hasAudio ? 0
    : totalKbps >= 1500 ? 128 : totalKbps >= 600 ? 96 : totalKbps >= 250 ? 64 : totalKbps >= 120 ? 32 : 16;
  const videoKbps = Math.min(5000, totalKbps - audioKbps);
  if (videoKbps < 30) return null;
  const bySide = videoKbps >= 3000 ? 1920 : videoKbps >= 1500 ? 1280 : videoKbps >= 800 ? 960
    : videoKbps >= 400 ? 640 : videoKbps >= 200 ? 480 : 320;
  const srcLong = Math.max(p.width ?? 0, p.height ?? 0) || bySide;
  const srcFps = p.frameRate && p.frameRate > 0 ? p.frameRate : 30;
  return {
    videoKbps,
    audioKbps,
    audioChannels: audioKbps >= 96 ? Math.min(2, p.audioChannels ?? 2) : 1,
    longSide: Math.min(bySide, srcLong),
    fps: Math.max(2, Math.min(Math.round(srcFps * 1000) / 1000, videoKbps < 400 ? 15 : 30)),
  };
}
