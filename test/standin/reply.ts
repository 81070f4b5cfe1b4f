// Plans one streamed reply: the sequence of frames (reasoning, text and audio interleaved, finish, usage)
// before any of it is sent, so pacing and failure injection only decide WHEN and WHETHER a frame goes out.
import type { MediaTokens } from './media-tokens';
import type { ModelInfo } from '../../shared/catalog';
import { SAMPLE_RATE } from './audio';
import type { StandinScenario } from './scenario';
import { ChunkStamp, deltaChoice } from './wire';

export type Frame =
  | { kind: 'meta' | 'text' | 'reasoning' | 'finish' | 'usage'; json: object }
  | { kind: 'audio'; json: object; pcm: Uint8Array; index: number };

/** Small text pieces: words (with their spacing), long runs without spaces (CJK) cut every two characters. */
export function textPieces(text: string): string[] {
  const out: string[] = [];
  for (const word of text.match(/\s*\S+\s*/gu) ?? (text ? [text] : [])) {
    const chars = [...word];
    if (chars.length <= 8) out.push(word);
    else for (let i = 0; i < chars.length; i += 2) out.push(chars.slice(i, i + 2).join(''));
  }
  return out;
}

/** Cuts PCM into deltas of chunkBytes; with oddSplit every cut but one falls inside a sample. */
export function audioPieces(pcm: Uint8Array, chunkBytes: number, oddSplit: boolean): Uint8Array[] {
  const sizes: number[] = [];
  let left = pcm.length;
  const take = (n: number) => {
    const s = Math.min(n, left);
    if (s > 0) sizes.push(s);
    left -= s;
  };
  if (oddSplit) {
    take(chunkBytes + 1);
    take(1); // a one-byte delta: it only completes the sample left open by the first
    take(chunkBytes + 1);
  }
  while (left > 0) take(chunkBytes);
  const out: Uint8Array[] = [];
  let at = 0;
  for (const s of sizes) {
    out.push(pcm.subarray(at, at + s));
    at += s;
  }
  return out;
}

/**
 * The prompt's tokens by kind, as DashScope reports them (`prompt_tokens_details`): text at about 4
 * characters a token plus 4 per message; media as media-tokens.ts counts them (measured before the reply is
 * planned, since that needs ffprobe), each kind only when present.
 */
export function promptTokenDetails(body: Record<string, unknown>, media: MediaTokens | null = null): Record<string, number> {
  const d = { text_tokens: 0, image_tokens: media?.image_tokens ?? 0, audio_tokens: media?.audio_tokens ?? 0, video_tokens: media?.video_tokens ?? 0 };
  const messages = Array.isArray(body.messages) ? body.messages : [];
  for (const m of messages as { content?: unknown }[]) {
    d.text_tokens += 4;
    if (typeof m.content === 'string') {
      d.text_tokens += Math.ceil(m.content.length / 4);
      continue;
    }
    for (const part of Array.isArray(m.content) ? (m.content as Record<string, any>[]) : []) {
      if (part.type === 'text') d.text_tokens += Math.ceil(String(part.text ?? '').length / 4);
    }
  }
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(d)) if (v > 0) out[k] = v;
  return out;
}

export interface PlanInput {
  scenario: StandinScenario;
  model: ModelInfo;
  modelName: string;
  audio: Uint8Array | null;
  thinking: boolean;
  body: Record<string, unknown>;
  requestId: string;
  /** The request's media as media-tokens.ts counted them. */
  media?: MediaTokens | null;
}

export function planReply(p: PlanInput): Frame[] {
  const s = p.scenario;
  const stamp = new ChunkStamp(p.modelName);
  const frames: Frame[] = [];
  const push = (kind: 'meta' | 'text' | 'reasoning' | 'finish' | 'usage', choices: unknown[], usage?: unknown) =>
    frames.push({ kind, json: stamp.wrap({ choices, usage }) });

  push('meta', [deltaChoice({ content: '', role: 'assistant' })]);
  const reasoning = p.thinking ? textPieces(s.reasoning) : [];
  for (const r of reasoning) push('reasoning', [deltaChoice({ reasoning_content: r })]);

  const text = textPieces(s.text);
  const pushText = (piece: string) =>
    s.transcriptOnly && p.audio
      ? push('text', [deltaChoice({ audio: { transcript: piece } })])
      : push('text', [deltaChoice({ content: piece })]);
  const chunkBytes = Math.max(2, Math.round((SAMPLE_RATE * s.chunkMs) / 1000) * 2);
  const created = Math.floor(Date.now() / 1000);
  const audioId = `audio_${p.requestId}`;
  const pcmChunks = p.audio ? (s.audioAtEnd ? [p.audio] : audioPieces(p.audio, chunkBytes, s.oddSplit)) : [];
  const pushAudio = (pcm: Uint8Array, index: number) =>
    frames.push({
      kind: 'audio',
      pcm,
      index,
      json: stamp.wrap({
        choices: [deltaChoice({ audio: { data: Buffer.from(pcm).toString('base64'), expires_at: created + 3600, id: audioId } })],
      }),
    });

  if (s.audioAtEnd || pcmChunks.length === 0) {
    text.forEach(pushText);
    pcmChunks.forEach(pushAudio);
  } else {
    // Text runs slightly ahead of the audio that speaks it, as with the real service.
    let sent = 0;
    pcmChunks.forEach((pcm, i) => {
      const due = Math.ceil(((i + 1) * text.length) / pcmChunks.length);
      while (sent < due) pushText(text[sent++]!);
      pushAudio(pcm, i);
    });
  }

  push('finish', [deltaChoice({ content: '' }, 'stop')]);

  const textTokens = Math.max(1, Math.ceil((s.text.length + (p.thinking ? s.reasoning.length : 0)) / 4));
  const audioTokens = p.audio ? Math.ceil((p.audio.length / 2 / SAMPLE_RATE) * 12.5) : 0;
  const promptDetails = promptTokenDetails(p.body, p.media ?? null);
  const prompt = Math.max(1, Object.values(promptDetails).reduce((a, b) => a + b, 0));
  const completionDetails: Record<string, number> = { text_tokens: textTokens };
  if (p.audio) completionDetails.audio_tokens = audioTokens;
  if (p.thinking) completionDetails.reasoning_tokens = Math.ceil(s.reasoning.length / 4);
  if (!s.omitUsage) {
    push('usage', [], {
      prompt_tokens: prompt,
      completion_tokens: textTokens + audioTokens,
      total_tokens: prompt + textTokens + audioTokens,
      completion_tokens_details: completionDetails,
      prompt_tokens_details: promptDetails,
    });
  }
  return frames;
}
