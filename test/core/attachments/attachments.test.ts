// Attachments through the real core: real ffmpeg/ffprobe, a real SQLite file, the local DashScope
// stand-in. A file attached by path is checked, fitted and sent; the stand-in's recorded request is
// decoded and measured with ffprobe.
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AttachmentView } from '../../../shared/domain';
import type { EventPayload } from '../../../shared/contract';
import { createCore } from '../../../electron/core/app-core';
import type { Core } from '../../../electron/core/core-interface';
import { startStandin, type Standin } from '../../standin';
import { audio25min, DATA_URI_LIMIT, dataUrlToFile, image, lastUserParts, mediaFacts, partOf, video200s } from './media';

let dir: string;
let standin: Standin;
let core: Core;
const media: Record<'video' | 'audio' | 'image', string> = { video: '', audio: '', image: '' };
const updates: AttachmentView[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'omni-attach-'));
  [media.video, media.audio, media.image] = await Promise.all([video200s(dir), audio25min(dir), image(dir)]);
  standin = await startStandin({ scenario: { audioSeconds: 0.5 } });
  core = await createCore({ dataDir: join(dir, 'data'), shell: 'web', version: '0.0.0-test', baseUrl: standin.baseUrl, envKey: null, cipher: null });
  await core.handlers['key.set']({ key: standin.apiKey });
  core.subscribe((name, payload) => {
    if (name === 'attachment.updated') updates.push((payload as EventPayload<'attachment.updated'>).attachment);
  });
}, 120_000);

