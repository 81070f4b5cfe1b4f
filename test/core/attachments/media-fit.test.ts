// Media fitted within the model's input-token limit, through the real core (real ffmpeg, a real SQLite
// file, the stand-in): the plan the core makes never ends over the limit and says how it stays within it;
// the composer's "fit into the room left" asks for less and gets it; previews are made by ffmpeg, served by
// id and removed with the chip; the estimate learns from the usage the stand-in reports, and keeps what it
// learned across a restart; a message over the limit on its own is refused by the core too.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../../electron/core/app-core';
import type { AttachmentView } from '../../../shared/domain';
import type { MediaNote } from '../../../shared/media-notes';
import { MEDIA_TEXT_RESERVE_TOKENS, pictureTokens } from '../../../shared/estimate';
import { ffmpeg, tempDir } from '../../media/media-helpers';
import { startStandin, type Standin } from '../../standin';
import { tiles } from '../../standin/media-tokens';
import { startTestCore, type TestCore } from '../../support/test-core';
import { dataUrlToFile, lastUserParts, mediaFacts, partOf } from './media';

const FLASH_ROOM = 16_384 - MEDIA_TEXT_RESERVE_TOKENS;
let dir: { dir: string; cleanup: () => Promise<void> };
let standin: Standin;
let t: TestCore;
const f = { big: '', picture: '', picture2: '', long: '' };

beforeAll(async () => {
  dir = await tempDir('fit');
  const at = (n: string) => join(dir.dir, n);
  [f.big, f.picture, f.picture2, f.long] = [at('lecture.mp4'), at('photo.png'), at('photo-2.png'), at('talk.mp3')];
  await Promise.all([
    ffmpeg('-f', 'lavfi', '-i', 'testsrc2=s=640x480:r=5:d=200', '-f', 'lavfi', '-i', 'sine=d=200', '-c:v', 'libx264', '-preset', 'ultrafast',
      '-g', '10', '-c:a', 'aac', '-b:a', '32k', '-shortest', f.big),
    ffmpeg('-f', 'lavfi', '-i', 'testsrc2=s=800x600', '-frames:v', '1', f.picture),
    ffmpeg('-f', 'lavfi', '-i', 'mandelbrot=s=800x600', '-frames:v', '1', f.picture2),
    ffmpeg('-f', 'lavfi', '-i', 'sine=f=300:r=16000:d=1300', '-ac', '1', '-c:a', 'libmp3lame', '-b:a', '16k', f.long),
  ]);
  standin = await startStandin({ scenario: { audioSeconds: 0.3, realtime: false } });
}, 120_000);

afterAll(async () => {
  await standin?.close();
  await dir?.cleanup();
});

beforeEach(async () => {
  t = await startTestCore({ standin, prefix: 'omni-fit-' });
});

afterEach(async () => {
  await t.close();
});

async function attach(path: string): Promise<AttachmentView> {
  const { id } = t.core.attachPath(path);
  const view = await t.core.attachmentSettled(id);
  if (!view) throw new Error('the attachment vanished');
  return view;
}

const codes = (v: AttachmentView) => v.notes.map((n) => n.code);
const noteOf = <C extends MediaNote['code']>(v: AttachmentView, code: C) => v.notes.find((n) => n.code === code) as Extract<MediaNote, { code: C }> | undefined;

