// How the stand-in counts a request's media in its usage chunk (`prompt_tokens_details`), the way a
// Qwen3-Omni server plausibly does — deliberately not the app's own estimate, so the app's calibration
// against reported usage has something real to learn:
// - a picture (an image, or each frame of a video sent as pictures): one token per 32×32 pixels (Qwen3's
//   vision encoder: 16-px patches merged 2×2), at least 4, at most 16,384, plus 2 for its start/end markers;
// - audio (a recording, or a video file's sound): its real length (ffprobe) at the model's tokens per
//   second (Flash 12.5, Turbo and Qwen2.5 25);
// - a video file's pictures: one every 2 seconds at its size scaled to at most 640 px, 32-px tiles.
// A link (never fetched) counts as one 640×360 picture or 10 s of sound. The media is decoded from the
// data URLs the request carries and measured with ffprobe.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { ModelInfo } from '../../shared/catalog';
import { resolveMediaTools } from '../../electron/core/media/binaries';

const run = promisify(execFile);
const TILE = 32;

export interface MediaTokens {
  image_tokens: number;
  audio_tokens: number;
  video_tokens: number;
}

export function tiles(width: number, height: number): number {
  if (width <= 0 || height <= 0) return 16_384;
  return Math.min(16_384, Math.max(4, Math.ceil(width / TILE) * Math.ceil(height / TILE)));
}

interface Probed {
  durationSec: number;
  width: number;
  height: number;
  hasAudio: boolean;
}

async function probe(dir: string, dataUrl: string, n: number): Promise<Probed | null> {
  const comma = dataUrl.indexOf(',');
  if (!dataUrl.startsWith('data:') || comma < 0) return null;
  const file = join(dir, `item-${n}`);
  await writeFile(file, Buffer.from(dataUrl.slice(comma + 1), 'base64'));
  try {
    const { stdout } = await run(resolveMediaTools().ffprobe, ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', file]);
    const info = JSON.parse(stdout) as { format?: { duration?: string }; streams?: { codec_type?: string; width?: number; height?: number }[] };
    const video = info.streams?.find((s) => s.codec_type === 'video');
    return {
      durationSec: Number(info.format?.duration ?? 0) || 0,
      width: video?.width ?? 0,
      height: video?.height ?? 0,
      hasAudio: info.streams?.some((s) => s.codec_type === 'audio') ?? false,
    };
  } catch {
    return null;
  }
}

const picture = (p: Probed | null) => tiles(p?.width ?? 640, p?.height ?? 360) + 2;

/** Every media part of the request's messages, counted by the rules above. */
export async function mediaTokens(body: Record<string, unknown>, model: ModelInfo): Promise<MediaTokens> {
  const out: MediaTokens = { image_tokens: 0, audio_tokens: 0, video_tokens: 0 };
  const messages = Array.isArray(body.messages) ? (body.messages as { content?: unknown }[]) : [];
  const parts = messages.flatMap((m) => (Array.isArray(m.content) ? (m.content as Record<string, any>[]) : []));
  if (!parts.some((p) => p.type !== 'text')) return out;
  const dir = await mkdtemp(join(tmpdir(), 'standin-media-'));
  let n = 0;
  const seconds = (p: Probed | null, fallback: number) => Math.ceil((p ? p.durationSec : fallback) * (model.audioTokensPerSecond ?? 12.5)); // a rate not published: counted as Flash
  try {
    for (const part of parts) {
      if (part.type === 'image_url') {
        out.image_tokens += picture(await probe(dir, String(part.image_url?.url ?? ''), n++));
      } else if (part.type === 'video' && Array.isArray(part.video)) {
        for (const url of part.video as string[]) out.image_tokens += picture(await probe(dir, String(url), n++));
      } else if (part.type === 'input_audio') {
        out.audio_tokens += seconds(await probe(dir, String(part.input_audio?.data ?? ''), n++), 10);
      } else if (part.type === 'video_url') {
        const p = await probe(dir, String(part.video_url?.url ?? ''), n++);
        if (!p) {
          out.video_tokens += 5 * tiles(640, 360);
          continue;
        }
        const long = Math.max(p.width, p.height);
        const k = long > 640 ? 640 / long : 1;
        out.video_tokens += Math.ceil(p.durationSec / 2) * tiles(Math.round(p.width * k), Math.round(p.height * k));
        if (p.hasAudio) out.audio_tokens += seconds(p, 0);
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return out;
}
