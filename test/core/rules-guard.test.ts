// The core's last guard and per-conversation settings, over a real SQLite file and the local stand-in:
// a turn that breaks a rule of the reference is refused before anything is stored or sent (and the same
// turn with the fix goes through); each conversation keeps its own model, voice, spoken replies, thinking
// and system prompt across a restart, and its turns are sent with them.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/app-core';
import { UserError } from '../../electron/core/user-error';
import type { Core } from '../../electron/core/core-interface';
import type { ChatEvent, RequestInput } from '../../shared/contract';
import { startStandin, type Standin } from '../standin';

let standin: Standin;
let dir: string;
let core: Core;
const outcomes = new Map<string, string>();

const open = async () => {
  core = await createCore({ dataDir: dir, shell: 'web', version: 'test', baseUrl: standin.baseUrl, envKey: standin.apiKey });
  // These tests read the stand-in's last request: no title request after a first exchange (test/core/chat/titles.test.ts).
  await core.handlers['settings.update']({ generateTitles: false });
  core.subscribe((name, payload) => {
    const ev = payload as ChatEvent;
    if (name === 'chat.event' && ev.kind === 'outcome') outcomes.set(ev.messageId, ev.status);
  });
};

beforeAll(async () => {
  standin = await startStandin({ scenario: { audioSeconds: 0.3 } });
});
afterAll(() => standin.close());
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'omni-rules-'));
  await open();
});
afterEach(async () => {
  await core.close();
  await rm(dir, { recursive: true, force: true });
});

async function send(input: RequestInput<'chat.send'>) {
  const sent = await core.handlers['chat.send']({ attachmentIds: [], options: {}, ...input } as never);
  const end = Date.now() + 20_000;
  while (!outcomes.has(sent.assistantMessage.id)) {
    if (Date.now() > end) throw new Error('the reply never ended');
    await new Promise((r) => setTimeout(r, 10));
  }
  expect(outcomes.get(sent.assistantMessage.id)).toBe('complete');
  return sent;
}

