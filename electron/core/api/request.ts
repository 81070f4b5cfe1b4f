// The JSON body of one chat turn, exactly as DashScope's OpenAI-compatible mode wants it.
import { findModel } from '../../../shared/catalog';

export type UserContentPart =
  | { type: 'text'; text: string }
  | { type: 'image_url'; image_url: { url: string } }
  | { type: 'input_audio'; input_audio: { data: string; format: string } }
  | { type: 'video_url'; video_url: { url: string } }
  | { type: 'video'; video: string[] };

export type ApiMessage =
  | { role: 'system'; content: string }
  | { role: 'user'; content: string | UserContentPart[] }
  // The API refuses anything but text in an assistant turn of the history.
  | { role: 'assistant'; content: string };

export interface TurnOptions {
  model: string;
  voice: string;
  speakReplies: boolean;
  thinking: boolean;
}

export interface ChatBody {
  model: string;
  messages: ApiMessage[];
  stream: true;
  stream_options: { include_usage: true };
  modalities: ['text'] | ['text', 'audio'];
  audio?: { voice: string; format: 'wav' };
  enable_thinking?: true;
}

/** Thinking only happens when asked for and the catalog says the model can think. */
export function thinkingApplies(opts: Pick<TurnOptions, 'model' | 'thinking'>): boolean {
  return opts.thinking && findModel(opts.model)?.thinking === true;
}

/** Audio is refused in thinking mode, so speaking yields to thinking. */
export function audioApplies(opts: TurnOptions): boolean {
  return opts.speakReplies && !thinkingApplies(opts);
}

/**
 * Some models (Qwen-Omni-Turbo) refuse a system message when the reply includes audio. Callers may use
 * this to tell the user; buildChatBody leaves such a system message out rather than send a request that
 * is bound to fail.
 */
export function systemMessageAllowed(opts: TurnOptions): boolean {
  if (!audioApplies(opts)) return true;
  return findModel(opts.model)?.systemPromptWithAudio ?? true;
}

export function buildChatBody(messages: ApiMessage[], opts: TurnOptions): ChatBody {
  const withSystem = systemMessageAllowed(opts);
  const body: ChatBody = {
    model: opts.model,
    messages: messages
      .filter((m) => withSystem || m.role !== 'system')
      .map((m) => (m.role === 'assistant' ? { role: 'assistant', content: assistantText(m.content) } : m)),
    stream: true,
    stream_options: { include_usage: true },
    modalities: ['text'],
  };
  if (audioApplies(opts)) {
    body.modalities = ['text', 'audio'];
    body.audio = { voice: opts.voice, format: 'wav' };
  }
  if (thinkingApplies(opts)) body.enable_thinking = true;
  return body;
}

/** Defends the text-only rule even when a caller's data (e.g. from storage) carries content parts. */
function assistantText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((p: unknown) => (p && typeof p === 'object' && 'text' in p && typeof p.text === 'string' ? p.text : ''))
      .join('');
  }
  return '';
}
