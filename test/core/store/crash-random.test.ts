// kill -9 at random moments, many times: a real child process runs the assembled core (createCore on a real
// data directory) against the stand-in, sending turn after turn, and is killed with SIGKILL at a random
// moment — early, between turns, mid-stream, while finishing a reply. After every kill:
//   - the file passes PRAGMA integrity_check;
//   - every turn that the child had seen complete is there exactly as it was stored (text, audio bytes);
//   - a reply that was streaming is there with a prefix of what the server sent (text and audio), and the
//     next start marks it Interrupted without changing it.
// The seed is printed; replay a failure with CRASH_SEED=<seed>.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import BetterSqlite3 from 'better-sqlite3';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, DATABASE_FILE } from '../../../electron/core/app-core';
import { startStandin, type Standin } from '../../standin';

const ROOT = resolve(__dirname, '../../..');
const ITERATIONS = Number(process.env.CRASH_ITERATIONS ?? 25);
const SEED = Number(process.env.CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));
const REPLY_TEXT =
  'Crash safety matters: 每一个已经完成的回答都必须保留下来。 The text streams in small pieces with audio, ' +
  'so a kill can land anywhere: between pieces, inside a flush, or while the reply is being finished. 🎵';

/** mulberry32: a small seeded generator, so a failing run can be replayed exactly. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Sent {
  conversationId: string;
  userId: string;
  text: string;
  assistantId: string;
}
interface Complete {
  id: string;
  status: string;
  text: string;
  audioBytes: number;
}
interface Row {
  id: string;
  role: string;
  text: string;
  status: string;
  audio_bytes: number;
}

let standin: Standin;
let work: string;
let childScript: string;

beforeAll(async () => {
  standin = await startStandin({ scenario: { text: REPLY_TEXT, audioSeconds: 1.5, chunkMs: 20, gapMs: 3, reasoning: '' } });
  // One bundle for every child: starting through tsx each time would cost a second of transpiling per kill.
  // It lives under the repository so that its imports of node_modules resolve.
  work = mkdtempSync(join(tmpdir(), 'omni-crash-random-'));
  const bundleDir = join(ROOT, '.tmp', `crash-random-${process.pid}`);
  mkdirSync(bundleDir, { recursive: true });
  childScript = join(bundleDir, 'child.mjs');
  await build({
    entryPoints: [join(__dirname, 'crash-random-child.ts')], bundle: true, platform: 'node', format: 'esm',
    packages: 'external', outfile: childScript, logLevel: 'warning',
  });
});

afterAll(async () => {
  await standin?.close();
  if (work) rmSync(work, { recursive: true, force: true });
  if (childScript) rmSync(resolve(childScript, '..'), { recursive: true, force: true });
});

/**
 * When to kill. Moments are chosen by what the child has reported, not by the clock alone, so a slow or busy
 * machine still gets every kind of kill: `time` ms after it is ready (anywhere, including before the first
 * turn), `stored` ms after the streaming reply has committed some text (part-way through a reply), or
 * `completed` ms after the n-th turn completed (between turns, or early in the next reply).
 */
type KillPlan = { at: 'time'; ms: number } | { at: 'stored'; ms: number } | { at: 'completed'; turns: number; ms: number };

function planKill(random: () => number): KillPlan {
  const r = random();
  if (r < 0.3) return { at: 'time', ms: Math.floor(random() < 0.3 ? random() * 40 : random() * 1200) };
  if (r < 0.7) return { at: 'stored', ms: Math.floor(random() * 120) };
  return { at: 'completed', turns: 1 + Math.floor(random() * 2), ms: Math.floor(random() * 60) };
}

/** Starts the child and kills it as planned; returns what it reported before dying. */
async function runAndKill(dataDir: string, plan: KillPlan): Promise<{ sent: Sent[]; complete: Complete[]; ready: boolean }> {
  const child = spawn(process.execPath, [childScript, dataDir, standin.baseUrl, standin.apiKey], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += String(d)));
  const sent: Sent[] = [];
  const complete: Complete[] = [];
  let ready = false;
  let armed = false;
  const kill = (ms: number) => {
    if (armed) return;
    armed = true;
    setTimeout(() => child.kill('SIGKILL'), ms);
  };
  // Whatever happens, the child dies: a trigger that never comes becomes a kill at a moment of the clock's choosing.
  const fallback = setTimeout(() => kill(0), 15_000);
  const exited = new Promise<NodeJS.Signals | number | null>((done) => child.on('exit', (code, signal) => done(signal ?? code)));
  createInterface({ input: child.stdout }).on('line', (line) => {
    const msg = JSON.parse(line) as { ready?: true; sent?: Sent; complete?: Complete; stored?: { textLength: number } };
    if (msg.sent) sent.push(msg.sent);
    if (msg.complete) complete.push(msg.complete);
    if (msg.ready) ready = true;
    if (msg.ready && plan.at === 'time') kill(plan.ms);
    if (msg.stored && plan.at === 'stored') kill(plan.ms);
    if (msg.complete && plan.at === 'completed' && complete.length >= plan.turns) kill(plan.ms);
  });
  const how = await exited;
  clearTimeout(fallback);
  if (how !== 'SIGKILL') throw new Error(`the child ended on its own (${String(how)}): ${stderr}`);
  // Lines already in the pipe when it died still count: the child had printed them.
  await new Promise((r) => setImmediate(r));
  return { sent, complete, ready };
}

