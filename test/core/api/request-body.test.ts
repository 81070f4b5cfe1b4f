// The request body of each mode, field by field against the reference's own examples (the guide's curl
// bodies): built the way the core builds a turn (stored messages → history with media parts → system prompt
// → buildChatBody), sent to the stand-in over HTTP, and compared as the stand-in recorded it. Copies of the
// examples are kept here; when ../shared/reference is present the test checks they are still the guide's.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildChatBody, type ApiMessage, type UserContentPart } from '../../../electron/core/api/request';
import { linkedMedia, linkPart } from '../../../electron/core/attachments/links';
import { historyToApiMessages } from '../../../electron/core/chat/history';
import { withSystemPrompt } from '../../../electron/core/chat/turn-settings';
import type { Message } from '../../../shared/domain';
import { checkTurn, type TurnSettings } from '../../../shared/rules';
import { startStandin, type Standin } from '../../standin';
import { collect } from './helpers';

const REFERENCE = resolve(__dirname, '../../../../shared/reference/000_c409abf591b9595e.txt');
const IMG = 'https://help-static-aliyun-doc.aliyuncs.com/file-manage-files/zh-CN/20241022/emyrja/dog_and_girl.jpeg';
const WAV = 'https://help-static-aliyun-doc.aliyuncs.com/file-manage-files/zh-CN/20250211/tixcef/cherry.wav';
const MP4 = 'https://help-static-aliyun-doc.aliyuncs.com/file-manage-files/zh-CN/20241115/cqqkru/1.mp4';
const MP3 = 'https://dashscope.oss-cn-beijing.aliyuncs.com/audios/welcome.mp3';
const FRAMES = ['xzsgiz/football1', 'tdescd/football2', 'zefdja/football3', 'aedbqh/football4']
  .map((f) => `https://help-static-aliyun-doc.aliyuncs.com/file-manage-files/zh-CN/20241108/${f}.jpg`);
const tail = { stream: true, stream_options: { include_usage: true } };
const SPOKEN = { ...tail, modalities: ['text', 'audio'], audio: { voice: 'Cherry', format: 'wav' } };
const one = (content: unknown) => [{ role: 'user', content }];

/** The guide's curl bodies, in its order (verbatim copies). */
const EXAMPLES = {
  textAndAudio: { model: 'qwen3-omni-flash', messages: one('Who are you?'), ...SPOKEN },
  thinking: { model: 'qwen3-omni-flash', messages: one('Who are you?'), ...tail, modalities: ['text'], enable_thinking: true },
  image: { model: 'qwen3-omni-flash', messages: one([{ type: 'image_url', image_url: { url: IMG } }, { type: 'text', text: 'What scene is depicted in the image?' }]), ...SPOKEN },
  audio: { model: 'qwen3-omni-flash', messages: one([{ type: 'input_audio', input_audio: { data: WAV, format: 'wav' } }, { type: 'text', text: 'What is this audio about' }]), ...SPOKEN },
  videoFrames: { model: 'qwen3-omni-flash', messages: one([{ type: 'video', video: FRAMES }, { type: 'text', text: 'Describe the process shown in this video' }]), ...SPOKEN },
  videoFile: { model: 'qwen3-omni-flash', messages: one([{ type: 'video_url', video_url: { url: MP4 } }, { type: 'text', text: 'What is the content of the video' }]), ...SPOKEN },
  multiTurn: {
    model: 'qwen3-omni-flash',
    messages: [
      { role: 'user', content: [{ type: 'input_audio', input_audio: { data: MP3 } }, { type: 'text', text: 'What is this audio about' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'This audio says: Welcome to Alibaba Cloud' }] },
      { role: 'user', content: [{ type: 'text', text: 'Can you tell me about this company?' }] },
    ],
    ...tail, modalities: ['text'],
  },
};

let standin: Standin;
beforeAll(async () => {
  standin = await startStandin({ scenario: { audioSeconds: 0.2 } });
});
afterAll(() => standin.close());

let seq = 0;
const stored = (role: 'user' | 'assistant', text: string): Message => ({ id: `m${++seq}`, role, text } as Message);

/** As the core sends a turn: stored messages with their media, the system prompt first, the body for the settings. */
function turnBody(s: TurnSettings, history: { m: Message; media?: UserContentPart[] }[]) {
  expect(checkTurn(s)).toEqual([]); // what the core's guard lets through
  const media = new Map(history.filter((h) => h.media).map((h) => [h.m.id, h.media!]));
  const messages: ApiMessage[] = withSystemPrompt(historyToApiMessages(history.map((h) => h.m), media), s.systemPrompt);
  return buildChatBody(messages, s);
}

