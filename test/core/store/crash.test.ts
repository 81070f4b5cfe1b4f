// A process streaming a reply is killed outright (SIGKILL) mid-stream. Everything the writer had
// committed must be there on reopening, byte-exact, the file intact, and the reply then marked interrupted.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStore, openDatabase } from '../../../electron/core/store';
import { audioPieces, textPieces } from './fixtures/stream-pieces';
import { tempDir } from './helpers';

const ROOT = resolve(__dirname, '../../..');
const SCRIPT = join(__dirname, 'fixtures/crash-writer.ts');

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => (tmp = tempDir()));
afterEach(() => tmp.remove());

interface Durable {
  flushes: number;
  textChars: number;
  audioBytes: number;
}

describe('a crash mid-reply', () => {
  it('keeps every flushed piece of text and audio, and the file stays intact', async () => {
    const file = tmp.file('history.db');
    const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT, file], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += String(d)));
    const exited = new Promise<NodeJS.Signals | number | null>((done) => child.on('exit', (code, signal) => done(signal ?? code)));

    let messageId = '';
    let last: Durable | null = null;
    await new Promise<void>((done, fail) => {
      const lines = createInterface({ input: child.stdout });
      lines.on('line', (line) => {
        const msg = JSON.parse(line) as { messageId?: string; durable?: Durable };
        if (msg.messageId) messageId = msg.messageId;
        if (msg.durable) last = msg.durable;
        // Several flushes in, with more pieces certainly buffered and unflushed: kill it.
        if (last && last.flushes >= 5) {
          child.kill('SIGKILL');
          done();
        }
      });
      child.on('exit', (code) => fail(new Error(`the writer exited on its own (${code}): ${stderr}`)));
    });
    expect(await exited).toBe('SIGKILL');
    const durable = last as Durable | null;
    expect(durable).not.toBeNull();
    if (!durable) return;

    const db = openDatabase(file);
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const store = createStore(db);
      const reply = store.getMessage(messageId);
      expect(reply?.status).toBe('streaming');
      const text = reply?.text ?? '';
      const pcm = store.readReplyAudio(messageId);

      // Exactly a run of whole pieces from the start, nothing garbled, nothing missing in between…
      const nText = textPieces(text);
      const nAudio = audioPieces(pcm);
      expect(nText).toBeGreaterThan(0);
      // …text and audio of the same pieces, committed together…
      expect(nAudio).toBe(nText);
      // …and at least everything the child had seen committed before it died.
      expect(text.length).toBeGreaterThanOrEqual(durable.textChars);
      expect(pcm.length).toBeGreaterThanOrEqual(durable.audioBytes);

      expect(store.markInterrupted()).toBe(1);
      expect(store.getMessage(messageId)).toMatchObject({ status: 'interrupted', text });
      expect(Buffer.from(store.readReplyAudio(messageId)).equals(Buffer.from(pcm))).toBe(true);
    } finally {
      db.close();
    }
  });
});