/** Reads the file without writing to it (read-only, no checkpoint), so the next start is the real first one. */
function inspect(file: string): { integrity: string; rows: Map<string, Row>; audio: (id: string) => Buffer } {
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    const integrity = String(db.pragma('integrity_check', { simple: true }));
    const rows = new Map<string, Row>();
    for (const r of db.prepare<[], Row>('SELECT id, role, text, status, audio_bytes FROM messages').all()) rows.set(r.id, r);
    const chunks = new Map<string, Buffer[]>();
    for (const c of db.prepare<[], { message_id: string; pcm: Buffer }>('SELECT message_id, pcm FROM audio_chunks ORDER BY message_id, seq').all()) {
      const list = chunks.get(c.message_id) ?? [];
      list.push(c.pcm);
      chunks.set(c.message_id, list);
    }
    return { integrity, rows, audio: (id) => Buffer.concat(chunks.get(id) ?? []) };
  } finally {
    db.close();
  }
}

describe('SIGKILL of a process streaming replies, at random moments', () => {
  it(`keeps the file intact, every completed turn as it was, and the streaming reply as far as it got (${ITERATIONS} kills)`, async () => {
    console.log(`crash-random seed ${SEED} (replay with CRASH_SEED=${SEED})`);
    const random = seeded(SEED);
    const dataDir = join(work, 'data');
    const file = join(dataDir, DATABASE_FILE);
    /** Turns the child saw complete, as it saw them stored. */
    const done = new Map<string, Complete>();
    const users = new Map<string, string>();
    /** Replies cut by a kill, as found right after it. */
    const cut = new Map<string, { text: string; audio: Buffer }>();
    let fullAudio: Buffer | null = null;
    let midStream = 0;

    for (let i = 0; i < ITERATIONS; i++) {
      const plan = planKill(random);
      const run = await runAndKill(dataDir, plan);
      const where = `iteration ${i} (seed ${SEED}, kill ${JSON.stringify(plan)})`;
      expect(run.ready, where).toBe(true);
      for (const s of run.sent) users.set(s.userId, s.text);
      for (const c of run.complete) {
        expect(c, where).toMatchObject({ status: 'complete', text: REPLY_TEXT });
        done.set(c.id, c);
      }

      const seen = inspect(file);
      expect(seen.integrity, where).toBe('ok');
      if (!fullAudio) {
        const first = [...done.keys()][0];
        if (first) fullAudio = seen.audio(first);
      }
      for (const [id, c] of done) {
        const row = seen.rows.get(id);
        expect(row, `${where}: completed reply ${id}`).toBeDefined();
        expect({ status: row!.status, text: row!.text, audioBytes: row!.audio_bytes, stored: seen.audio(id).byteLength }, where)
          .toEqual({ status: 'complete', text: c.text, audioBytes: c.audioBytes, stored: c.audioBytes });
        if (fullAudio) expect(seen.audio(id).equals(fullAudio), `${where}: audio of ${id}`).toBe(true);
      }
      for (const [id, text] of users) {
        expect(seen.rows.get(id), `${where}: question ${id}`).toMatchObject({ role: 'user', text, status: 'complete' });
      }
      // Replies cut by an earlier kill: the start after it marked them interrupted, nothing else changed.
      for (const [id, before] of cut) {
        const row = seen.rows.get(id);
        expect({ status: row?.status, text: row?.text, audio: seen.audio(id).byteLength }, `${where}: cut reply ${id}`)
          .toEqual({ status: 'interrupted', text: before.text, audio: before.audio.byteLength });
      }
      // Anything else is the reply this kill cut (at most one): still 'streaming' until the next start,
      // holding a prefix of the reply — text and audio — and nothing garbled.
      const others = [...seen.rows.values()].filter((r) => r.role === 'assistant' && !done.has(r.id) && !cut.has(r.id));
      expect(others.length, where).toBeLessThanOrEqual(1);
      for (const r of others) {
        expect(r.status, where).toBe('streaming');
        expect(REPLY_TEXT.startsWith(r.text), `${where}: text ${JSON.stringify(r.text)}`).toBe(true);
        const audio = seen.audio(r.id);
        expect(audio.byteLength, where).toBe(r.audio_bytes);
        if (fullAudio) expect(audio.equals(fullAudio.subarray(0, audio.byteLength)), `${where}: audio prefix`).toBe(true);
        if (r.text.length > 0) midStream += 1;
        cut.set(r.id, { text: r.text, audio });
      }
    }

    // The last start: what the last kill cut is interrupted, with what had arrived.
    const core = await createCore({ dataDir, shell: 'web', version: 'crash-test', envKey: null, cipher: null });
    try {
      const [conversation] = await core.handlers['conversations.list']({ limit: 1 });
      const detail = await core.handlers['conversations.get']({ id: conversation!.id });
      for (const [id, before] of cut) {
        const m = detail.messages.find((x) => x.id === id);
        expect({ status: m?.status, text: m?.text, audio: (m?.audio?.samples ?? 0) * 2 }, `cut reply ${id} (seed ${SEED})`)
          .toEqual({ status: 'interrupted', text: before.text, audio: before.audio.byteLength });
      }
      for (const [id, c] of done) {
        expect(detail.messages.find((x) => x.id === id)).toMatchObject({ status: 'complete', text: c.text });
      }
      expect(detail.messages.filter((m) => m.status === 'streaming')).toEqual([]);
    } finally {
      await core.close();
    }
    console.log(`crash-random: ${done.size} turns completed, ${cut.size} replies cut (${midStream} part-way through)`);
    // The kills really landed in different places: some turns completed, some replies were cut part-way.
    expect(done.size, `seed ${SEED}`).toBeGreaterThan(0);
    expect(midStream, `seed ${SEED}`).toBeGreaterThan(0);
  }, 300_000);
});
