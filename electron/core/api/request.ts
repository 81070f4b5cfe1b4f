// The JSON body of one chat turn, exactly as DashScope's OpenAI-compatible mode wants it.
import { findModel, type ModelInfo } from '../../../shared/catalog';

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
  /** true: asked for; false: only for a model that thinks unless told not to (catalog `thinkingByDefault`). */
  enable_thinking?: boolean;
}

/**
 * Thinking only happens when asked for and the catalog says the model can think. `model` is the model as
 * resolved (a custom one included); absent, the catalog is asked.
 */
export function thinkingApplies(opts: Pick<TurnOptions, 'model' | 'thinking'>, model: ModelInfo | undefined = findModel(opts.model)): boolean {
  return opts.thinking && model?.thinking === true;
}

/** Audio is refused in thinking mode, so speaking yields to thinking; a text-only model is never asked for it. */
export function audioApplies(opts: TurnOptions, model: ModelInfo | undefined = findModel(opts.model)): boolean {
  return opts.speakReplies && !thinkingApplies(opts, model) && (model?.audioOut ?? true);
}

/**
 * Some models (Qwen-Omni-Turbo) refuse a system message when the reply includes audio. Callers may use
 * this to tell the user; buildChatBody leaves such a system message out rather than send a request that
 * is bound to fail.
 */
export function systemMessageAllowed(opts: TurnOptions, model: ModelInfo | undefined = findModel(opts.model)): boolean {
  if (!audioApplies(opts, model)) return true;
  return model?.systemPromptWithAudio ?? true;
}

export function buildChatBody(messages: ApiMessage[], opts: TurnOptions, model: ModelInfo | undefined = findModel(opts.model)): ChatBody {
  const withSystem = systemMessageAllowed(opts, model);
  const body: ChatBody = {
    model: opts.model,
    messages: messages
      .filter((m) => withSystem || m.role !== 'system')
      .map((m) => (m.role === 'assistant' ? { role: 'assistant', content: assistantText(m.content) } : m)),
    stream: true,
    stream_options: { include_usage: true },
    modalities: ['text'],
  };
  if (audioApplies(opts, model)) {
    body.modalities = ['text', 'audio'];
    body.audio = { voice: opts.voice, format: 'wav' };
  }
  if (thinkingApplies(opts, model)) body.enable_thinking = true;
  // Qwen3.8-Omni-Flash thinks unless told not to. `enable_thinking` is the Qwen family's switch; its page
  // names no parameter, so this is the family's, not a confirmed one.
  else if (model?.thinkingByDefault) body.enable_thinking = false;
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
