// Generated titles: once a conversation's first exchange has completed, one short text-only request to the
// same model, endpoint and key asks for a 3–6 word title in the conversation's language. It replaces the
// fallback title (store/title.ts) unless the user renamed the conversation meanwhile; what it cost is kept
// on the conversation (titleUsage), which its total in the header adds to its replies'. Nothing here is the
// user's concern when it fails: the fallback title stays, and the log says why.
import { errorText } from '../../../shared/error-text';
import type { Message, Settings } from '../../../shared/domain';
import { buildChatBody, streamChat, type ChatBody } from '../api';
import type { RegionHint } from '../api/error-mapping';
import type { EventListener } from '../core-interface';
import type { ConversationMetaStore } from '../store/conversation-meta';
import type { Store } from '../store/history-store';
import type { FinishedReply } from './turns';
import { titleFromQuestion, UNTITLED } from '../store/title';

/** Enough for a short title in any language (a CJK character may be a token by itself), not for a reply. */
export const TITLE_MAX_TOKENS = 32;
/** How much of the question and of the reply the request quotes: the gist, not the whole exchange. */
const QUOTE_MAX_CHARS = 1_000;

const SYSTEM_PROMPT = [
  'You name conversations for a chat history list.',
  'Reply with a title of 3 to 6 words (in Chinese or Japanese, at most 12 characters) that says what the conversation is about,',
  'written in the language the user wrote in.',
  'Reply with the title alone: no quotation marks, no Markdown, no full stop, no explanation.',
].join(' ');

export interface TitleJob {
  conversationId: string;
  /** The first question and the reply that completed it. */
  question: Message;
  replyText: string;
  model: string;
  baseUrl: string;
  apiKey: string;
  region: RegionHint | null;
  stallTimeoutMs: number;
}

export interface TitleRequestDeps {
  store: Pick<Store, 'getMessage'>;
  meta: ConversationMetaStore;
  readSettings: () => Pick<Settings, 'generateTitles'>;
  fetch: typeof globalThis.fetch;
  emit: EventListener;
  log: (line: string) => void;
}

export interface TitleRequests {
  /**
   * After a reply: when it completed a conversation's first question, titles are on and the title is still
   * the fallback one, asks for a title in the background. The promise (null when nothing was asked) never
   * rejects.
   */
  afterReply(r: FinishedReply): Promise<void> | null;
  /** Asks for the title in the background; the promise (for tests and close) never rejects. */
  request(job: TitleJob): Promise<void>;
  /** Aborts the requests still out and waits for them. */
  close(): Promise<void>;
}

export function createTitleRequests(d: TitleRequestDeps): TitleRequests {
  const running = new Map<AbortController, Promise<void>>();

  async function run(job: TitleJob, signal: AbortSignal): Promise<void> {
    let answer = '';
    const r = await streamChat({
      fetch: d.fetch, baseUrl: job.baseUrl, apiKey: job.apiKey, body: titleBody(job), signal,
      stallTimeoutMs: job.stallTimeoutMs, region: job.region,
      onEvent(e) {
        if (e.type === 'text') answer += e.delta;
      },
    });
    // Paid for whatever became of it: kept even when the title is not used.
    if (r.usage && d.meta.addTitleUsage(job.conversationId, r.usage)) {
      d.emit('conversations.changed', { conversationId: job.conversationId });
    }
    if (r.status !== 'complete') {
      if (r.status !== 'cancelled') d.log(`title for ${job.conversationId} not generated: ${r.status}${r.error ? `: ${r.error.message}` : ''}`);
      return;
    }
    const title = cleanTitle(answer);
    if (!title) {
      d.log(`title for ${job.conversationId} not generated: the model answered no usable title`);
      return;
    }
    if (d.meta.setGeneratedTitle(job.conversationId, title)) {
      d.emit('conversations.changed', { conversationId: job.conversationId });
    }
  }

  /** Conversations whose title is being asked for (a second first-exchange reply does not ask again). */
  const asking = new Set<string>();

  function request(job: TitleJob): Promise<void> {
    const controller = new AbortController();
    asking.add(job.conversationId);
    const done = run(job, controller.signal)
      .catch((err: unknown) => d.log(`title for ${job.conversationId} not generated: ${errorText(err)}`))
      .finally(() => {
        running.delete(controller);
        asking.delete(job.conversationId);
      });
    running.set(controller, done);
    return done;
  }

  return {
    afterReply(r) {
      if (r.status !== 'complete' || (r.question.parentId ?? null) !== null) return null;
      if (!d.readSettings().generateTitles || asking.has(r.conversationId)) return null;
      if (d.meta.titleSource(r.conversationId) !== 'fallback') return null;
      const reply = d.store.getMessage(r.replyId);
      if (!reply) return null;
      return request({
        conversationId: r.conversationId, question: r.question, replyText: reply.text, model: r.model,
        baseUrl: r.baseUrl, apiKey: r.apiKey, region: r.region, stallTimeoutMs: r.stallTimeoutMs,
      });
    },
    request,
    async close() {
      for (const c of running.keys()) c.abort();
      await Promise.allSettled([...running.values()]);
    },
  };
}

/** The request: a system prompt and the exchange quoted as text; no audio, no thinking, a few tokens. */
export function titleBody(job: Pick<TitleJob, 'question' | 'replyText' | 'model'>): ChatBody & { max_tokens: number } {
  const files = job.question.attachments.map((a) => `[${a.kind}: ${a.name}]`).join(' ');
  const asked = [quote(job.question.text), files].filter(Boolean).join('\n');
  const user = `The user wrote:\n${asked || '(nothing)'}\n\nThe assistant answered:\n${quote(job.replyText) || '(nothing)'}`;
  return {
    ...buildChatBody(
      [{ role: 'system', content: SYSTEM_PROMPT }, { role: 'user', content: user }],
      { model: job.model, voice: '', speakReplies: false, thinking: false },
    ),
    max_tokens: TITLE_MAX_TOKENS,
  };
}

function quote(text: string): string {
  const t = text.trim();
  return t.length > QUOTE_MAX_CHARS ? `${t.slice(0, QUOTE_MAX_CHARS)}…` : t;
}

/**
 * The model's answer as a title: its first line read like a question's words (Markdown dropped), without
 * a "Title:" label, wrapping quotes or a closing full stop; empty when nothing usable is left.
 */
export function cleanTitle(answer: string): string {
  let t = titleFromQuestion(answer.replace(/^\s*(title|标题|題名|タイトル)\s*[:：]\s*/iu, ''));
  if (t === UNTITLED) return '';
  const pairs: Array<[string, string]> = [['"', '"'], ["'", "'"], ['“', '”'], ['‘', '’'], ['「', '」'], ['『', '』'], ['《', '》'], ['*', '*']];
  for (let again = true; again;) {
    again = false;
    for (const [open, close] of pairs) {
      if (t.length > open.length + close.length && t.startsWith(open) && t.endsWith(close)) {
        t = t.slice(open.length, -close.length).trim();
        again = true;
      }
    }
  }
  return t.replace(/[.。．!！]+$/u, '').trim();
}
