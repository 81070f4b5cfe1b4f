// An incremental server-sent-events parser (the WHATWG rules): text arrives in arbitrary pieces, a line
// may be split anywhere (even between \r and \n), an event may span several `data:` lines, and lines
// starting with ':' are comments. Only complete events are handed on.

export interface SseEvent {
  event: string;
  data: string;
}

/**
 * The most one event may hold (its lines and data together): a server that never ends a line or an event
 * must not fill the app's memory. A whole minute of reply audio in one delta is about 4 MB of base64.
 */
export const MAX_SSE_EVENT_CHARS = 64 * 1024 * 1024;

export class SseEventTooLargeError extends Error {
  constructor() {
    super(`the server sent an event larger than ${MAX_SSE_EVENT_CHARS / 1024 / 1024} MB`);
    this.name = 'SseEventTooLargeError';
  }
}

export class SseParser {
  private line = '';
  private data: string[] = [];
  /** Characters of the data lines held for the event being read. */
  private dataChars = 0;
  private eventType = '';
  /** The previous piece ended with \r: a \n at the start of the next one belongs to the same break. */
  private skipLf = false;

  constructor(
    private readonly onEvent: (e: SseEvent) => void,
    private readonly maxEventChars = MAX_SSE_EVENT_CHARS,
  ) {}

  /** Takes the next piece of the stream; throws SseEventTooLargeError past the event size limit. */
  push(text: string): void {
    let start = 0;
    let i = 0;
    if (this.skipLf && text.startsWith('\n')) {
      start = 1;
      i = 1;
    }
    this.skipLf = false;
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      this.line += text.slice(start, i);
      this.takeLine(this.line);
      this.line = '';
      if (c === 13) {
        if (i + 1 === text.length) this.skipLf = true;
        else if (text.charCodeAt(i + 1) === 10) i++;
      }
      start = i + 1;
    }
    this.line += text.slice(start);
    if (this.dataChars + this.line.length > this.maxEventChars) throw new SseEventTooLargeError();
  }

  /**
   * The stream is over. A complete (line-terminated) event still waiting for its blank line is handed on,
   * so nothing whole that arrived is lost; an unterminated trailing fragment is incomplete and dropped.
   */
  end(): void {
    this.line = '';
    this.dispatch();
  }

  private takeLine(line: string): void {
    if (line === '') {
      this.dispatch();
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') {
      this.data.push(value);
      this.dataChars += value.length;
    }
    else if (field === 'event') this.eventType = value;
    // `id` and `retry` only matter for EventSource reconnection, which a POST stream never does.
  }

  private dispatch(): void {
    this.dataChars = 0;
    if (this.data.length > 0) {
      const e = { event: this.eventType || 'message', data: this.data.join('\n') };
      this.data = [];
      this.eventType = '';
      this.onEvent(e);
    } else {
      this.eventType = '';
    }
  }
}
