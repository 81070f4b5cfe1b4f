// Generated titles through the assembled core against the stand-in over real HTTP, stored in a real SQLite
// file: after a conversation's first exchange one short text-only request names it; a renamed conversation
// keeps its name; the setting turns it off; a failure leaves the fallback title and says so only in the log.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TITLE_MAX_TOKENS } from '../../../electron/core/chat/title-request';
import { DEFAULT_SETTINGS } from '../../../shared/domain';
import { DEFAULT_SCENARIO, startStandin, type RecordedRequest, type Standin } from '../../standin';
import { must, startTestCore, type TestCore } from '../../support/test-core';

let standin: Standin;
let tc: TestCore | null = null;

/** The app's title prompt says this; nothing a test sends does. */
const TITLE_PROMPT = 'You name conversations';
const GENERATED = 'Capital of France';

beforeAll(async () => {
  standin = await startStandin();
});
afterAll(async () => {
  await standin.close();
});
afterEach(async () => {
  await tc?.close();
  tc = null;
});

async function core(generateTitles = true): Promise<TestCore> {
  standin.setScenario({ ...DEFAULT_SCENARIO, text: 'Paris is the capital of France.', audioSeconds: 1, rules: [{ when: TITLE_PROMPT, text: `"${GENERATED}."` }] });
  standin.requests.length = 0;
  tc = await startTestCore({ standin, generateTitles });
  return tc;
}

const titleRequests = (): RecordedRequest[] => standin.requests.filter((r) => JSON.stringify(r.body?.messages ?? '').includes(TITLE_PROMPT));

/** Resolves once a conversations.changed for `id` has been pushed after this call and `check` holds. */
function changed(t: TestCore, id: string, check: () => Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`${what}: not within ${timeoutMs} ms`));
    }, timeoutMs);
    const off = t.core.subscribe((name, payload) => {
      if (name !== 'conversations.changed' || (payload as { conversationId: string | null }).conversationId !== id) return;
      void check().then((ok) => {
        if (!ok) return;
        clearTimeout(timer);
        off();
        resolve();
      });
    });
  });
}

const summary = async (t: TestCore, id: string) => (await must(t.call('conversations.page', { offset: 0, limit: 50 }))).items.find((c) => c.id === id)!;