afterAll(async () => {
  await core?.close();
  await standin?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function attach(path: string): Promise<AttachmentView> {
  const { id } = core.attachPath(path);
  const view = await core.attachmentSettled(id);
  if (!view) throw new Error('the attachment vanished');
  return view;
}

/** Sends, waits for the reply to finish, and returns the request the stand-in received. */
async function send(text: string, attachmentIds: string[]) {
  const before = standin.requests.length;
  const done = new Promise<string>((resolve) => {
    const off = core.subscribe((name, payload) => {
      const e = payload as EventPayload<'chat.event'>;
      if (name === 'chat.event' && e.kind === 'outcome') {
        off();
        resolve(e.status);
      }
    });
  });
  const result = await core.handlers['chat.send']({ conversationId: null, text, attachmentIds, options: {} });
  expect(await done).toBe('complete');
  expect(standin.requests.length).toBe(before + 1);
  return { result, body: standin.requests[before]!.body };
}

describe('attachments by path', () => {
  it('trims a 200-second video to ≤150 s and sends it as one video_url data URL within budget', async () => {
    const view = await attach(media.video);
    expect(view.state).toBe('ready');
    expect(view.found).toMatch(/^Video \(MP4\) · 3:20/);
    expect(view.plan).toMatch(/first 2:2\d|150|2:30/);
    const { result, body } = await send('What happens in this clip?', [view.id]);
    const parts = lastUserParts(body);
    expect(parts.map((p) => p.type)).toEqual(['video_url', 'text']);
    const url = partOf(parts, 'video_url').video_url.url;
    expect(url.startsWith('data:;base64,')).toBe(true);
    expect(url.length).toBeLessThanOrEqual(DATA_URI_LIMIT);
    const facts = await mediaFacts(await dataUrlToFile(url, join(dir, 'sent-video.mp4')));
    expect(facts.durationSec).toBeLessThanOrEqual(150);
    expect(facts.durationSec).toBeGreaterThan(140);
    expect([facts.video, facts.audio]).toEqual([1, 1]);
    // The message keeps the attachment, and the core forgot the sent chip.
    expect(result.userMessage.attachments).toEqual([{ id: view.id, kind: 'video', name: 'long-clip.mp4', shown: 'video', summary: view.plan, notes: view.notes, durationSec: expect.closeTo(150, 0) }]);
    await expect(core.handlers['chat.send']({ conversationId: null, text: 'again', attachmentIds: [view.id], options: {} }))
      .rejects.toThrow(/gone/);
  });

  it('trims a 25-minute audio file to ≤20 min and sends it as input_audio; the next turn re-sends it', async () => {
    const view = await attach(media.audio);
    expect(view.state).toBe('ready');
    expect(view.found).toMatch(/^Audio .*25:00/);
    const { result, body } = await send('Summarise this talk.', [view.id]);
    const parts = lastUserParts(body);
    expect(parts.map((p) => p.type)).toEqual(['input_audio', 'text']);
    const audio = partOf(parts, 'input_audio').input_audio;
    expect(audio.data.length).toBeLessThanOrEqual(DATA_URI_LIMIT);
    const facts = await mediaFacts(await dataUrlToFile(audio.data, join(dir, `sent-audio.${audio.format}`)));
    expect(facts.durationSec).toBeLessThanOrEqual(20 * 60);
    expect(facts.durationSec).toBeGreaterThan(19 * 60);

    // A follow-up in the same conversation carries the earlier turn with its own audio again.
    const before = standin.requests.length;
    const followUp = new Promise<void>((resolve) => {
      const off = core.subscribe((name, payload) => {
        if (name === 'chat.event' && (payload as EventPayload<'chat.event'>).kind === 'outcome') {
          off();
          resolve();
        }
      });
    });
    await core.handlers['chat.send']({ conversationId: result.conversationId, text: 'And the ending?', attachmentIds: [], options: {} });
    await followUp;
    const next = standin.requests[before]!.body as { messages: { role: string; content: unknown }[] };
    const firstUser = next.messages.find((m) => m.role === 'user')!;
    expect((firstUser.content as { type: string }[]).map((p) => p.type)).toEqual(['input_audio', 'text']);
    expect(next.messages.at(-1)).toEqual({ role: 'user', content: 'And the ending?' });
    const stored = await core.handlers['conversations.get']({ id: result.conversationId });
    expect(stored.messages[0]?.attachments.map((a) => [a.kind, a.name])).toEqual([['audio', 'long-talk.mp3']]);
  });

  it('sends an image as one image_url data URL', async () => {
    const view = await attach(media.image);
    expect(view.state).toBe('ready');
    expect(view.found).toMatch(/^Image .*320×240/);
    const { body } = await send('', [view.id]);
    const parts = lastUserParts(body);
    expect(parts.map((p) => p.type)).toEqual(['image_url']);
    const url = partOf(parts, 'image_url').image_url.url;
    expect(url).toMatch(/^data:image\/(png|jpeg);base64,/);
    const facts = await mediaFacts(await dataUrlToFile(url, join(dir, 'sent-image')));
    expect(facts.video).toBe(1);
  });

  it('refuses a second attachment of another kind, naming it, and keeps the first', async () => {
    const first = await attach(media.image);
    expect(first.state).toBe('ready');
    const second = await attach(media.audio);
    expect(second.state).toBe('error');
    expect(second.error).toContain('“long-talk.mp3” (audio) cannot go with “picture.png” (image)');
    expect(second.error).toMatch(/remove one of them/);
    await expect(core.handlers['chat.send']({ conversationId: null, text: 'Both?', attachmentIds: [first.id, second.id], options: {} }))
      .rejects.toThrow(/long-talk\.mp3.*Remove it/);
    // The first is untouched and still goes on its own.
    expect((await core.attachmentSettled(first.id))?.state).toBe('ready');
    await core.handlers['attachments.remove']({ id: second.id });
    const { body } = await send('Just the picture.', [first.id]);
    expect(lastUserParts(body).map((p) => p.type)).toEqual(['image_url', 'text']);
  });

  it('moves the kept window of a long video when asked, and sends that part', async () => {
    const view = await attach(media.video);
    expect(view.windowStartSec).toBe(0);
    expect(view.maxStartSec).toBeCloseTo(200 - 149.5, 0);
    core.handlers['attachments.setOptions']({ id: view.id, windowStartSec: 40 });
    const moved = await core.attachmentSettled(view.id);
    expect(moved?.state).toBe('ready');
    expect(moved?.windowStartSec).toBe(40);
    expect(moved?.plan).toMatch(/only 0:40–3:10 will be sent/);
    const { body } = await send('The later part.', [view.id]);
    const url = partOf(lastUserParts(body), 'video_url').video_url.url;
    const facts = await mediaFacts(await dataUrlToFile(url, join(dir, 'sent-window.mp4')));
    expect(facts.durationSec).toBeLessThanOrEqual(150);
    expect(facts.durationSec).toBeGreaterThan(140);
  });

  it('sends a long video as frames sampled across the whole of it when that is chosen', async () => {
    const view = await attach(media.video);
    expect(view.choices).toEqual(['file', 'frames']);
    core.handlers['attachments.setOptions']({ id: view.id, videoMode: 'frames' });
    const frames = await core.attachmentSettled(view.id);
    expect(frames?.state).toBe('ready');
    expect(frames?.videoMode).toBe('frames');
    const { body } = await send('Describe the whole video.', [view.id]);
    const list = partOf(lastUserParts(body), 'video').video;
    expect(list.length).toBeGreaterThanOrEqual(2);
    expect(list.length).toBeLessThanOrEqual(128);
    for (const url of list) {
      expect(url).toMatch(/^data:image\/(jpeg|png);base64,/);
      expect(url.length).toBeLessThanOrEqual(DATA_URI_LIMIT);
    }
    expect((await mediaFacts(await dataUrlToFile(list[0]!, join(dir, 'frame0')))).video).toBe(1);
  });

  it('a file that is not media gets a clear message on its chip; the others stay', async () => {
    const good = await attach(media.image);
    const junk = join(dir, 'holiday.mp4');
    await writeFile(junk, randomBytes(50_000));
    const bad = await attach(junk);
    expect(bad.state).toBe('error');
    expect(bad.error).toBe('“holiday.mp4” is not an image, audio or video file that can be read. Choose a picture, a sound recording or a video.');
    expect((await core.attachmentSettled(good.id))?.state).toBe('ready');
    await core.handlers['attachments.remove']({ id: bad.id });
    await core.handlers['attachments.remove']({ id: good.id });
  });

  it('prepares attachments again when the model changes: Turbo takes 40 s of video', async () => {
    const view = await attach(media.video);
    expect(view.plan).toMatch(/only the first 2:30 will be sent/);
    await core.handlers['settings.update']({ model: 'qwen-omni-turbo' });
    try {
      // The refit runs in the background; wait for the new plan to settle.
      let now = await core.attachmentSettled(view.id);
      for (let i = 0; i < 3 && now && !/0:40/.test(now.plan ?? ''); i++) now = await core.attachmentSettled(view.id);
      expect(now?.state).toBe('ready');
      expect(now?.plan).toMatch(/the limit is 0:40\): only the first 0:40 will be sent/);
      await expect(core.handlers['chat.send']({ conversationId: null, text: 'x', attachmentIds: [view.id], options: { model: 'qwen3-omni-flash' } }))
        .rejects.toThrow(/prepared for Qwen-Omni-Turbo/);
      const { body } = await send('Short version.', [view.id]);
      const url = partOf(lastUserParts(body), 'video_url').video_url.url;
      const facts = await mediaFacts(await dataUrlToFile(url, join(dir, 'sent-turbo.mp4')));
      expect(facts.durationSec).toBeLessThanOrEqual(40);
    } finally {
      await core.handlers['settings.update']({ model: 'qwen3-omni-flash' });
    }
  });

  it('a pasted https link goes as the link itself, kind by its extension; other links are refused with what to do', async () => {
    const add = async (url: string) => core.handlers['attachments.addUrl']({ url });
    await expect(add('file:///etc/passwd')).rejects.toThrow(/Only http and https links/);
    await expect(add('ftp://example.com/a.mp4')).rejects.toThrow(/Only http and https links/);
    await expect(add('https://user:pw@example.com/a.mp4')).rejects.toThrow(/user name or password/);
    await expect(add('https://example.com/watch?v=1')).rejects.toThrow(/Download it and attach the file instead/);
    const clip = await add('https://media.example.com/clips/surf%20day.mp4?sig=1');
    expect([clip.state, clip.name, clip.found]).toEqual(['ready', 'surf day.mp4', 'Video link · media.example.com']);
    const song = await add('https://media.example.com/song.mp3');
    expect(song.state).toBe('error');
    expect(song.error).toContain('“song.mp3” (audio) cannot go with “surf day.mp4” (video)');
    await core.handlers['attachments.remove']({ id: song.id });
    const { body, result } = await send('What is in this video?', [clip.id]);
    expect(lastUserParts(body)).toEqual([
      { type: 'video_url', video_url: { url: 'https://media.example.com/clips/surf%20day.mp4?sig=1' } },
      { type: 'text', text: 'What is in this video?' },
    ]);
    expect(result.userMessage.attachments.map((a) => [a.kind, a.name])).toEqual([['video', 'surf day.mp4']]);
  });

  it('removing an attachment cancels its work: it never becomes ready and leaves no work files', async () => {
    const { id } = core.attachPath(media.video);
    const preparing = new Promise<void>((resolve) => {
      const off = core.subscribe((name, payload) => {
        const a = (payload as EventPayload<'attachment.updated'>).attachment;
        if (name === 'attachment.updated' && a.id === id && a.state === 'preparing') {
          off();
          resolve();
        }
      });
    });
    await preparing;
    const from = updates.length;
    await core.handlers['attachments.remove']({ id });
    expect(await core.attachmentSettled(id)).toBeNull();
    expect(updates.slice(from).filter((u) => u.id === id)).toEqual([]);
    const work = await readdir(join(dir, 'data', 'media', '.work')).catch(() => []);
    expect(work).toEqual([]);
    await expect(core.handlers['chat.send']({ conversationId: null, text: 'x', attachmentIds: [id], options: {} })).rejects.toThrow(/gone/);
  });
});
