// The last guard on media, with real ffmpeg, a real SQLite file and the stand-in: attachments fitted for
// one model cannot go to another whose limits they break (a recording too long for Qwen-Omni-Turbo, a video
// sent as more pictures than it takes); the refusal names the fix, and after the fix (attachments.target:
// fitted again for that model) the same turn goes.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/app-core';
import { UserError } from '../../electron/core/user-error';
import type { Core } from '../../electron/core/core-interface';
import { startStandin, type Standin } from '../standin';
import { ffmpeg } from '../media/media-helpers';
import { video200s } from './attachments/media';

let standin: Standin;
let dir: string;
let core: Core;
let audio4min: string;
let video: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'omni-media-guard-'));
  standin = await startStandin({ scenario: { audioSeconds: 0.2 } });
  audio4min = join(dir, 'four-minutes.mp3');
  await Promise.all([
    ffmpeg('-f', 'lavfi', '-i', 'sine=frequency=330:sample_rate=16000', '-t', '240', '-ac', '1', '-c:a', 'libmp3lame', '-b:a', '16k', audio4min),
    video200s(dir).then((v) => (video = v)),
  ]);
  core = await createCore({ dataDir: join(dir, 'data'), shell: 'web', version: 'test', baseUrl: standin.baseUrl, envKey: standin.apiKey });
}, 120_000);
afterAll(async () => {
  await core?.close();
  await standin?.close();
  await rm(dir, { recursive: true, force: true });
});

const turbo = { model: 'qwen-omni-turbo' as const, voice: 'Cherry' };

async function refusal(attachmentIds: string[]): Promise<string> {
  const before = standin.requests.length;
  let caught: unknown;
  try {
    await core.handlers['chat.send']({ conversationId: null, text: 'What is this?', attachmentIds, options: turbo });
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(UserError);
  expect(standin.requests.length).toBe(before);
  return (caught as UserError).message;
}

async function sendsToTurbo(attachmentIds: string[]) {
  const before = standin.requests.length;
  await core.handlers['chat.send']({ conversationId: null, text: 'What is this?', attachmentIds, options: turbo });
  await expect.poll(() => standin.requests.length, { timeout: 20_000 }).toBe(before + 1);
  const body = standin.requests.at(-1)!.body as { model: string; messages: { role: string; content: { type: string; video?: string[] }[] }[] };
  expect(body.model).toBe('qwen-omni-turbo');
  return body.messages.at(-1)!.content;
}

describe('the last guard on media sizes, durations and frame counts', () => {
  it('a 4-minute recording fitted for Qwen3-Omni-Flash is refused for Turbo (3 min); fitted again for Turbo it goes', async () => {
    await core.handlers['attachments.target']({ model: 'qwen3-omni-flash' });
    const { id } = core.attachPath(audio4min);
    expect((await core.attachmentSettled(id))?.state).toBe('ready');
    expect(await refusal([id])).toBe(
      '“four-minutes.mp3” lasts 4:00, but Qwen-Omni-Turbo takes at most 3:00. Remove it and attach it again, so it is cut for Qwen-Omni-Turbo.',
    );
    await core.handlers['attachments.target']({ model: 'qwen-omni-turbo' });
    const view = await core.attachmentSettled(id);
    expect(view?.state).toBe('ready');
    expect(view?.plan).toMatch(/only the first 3:00 will be sent/);
    const parts = await sendsToTurbo([id]);
    expect(parts.map((p) => p.type)).toEqual(['input_audio', 'text']);
  }, 120_000);

  it('regenerate and edit are guarded too: a question whose 4-minute recording went to Flash is not sent again once the conversation is on Turbo', async () => {
    await core.handlers['attachments.target']({ model: 'qwen3-omni-flash' });
    const { id } = core.attachPath(audio4min);
    expect((await core.attachmentSettled(id))?.state).toBe('ready');
    const sent = await core.handlers['chat.send']({
      conversationId: null, text: 'What is this?', attachmentIds: [id], options: { model: 'qwen3-omni-flash', voice: 'Cherry' },
    });
    await expect.poll(async () => (await core.handlers['conversations.get']({ id: sent.conversationId })).messages.at(-1)?.status, { timeout: 20_000 })
      .toBe('complete');
    await core.handlers['conversations.updateSettings']({ id: sent.conversationId, settings: { model: 'qwen-omni-turbo' } });

    const before = standin.requests.length;
    const refused = (call: () => unknown) => Promise.resolve().then(call).then(() => null, (err: unknown) => err);
    for (const attempt of [
      () => core.handlers['chat.regenerate']({ messageId: sent.assistantMessage.id }),
      () => core.handlers['chat.edit']({ messageId: sent.userMessage.id, text: 'And now?' }),
    ]) {
      const err = await refused(attempt);
      expect(err).toBeInstanceOf(UserError);
      expect((err as UserError).message).toMatch(/“four-minutes\.mp3” lasts 4:00, but Qwen-Omni-Turbo takes at most 3:00/);
    }
    expect(standin.requests.length).toBe(before);
    // Nothing was added: the conversation still shows the one turn.
    expect((await core.handlers['conversations.get']({ id: sent.conversationId })).messages).toHaveLength(2);
  }, 120_000);

  it('a video sent as 100 pictures for Qwen3-Omni-Flash is refused for Turbo (at most 80); fitted again it goes as 80', async () => {
    await core.handlers['attachments.target']({ model: 'qwen3-omni-flash' });
    const { id } = core.attachPath(video);
    await core.attachmentSettled(id);
    core.handlers['attachments.setOptions']({ id, videoMode: 'frames' });
    const view = await core.attachmentSettled(id);
    expect(view?.state).toBe('ready');
    expect(view?.plan).toMatch(/100 pictures/);
    expect(await refusal([id])).toBe(
      '“long-clip.mp4” goes as 100 pictures, but Qwen-Omni-Turbo takes at most 80. Remove it and attach it again, so it is prepared for Qwen-Omni-Turbo.',
    );
    await core.handlers['attachments.target']({ model: 'qwen-omni-turbo' });
    expect((await core.attachmentSettled(id))?.state).toBe('ready');
    const parts = await sendsToTurbo([id]);
    expect(parts[0]?.type).toBe('video');
    expect(parts[0]?.video).toHaveLength(80);
  }, 180_000);
});
