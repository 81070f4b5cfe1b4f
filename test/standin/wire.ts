// DashScope's wire shapes: chunk JSON, the error body, and SSE framing (with the optional oddities the
// scenario asks for, so the client's parser meets them over real TCP).

export function errorBody(code: string, message: string, type: string, requestId: string): object {
  return { error: { message, type, param: null, code }, request_id: requestId };
}

/** Changes `id` every few chunks and follows the clock for `created`, as the real service does. */
export class ChunkStamp {
  private n = 0;
  private id: string;

  constructor(private readonly model: string) {
    this.id = newChatId();
  }

  wrap(fields: { choices: unknown[]; usage?: unknown }): object {
    if (this.n > 0 && this.n % 8 === 0) this.id = newChatId();
    this.n++;
    return {
      choices: fields.choices,
      object: 'chat.completion.chunk',
      usage: fields.usage ?? null,
      created: Math.floor(Date.now() / 1000),
      system_fingerprint: null,
      model: this.model,
      id: this.id,
    };
  }
}

function newChatId(): string {
  return `chatcmpl-${crypto.randomUUID()}`;
}

export function deltaChoice(delta: object, finishReason: string | null = null): object {
  return { delta, finish_reason: finishReason, index: 0, logprobs: null };
}

export interface SseStyle {
  lineEnding: '\n' | '\r\n';
  multilineData: boolean;
}

/** One `data:` event. With multilineData the JSON is split at commas over several `data:` lines (the
 * client joins them with \n, which is JSON whitespace). */
export function sseFrame(payload: object | string, style: SseStyle): string {
  const nl = style.lineEnding;
  const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
  if (!style.multilineData || typeof payload === 'string') return `data: ${text}${nl}${nl}`;
  const lines = splitOutsideStrings(text);
  return lines.map((l) => `data: ${l}${nl}`).join('') + nl;
}

/** Splits JSON after commas that are not inside a string, so every piece rejoins into the same value. */
function splitOutsideStrings(json: string): string[] {
  const out: string[] = [];
  let inString = false;
  let escaped = false;
  let start = 0;
  for (let i = 0; i < json.length; i++) {
    const c = json[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (c === '\\') escaped = true;
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
    } else if (c === ',') {
      out.push(json.slice(start, i + 1));
      start = i + 1;
    }
  }
  out.push(json.slice(start));
  return out;
}

/**
 * Byte pieces for a fragmented write: every 23 bytes, and also right after each \r, so a \r\n pair and
 * multi-byte UTF-8 characters land split across TCP writes.
 */
export function fragments(bytes: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    const atCr = bytes[i] === 13;
    if (atCr || i - start + 1 >= 23) {
      out.push(bytes.subarray(start, i + 1));
      start = i + 1;
    }
  }
  if (start < bytes.length) out.push(bytes.subarray(start));
  return out;
}
