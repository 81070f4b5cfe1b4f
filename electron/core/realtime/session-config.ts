// The `session.update` a live session sends, laid out as its model's generation wants it (shared/realtime-
// catalog.ts SESSION_LAYOUTS: the docs say not to mix the generations' field levels). Always the whole session:
// whether the server merges a partial update or replaces the session is not documented, so nothing is left to it.
import type { LiveMode } from '../../../shared/live';
import { SESSION_LAYOUTS, type RealtimeModelInfo } from '../../../shared/realtime-catalog';

export interface SessionConfig {
  /** null: a text-only model (no voice, no audio out). */
  voice: string | null;
  /** The conversation's system prompt; empty: none. */
  instructions: string;
  mode: LiveMode;
  vad: { threshold: number; silenceMs: number; prefixMs: number };
}

export type SessionUpdate = { type: 'session.update'; session: Record<string, unknown> };

/**
 * `created` is the session the server announced (session.created), from which a transcription model is sent
 * back where the docs name none for the generation.
 */
export function sessionUpdate(model: RealtimeModelInfo, c: SessionConfig, created: Record<string, unknown> | null): SessionUpdate {
  const layout = SESSION_LAYOUTS[model.generation];
  const speaks = model.audioOut && c.voice !== null;
  const session: Record<string, unknown> = { modalities: speaks ? ['text', 'audio'] : ['text'] };
  if (speaks) session.voice = c.voice;
  if (c.instructions.trim() !== '') session.instructions = c.instructions;
  if (layout.audioFormats) {
    session.input_audio_format = layout.audioFormats.input;
    if (speaks) session.output_audio_format = layout.audioFormats.output;
  }
  const echoed = created?.input_audio_transcription;
  const transcription = layout.transcription === 'echo'
    ? (echoed && typeof echoed === 'object' && !Array.isArray(echoed) ? echoed : null)
    : layout.transcription;
  if (transcription) session.input_audio_transcription = transcription;
  if (c.mode === 'ptt') {
    // "null disables VAD; the user triggers the model's response" (client events).
    session.turn_detection = null;
  } else {
    const vad: Record<string, unknown> = { type: 'server_vad' };
    if (layout.vadFields.includes('threshold')) vad.threshold = c.vad.threshold;
    if (layout.vadFields.includes('prefix_padding_ms')) vad.prefix_padding_ms = c.vad.prefixMs;
    if (layout.vadFields.includes('silence_duration_ms')) vad.silence_duration_ms = c.vad.silenceMs;
    session.turn_detection = vad;
  }
  return { type: 'session.update', session };
}
