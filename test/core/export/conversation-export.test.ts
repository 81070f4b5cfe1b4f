// Export a whole conversation, through the real core against the stand-in (real ffmpeg for the
// attachments, a real SQLite file): Markdown with every turn, the media files beside it byte-equal to the
// stored ones, one WAV per reply and one WAV of all replies joined by half a second of silence — written
// into a new folder (Electron) or downloaded as one .zip (the browser shell), the same files both ways.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../../electron/core/user-error';
import { JOIN_SILENCE_BYTES } from '../../../electron/core/export/conversation';
import type { Core } from '../../../electron/core/core-interface';
import { startStandin, type Standin } from '../../standin';
import { ffmpeg } from '../../media/media-helpers';
import { startTestCore, type TestCore } from '../../support/test-core';

let standin: Standin;
let dir: string;
let dataDir: string;
let tc: TestCore;
let core: Core;
let folderAnswer: string | null;
let conversationId: string;

beforeAll(async () => {
  standin = await startStandin({ scenario: { audioSeconds: 1, chunkMs: 100 } });
  dir = await mkdtemp(join(tmpdir(), 'omni-export-conv-'));
  dataDir = join(dir, 'data');
  // The shell's folder dialog is the only thing replaced: it answers with a folder (or null: cancelled).
  tc = await startTestCore({ standin, dataDir, shell: 'electron', chooseFolder: () => Promise.resolve(folderAnswer) });
  core = tc.core;
  const picture = join(dir, 'Beach photo.png');
  await ffmpeg('-f', 'lavfi', '-i', 'testsrc=size=160x120', '-frames:v', '1', picture);
  const voice = join(dir, '问题 录音.mp3');
  await ffmpeg('-f', 'lavfi', '-i', 'sine=frequency=300:sample_rate=16000', '-t', '2', '-ac', '1', '-c:a', 'libmp3lame', '-b:a', '32k', voice);

  standin.setScenario({ text: 'That is a test pattern on a beach.' });
  conversationId = await turn(null, 'What is in this picture?', [picture], {});
  standin.setScenario({ text: '这是一段三百赫兹的音调。' });
  await turn(conversationId, '这段录音里是什么？', [voice], {});
  standin.setScenario({ text: 'A third reply, with **Markdown** in it.', reasoning: 'First I think.\nThen I answer.' });
  await turn(conversationId, 'Think about it, then answer.', [], { thinking: true });
}, 120_000);

afterAll(async () => {
  await tc?.close();
  await standin?.close();
  await rm(dir, { recursive: true, force: true });
});

async function turn(id: string | null, text: string, files: string[], options: { thinking?: boolean }): Promise<string> {
  const attachmentIds: string[] = [];
  for (const f of files) {
    const { id: a } = core.attachPath(f);
    const view = await core.attachmentSettled(a);
    if (view?.state !== 'ready') throw new Error(`attachment not ready: ${JSON.stringify(view)}`);
    attachmentIds.push(a);
  }
  const { sent } = await tc.send({ conversationId: id, text, attachmentIds, options });
  return sent.conversationId;
}

function wavFacts(wav: Buffer) {
  return {
    riff: wav.toString('latin1', 0, 4), wave: wav.toString('latin1', 8, 12), data: wav.toString('latin1', 36, 40),
    riffSize: wav.readUInt32LE(4), format: wav.readUInt16LE(20), channels: wav.readUInt16LE(22), rate: wav.readUInt32LE(24),
    byteRate: wav.readUInt32LE(28), align: wav.readUInt16LE(32), bits: wav.readUInt16LE(34), dataSize: wav.readUInt32LE(40),
    length: wav.byteLength,
  };
}

