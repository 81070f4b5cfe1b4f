// History trimming (issue 4) through the assembled core against the stand-in: when the conversation would
// pass the model's input limit, the oldest whole turns are left out of the request (the stand-in records
// what arrived), the reply says how many (a `trimmed` event, and the stored usage), and the newest turn
// always goes. Plus fitHistory on its own, with media measured at the reference's audio rate.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fitHistory, turnsOf } from '../../../electron/core/chat/history';
import type { ChatEvent } from '../../../shared/contract';
import type { Message } from '../../../shared/domain';
import { maxInputTokens } from '../../../shared/estimate';
import { DEFAULT_SCENARIO, startStandin, type Standin } from '../../standin';
import { startTestCore, type TestCore } from '../../support/test-core';

let standin: Standin;
let tc: TestCore;

beforeAll(async () => {
  standin = await startStandin({ scenario: { ...DEFAULT_SCENARIO, text: 'Noted.' } });
  tc = await startTestCore({ standin, prefix: 'omni-trim-' });
  await tc.core.handlers['settings.update']({ speakReplies: false });
});
afterAll(async () => {
  await tc?.close();
  await standin?.close();
});

/** About 6,000 tokens of English (24,000 characters at ~4 per token). */
const bigQuestion = (n: number) => `Question ${n}: ${'lorem '.repeat(4000)}`;

describe('the history sent to the model fits its input limit', () => {
  it('leaves out the oldest whole turns, says how many, and always sends the newest', async () => {
    expect(maxInputTokens('qwen3-omni-flash', false)).toBe(16_384);
    let conversationId: string | null = null;
    const replies: string[] = [];
    for (let n = 1; n <= 4; n++) {
      const { sent: r, outcome } = await tc.send({ conversationId, text: bigQuestion(n) });
      conversationId = r.conversationId;
      replies.push(r.assistantMessage.id);
      expect(outcome.status, `turn ${n}`).toBe('complete');
    }
    const bodies = standin.requests.slice(-4).map((q) => q.body as { messages: { role: string; content: string }[] });
    const questions = (b: { messages: { role: string; content: string }[] }) =>
      b.messages.filter((m) => m.role === 'user').map((m) => /^Question (\d+)/.exec(m.content)?.[1]);
    // Two turns fit (~12,000 tokens); a third passes 16,384, so the oldest go, whole, as needed.
    expect(questions(bodies[0]!)).toEqual(['1']);
    expect(questions(bodies[1]!)).toEqual(['1', '2']);
    expect(questions(bodies[2]!)).toEqual(['2', '3']);
    expect(questions(bodies[3]!)).toEqual(['3', '4']);
    // Whole turns: each kept question still has its reply after it; the request starts with a user turn.
    expect(bodies[3]!.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
    expect(bodies[3]!.messages[1]!.content).toBe('Noted.');

    const trimmed = (id: string) => tc.events.find((e): e is Extract<ChatEvent, { kind: 'trimmed' }> => e.kind === 'trimmed' && e.messageId === id);
    expect(trimmed(replies[0]!)).toBeUndefined();
    expect(trimmed(replies[1]!)).toBeUndefined();
    expect(trimmed(replies[2]!)?.turnsLeftOut).toBe(1);
    expect(trimmed(replies[3]!)?.turnsLeftOut).toBe(2);

    // The notice survives a reload: it is kept with the reply's usage.
    const detail = await tc.core.handlers['conversations.get']({ id: conversationId! });
    const byId = new Map(detail.messages.map((m) => [m.id, m]));
    expect(byId.get(replies[1]!)?.usage?.turnsLeftOut).toBeUndefined();
    expect(byId.get(replies[2]!)?.usage?.turnsLeftOut).toBe(1);
    expect(byId.get(replies[3]!)?.usage?.turnsLeftOut).toBe(2);
    // Nothing is deleted: the conversation still shows every turn.
    expect(detail.messages.filter((m) => m.role === 'user')).toHaveLength(4);
  });
});

describe('fitHistory', () => {
  let seq = 0;
  const msg = (role: 'user' | 'assistant', text: string, attachments = 0): Message => ({
    id: `m${++seq}`, conversationId: 'c1', role, text, reasoning: '', status: 'complete', usage: null, error: null,
    model: 'qwen3-omni-flash', voice: null, audio: null, createdAt: 0, updatedAt: 0,
    attachments: Array.from({ length: attachments }, (_, i) => ({ id: `a${seq}x${i}`, kind: 'audio' as const, name: 'talk.mp3', summary: '' })),
  });

  it('measures media at the reference rate: a 20-minute recording (15,000 tokens) pushes out the turn before it', () => {
    const old = [msg('user', `Earlier question: ${'q'.repeat(2000)}`), msg('assistant', 'Earlier answer')];
    const talk = msg('user', 'Summarise this talk.', 1);
    const measure = (m: Message) => ({
      text: m.text,
      media: m.id === talk.id ? [{ sendAs: 'audio' as const, durationSec: 20 * 60, width: null, height: null, count: 1 }] : [],
    });
    const withAudio = [...old, talk, msg('assistant', 'It is about tokens.'), msg('user', 'x'.repeat(4000))];
    const fitted = fitHistory(withAudio, { modelId: 'qwen3-omni-flash', maxInput: 16_384, measure });
    expect(fitted.leftOutTurns).toBe(1);
    expect(fitted.messages[0]).toBe(talk);
    expect(fitted.estimate).toBeLessThanOrEqual(16_384);
    // With Turbo's 25 tokens a second the same talk alone passes any 16k limit: only the newest turn stays.
    const turbo = fitHistory(withAudio, { modelId: 'qwen-omni-turbo', maxInput: 16_384, measure });
    expect(turbo.leftOutTurns).toBe(2);
    expect(turbo.messages).toHaveLength(1);
  });

  it('keeps everything when it fits or the model has no known limit, and never drops the newest turn', () => {
    const small = [msg('user', 'a'), msg('assistant', 'b'), msg('user', 'c')];
    const measure = (m: Message) => ({ text: m.text });
    expect(fitHistory(small, { modelId: 'qwen3-omni-flash', maxInput: 16_384, measure }).leftOutTurns).toBe(0);
    const huge = [msg('user', 'y'.repeat(100_000)), msg('assistant', 'ok'), msg('user', 'z'.repeat(100_000))];
    expect(fitHistory(huge, { modelId: 'qwen-omni-turbo', maxInput: null, measure }).leftOutTurns).toBe(0);
    const newest = fitHistory(huge, { modelId: 'qwen3-omni-flash', maxInput: 16_384, measure });
    expect(newest.leftOutTurns).toBe(1);
    expect(newest.messages.map((m) => m.text[0])).toEqual(['z']);
    expect(turnsOf(huge).map((t) => t.length)).toEqual([2, 1]);
  });
});
