// A microphone recording through the real core: bytes in (attachments.addRecording, validated by the
// contract's schema through dispatch, as both shells call it), a temporary file in the data folder, the
// same probe → plan → prepare as a dropped file, and what the DashScope stand-in receives.
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECORDING_MAX_BYTES, type EventPayload } from '../../../shared/contract';
import type { AttachmentView } from '../../../shared/domain';
import { createCore } from '../../../electron/core/app-core';
import { dispatch } from '../../../electron/core/dispatch';
import type { Core } from '../../../electron/core/core-interface';
import { RECORDINGS_DIR } from '../../../electron/core/attachments/recording';
import { startStandin, type Standin } from '../../standin';
import { dataUrlToFile, lastUserParts, partOf } from './media';
import { decodedFacts, speechWav, webmOpus } from './recording-audio';
import { ffmpeg } from '../../media/media-helpers';

let dir: string;
let standin: Standin;
let core: Core;
let webm: Uint8Array;
let sourceSec: number;

const recordingsDir = () => join(dir, 'data', RECORDINGS_DIR);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'omni-recording-'));
  const wav = await speechWav(dir, 'question', 'What is the tallest mountain in Europe, and how high is it?', 0.5);
  sourceSec = (await decodedFacts(wav)).durationSec;
  webm = new Uint8Array(await readFile(await webmOpus(dir, wav)));
  standin = await startStandin({ scenario: { audioSeconds: 0.3 } });
  core = await createCore({ dataDir: join(dir, 'data'), shell: 'web', version: '0.0.0-test', baseUrl: standin.baseUrl, envKey: null, cipher: null });
  await core.handlers['key.set']({ key: standin.apiKey });
}, 120_000);