describe('plans within the input-token limit', () => {
  it('a 200-s 640×480 video: its 2:30 goes with smaller pictures, within the limit, said on the chip', async () => {
    const v = await attach(f.big);
    expect(v.state).toBe('ready');
    expect(codes(v)).toEqual(expect.arrayContaining(['trimFirst', 'fitResolution']));
    const fit = noteOf(v, 'fitResolution')!;
    expect(fit.params.limit).toBe(16_384);
    expect(fit.params.side).toBeLessThan(480);
    expect(v.measure!.tokens).toBeLessThanOrEqual(FLASH_ROOM);
    expect(v.measure!.tokens).toBeGreaterThan(FLASH_ROOM * 0.8);
    expect(Math.max(v.measure!.width!, v.measure!.height!)).toBe(fit.params.side);
    expect(v.keep).toEqual({ startSec: 0, durationSec: 149.5, totalSec: expect.closeTo(200, 0) });
    // What is sent is what the chip measured.
    const { sent } = await t.send({ text: 'Summarise it.', attachmentIds: [v.id] });
    expect(sent.userMessage.attachments).toHaveLength(1);
    const url = partOf(lastUserParts(standin.requests.at(-1)!.body), 'video_url').video_url.url;
    const facts = await mediaFacts(await dataUrlToFile(url, join(dir.dir, 'fitted.mp4')));
    expect(facts.durationSec).toBeLessThanOrEqual(150);
  }, 120_000);

  it('"fit into the room left": asked for at most 4,000 tokens, the video keeps a shorter part at the smallest pictures', async () => {
    const v = await attach(f.big);
    const asked = await t.core.handlers['attachments.setOptions']({ id: v.id, maxTokens: 4000 });
    expect(asked.maxTokens).toBe(4000);
    const fitted = (await t.core.attachmentSettled(v.id))!;
    expect(fitted.state).toBe('ready');
    expect(fitted.measure!.tokens).toBeLessThanOrEqual(4000);
    expect(codes(fitted)).toContain('fitShorter');
    expect(fitted.keep!.durationSec).toBeLessThan(149.5);
    // Back to the model's own limit.
    await t.core.handlers['attachments.setOptions']({ id: v.id, maxTokens: null });
    expect((await t.core.attachmentSettled(v.id))!.measure!.tokens).toBeGreaterThan(4000);
  }, 120_000);

  it('as frames, a long video goes as fewer pictures to stay within the limit', async () => {
    const v = await attach(f.big);
    await t.core.handlers['attachments.setOptions']({ id: v.id, videoMode: 'frames' });
    const frames = (await t.core.attachmentSettled(v.id))!;
    expect(frames.state).toBe('ready');
    expect(frames.measure!.sendAs).toBe('frames');
    expect(frames.measure!.tokens).toBeLessThanOrEqual(FLASH_ROOM);
    const fewer = noteOf(frames, 'fitFrames')!;
    expect(fewer.params.count).toBe(frames.measure!.count);
    expect(fewer.params.count).toBeLessThan(100);
    expect(fewer.params.count).toBeGreaterThanOrEqual(16);
  }, 120_000);

  it('a picture asked to take few tokens is scaled down to fit them', async () => {
    const v = await attach(f.picture);
    expect(v.measure!.tokens).toBe(pictureTokens(800, 600));
    await t.core.handlers['attachments.setOptions']({ id: v.id, maxTokens: 200 });
    const small = (await t.core.attachmentSettled(v.id))!;
    expect(small.measure!.tokens).toBeLessThanOrEqual(200);
    expect(noteOf(small, 'fitResolution')!.params.side).toBeLessThan(800);
  }, 60_000);
});

describe('previews', () => {
  it('a video gets a thumbnail and a filmstrip, a recording a waveform; served by id, gone with the chip', async () => {
    const v = await attach(f.big);
    await expect.poll(() => Promise.resolve(t.core.handlers['attachments.list']({})).then(([x]) => x!.preview.thumb && x!.preview.strip > 0), { timeout: 30_000 }).toBe(true);
    for (const what of ['thumb', 'strip', 'kept'] as const) {
      const answer = await t.core.media({ path: `draft/${v.id}/${what}`, method: 'GET' });
      expect(answer.status, what).toBe(200);
      expect(answer.headers['Content-Type'], what).toBe(what === 'kept' ? 'video/mp4' : 'image/jpeg');
    }
    // Never a path: only these names, by id.
    expect((await t.core.media({ path: `draft/${v.id}/../../x`, method: 'GET' })).status).toBe(404);
    expect((await t.core.media({ path: `draft/${v.id}/source`, method: 'GET' })).status).toBe(404);
    await t.core.handlers['attachments.remove']({ id: v.id });
    expect((await t.core.media({ path: `draft/${v.id}/thumb`, method: 'GET' })).status).toBe(404);
    expect(await readdir(join(t.dataDir, 'media', '.previews')).catch(() => [])).toEqual([]);

    const a = await attach(f.long);
    await expect.poll(() => Promise.resolve(t.core.handlers['attachments.list']({})).then(([x]) => x!.preview.peaks.length), { timeout: 30_000 }).toBe(240);
    const peaks = (await t.core.handlers['attachments.list']({}))[0]!.preview.peaks;
    // A steady tone: every bar about the same height.
    expect(Math.min(...peaks)).toBeGreaterThan(0.05);
    expect(Math.max(...peaks) - Math.min(...peaks)).toBeLessThan(0.1);
    expect(a.preview.thumb).toBe(false);
  }, 120_000);
});

