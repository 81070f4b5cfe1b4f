// Reading one `chat.completion.chunk`. The shapes are checked by hand and leniently: every field may be
// missing or null (delta.audio especially), and `id`/`created` change between chunks, so nothing keys on them.
import type { Usage } from '../../../shared/domain';

export interface ChunkParts {
  content: string | null;
  reasoning: string | null;
  audioData: string | null;
  transcript: string | null;
  finishReason: string | null;
  usage: Usage | null;
  /** `{"error": ...}` in place of a chunk: the server gave up mid-stream. */
  error: unknown;
  id: string | null;
  requestId: string | null;
}

const rec = (x: unknown): Record<string, unknown> | null =>
  x !== null && typeof x === 'object' && !Array.isArray(x) ? (x as Record<string, unknown>) : null;
const text = (x: unknown): string | null => (typeof x === 'string' ? x : null);
const count = (x: unknown): number => (typeof x === 'number' && Number.isFinite(x) && x >= 0 ? Math.round(x) : 0);

function details(x: unknown): Record<string, number> {
  const out: Record<string, number> = {};
  const r = rec(x);
  if (!r) return out;
  for (const [k, v] of Object.entries(r)) if (typeof v === 'number' && Number.isFinite(v)) out[k] = v;
  return out;
}

export function normalizeUsage(x: unknown): Usage | null {
  const u = rec(x);
  if (!u) return null;
  const promptTokens = count(u.prompt_tokens ?? u.input_tokens);
  const completionTokens = count(u.completion_tokens ?? u.output_tokens);
  const total = count(u.total_tokens);
  return {
    promptTokens,
    completionTokens,
    totalTokens: total || promptTokens + completionTokens,
    promptDetails: details(u.prompt_tokens_details),
    completionDetails: details(u.completion_tokens_details),
  };
}

export function readChunk(json: unknown): ChunkParts {
  const c = rec(json) ?? {};
  const parts: ChunkParts = {
    content: null, reasoning: null, audioData: null, transcript: null, finishReason: null,
    usage: normalizeUsage(c.usage), error: null, id: text(c.id), requestId: text(c.request_id),
  };
  if (c.error !== undefined && c.error !== null) {
    parts.error = c;
    return parts;
  }
  const choice = Array.isArray(c.choices) ? rec(c.choices[0]) : null;
  if (!choice) return parts;
  const delta = rec(choice.delta) ?? rec(choice.message);
  if (delta) {
    parts.content = text(delta.content);
    parts.reasoning = text(delta.reasoning_content);
    const audio = rec(delta.audio);
    if (audio) {
      parts.audioData = text(audio.data);
      parts.transcript = text(audio.transcript);
    }
  }
  parts.finishReason = text(choice.finish_reason);
  return parts;
}
