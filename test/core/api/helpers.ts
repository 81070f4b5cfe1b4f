// Runs one real streamChat against a stand-in and gathers what the consumer saw.
import { buildChatBody, type ApiMessage, type TurnOptions } from '../../../electron/core/api/request';
import { streamChat, type StreamEvent, type StreamOptions, type StreamResult } from '../../../electron/core/api/stream';
import type { Usage } from '../../../shared/domain';
import type { Standin } from '../../standin';

export interface Collected {
  result: StreamResult;
  events: StreamEvent[];
  text: string;
  reasoning: string;
  transcript: string;
  audio: Uint8Array;
  audioEvents: number;
  usage: Usage | null;
}

export const SPEAK: TurnOptions = { model: 'qwen3-omni-flash', voice: 'Cherry', speakReplies: true, thinking: false };
export const QUIET: TurnOptions = { ...SPEAK, speakReplies: false };
export const HELLO: ApiMessage[] = [{ role: 'user', content: 'Hello, who are you?' }];

export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export async function collect(
  standin: { baseUrl: string; apiKey: string } | Standin,
  opts: {
    turn?: TurnOptions;
    messages?: ApiMessage[];
    apiKey?: string;
    signal?: AbortSignal;
    stallTimeoutMs?: number;
    /** Called on every event, e.g. to abort after some text has arrived. */
    onEvent?: (e: StreamEvent, sofar: StreamEvent[]) => void;
    baseUrl?: string;
  } = {},
): Promise<Collected> {
  const events: StreamEvent[] = [];
  const o: StreamOptions = {
    fetch: globalThis.fetch,
    baseUrl: opts.baseUrl ?? standin.baseUrl,
    apiKey: opts.apiKey ?? standin.apiKey,
    body: buildChatBody(opts.messages ?? HELLO, opts.turn ?? SPEAK),
    stallTimeoutMs: opts.stallTimeoutMs ?? 10_000,
    onEvent(e) {
      events.push(e);
      opts.onEvent?.(e, events);
    },
  };
  if (opts.signal) o.signal = opts.signal;
  const result = await streamChat(o);
  const pick = <T extends StreamEvent['type']>(t: T) => events.filter((e): e is Extract<StreamEvent, { type: T }> => e.type === t);
  const audioParts = pick('audio').map((e) => e.pcm);
  return {
    result,
    events,
    text: pick('text').map((e) => e.delta).join(''),
    reasoning: pick('reasoning').map((e) => e.delta).join(''),
    transcript: pick('transcript').map((e) => e.delta).join(''),
    audio: concat(audioParts),
    audioEvents: audioParts.length,
    usage: pick('usage').at(-1)?.usage ?? null,
  };
}