function walk(root: string, base = root): string[] {
  const out: string[] = [];
  for (const e of readdirSync(root, { withFileTypes: true })) {
    const p = join(root, e.name);
    if (e.isDirectory()) out.push(...walk(p, base));
    else out.push(relative(base, p).split('\\').join('/'));
  }
  return out.sort();
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('conversation.export', () => {
  it('writes <title>.md, <title>.wav and media/ into a new folder, every link pointing at a file beside it', async () => {
    const parent = join(dir, 'exports');
    await mkdir(parent);
    folderAnswer = parent;
    expect(await core.handlers['conversation.export']({ id: conversationId })).toEqual({ saved: true });

    const [folderName] = readdirSync(parent);
    expect(folderName).toBe('What is in this picture');
    const folder = join(parent, folderName!);
    const files = walk(folder);
    expect(files).toContain('What is in this picture.md');
    expect(files).toContain('What is in this picture.wav');

    const md = readFileSync(join(folder, 'What is in this picture.md'), 'utf8');
    expect(md.split('\n')[0]).toBe('# What is in this picture?');
    const detail = await core.handlers['conversations.get']({ id: conversationId });
    // Every turn, in order, with its role and text.
    const headings = [...md.matchAll(/^## (You|Assistant) · /gm)].map((m) => m[1]);
    expect(headings).toEqual(detail.messages.map((m) => (m.role === 'user' ? 'You' : 'Assistant')));
    let at = 0;
    for (const m of detail.messages) {
      const found = md.indexOf(m.text.trim(), at);
      expect(found, `text of ${m.role} message: ${m.text}`).toBeGreaterThan(at - 1);
      at = found;
    }
    // Reasoning as a quote, line by line.
    expect(md).toContain('> **Reasoning**\n>\n> First I think.\n> Then I answer.');

    // Every relative link resolves to a file in the export.
    const links = [...md.matchAll(/\]\(([^)<>]+)\)/g)].map((m) => decodeURIComponent(m[1]!));
    expect(links.length).toBeGreaterThanOrEqual(5);
    for (const l of links) expect(existsSync(join(folder, l)), l).toBe(true);
    // The picture shows inline; the recording is a link; both are the stored files, byte for byte.
    const image = /!\[Beach photo\.png\]\((media\/[^)]+)\)/.exec(md)?.[1];
    expect(image).toBeDefined();
    const audio = /\[问题 录音\.mp3\]\((media\/[^)]+)\)/.exec(md)?.[1];
    expect(audio).toBeDefined();
    for (const rel of [image!, audio!]) {
      const bytes = readFileSync(join(folder, decodeURIComponent(rel)));
      const ext = rel.slice(rel.lastIndexOf('.') + 1);
      const hash = sha(bytes);
      // The media store names each file by the SHA-256 of its bytes.
      const stored = join(dataDir, 'media', hash.slice(0, 2), `${hash.slice(2)}.${ext}`);
      expect(existsSync(stored), `${rel} is a stored file`).toBe(true);
      expect(statSync(stored).size).toBe(bytes.byteLength);
    }

    // One WAV per spoken reply, holding exactly its stored samples.
    const spoken = detail.messages.filter((m) => m.role === 'assistant' && m.audio);
    expect(spoken.length).toBe(2);
    const replyWavs = files.filter((f) => /^media\/\d\d-reply\.wav$/.test(f));
    expect(replyWavs.length).toBe(2);
    const pcms: Buffer[] = [];
    for (const [i, m] of spoken.entries()) {
      const { pcm } = await core.handlers['reply.audio']({ messageId: m.id });
      pcms.push(Buffer.from(pcm));
      const wav = readFileSync(join(folder, replyWavs[i]!));
      expect(wav.subarray(44).equals(Buffer.from(pcm))).toBe(true);
    }

    // The joined WAV: a standard header, the replies in order with half a second of silence between.
    const joined = readFileSync(join(folder, 'What is in this picture.wav'));
    const dataBytes = pcms[0]!.byteLength + JOIN_SILENCE_BYTES + pcms[1]!.byteLength;
    expect(JOIN_SILENCE_BYTES).toBe(24_000);
    expect(wavFacts(joined)).toEqual({
      riff: 'RIFF', wave: 'WAVE', data: 'data', riffSize: 36 + dataBytes, format: 1, channels: 1, rate: 24_000,
      byteRate: 48_000, align: 2, bits: 16, dataSize: dataBytes, length: 44 + dataBytes,
    });
    const body = joined.subarray(44);
    expect(body.subarray(0, pcms[0]!.byteLength).equals(pcms[0]!)).toBe(true);
    expect(body.subarray(pcms[0]!.byteLength, pcms[0]!.byteLength + JOIN_SILENCE_BYTES).every((b) => b === 0)).toBe(true);
    expect(body.subarray(pcms[0]!.byteLength + JOIN_SILENCE_BYTES).equals(pcms[1]!)).toBe(true);

    // Again into the same folder: a second folder beside the first, which is left alone.
    const before = sha(readFileSync(join(folder, 'What is in this picture.md')));
    expect(await core.handlers['conversation.export']({ id: conversationId })).toEqual({ saved: true });
    expect(readdirSync(parent).sort()).toEqual(['What is in this picture', 'What is in this picture (2)']);
    expect(sha(readFileSync(join(folder, 'What is in this picture.md')))).toBe(before);
  });

  it('the browser shell\'s .zip holds the same files, and unzip and Python read it', async () => {
    folderAnswer = join(dir, 'exports');
    const { fileName, zip } = await core.conversationZip(conversationId);
    expect(fileName).toBe('What is in this picture.zip');
    const file = join(dir, fileName);
    await writeFile(file, zip);
    expect(execFileSync('unzip', ['-t', file], { encoding: 'utf8' })).toMatch(/No errors detected/);
    const out = join(dir, 'unzipped');
    execFileSync('python3', ['-c', 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])', file, out]);
    const folder = join(folderAnswer, 'What is in this picture (2)');
    const unzipped = join(out, 'What is in this picture');
    const names = walk(folder);
    expect(walk(unzipped)).toEqual(names);
    for (const n of names) {
      if (n.endsWith('.md')) continue; // says when it was exported
      expect(readFileSync(join(unzipped, n)).equals(readFileSync(join(folder, n))), n).toBe(true);
    }
  });

  it('says so when the user cancels the folder dialog, and when the conversation is gone', async () => {
    folderAnswer = null;
    expect(await core.handlers['conversation.export']({ id: conversationId })).toEqual({ saved: false });
    await expect(core.handlers['conversation.export']({ id: 'no-such-conversation' })).rejects.toBeInstanceOf(UserError);
    await expect(core.conversationZip('no-such-conversation')).rejects.toMatchObject({ info: { kind: 'not_found' } });
  });
});

describe('export folders', () => {
  it('two exports of one conversation at the same moment each get a new folder, and neither overwrites the other', async () => {
    const { writeExportFolder } = await import('../../../electron/core/export/conversation');
    const parent = await mkdtemp(join(tmpdir(), 'omni-export-race-'));
    try {
      const exp = (text: string) => ({ baseName: 'Trip plan', files: [{ path: 'Trip plan.md', bytes: new TextEncoder().encode(text) }] });
      const folders = await Promise.all([writeExportFolder(exp('one'), parent), writeExportFolder(exp('two'), parent), writeExportFolder(exp('three'), parent)]);
      expect(new Set(folders).size).toBe(3);
      expect(readdirSync(parent).sort()).toEqual(['Trip plan', 'Trip plan (2)', 'Trip plan (3)']);
      const texts = folders.map((f) => readFileSync(join(f, 'Trip plan.md'), 'utf8')).sort();
      expect(texts).toEqual(['one', 'three', 'two']);
    } finally {
      await rm(parent, { recursive: true, force: true });
    }
  });
});
