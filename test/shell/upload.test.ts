// The browser shell's upload route: a dropped file's bytes become a temporary copy that is attached like
// a local file. Same token rules as every request, plus an Origin check and a size cap.
import { request } from 'node:http';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AttachmentView } from '../../shared/domain';
import { createCore, DATABASE_FILE } from '../../electron/core/app-core';
import { DAMAGED_MESSAGE } from '../../electron/core/recovery/recovery-core';
import type { Core } from '../../electron/core/core-interface';
import { startWebShell, type WebShell } from '../../electron/web/server';
import { image } from '../core/attachments/media';
import { fillableDisk } from '../support/small-disk';

let dir: string;
let uploadDir: string;
let core: Core;
let shell: WebShell;
let png: Buffer;
const updates: AttachmentView[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'omni-upload-'));
  uploadDir = join(dir, 'data', 'uploads');
  png = await readFile(await image(dir));
  core = await createCore({ dataDir: join(dir, 'data'), shell: 'web', version: '0.0.0-test', envKey: null, cipher: null });
  core.subscribe((name, payload) => {
    if (name === 'attachment.updated') updates.push((payload as { attachment: AttachmentView }).attachment);
  });
  // A copy left over from an earlier run is cleared when the shell starts.
  await mkdir(uploadDir, { recursive: true });
  await writeFile(join(uploadDir, 'stale.png'), 'left over');
  shell = await startWebShell({ core, staticDir: join(dir, 'static'), uploadDir, maxUploadBytes: 64 * 1024 });
});

afterAll(async () => {
  await shell?.close();
  await core?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

function post(path: string, body: Buffer, headers: Record<string, string>): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: shell.port, path, method: 'POST', headers: { 'Content-Length': String(body.length), ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const origin = () => `http://127.0.0.1:${shell.port}`;
/** The upload route, below the token's folder. */
const up = (query: string) => `/${shell.token}/upload?${query}`;

describe('POST /upload', () => {
  it('clears copies a previous run left', async () => {
    expect(await readdir(uploadDir).catch(() => [])).not.toContain('stale.png');
  });

  it('refuses without the token, and from another page', async () => {
    expect((await post('/upload?name=a.png', png, { Origin: origin() })).status).toBe(401);
    expect((await post(`/${'A'.repeat(43)}/upload?name=a.png`, png, { Origin: origin() })).status).toBe(403);
    const other = await post(up('name=a.png'), png, { Origin: 'https://evil.example' });
    expect(other.status).toBe(403);
    expect(other.text).toMatch(/other web pages/);
    expect((await post(up('name=a.png'), png, {})).status).toBe(403);
    expect(await readdir(uploadDir).catch(() => [])).toEqual([]);
  });

  it('refuses a name with a slash and a file over the cap, leaving nothing behind', async () => {
    const slash = await post(up(`name=${encodeURIComponent('../x.png')}`), png, { Origin: origin() });
    expect(slash.status).toBe(400);
    const big = await post(up('name=big.png'), Buffer.alloc(65 * 1024), { Origin: origin() });
    expect(big.status).toBe(413);
    expect(big.text).toMatch(/“big\.png” is larger than/);
    expect(await readdir(uploadDir).catch(() => [])).toEqual([]);
  });

  it('attaches the copy under the file’s own name; removing the attachment deletes the copy', async () => {
    const res = await post(up(`name=${encodeURIComponent('山 photo.png')}`), png, { Origin: origin() });
    expect(res.status).toBe(200);
    const { id } = JSON.parse(res.text) as { id: string };
    const view = await core.attachmentSettled(id);
    expect(view?.name).toBe('山 photo.png');
    expect(view?.state).toBe('ready');
    expect(view?.found).toMatch(/^Image \(PNG\)/);
    expect(await readdir(uploadDir)).toHaveLength(1);
    await core.handlers['attachments.remove']({ id });
    expect(await readdir(uploadDir)).toEqual([]);
    expect(updates.some((u) => u.id === id && u.state === 'ready')).toBe(true);
  });
});

describe('POST /upload while the history is damaged', () => {
  it('answers the core\'s sentence (400) and keeps no copy', async () => {
    const data = join(dir, 'damaged');
    await mkdir(data, { recursive: true });
    await writeFile(join(data, DATABASE_FILE), 'this is not a database, it only has the name of one');
    const damaged = await createCore({ dataDir: data, shell: 'web', version: '0.0.0-test', envKey: null, cipher: null });
    const uploads = join(data, 'uploads');
    const s = await startWebShell({ core: damaged, staticDir: join(dir, 'static'), uploadDir: uploads });
    try {
      const r = await new Promise<{ status: number; text: string }>((resolve, reject) => {
        const req = request({
          host: '127.0.0.1', port: s.port, path: `/${s.token}/upload?name=a.png`, method: 'POST',
          headers: { 'Content-Length': String(png.length), Origin: `http://127.0.0.1:${s.port}` },
        }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        });
        req.on('error', reject);
        req.end(png);
      });
      expect(r.status).toBe(400);
      expect(r.text.trim()).toBe(DAMAGED_MESSAGE);
      expect(await readdir(uploads)).toEqual([]);
    } finally {
      await s.close();
      await damaged.close();
    }
  });
});

describe('POST /upload on a full disk', () => {
  it('answers 507 with the sentence that names the data folder, and keeps no part of the copy', async () => {
    const disk = await fillableDisk('omni-upload-full-');
    try {
      if (disk.how !== 'tmpfs') {
        console.log(`skipped: ${disk.noMountReason}`);
        return;
      }
      const full = await createCore({ dataDir: disk.dataDir, shell: 'web', version: '0.0.0-test', envKey: null, cipher: null });
      const uploads = join(disk.dataDir, 'uploads');
      const s = await startWebShell({ core: full, staticDir: join(dir, 'static'), uploadDir: uploads });
      try {
        await mkdir(uploads, { recursive: true });
        await disk.fill();
        const body = Buffer.alloc(256 * 1024, 7);
        const r = await new Promise<{ status: number; type: string; text: string }>((resolve, reject) => {
          const req = request({
            host: '127.0.0.1', port: s.port, path: `/${s.token}/upload?name=big.png`, method: 'POST',
            headers: { 'Content-Length': String(body.length), Origin: `http://127.0.0.1:${s.port}` },
          }, (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), text: Buffer.concat(chunks).toString('utf8') }));
          });
          req.on('error', reject);
          req.end(body);
        });
        expect(r.status).toBe(507);
        expect(r.type).toMatch(/^application\/json/);
        expect(JSON.parse(r.text).error).toMatchObject({ kind: 'disk_full', folder: disk.dataDir, message: expect.stringContaining(`(${disk.dataDir}) is full`) });
        expect(await readdir(uploads)).toEqual([]);
      } finally {
        await s.close();
        await full.close();
      }
    } finally {
      await disk.close();
    }
  });
});