afterAll(async () => {
  await core?.close();
  await standin?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** addRecording as a shell calls it: raw input through the schema and the handler. */
async function addRecording(input: unknown) {
  return dispatch(core.handlers, 'attachments.addRecording', input);
}

async function settledView(reply: Awaited<ReturnType<typeof addRecording>>): Promise<AttachmentView> {
  if (!reply.ok) throw new Error(reply.error.message);
  const view = await core.attachmentSettled((reply.value as AttachmentView).id);
  if (!view) throw new Error('the recording vanished');
  return view;
}

describe('attachments.addRecording', () => {
  it('turns WebM/Opus bytes into an MP3 input_audio of the same length and loudness, and forgets the temporary file once sent', async () => {
    const view = await settledView(await addRecording({ name: 'Recording 10-15-02.webm', mimeType: 'audio/webm;codecs=opus', bytes: webm }));
    expect(view.name).toBe('Recording 10-15-02.webm');
    expect(view.state).toBe('ready');
    expect(view.found).toMatch(/^Audio \(WebM\)/);
    expect(view.plan).toMatch(/WebM is not one of the formats the API takes: it will be converted to .*MP3/);
    // The bytes were written to the data folder while they wait.
    expect(await readdir(recordingsDir())).toHaveLength(1);

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
    const sent = await core.handlers['chat.send']({ conversationId: null, text: '', attachmentIds: [view.id], options: {} });
    expect(await done).toBe('complete');
    expect(standin.requests.length).toBe(before + 1);
    const parts = lastUserParts(standin.requests[before]!.body as { messages: { role: string; content: unknown }[] });
    const audio = partOf(parts, 'input_audio').input_audio;
    expect(audio.format).toBe('mp3');
    const facts = await decodedFacts(await dataUrlToFile(audio.data, join(dir, 'sent.mp3')));
    expect(Math.abs(facts.durationSec - sourceSec)).toBeLessThan(0.5);
    expect(facts.meanVolumeDb).toBeGreaterThan(-40);
    // Kept with the message like any attachment; the temporary copy is gone.
    const stored = await core.handlers['conversations.get']({ id: sent.conversationId });
    expect(stored.messages[0]?.attachments.map((a) => [a.kind, a.name])).toEqual([['audio', 'Recording 10-15-02.webm']]);
    expect(await readdir(recordingsDir())).toEqual([]);
  }, 120_000);

  it('removing a recording deletes its temporary file and its chip', async () => {
    const view = await settledView(await addRecording({ name: 'Recording 10-20-00.webm', mimeType: 'audio/webm', bytes: webm }));
    expect(await readdir(recordingsDir())).toHaveLength(1);
    await core.handlers['attachments.remove']({ id: view.id });
    expect(await readdir(recordingsDir())).toEqual([]);
    expect((await core.handlers['attachments.list']({})).map((a) => a.id)).not.toContain(view.id);
  }, 60_000);

  it('refuses what is not a recording, with a message that says why', async () => {
    const cases: [unknown, RegExp][] = [
      [{ name: 'Recording.webm', mimeType: 'audio/webm', bytes: new Uint8Array(0) }, /The recording is empty\. Record again\./],
      [{ name: 'Recording.webm', mimeType: 'audio/webm', bytes: new Uint8Array(RECORDING_MAX_BYTES + 1) }, /at most 24 MB/],
      [{ name: 'Recording.webm', mimeType: 'video/webm', bytes: webm }, /must be audio/],
      [{ name: '../../etc/passwd', mimeType: 'audio/webm', bytes: webm }, /no slashes/],
      [{ name: 'Recording.webm', mimeType: 'audio/webm', bytes: 'AAAA' }, /bytes/],
      [{ name: 'Recording.webm', mimeType: 'audio/webm', bytes: webm, path: '/tmp/x' }, /path|Unrecognized/i],
    ];
    for (const [input, message] of cases) {
      const reply = await addRecording(input);
      expect(reply.ok).toBe(false);
      if (!reply.ok) {
        expect(reply.error.kind).toBe('invalid_input');
        expect(reply.error.message).toMatch(message);
      }
    }
    expect(await readdir(recordingsDir()).catch(() => [])).toEqual([]);
  });

  it('a recording left by a run that ended before sending it is deleted when the core starts again', async () => {
    const dataDir = join(dir, 'data-restart');
    await mkdir(join(dataDir, RECORDINGS_DIR), { recursive: true });
    await writeFile(join(dataDir, RECORDINGS_DIR, 'left-over.webm'), webm);
    const again = await createCore({ dataDir, shell: 'web', version: '0.0.0-test', baseUrl: standin.baseUrl, envKey: null, cipher: null });
    try {
      const reply = await dispatch(again.handlers, 'attachments.addRecording', { name: 'Recording.webm', mimeType: 'audio/webm', bytes: webm });
      expect(reply.ok).toBe(true);
      const files = await readdir(join(dataDir, RECORDINGS_DIR));
      expect(files).toHaveLength(1);
      expect(files).not.toContain('left-over.webm');
    } finally {
      await again.close();
    }
  }, 60_000);

  it('a recording stopped before any sound arrived says so on its chip, and Remove takes it away', async () => {
    // What Chromium's MediaRecorder leaves when stopped at once: a streamed WebM whose one packet holds no time.
    const blip = join(dir, 'blip.wav');
    await ffmpeg('-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000', '-t', '0.01', blip);
    const bytes = new Uint8Array(await readFile(await webmOpus(dir, blip, 'blip.webm')));
    const view = await settledView(await addRecording({ name: 'Recording 10-30-00.webm', mimeType: 'audio/webm;codecs=opus', bytes }));
    expect(view.state).toBe('error');
    expect(view.error).toBe('“Recording 10-30-00.webm” has no sound that can be used (the recording may have stopped at once). Remove it and record again.');
    await core.handlers['attachments.remove']({ id: view.id });
    expect((await core.handlers['attachments.list']({})).map((a) => a.id)).not.toContain(view.id);
    expect(await readdir(recordingsDir())).toEqual([]);
  }, 60_000);

  it('bytes that are no audio at all get the chip\'s error, and the file is removed with the chip', async () => {
    const view = await settledView(await addRecording({ name: 'Recording broken.webm', mimeType: 'audio/webm', bytes: new Uint8Array(4096).fill(7) }));
    expect(view.state).toBe('error');
    // The chip's sentence names the recording as the user knows it, not the temporary copy.
    expect(view.error).toContain('“Recording broken.webm”');
    expect(view.error).not.toMatch(/[0-9a-f]{24}/);
    await core.handlers['attachments.remove']({ id: view.id });
    expect(await readdir(recordingsDir())).toEqual([]);
  }, 60_000);
});