/** Sends the body to the stand-in and returns it as the stand-in received it. */
async function onTheWire(body: ReturnType<typeof buildChatBody>): Promise<unknown> {
  const before = standin.requests.length;
  const got = await collect(standin, { messages: body.messages, turn: { model: body.model, voice: body.audio?.voice ?? 'Cherry', speakReplies: !!body.audio, thinking: !!body.enable_thinking } });
  expect(got.result.error).toBeNull();
  return standin.requests[before]!.body;
}

const flash: TurnSettings = { model: 'qwen3-omni-flash', voice: 'Cherry', speakReplies: true, thinking: false, systemPrompt: '' };
const link = (url: string) => linkPart(linkedMedia(url));

describe('request bodies match the reference examples field by field', () => {
  it('the copies are the guide\'s own curl bodies', () => {
    if (!existsSync(REFERENCE)) return; // the reference is beside the repository, not in it
    const text = readFileSync(REFERENCE, 'utf8');
    const bodies = [...text.matchAll(/-d '(\{[\s\S]*?\})'/g)].map((m) => JSON.parse(m[1]!) as unknown);
    expect(bodies).toEqual(Object.values(EXAMPLES));
  });

  it('text and spoken audio (voice, wav)', async () => {
    expect(await onTheWire(turnBody(flash, [{ m: stored('user', 'Who are you?') }]))).toEqual(EXAMPLES.textAndAudio);
  });

  it('thinking: enable_thinking at the top level, text only, no audio field', async () => {
    const body = turnBody({ ...flash, speakReplies: false, thinking: true }, [{ m: stored('user', 'Who are you?') }]);
    expect(await onTheWire(body)).toEqual(EXAMPLES.thinking);
  });

  it('text only: modalities ["text"] and nothing else added', async () => {
    const body = turnBody({ ...flash, speakReplies: false }, [{ m: stored('user', 'Who are you?') }]);
    const { enable_thinking: _, ...expected } = EXAMPLES.thinking;
    expect(await onTheWire(body)).toEqual(expected);
  });

  it('a system prompt: the first message, role system, its text as a string', async () => {
    const body = turnBody({ ...flash, systemPrompt: 'Answer in one sentence.' }, [{ m: stored('user', 'Who are you?') }]);
    expect(await onTheWire(body)).toEqual({
      ...EXAMPLES.textAndAudio,
      messages: [{ role: 'system', content: 'Answer in one sentence.' }, ...EXAMPLES.textAndAudio.messages],
    });
  });

  it('an image, an audio file, a video file: the part first, then the text', async () => {
    const image = turnBody(flash, [{ m: stored('user', 'What scene is depicted in the image?'), media: [link(IMG)] }]);
    expect(await onTheWire(image)).toEqual(EXAMPLES.image);
    const audio = turnBody(flash, [{ m: stored('user', 'What is this audio about'), media: [link(WAV)] }]);
    expect(await onTheWire(audio)).toEqual(EXAMPLES.audio);
    const video = turnBody(flash, [{ m: stored('user', 'What is the content of the video'), media: [link(MP4)] }]);
    expect(await onTheWire(video)).toEqual(EXAMPLES.videoFile);
  });

  it('a video as a list of pictures', async () => {
    const frames: UserContentPart = { type: 'video', video: FRAMES };
    const body = turnBody(flash, [{ m: stored('user', 'Describe the process shown in this video'), media: [frames] }]);
    expect(await onTheWire(body)).toEqual(EXAMPLES.videoFrames);
  });

  it('several turns: the same roles, media and words; text-only turns go as plain strings', async () => {
    const body = turnBody({ ...flash, speakReplies: false }, [
      { m: stored('user', 'What is this audio about'), media: [link(MP3)] },
      { m: stored('assistant', 'This audio says: Welcome to Alibaba Cloud') },
      { m: stored('user', 'Can you tell me about this company?') },
    ]);
    const wire = (await onTheWire(body)) as typeof EXAMPLES.multiTurn;
    // The guide writes text-only content as one text part, and leaves the recording's format out; the app
    // sends the plain string the API equally accepts (assistant turns must be text only) and names the format.
    const plain = (c: unknown) => (Array.isArray(c) && c.length === 1 && c[0].type === 'text' ? c[0].text : c);
    expect(wire.messages[0]).toEqual({ role: 'user', content: [{ type: 'input_audio', input_audio: { data: MP3, format: 'mp3' } }, { type: 'text', text: 'What is this audio about' }] });
    expect(wire.messages.slice(1)).toEqual(EXAMPLES.multiTurn.messages.slice(1).map((m) => ({ ...m, content: plain(m.content) })));
    const { messages: _a, ...rest } = wire;
    const { messages: _b, ...expectedRest } = EXAMPLES.multiTurn;
    expect(rest).toEqual(expectedRest);
  });
});
