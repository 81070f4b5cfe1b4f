// Export WAV in the core: a spoken reply from the stand-in, stored in a real SQLite file, comes back as a
// standard RIFF/WAVE file (PCM 16-bit, mono, 24 kHz) holding exactly the samples the stand-in sent, under a
// file name made from the conversation's title and time.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { UserError } from '../../../electron/core/user-error';
import { wavFileName } from '../../../electron/core/export/reply-wav';
import type { Core } from '../../../electron/core/core-interface';
import { DEFAULT_SCENARIO, startStandin, type Standin } from '../../standin';
import { startTestCore, type TestCore } from '../../support/test-core';

let standin: Standin;
let dir: string;
let tc: TestCore;
let core: Core;
let saved: Array<{ name: string; bytes: Uint8Array }>;
let answer: string | null;

beforeAll(async () => {
  standin = await startStandin();
});
afterAll(async () => {
  await standin.close();
});
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'omni-wav-'));
  saved = [];
  answer = '/somewhere/reply.wav';
  // The shell's save step (Electron: the save dialog) is the only thing replaced: it records what it got.
  const saveFile = (name: string, bytes: Uint8Array) => {
    saved.push({ name, bytes });
    return Promise.resolve(answer);
  };
  tc = await startTestCore({ standin, dataDir: dir, shell: 'electron', saveFile });
  core = tc.core;
});
afterEach(async () => {
  await tc.close();
  await rm(dir, { recursive: true, force: true });
});

async function reply(text: string, speakReplies = true): Promise<string> {
  const { sent } = await tc.send({ text, options: { speakReplies } });
  return sent.assistantMessage.id;
}

function header(wav: Uint8Array) {
  const v = new DataView(wav.buffer, wav.byteOffset, wav.byteLength);
  const ascii = (at: number) => String.fromCharCode(...wav.subarray(at, at + 4));
  return {
    riff: ascii(0), riffSize: v.getUint32(4, true), wave: ascii(8), fmt: ascii(12), fmtSize: v.getUint32(16, true),
    format: v.getUint16(20, true), channels: v.getUint16(22, true), sampleRate: v.getUint32(24, true),
    byteRate: v.getUint32(28, true), blockAlign: v.getUint16(32, true), bits: v.getUint16(34, true),
    data: ascii(36), dataSize: v.getUint32(40, true),
  };
}

describe('Export WAV of a reply', () => {
  it('is a 16-bit mono 24 kHz RIFF/WAVE with correct sizes and exactly the samples the stand-in sent', async () => {
    standin.setScenario({ ...DEFAULT_SCENARIO, text: 'Here is a spoken answer.', audioSeconds: 1.3 });
    const id = await reply('Tell me: what/is*this? <now>');
    const sent = standin.lastAudio();
    const samples = sent.byteLength / 2;
    expect(samples).toBeGreaterThan(24_000);

    const { fileName, wav } = core.replyWav(id);
    expect(header(wav)).toEqual({
      riff: 'RIFF', riffSize: 36 + samples * 2, wave: 'WAVE', fmt: 'fmt ', fmtSize: 16, format: 1, channels: 1,
      sampleRate: 24_000, byteRate: 48_000, blockAlign: 2, bits: 16, data: 'data', dataSize: samples * 2,
    });
    expect(wav.byteLength).toBe(44 + samples * 2);
    expect(Buffer.from(wav.subarray(44)).equals(Buffer.from(sent))).toBe(true);
    expect(fileName).toMatch(/^Tell me what is this now \d{4}-\d\d-\d\d \d\d-\d\d\.wav$/);

    // A real reader agrees: ffprobe sees PCM s16le, mono, 24 kHz, and the same number of samples.
    const file = join(dir, 'out.wav');
    await writeFile(file, wav);
    const probe = JSON.parse(execFileSync('ffprobe', ['-v', 'error', '-show_streams', '-of', 'json', file], { encoding: 'utf8' })) as {
      streams: Array<{ codec_name: string; channels: number; sample_rate: string; duration_ts: number }>;
    };
    expect(probe.streams[0]).toMatchObject({ codec_name: 'pcm_s16le', channels: 1, sample_rate: '24000', duration_ts: samples });
  });

  it('reply.exportWav hands those bytes and name to the shell\'s save step, and says when the user cancelled', async () => {
    standin.setScenario({ ...DEFAULT_SCENARIO, text: 'Saved.', audioSeconds: 0.5 });
    const id = await reply('Save this');
    expect(await core.handlers['reply.exportWav']({ messageId: id })).toEqual({ saved: true });
    const expected = core.replyWav(id);
    expect(saved).toHaveLength(1);
    expect(saved[0]!.name).toBe(expected.fileName);
    expect(Buffer.from(saved[0]!.bytes).equals(Buffer.from(expected.wav))).toBe(true);

    answer = null;
    expect(await core.handlers['reply.exportWav']({ messageId: id })).toEqual({ saved: false });
  });

  it('a reply without audio, or one that is gone, gets a message that says why', async () => {
    standin.setScenario({ ...DEFAULT_SCENARIO, text: 'Text only.' });
    const id = await reply('No voice please', false);
    expect(() => core.replyWav(id)).toThrow(/no audio to export.*Settings/);
    await expect(core.handlers['reply.exportWav']({ messageId: id })).rejects.toBeInstanceOf(UserError);
    expect(saved).toHaveLength(0);
    expect(() => core.replyWav('no-such-reply')).toThrow(/no longer exists/);
  });
});

describe('the exported file name', () => {
  it('keeps the title readable and drops what file systems refuse', () => {
    const at = new Date(2026, 0, 2, 3, 4).getTime();
    expect(wavFileName('a/b\\c:d*e?f"g<h>i|j\u0007k', at)).toBe('a b c d e f g h i j k 2026-01-02 03-04.wav');
    expect(wavFileName('巴黎是法国的首都吗？', at)).toBe('巴黎是法国的首都吗？ 2026-01-02 03-04.wav');
    expect(wavFileName('...', at)).toBe('Omni Desk reply 2026-01-02 03-04.wav');
    // Names Windows reserves for devices are not used as a title, as in the conversation export.
    expect(wavFileName('con', at)).toBe('Omni Desk reply 2026-01-02 03-04.wav');
    expect(wavFileName(' LPT1. ', at)).toBe('Omni Desk reply 2026-01-02 03-04.wav');
    expect(Array.from(wavFileName('x'.repeat(500), at)).length).toBeLessThanOrEqual(60 + 21);
  });
});
