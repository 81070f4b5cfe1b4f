// Quitting `npm run serve` from a terminal while a reply streams: the reply is saved as interrupted (what
// had arrived kept), because the core's orderly close runs. On Linux as a user does it — SIGINT to the
// npm-run script process (scripts/serve.mjs), which passes it on — and along the Windows path, where no
// signal can be passed on (child.kill() there is TerminateProcess) and the script asks over IPC instead:
// the same runForwarding with platform 'win32'. The control kills the server outright, as Windows' kill
// would: the reply is then left 'streaming' (the next start marks it interrupted), so the check can fail.
import Database from 'better-sqlite3';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../electron/core/app-core';
import { onShutdownRequest, SHUTDOWN_MESSAGE } from '../../electron/shells-common/shutdown-request';
import { startStandin, type Standin } from '../standin';
import { startServe, type ServeProcess } from './support/serve-process';

const root = path.resolve(__dirname, '../..');
let standin: Standin;
let serve: ServeProcess | null = null;
const dirs: string[] = [];

beforeAll(async () => {
  // A reply that sends a few frames and then nothing more, the connection left open: it stays streaming.
  standin = await startStandin({ scenario: { realtime: false, stallAfterChunks: 4 } });
});
afterEach(async () => {
  if (serve && serve.child.exitCode === null && serve.child.signalCode === null) {
    serve.child.kill('SIGKILL');
    await serve.exit;
  }
  serve = null;
});
afterAll(async () => {
  await standin?.close();
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

/** npm run serve by way of `script`, a streaming reply started through the page's bridge. */
async function streamingReply(script?: string[]): Promise<{ s: ServeProcess; dataDir: string; messageId: string }> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'omni-interrupt-'));
  dirs.push(dataDir);
  const s = await startServe(['--port', '0', '--data-dir', dataDir, '--base-url', standin.baseUrl], { DASHSCOPE_API_KEY: standin.apiKey }, script);
  serve = s;
  const firstText = new Promise<void>((resolve) => s.bridge.on('chat.event', (e) => {
    if (e.kind === 'text') resolve();
  }));
  const sent = await s.bridge.invoke('chat.send', { conversationId: null, text: 'Tell me a long story.', attachmentIds: [], options: { speakReplies: false } });
  await firstText;
  return { s, dataDir, messageId: sent.assistantMessage.id };
}

/** The reply as the file holds it now (read straight from SQLite: opening a core would mark it interrupted). */
function stored(dataDir: string, messageId: string): { status: string; text: string } {
  const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    return db.prepare<[string], { status: string; text: string }>('SELECT status, text FROM messages WHERE id = ?').get(messageId)!;
  } finally {
    db.close();
  }
}

/** node -e: runForwarding from scripts/serve.mjs on the built browser shell, as `platform` would run it. */
const forwardingAs = (platform: string) => [
  '--input-type=module', '-e',
  `const m = await import(${JSON.stringify(path.join(root, 'scripts/serve.mjs'))}); m.ensureBuilt(); ` +
    `m.runForwarding(process.execPath, [${JSON.stringify(path.join(root, 'out/main/serve.js'))}, ...process.argv.slice(1)], { platform: ${JSON.stringify(platform)} });`,
  '--',
];

describe('Ctrl-C in npm run serve while a reply streams', () => {
  it('Linux: SIGINT to the npm-run script process ends with the reply saved as interrupted', async () => {
    const { s, dataDir, messageId } = await streamingReply();
    expect(stored(dataDir, messageId).status).toBe('streaming');
    s.child.kill('SIGINT');
    expect(await s.exit).toEqual({ code: 0, signal: null });
    const reply = stored(dataDir, messageId);
    expect(reply.status).toBe('interrupted');
    expect(reply.text.length).toBeGreaterThan(0);
    expect(s.stderr()).toContain('SIGINT: closing');
  }, 120_000);

  it('the Windows path: the script asks over IPC instead of killing, and the reply is saved as interrupted', async () => {
    const { s, dataDir, messageId } = await streamingReply(forwardingAs('win32'));
    s.child.kill('SIGINT');
    expect(await s.exit).toEqual({ code: 0, signal: null });
    expect(stored(dataDir, messageId).status).toBe('interrupted');
    expect(s.stderr()).toContain('shutdown request: closing');
    expect(s.stderr()).not.toContain('exiting without waiting');
  }, 120_000);

  it('the control: a server killed outright (what Windows does to a child on kill()) leaves the reply streaming', async () => {
    const { s, dataDir, messageId } = await streamingReply(forwardingAs('win32'));
    // The browser shell itself, the script's child: its pid from the OS, killed with no handler run.
    const { execFileSync } = await import('node:child_process');
    const serverPid = Number(execFileSync('pgrep', ['-P', String(s.child.pid)]).toString().trim().split('\n')[0]);
    process.kill(serverPid, 'SIGKILL');
    await s.exit;
    expect(stored(dataDir, messageId).status).toBe('streaming');
  }, 120_000);
});

describe("Electron's side of the request", () => {
  it('quits once, on the request only', () => {
    const listeners: Array<(m: unknown) => void> = [];
    const proc = { on: (_e: string, l: (m: unknown) => void) => listeners.push(l), off: () => {} } as unknown as NodeJS.Process;
    let quits = 0;
    onShutdownRequest(proc, () => quits++);
    for (const l of listeners) l({ type: 'something else' });
    expect(quits).toBe(0);
    for (const l of listeners) l({ type: SHUTDOWN_MESSAGE });
    for (const l of listeners) l({ type: SHUTDOWN_MESSAGE });
    expect(quits).toBe(1);
  });
});
