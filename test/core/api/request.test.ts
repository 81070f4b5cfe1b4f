import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildChatBody, type ApiMessage } from '../../../electron/core/api/request';
import { DEFAULT_VOICE, MODELS } from '../../../shared/catalog';
import { startStandin, type Standin } from '../../standin';
import { collect, HELLO, QUIET, SPEAK } from './helpers';

let standin: Standin;
beforeAll(async () => {
  standin = await startStandin();
});
afterAll(() => standin.close());

describe('buildChatBody', () => {
  it('asks for text only when replies are not spoken', () => {
    expect(buildChatBody(HELLO, QUIET)).toEqual({
      model: 'qwen3-omni-flash',
      messages: HELLO,
      stream: true,
      stream_options: { include_usage: true },
      modalities: ['text'],
    });
  });

  it('asks for text and wav audio in the chosen voice when replies are spoken', () => {
    const body = buildChatBody(HELLO, { ...SPEAK, voice: 'Ethan' });
    expect(body.modalities).toEqual(['text', 'audio']);
    expect(body.audio).toEqual({ voice: 'Ethan', format: 'wav' });
    expect(body.stream).toBe(true);
    expect(body.stream_options).toEqual({ include_usage: true });
    expect('enable_thinking' in body).toBe(false);
  });

  it('thinking turns on enable_thinking and drops audio, even with Speak replies on', () => {
    const body = buildChatBody(HELLO, { ...SPEAK, thinking: true });
    expect(body.enable_thinking).toBe(true);
    expect(body.modalities).toEqual(['text']);
    expect('audio' in body).toBe(false);
  });

  it('never sends enable_thinking to a model that cannot think (turbo), and keeps its audio', () => {
    for (const model of ['qwen-omni-turbo', 'qwen2.5-omni-7b']) {
      const body = buildChatBody(HELLO, { model, voice: 'Ethan', speakReplies: true, thinking: true });
      expect('enable_thinking' in body).toBe(false);
      expect(body.modalities).toEqual(['text', 'audio']);
      expect(body.audio).toEqual({ voice: 'Ethan', format: 'wav' });
    }
  });

  it('sends the snapshot alias of a thinking model with enable_thinking', () => {
    expect(buildChatBody(HELLO, { ...QUIET, model: 'qwen3-omni-flash-0915', thinking: true }).enable_thinking).toBe(true);
  });

  it('keeps assistant turns of the history as text only, even if parts slip in', () => {
    const history = [
      { role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } }] },
      { role: 'assistant', content: [{ type: 'text', text: 'A cat.' }, { type: 'text', text: ' Sleeping.' }] },
      { role: 'user', content: 'And now?' },
    ] as unknown as ApiMessage[];
    const body = buildChatBody(history, SPEAK);
    expect(body.messages[1]).toEqual({ role: 'assistant', content: 'A cat. Sleeping.' });
    expect(body.messages[0]).toEqual(history[0]);
    expect(body.messages[2]).toEqual(history[2]);
  });

  it('leaves out the system message only where the model refuses one with audio (turbo)', () => {
    const msgs: ApiMessage[] = [{ role: 'system', content: 'Be brief.' }, ...HELLO];
    expect(buildChatBody(msgs, { model: 'qwen-omni-turbo', voice: 'Cherry', speakReplies: true, thinking: false }).messages).toEqual(HELLO);
    expect(buildChatBody(msgs, { model: 'qwen-omni-turbo', voice: 'Cherry', speakReplies: false, thinking: false }).messages).toEqual(msgs);
    expect(buildChatBody(msgs, SPEAK).messages).toEqual(msgs);
  });
});

describe('the bodies pass the reference rules (the stand-in enforces them)', () => {
  it('every model, spoken and thinking, with a system prompt and a history', async () => {
    const history: ApiMessage[] = [
      { role: 'system', content: 'Answer in one sentence.' },
      { role: 'user', content: [{ type: 'text', text: 'Hi' }, { type: 'input_audio', input_audio: { data: 'data:;base64,AAAA', format: 'wav' } }] },
      { role: 'assistant', content: 'Hello there.' },
      { role: 'user', content: 'Who are you?' },
    ];
    for (const model of MODELS) {
      for (const speakReplies of [true, false]) {
        for (const thinking of [true, false]) {
          // A model that never speaks (Qwen3.8-Omni-Flash) lists no voice: the conversation's stays as it is.
          const voice = model.voices[0]?.id ?? DEFAULT_VOICE;
          const got = await collect(standin, { messages: history, turn: { model: model.id, voice, speakReplies, thinking } });
          expect(got.result.error, `${model.id} speak=${speakReplies} thinking=${thinking}`).toBeNull();
          expect(got.result.status).toBe('complete');
          expect(got.audio.length > 0).toBe(model.audioOut && speakReplies && !(thinking && model.thinking));
          expect(got.reasoning.length > 0).toBe(thinking && model.thinking);
        }
      }
    }
  });

  it('the body on the wire is exactly what buildChatBody made, with the right headers', async () => {
    const before = standin.requests.length;
    await collect(standin, { turn: SPEAK });
    const req = standin.requests[before]!;
    expect(req.method).toBe('POST');
    expect(req.path).toBe('/compatible-mode/v1/chat/completions');
    expect(req.headers.authorization).toBe(`Bearer ${standin.apiKey}`);
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.headers.accept).toBe('text/event-stream');
    expect(req.body).toEqual(buildChatBody(HELLO, SPEAK));
  });
});
