// Row shapes as SQLite returns them, and their mapping to the shared domain types.
import { MediaNote } from '../../../shared/media-notes';
import { z } from '../../../shared/zod';
import {
  TitleMedia, TitleSource, type ConversationSummary, type ErrorInfo, type Message, type MessageAttachment, type ReplyStatus, type Role,
  type Usage,
} from '../../../shared/domain';
import { REPLY_SAMPLE_RATE, pcmSamples } from '../audio/pcm';

export interface ConversationRow {
  id: string;
  title: string;
  model: string;
  created_at: number;
  updated_at: number;
  message_count: number;
  has_audio: number;
  pinned: number;
  has_media: number;
  title_source: string;
  title_media_json: string | null;
  title_usage_json: string | null;
}

export interface MessageRow {
  id: string;
  conversation_id: string;
  role: string;
  text: string;
  reasoning: string;
  status: string;
  usage_json: string | null;
  error_json: string | null;
  model: string | null;
  voice: string | null;
  audio_bytes: number;
  created_at: number;
  updated_at: number;
  parent_id: string | null;
  live_session_id: string | null;
}

export const CONVERSATION_COLUMNS = `
  c.id, c.title, c.model, c.created_at, c.updated_at, c.pinned, c.has_media, c.title_source, c.title_media_json,
  c.title_usage_json,
  (SELECT count(*) FROM messages m WHERE m.conversation_id = c.id) AS message_count,
  EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id AND m.audio_bytes > 0) AS has_audio`;

export const MESSAGE_COLUMNS = `
  id, conversation_id, role, text, reasoning, status, usage_json, error_json, model, voice, audio_bytes,
  created_at, updated_at, parent_id, live_session_id`;

export function toSummary(r: ConversationRow): ConversationSummary {
  return {
    id: r.id,
    title: r.title,
    model: r.model,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    messageCount: r.message_count,
    hasAudio: r.has_audio !== 0,
    pinned: r.pinned !== 0,
    hasMedia: r.has_media !== 0,
    titleSource: TitleSource.catch('fallback').parse(r.title_source),
    // A media title belongs to the fallback alone: a rename or a generated title leaves it unused.
    titleMedia: r.title_source === 'fallback' ? parsedOrNull(TitleMedia, r.title_media_json) : null,
    titleUsage: r.title_usage_json === null ? null : (JSON.parse(r.title_usage_json) as Usage),
  };
}

function parsedOrNull<T>(schema: { safeParse(x: unknown): { success: true; data: T } | { success: false } }, json: string | null): T | null {
  if (json === null) return null;
  const r = schema.safeParse(JSON.parse(json));
  return r.success ? r.data : null;
}

export interface AttachmentRow {
  message_id: string;
  id: string;
  kind: string;
  name: string;
  summary: string;
  shown: string | null;
  /** What was done to it, as codes with parameters (JSON), when the record kept them. */
  notes?: string | null;
  /** A recording's or a video's length in seconds, from its prepared record (absent for older rows' pictures). */
  duration_sec?: number | null;
}

/** How an attachment can be shown again, read from its stored record (a link has no file here). */
export const ATTACHMENT_SHOWN = `CASE WHEN json_type(prepared_json, '$.link') IS NOT NULL THEN 'link'
  ELSE json_extract(prepared_json, '$.sendAs') END AS shown`;

/** The notes of what was done to it (shared/media-notes.ts), kept in its record since issue 15. */
export const ATTACHMENT_NOTES = `json_extract(prepared_json, '$.notes') AS notes`;

/** Its length (seconds), so a player can say it before the file's metadata has loaded (a spoken live turn). */
export const ATTACHMENT_DURATION = `json_extract(prepared_json, '$.durationSec') AS duration_sec`;

const SHOWN = new Set(['image', 'audio', 'video', 'frames', 'link']);
const Notes = z.array(MediaNote);

export function toAttachment(r: AttachmentRow): MessageAttachment {
  const a: MessageAttachment = { id: r.id, kind: r.kind as MessageAttachment['kind'], name: r.name, summary: r.summary };
  if (r.shown !== null && SHOWN.has(r.shown)) a.shown = r.shown as NonNullable<MessageAttachment['shown']>;
  if (typeof r.duration_sec === 'number' && Number.isFinite(r.duration_sec) && r.duration_sec > 0) a.durationSec = r.duration_sec;
  if (r.notes) {
    try {
      const notes = Notes.safeParse(JSON.parse(r.notes));
      if (notes.success && notes.data.length > 0) a.notes = notes.data;
    } catch {
      // A record from before notes were kept, or one that does not parse: the summary says it in English.
    }
  }
  return a;
}

export function toMessage(r: MessageRow, attachments: MessageAttachment[] = []): Message {
  return {
    id: r.id,
    conversationId: r.conversation_id,
    role: r.role as Role,
    text: r.text,
    reasoning: r.reasoning,
    status: r.status as ReplyStatus,
    usage: r.usage_json === null ? null : (JSON.parse(r.usage_json) as Usage),
    error: r.error_json === null ? null : (JSON.parse(r.error_json) as ErrorInfo),
    model: r.model,
    voice: r.voice,
    audio: r.audio_bytes > 0 ? { sampleRate: REPLY_SAMPLE_RATE, samples: pcmSamples(r.audio_bytes) } : null,
    attachments,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    parentId: r.parent_id,
    liveSessionId: r.live_session_id,
  };
}
