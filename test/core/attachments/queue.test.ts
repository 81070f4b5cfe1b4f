// Many files at once, through the real core and real ffmpeg/ffprobe: twenty pictures that must be
// converted are checked and fitted a few at a time (the processes are counted in /proc as they run), the
// chips of those waiting their turn say so, and every one ends ready. A draft holds twenty at most, and a
// refused upload's copy is deleted when it is refused, not when its chip goes.
import { readdirSync, readFileSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_DRAFT_ATTACHMENTS, type EventPayload } from '../../../shared/contract';
import type { AttachmentView } from '../../../shared/domain';
import { createCore } from '../../../electron/core/app-core';
import type { Core } from '../../../electron/core/core-interface';
import { LANE_SLOTS } from '../../../electron/core/media';
import { dispatch } from '../../../electron/core/dispatch';
import { ffmpeg } from '../../media/media-helpers';

let dir: string;
let core: Core;
let pictures: string[];
const updates: AttachmentView[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'omni-queue-'));
  // TIFF is not sent as it is: each one is converted to JPEG by ffmpeg after ffprobe has looked at it.
  await ffmpeg('-f', 'lavfi', '-i', 'testsrc=size=1024x768:rate=1', '-frames:v', String(MAX_DRAFT_ATTACHMENTS), join(dir, 'shot-%02d.tif'));
  pictures = readdirSync(dir).filter((n) => n.endsWith('.tif')).sort().map((n) => join(dir, n));
  core = await createCore({ dataDir: join(dir, 'data'), shell: 'web', version: '0.0.0-test', envKey: null, cipher: null });
  core.subscribe((name, payload) => {
    if (name === 'attachment.updated') updates.push((payload as EventPayload<'attachment.updated'>).attachment);
  });
}, 120_000);

afterAll(async () => {
  await core?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** The ffmpeg and ffprobe processes this test's core runs now. */
function toolsRunning(): { ffmpeg: number; ffprobe: number } {
  const out = { ffmpeg: 0, ffprobe: 0 };
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue;
    }
    // pid (comm) state ppid …
    const m = /^\d+ \((.*)\) \S+ (\d+)/.exec(stat);
    if (!m || Number(m[2]) !== process.pid) continue;
    if (m[1] === 'ffmpeg' || m[1] === 'ffprobe') out[m[1]] += 1;
  }
  return out;
}

describe('twenty files dropped at once', () => {
  it('are worked on a few at a time, the waiting ones say so, and all end ready', async () => {
    const most = { ffmpeg: 0, ffprobe: 0, total: 0 };
    const sampler = setInterval(() => {
      const now = toolsRunning();
      most.ffmpeg = Math.max(most.ffmpeg, now.ffmpeg);
      most.ffprobe = Math.max(most.ffprobe, now.ffprobe);
      most.total = Math.max(most.total, now.ffmpeg + now.ffprobe);
    }, 5);
    const ids = pictures.map((p) => core.attachPath(p).id);
    try {
      await twentyAtOnce(ids, most, sampler);
    } finally {
      clearInterval(sampler);
      for (const id of ids) await core.handlers['attachments.remove']({ id });
    }
    expect(await core.handlers['attachments.list']({})).toEqual([]);
  }, 120_000);

  async function twentyAtOnce(ids: string[], most: { ffmpeg: number; ffprobe: number; total: number }, sampler: ReturnType<typeof setInterval>): Promise<void> {
    const views = await Promise.all(ids.map((id) => core.attachmentSettled(id)));
    clearInterval(sampler);

    expect(views.map((v) => v?.state)).toEqual(ids.map(() => 'ready'));
    expect(views.every((v) => v?.waiting === false)).toBe(true);
    expect(views.every((v) => /converted to JPEG/.test(v?.plan ?? ''))).toBe(true);
    // Never more than the lanes hold (the chips' thumbnails run in a lane of their own), and the queue did
    // hold some back.
    const slots = LANE_SLOTS.probe + LANE_SLOTS.convert + LANE_SLOTS.preview;
    expect(most.total).toBeGreaterThan(0);
    expect(most.ffprobe).toBeLessThanOrEqual(slots);
    expect(most.total).toBeLessThanOrEqual(slots);
    const waited = new Set(updates.filter((u) => u.waiting).map((u) => u.id));
    expect(waited.size).toBeGreaterThanOrEqual(MAX_DRAFT_ATTACHMENTS - LANE_SLOTS.probe - LANE_SLOTS.convert);
    // Each chip that waited was told when its turn came.
    for (const id of waited) {
      const mine = updates.filter((u) => u.id === id);
      expect(mine.findIndex((u) => u.waiting)).toBeLessThan(mine.findLastIndex((u) => !u.waiting));
    }

    // The draft is full: the twenty-first is refused with a sentence, and nothing is left of it.
    const extra = join(dir, 'one-more.tif');
    await copyFile(pictures[0]!, extra);
    expect(() => core.attachPath(extra)).toThrow(`A message can carry at most ${MAX_DRAFT_ATTACHMENTS} attachments, so “one-more.tif” was not added. Send these first or remove some, then add it again.`);
    const viaContract = await dispatch(core.handlers, 'attachments.addUrl', { url: 'https://example.com/a.png' });
    expect(viaContract).toMatchObject({ ok: false, error: { kind: 'invalid_input', code: 'draft_full' } });
  }

  it('a chip removed while it waits gives its turn to the next, and is not left as an error', async () => {
    updates.length = 0;
    const ids = pictures.slice(0, 8).map((p) => core.attachPath(p).id);
    // The last one waits behind the others: remove it before its turn.
    const last = ids.pop()!;
    await core.handlers['attachments.remove']({ id: last });
    const views = await Promise.all(ids.map((id) => core.attachmentSettled(id)));
    expect(views.map((v) => v?.state)).toEqual(ids.map(() => 'ready'));
    expect(updates.some((u) => u.id === last && u.state === 'error')).toBe(false);
    for (const id of ids) await core.handlers['attachments.remove']({ id });
  }, 60_000);
});

describe('a refused upload', () => {
  it('has its copy deleted when it is refused; the chip stays to say why', async () => {
    const uploads = join(dir, 'data', 'uploads');
    await mkdir(uploads, { recursive: true });
    const copy = join(uploads, '0123456789abcdef.png');
    await writeFile(copy, 'this is not a picture at all, only words in a file named .png');
    const { id } = core.attachPath(copy, { name: 'holiday.png', temporary: true });
    const view = await core.attachmentSettled(id);
    expect(view?.state).toBe('error');
    expect(view?.error).toMatch(/holiday\.png/);
    expect(await readdir(uploads)).toEqual([]);
    // Nothing to check again: a new model leaves it refused, and moving its window says to attach another.
    await core.handlers['attachments.target']({ model: 'qwen-omni-turbo' });
    expect((await core.attachmentSettled(id))?.state).toBe('error');
    await core.handlers['attachments.remove']({ id });
  });
});