/** The refusal's sentence, and that nothing reached the stand-in or the store. */
async function refused(input: RequestInput<'chat.send'>): Promise<string> {
  const requests = standin.requests.length;
  const conversations = core.handlers['conversations.list']({ limit: 100 });
  let caught: unknown;
  try {
    await core.handlers['chat.send']({ attachmentIds: [], options: {}, ...input } as never);
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(UserError);
  expect((caught as UserError).info.kind).toBe('invalid_input');
  expect(standin.requests.length).toBe(requests);
  expect(core.handlers['conversations.list']({ limit: 100 })).toEqual(conversations);
  return (caught as UserError).message;
}

const lastBody = () => standin.requests.at(-1)!.body as Record<string, unknown>;

describe('the last guard before a request leaves', () => {
  it('thinking with spoken replies is refused (naming both fixes); thinking with text replies goes, with enable_thinking and no audio', async () => {
    expect(await refused({ conversationId: null, text: 'Hi', options: { thinking: true, speakReplies: true } }))
      .toBe('With Thinking on the API replies in text only, so replies cannot be spoken. Turn Speak replies off, or turn Thinking off.');
    await send({ conversationId: null, text: 'Hi', options: { thinking: true, speakReplies: false } });
    expect(lastBody().enable_thinking).toBe(true);
    expect(lastBody().modalities).toEqual(['text']);
    expect('audio' in lastBody()).toBe(false);
  });

  it('a voice the model lacks is refused; the model\'s own voice goes', async () => {
    expect(await refused({ conversationId: null, text: 'Hi', options: { model: 'qwen-omni-turbo', voice: 'Jennifer' } }))
      .toBe('Qwen-Omni-Turbo has no voice called Jennifer. Pick one of its voices, or turn Speak replies off.');
    await send({ conversationId: null, text: 'Hi', options: { model: 'qwen-omni-turbo', voice: 'Serena' } });
    expect(lastBody().audio).toEqual({ voice: 'Serena', format: 'wav' });
  });

  it('a system prompt with turbo and spoken replies is refused; either fix lets it go', async () => {
    const systemPrompt = 'Answer in one short sentence.';
    const turbo = { model: 'qwen-omni-turbo' as const, voice: 'Cherry', systemPrompt };
    expect(await refused({ conversationId: null, text: 'Hi', options: { ...turbo, speakReplies: true } }))
      .toBe('Qwen-Omni-Turbo does not accept a system prompt when replies are spoken. Turn Speak replies off, or remove the system prompt.');
    // Fix 1: text replies keep the system prompt, sent first.
    await send({ conversationId: null, text: 'Hi', options: { ...turbo, speakReplies: false } });
    expect((lastBody().messages as unknown[])[0]).toEqual({ role: 'system', content: systemPrompt });
    expect(lastBody().modalities).toEqual(['text']);
    // Fix 2: no system prompt keeps the spoken reply.
    await send({ conversationId: null, text: 'Hi', options: { ...turbo, systemPrompt: '', speakReplies: true } });
    expect((lastBody().messages as { role: string }[]).map((m) => m.role)).toEqual(['user']);
    expect(lastBody().modalities).toEqual(['text', 'audio']);
  });
});

describe('per-conversation settings', () => {
  it('a new conversation starts from the global Settings, and remembers what it was started with', async () => {
    await core.handlers['settings.update']({ model: 'qwen3-omni-flash-2025-12-01', voice: 'Serena', speakReplies: true });
    const { conversationId } = await send({ conversationId: null, text: 'Hello' });
    const got = core.handlers['conversations.get']({ id: conversationId });
    expect((await got).settings).toEqual({
      model: 'qwen3-omni-flash-2025-12-01', voice: 'Serena', speakReplies: true, thinking: false, systemPrompt: '',
    });
    // Changing the global Settings later does not change the conversation.
    await core.handlers['settings.update']({ model: 'qwen-omni-turbo' });
    await send({ conversationId, text: 'Again' });
    expect(lastBody().model).toBe('qwen3-omni-flash-2025-12-01');
    expect(lastBody().audio).toEqual({ voice: 'Serena', format: 'wav' });
  });

  it('Thinking on turns Speak replies off for that conversation; a model without thinking drops it', async () => {
    const { conversationId: id } = await send({ conversationId: null, text: 'Hello' });
    const thinking = await core.handlers['conversations.updateSettings']({ id, settings: { thinking: true } });
    expect(thinking).toMatchObject({ thinking: true, speakReplies: false });
    const spoken = await core.handlers['conversations.updateSettings']({ id, settings: { speakReplies: true } });
    expect(spoken).toMatchObject({ thinking: false, speakReplies: true });
    await core.handlers['conversations.updateSettings']({ id, settings: { thinking: true } });
    const turbo = await core.handlers['conversations.updateSettings']({ id, settings: { model: 'qwen-omni-turbo' } });
    expect(turbo).toMatchObject({ model: 'qwen-omni-turbo', thinking: false, voice: 'Cherry' });
    await expect(async () => core.handlers['conversations.updateSettings']({ id: 'nope', settings: { thinking: true } })).rejects.toThrow(/no longer exists/);
  });

  it('are remembered across a restart and used for its next turn: model, voice, thinking, system prompt first', async () => {
    const { conversationId: id } = await send({ conversationId: null, text: 'Hello' });
    const other = await send({ conversationId: null, text: 'Another' });
    const systemPrompt = 'You are a patient tutor. 用中文回答。';
    await core.handlers['conversations.updateSettings']({
      id, settings: { model: 'qwen3-omni-flash-2025-09-15', voice: 'Kiki', systemPrompt, thinking: true },
    });
    await core.close();
    await open();

    const detail = await core.handlers['conversations.get']({ id });
    expect(detail.settings).toEqual({ model: 'qwen3-omni-flash-2025-09-15', voice: 'Kiki', speakReplies: false, thinking: true, systemPrompt });
    expect(detail.conversation.model).toBe('qwen3-omni-flash-2025-09-15');
    // The other conversation kept its own.
    expect((await core.handlers['conversations.get']({ id: other.conversationId })).settings)
      .toMatchObject({ model: 'qwen3-omni-flash', thinking: false, systemPrompt: '' });

    const reply = await send({ conversationId: id, text: 'What is 2 + 2?' });
    const body = lastBody();
    expect(body.model).toBe('qwen3-omni-flash-2025-09-15');
    expect(body.enable_thinking).toBe(true);
    expect(body.modalities).toEqual(['text']);
    expect((body.messages as unknown[])[0]).toEqual({ role: 'system', content: systemPrompt });
    expect((body.messages as { role: string }[]).map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
    const stored = (await core.handlers['conversations.get']({ id })).messages.find((m) => m.id === reply.assistantMessage.id);
    expect(stored?.reasoning.length).toBeGreaterThan(0);
  });
});
