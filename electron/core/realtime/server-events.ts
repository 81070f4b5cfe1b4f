// The Realtime server's events (server events reference), read into the few shapes a live session acts on.
// Anything else (content_part.*, output_item.*, rate limits) is ignored; a malformed event is dropped, never thrown.

export interface RawServerError {
  type: string | null;
  code: string | null;
  message: string | null;
  param: string | null;
}

export type ServerEvent =
  | { type: 'session.created' | 'session.updated'; session: Record<string, unknown> }
  | { type: 'speech_started'; itemId: string | null; audioStartMs: number | null }
  | { type: 'speech_stopped'; itemId: string | null; audioEndMs: number | null }
  | { type: 'committed'; itemId: string | null }
  | { type: 'cleared' }
  | { type: 'transcript'; itemId: string; text: string }
  | { type: 'transcript_failed'; itemId: string; error: RawServerError }
  | { type: 'response_created'; responseId: string }
  /** Words of a reply: response.audio_transcript.delta (with audio) or response.text.delta (text only). */
  | { type: 'text_delta'; responseId: string; delta: string }
  | { type: 'audio_delta'; responseId: string; pcm: Uint8Array }
  | { type: 'response_done'; responseId: string; status: string; usage: Record<string, unknown> | null; error: RawServerError | null }
  | { type: 'error'; error: RawServerError }
  | { type: 'session_finished' };

const obj = (x: unknown): Record<string, unknown> | null => (x !== null && typeof x === 'object' && !Array.isArray(x) ? x as Record<string, unknown> : null);
const str = (x: unknown): string | null => (typeof x === 'string' ? x : null);
const num = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);

function rawError(x: unknown): RawServerError {
  const e = obj(x) ?? {};
  return { type: str(e.type), code: str(e.code) ?? (typeof e.code === 'number' ? String(e.code) : null), message: str(e.message), param: str(e.param) };
}

/** One text frame → an event, or null for what a session does not act on (or cannot read). */
export function readServerEvent(text: string): ServerEvent | null {
  let e: Record<string, unknown> | null;
  try {
    e = obj(JSON.parse(text));
  } catch {
    return null;
  }
  if (!e) return null;
  const responseId = str(e.response_id) ?? '';
  switch (e.type) {
    case 'session.created':
    case 'session.updated':
      return { type: e.type, session: obj(e.session) ?? {} };
    case 'input_audio_buffer.speech_started':
      return { type: 'speech_started', itemId: str(e.item_id), audioStartMs: num(e.audio_start_ms) };
    case 'input_audio_buffer.speech_stopped':
      return { type: 'speech_stopped', itemId: str(e.item_id), audioEndMs: num(e.audio_end_ms) };
    case 'input_audio_buffer.committed':
      return { type: 'committed', itemId: str(e.item_id) };
    case 'input_audio_buffer.cleared':
      return { type: 'cleared' };
    case 'conversation.item.input_audio_transcription.completed':
      return str(e.item_id) ? { type: 'transcript', itemId: str(e.item_id)!, text: str(e.transcript) ?? '' } : null;
    case 'conversation.item.input_audio_transcription.failed':
      return str(e.item_id) ? { type: 'transcript_failed', itemId: str(e.item_id)!, error: rawError(e.error) } : null;
    case 'response.created': {
      const id = str(obj(e.response)?.id);
      return id ? { type: 'response_created', responseId: id } : null;
    }
    case 'response.audio_transcript.delta':
    case 'response.text.delta':
      return typeof e.delta === 'string' ? { type: 'text_delta', responseId, delta: e.delta } : null;
    case 'response.audio.delta': {
      if (typeof e.delta !== 'string') return null;
      const bytes = Buffer.from(e.delta, 'base64');
      return { type: 'audio_delta', responseId, pcm: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
    }
    case 'response.done': {
      const r = obj(e.response) ?? {};
      const details = obj(r.status_details);
      return {
        type: 'response_done', responseId: str(r.id) ?? '', status: str(r.status) ?? 'completed',
        usage: obj(r.usage), error: details && obj(details.error) ? rawError(details.error) : null,
      };
    }
    case 'error':
      return { type: 'error', error: rawError(e.error) };
    case 'session.finished':
      return { type: 'session_finished' };
    default:
      return null;
  }
}