describe('generated titles', () => {
  it('are on by default: after the first exchange a text-only request with few tokens names the conversation, and its cost is kept', async () => {
    expect(DEFAULT_SETTINGS.generateTitles).toBe(true);
    const t = await core();
    expect((await must(t.call('settings.get', {}))).generateTitles).toBe(true);
    const sent = await t.core.handlers['chat.send']({ conversationId: null, text: '**What** is the capital of *France*?', attachmentIds: [], options: {} });
    const id = sent.conversationId;
    // The fallback title first: the question's words, Markdown dropped.
    expect((await summary(t, id)).title).toBe('What is the capital of France?');
    const titled = changed(t, id, async () => (await summary(t, id)).title === GENERATED, 'the generated title in the list');
    expect((await t.outcome(sent.assistantMessage.id)).status).toBe('complete');
    await titled;

    const [req, ...others] = titleRequests();
    expect(others).toEqual([]);
    const body = req!.body;
    expect(body.model).toBe(DEFAULT_SETTINGS.model);
    expect(body.stream).toBe(true);
    expect(body.modalities ?? ['text']).toEqual(['text']);
    expect(body.audio).toBeUndefined();
    expect(body.enable_thinking).toBeUndefined();
    expect(body.max_tokens).toBeLessThanOrEqual(TITLE_MAX_TOKENS);
    expect(body.messages.map((m: { role: string }) => m.role)).toEqual(['system', 'user']);
    expect(body.messages[1].content).toContain('What** is the capital of *France*?');
    expect(body.messages[1].content).toContain('Paris is the capital of France.');
    expect(req!.headers.authorization).toBe(`Bearer ${standin.apiKey}`);

    const s = await summary(t, id);
    expect([s.title, s.titleSource, s.titleMedia]).toEqual([GENERATED, 'generated', null]);
    expect(s.titleUsage?.totalTokens).toBeGreaterThan(0);
    expect(s.titleUsage?.completionDetails).toEqual({ text_tokens: expect.any(Number) });
    // conversations.get carries it too (the header adds it to the replies' usage); the replies' own usage is unchanged.
    const detail = await must(t.call('conversations.get', { id }));
    expect(detail.conversation.titleUsage).toEqual(s.titleUsage);
    expect(detail.messages[1]!.usage?.completionDetails.audio_tokens).toBeGreaterThan(0);

    // A second exchange asks for no title again.
    const second = await t.send({ conversationId: id, text: 'And of Italy?' });
    expect(second.outcome.status).toBe('complete');
    await must(t.call('connection.test', {}));
    expect(titleRequests()).toHaveLength(1);
  });

  it('a conversation renamed while its title was being asked for keeps the name typed; the cost is still kept', async () => {
    const t = await core();
    standin.setScenario({ rules: [{ when: TITLE_PROMPT, text: GENERATED, firstChunkDelayMs: 600 }] });
    const sent = await t.core.handlers['chat.send']({ conversationId: null, text: 'What is the capital of France?', attachmentIds: [], options: {} });
    const id = sent.conversationId;
    const costed = changed(t, id, async () => (await summary(t, id)).titleUsage !== null, 'the title request finished');
    await t.outcome(sent.assistantMessage.id);
    await expect.poll(() => titleRequests().length, { timeout: 10_000 }).toBe(1);
    await must(t.call('conversations.rename', { id, title: 'My trip' }));
    await costed;
    const s = await summary(t, id);
    expect([s.title, s.titleSource]).toEqual(['My trip', 'user']);
    expect(s.titleUsage?.totalTokens).toBeGreaterThan(0);
  });

  it('a conversation renamed before its first reply ends asks for no title at all', async () => {
    const t = await core();
    standin.setScenario({ firstChunkDelayMs: 400 });
    const sent = await t.core.handlers['chat.send']({ conversationId: null, text: 'What is the capital of France?', attachmentIds: [], options: {} });
    await must(t.call('conversations.rename', { id: sent.conversationId, title: 'Named by me' }));
    expect((await t.outcome(sent.assistantMessage.id)).status).toBe('complete');
    await must(t.call('connection.test', {}));
    await new Promise((r) => setTimeout(r, 300));
    expect(titleRequests()).toEqual([]);
    expect((await summary(t, sent.conversationId)).title).toBe('Named by me');
  });

  it('turned off in Settings: no title request, the fallback title stays', async () => {
    const t = await core(false);
    expect((await must(t.call('settings.get', {}))).generateTitles).toBe(false);
    const { sent, outcome } = await t.send({ text: '| Model | Voices |\n| --- | --- |\n| flash | 17 |\n\nWhich **voice** is best?' });
    expect(outcome.status).toBe('complete');
    await must(t.call('connection.test', {}));
    await new Promise((r) => setTimeout(r, 300));
    expect(titleRequests()).toEqual([]);
    const s = await summary(t, sent.conversationId);
    expect([s.title, s.titleSource, s.titleUsage]).toEqual(['Which voice is best?', 'fallback', null]);
  });

  it('a failed title request is silent: the fallback title stays, the reply is unaffected, the log says why', async () => {
    const t = await core();
    standin.setScenario({ rules: [{ when: TITLE_PROMPT, httpError: { status: 500, code: 'internal_error', message: 'boom', type: 'internal_error' } }] });
    const { sent, outcome } = await t.send({ text: 'What is the capital of France?' });
    expect([outcome.status, outcome.error]).toEqual(['complete', null]);
    await expect.poll(() => t.logs.some((l) => l.startsWith(`title for ${sent.conversationId} not generated`)), { timeout: 10_000 }).toBe(true);
    const s = await summary(t, sent.conversationId);
    expect([s.title, s.titleSource]).toEqual(['What is the capital of France?', 'fallback']);
    expect(t.events.filter((e) => e.kind === 'outcome' && e.error !== null)).toEqual([]);
    expect(t.logs.join('\n')).not.toContain(standin.apiKey);
  });
});
