// What the shell tests start from: the real core (createCore on a temp data directory, real SQLite),
// with a way to push events through it as the chat turn does, and a small static site standing in for
// the built renderer, with a secret next to it that must never be served.
import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createCore, DATABASE_FILE } from '../../../electron/core/app-core';
import { openDatabase } from '../../../electron/core/store/database';
import { createStore } from '../../../electron/core/store/history-store';
import type { Core, EventListener } from '../../../electron/core/core-interface';
import type { EventName, EventPayload } from '../../../shared/contract';
import { CONTENT_SECURITY_POLICY } from '../../../electron/shells-common/csp';

export interface ShellFixture {
  dir: string;
  dataDir: string;
  staticDir: string;
  core: Core;
  /** A finished spoken reply saved before the core started: its id and exact PCM. */
  saved: { conversationId: string; messageId: string; pcm: Uint8Array };
  /** Pushes an event to the shells the way the core's chat turn does. */
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
  dispose(): Promise<void>;
}

export const SECRET = 'this file is outside the renderer and must never be served';

export async function makeFixture(extraFiles: Record<string, string> = {}): Promise<ShellFixture> {
  const dir = await mkdtemp(path.join(tmpdir(), 'omni-shell-'));
  const dataDir = path.join(dir, 'data');
  const staticDir = path.join(dir, 'renderer');
  await mkdir(path.join(staticDir, 'assets'), { recursive: true });
  await writeFile(path.join(dir, 'secret.txt'), SECRET);
  await writeFile(
    path.join(staticDir, 'index.html'),
    `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY.replace(/; frame-ancestors 'none'/, '')}"><title>Omni Desk</title></head><body><main id="root">index page</main></body></html>`,
  );
  await writeFile(path.join(staticDir, 'assets', 'app.js'), 'export const app = 1;\n');
  // A symlink inside the root pointing out of it: must not be followed.
  await symlink(path.join(dir, 'secret.txt'), path.join(staticDir, 'assets', 'link.txt'));
  for (const [name, text] of Object.entries(extraFiles)) {
    await mkdir(path.dirname(path.join(staticDir, name)), { recursive: true });
    await writeFile(path.join(staticDir, name), text);
  }

  const saved = await seedSpokenReply(dataDir);
  const real = await createCore({ dataDir, shell: 'web', version: '0.0.0-test', envKey: null, cipher: null });
  const extra = new Set<EventListener>();
  const core: Core = {
    handlers: real.handlers,
    attachPath: (path, opts) => real.attachPath(path, opts),
    attachmentSettled: (id) => real.attachmentSettled(id),
    replyWav: (id) => real.replyWav(id),
    liveAudio: (sessionId, send, onEnded) => real.liveAudio(sessionId, send, onEnded),
    liveSessionWav: (id) => real.liveSessionWav(id),
    conversationZip: (id) => real.conversationZip(id),
    recoveryZip: () => real.recoveryZip(),
    media: (req) => real.media(req),
    subscribe(listener) {
      extra.add(listener);
      const off = real.subscribe(listener);
      return () => {
        extra.delete(listener);
        off();
      };
    },
    close: () => real.close(),
  };
  return {
    dir,
    dataDir,
    staticDir,
    core,
    saved,
    emit(name, payload) {
      for (const l of extra) l(name, payload);
    },
    async dispose() {
      await real.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** PCM16-ish bytes with every byte value, at a length that is neither even nor a power of two. */
export function testBytes(n: number, seed = 7): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i += 1) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

/** Writes one conversation with a spoken reply through the real store, as a past run would have. */
async function seedSpokenReply(dataDir: string): Promise<ShellFixture['saved']> {
  await mkdir(dataDir, { recursive: true });
  const db = openDatabase(path.join(dataDir, DATABASE_FILE));
  try {
    const store = createStore(db);
    const c = store.createConversation({ title: 'Saved', model: 'qwen3-omni-flash', voice: 'Cherry' });
    store.addMessage({ conversationId: c.id, role: 'user', text: 'Say something', status: 'complete' });
    const m = store.addMessage({ conversationId: c.id, role: 'assistant', text: '', status: 'streaming', model: 'qwen3-omni-flash', voice: 'Cherry' });
    const pcm = testBytes(48_000, 3);
    store.appendReply(m.id, { text: 'Something.', audio: [pcm.subarray(0, 20_000), pcm.subarray(20_000)] });
    store.finishReply(m.id, { status: 'complete', usage: null, error: null });
    return { conversationId: c.id, messageId: m.id, pcm };
  } finally {
    db.close();
  }
}