describe('calibration against the usage the server reports', () => {
  it('a picture sent once: the stand-in counts 32-px tiles, and the next picture is estimated as it counts them, after a restart too', async () => {
    const first = await attach(f.picture);
    // The rules: 28-px tiles.
    expect(first.measure!.tokens).toBe(pictureTokens(800, 600));
    await t.send({ text: 'What is this?', attachmentIds: [first.id] });
    const reported = tiles(800, 600) + 2;
    const usage = t.events.findLast((e) => e.kind === 'usage');
    expect(usage && usage.kind === 'usage' && usage.usage.promptDetails.image_tokens).toBe(reported);

    const second = await attach(f.picture2);
    expect(second.measure!.tokens).toBe(reported);
    // Kept in the settings table: a new core over the same data folder estimates the same.
    const dataDir = t.dataDir;
    await t.core.handlers['attachments.remove']({ id: second.id });
    await t.core.close();
    const again = await startTestCore({ standin, dataDir });
    try {
      const { id } = again.core.attachPath(f.picture2);
      expect((await again.core.attachmentSettled(id))!.measure!.tokens).toBe(reported);
    } finally {
      await again.close();
    }
  }, 120_000);

  it('a recording after the server counted more: 20 minutes no longer fit, a shorter part goes and the chip says why', async () => {
    // The server counted 1.2× the rules' audio tokens for this model, as replies' usage would have taught it:
    // written into a data folder's settings table before its core starts.
    await t.close();
    const own = join(dir.dir, 'calibrated');
    await (await startTestCore({ standin, dataDir: own })).close();
    const db = new Database(join(own, DATABASE_FILE));
    db.prepare('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)')
      .run('estimate.calibration', JSON.stringify({ 'qwen3-omni-flash': { audio: { factor: 1.2, samples: 3 } } }));
    db.close();
    t = await startTestCore({ standin, dataDir: own });
    const v = await attach(f.long);
    expect(v.state).toBe('ready');
    const shorter = noteOf(v, 'fitShorter')!;
    expect(shorter.params.keepSec).toBeLessThan(1200);
    expect(Math.ceil(shorter.params.keepSec * 12.5 * 1.2)).toBeLessThanOrEqual(FLASH_ROOM);
    expect(v.measure!.tokens).toBeLessThanOrEqual(FLASH_ROOM);
    expect(v.keep!.durationSec).toBe(shorter.params.keepSec);
  }, 120_000);
});

describe('the core holds the limit too', () => {
  it('a message over the input limit on its own is refused before anything is stored or sent', async () => {
    const before = standin.requests.length;
    const r = await t.call('chat.send', { conversationId: null, text: 'a'.repeat(70_000), attachmentIds: [] });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.message).toMatch(/^This message is about 17,50\d input tokens, over Qwen3-Omni-Flash’s limit of 16,384: it cannot go as it is\./);
    expect(standin.requests.length).toBe(before);
    expect(await t.core.handlers['conversations.list']({ limit: 10 })).toEqual([]);
  });
});
