// Test media for attachments, made with ffmpeg lavfi (small pictures, low bitrates, so it is quick), and
// what a request part decodes to, read back with ffprobe.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { UserContentPart } from '../../../electron/core/api/request';
import { durationOf, ffmpeg, ffprobe, streamsOf } from '../../media/media-helpers';

/** A 200-second MP4 (over qwen3-omni-flash's 150 s), with sound. */
export async function video200s(dir: string, name = 'long-clip.mp4'): Promise<string> {
  const out = join(dir, name);
  await ffmpeg('-f', 'lavfi', '-i', 'testsrc=size=160x120:rate=5', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=16000',
    '-t', '200', '-c:v', 'libx264', '-preset', 'ultrafast', '-b:v', '40k', '-c:a', 'aac', '-b:a', '24k', '-shortest', out);
  return out;
}

/** A 25-minute MP3 (over the 20-minute limit). */
export async function audio25min(dir: string, name = 'long-talk.mp3'): Promise<string> {
  const out = join(dir, name);
  await ffmpeg('-f', 'lavfi', '-i', 'sine=frequency=330:sample_rate=16000', '-t', '1500', '-ac', '1', '-c:a', 'libmp3lame', '-b:a', '16k', out);
  return out;
}

export async function image(dir: string, name = 'picture.png'): Promise<string> {
  const out = join(dir, name);
  await ffmpeg('-f', 'lavfi', '-i', 'testsrc=size=320x240', '-frames:v', '1', out);
  return out;
}

/** Writes a data URL's bytes to a file (for ffprobe). */
export async function dataUrlToFile(url: string, file: string): Promise<string> {
  const comma = url.indexOf(',');
  await writeFile(file, Buffer.from(url.slice(comma + 1), 'base64'));
  return file;
}

export async function mediaFacts(file: string) {
  const info = await ffprobe(file);
  return {
    durationSec: await durationOf(file).catch(() => null),
    video: streamsOf(info, 'video').length,
    audio: streamsOf(info, 'audio').length,
  };
}

export const DATA_URI_LIMIT = 10_485_760;

/** The media parts of the last user message of a recorded request body. */
export function lastUserParts(body: { messages: { role: string; content: unknown }[] }): UserContentPart[] {
  const user = [...body.messages].reverse().find((m) => m.role === 'user');
  return Array.isArray(user?.content) ? (user.content as UserContentPart[]) : [];
}

/** The one part of `type` (fails the test when it is not there). */
export function partOf<T extends UserContentPart['type']>(parts: UserContentPart[], type: T): Extract<UserContentPart, { type: T }> {
  const found = parts.filter((p) => p.type === type);
  if (found.length !== 1) throw new Error(`expected one ${type} part, got ${found.length}`);
  return found[0] as Extract<UserContentPart, { type: T }>;
}
