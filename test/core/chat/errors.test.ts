// Every error case of the reference, produced by the stand-in over real HTTP and run through the assembled
// core (createCore, real SQLite file): the reply ends with the right kind and a message that says what
// happened and what to do, and whatever arrived before the failure stays stored. Also the 429 backoff:
// the core waits (Retry-After, else doubling), tells the renderer with `retrying` events, and either gets
// the reply or fails with the rate-limit message; Stop during the wait cancels.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChatEvent } from '../../../shared/contract';
import { DEFAULT_SCENARIO, startStandin, type Standin } from '../../standin';
import { ERROR_CASES as ROWS } from '../../support/error-cases';
import { startTestCore, type TestCore } from '../../support/test-core';

let standin: Standin;
let dir: string;
let tc: TestCore;

beforeAll(async () => {
  standin = await startStandin();
});
afterAll(async () => {
  await standin.close();
});

async function openCore(opts: { baseUrl?: string; key?: string } = {}): Promise<void> {
  tc = await startTestCore({ standin, dataDir: dir, ...(opts.baseUrl ? { baseUrl: opts.baseUrl } : {}), ...(opts.key ? { envKey: opts.key } : {}) });
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'omni-errors-'));
  standin.setScenario({ ...DEFAULT_SCENARIO, audioSeconds: 1 });
  await openCore();
});
afterEach(async () => {
  await tc.close();
  await rm(dir, { recursive: true, force: true });
});

async function turn(text = 'Hello?') {
  const { sent: r, outcome: o } = await tc.send({ text });
  const detail = await tc.core.handlers['conversations.get']({ id: r.conversationId });
  const stored = detail.messages.find((m) => m.id === r.assistantMessage.id)!;
  return { r, o, stored, text: tc.pushedText(r.assistantMessage.id) };
}

describe('each error of the reference, from the stand-in through the core', () => {
  for (const row of ROWS) {
    it(`${row.name} → ${row.kind}`, async () => {
      standin.setScenario(row.scenario);
      const { o, stored, text } = await turn();
      expect(o.status).toBe(row.kind === 'cut_off' ? 'cut_off' : 'failed');
      expect(o.error?.kind).toBe(row.kind);
      expect(o.error?.message).toMatch(row.says);
      expect(o.error?.requestId).toBeTruthy();
      if (row.server) expect(o.error?.serverMessage).toMatch(row.server);
      // What the renderer was told is what is stored, and what arrived stays.
      expect(stored.status).toBe(o.status);
      expect(stored.error).toEqual(o.error);
      expect(stored.text).toBe(text);
      if (row.partial) expect(text.length).toBeGreaterThan(0);
      else expect(text).toBe('');
    });
  }

  it('a wrong key (401): says so, suggests the other region, never shows the key', async () => {
    await tc.close();
    await openCore({ key: 'sk-wrongregion-0123456789' });
    const { o } = await turn();
    expect(o.error?.kind).toBe('auth');
    expect(o.error?.httpStatus).toBe(401);
    // The request went to the Singapore region (the stand-in stands in for its address).
    expect(o.error?.message).toMatch(/refused by the Singapore \(International\) endpoint.*if this key is for Beijing \(China\), choose that region in Settings/);
    expect(JSON.stringify(o.error)).not.toContain('sk-wrongregion-0123456789');
  });

  it('no network (connection refused): explains and keeps nothing half-done', async () => {
    const port = await closedPort();
    await tc.close();
    await openCore({ baseUrl: `http://127.0.0.1:${port}/compatible-mode/v1` });
    const { o, stored } = await turn();
    expect(o.error).toMatchObject({ kind: 'network', code: 'ECONNREFUSED' });
    expect(o.error?.message).toMatch(/Could not reach the API server: the connection was refused.*internet connection/);
    expect(stored.status).toBe('failed');
  });

  it('a stalled stream: stopped after the stall timeout, what arrived kept', async () => {
    await tc.core.handlers['settings.update']({ stallTimeoutMs: 1_000 });
    standin.setScenario({ stallAfterChunks: 6 });
    const { o, stored, text } = await turn();
    expect(o.status).toBe('stalled');
    expect(o.error?.message).toMatch(/stopped arriving \(nothing for 1 s\).*kept/);
    expect(text.length).toBeGreaterThan(0);
    expect(stored.text).toBe(text);
  });
});

describe('rate limit (429): wait, retry, count down', () => {
  const retrying = (id: string) => tc.events.filter((e): e is Extract<ChatEvent, { kind: 'retrying' }> => e.kind === 'retrying' && e.messageId === id);

  it('the first two requests refused with Retry-After: 1 → two announced retries a second apart, then the reply', async () => {
    standin.setScenario({ text: 'Finally through.', http429: true, retryAfterSeconds: 1, failNext: 2 });
    const before = standin.requests.length;
    const { r, o, stored } = await turn();
    expect(o.status).toBe('complete');
    expect(stored.text).toBe('Finally through.');
    const waits = retrying(r.assistantMessage.id);
    expect(waits.map((w) => [w.attempt, w.maxAttempts, w.delayMs])).toEqual([[1, 3, 1000], [2, 3, 1000]]);
    for (const w of waits) expect(w.retryAt).toBeGreaterThan(0);
    // The retries precede the reply's first words.
    const firstText = tc.events.findIndex((e) => e.kind === 'text' && e.messageId === r.assistantMessage.id);
    expect(tc.events.indexOf(waits[1]!)).toBeLessThan(firstText);
    expect(standin.requests.length - before).toBe(3);
  });

  it('still refused after three retries → Failed with the rate-limit message', async () => {
    standin.setScenario({ http429: true, retryAfterSeconds: 0 });
    const before = standin.requests.length;
    const { r, o } = await turn();
    expect(o.status).toBe('failed');
    expect(o.error?.kind).toBe('rate_limit');
    expect(o.error?.message).toMatch(/rate limit was still reached after 3 automatic retries.*Wait a minute/);
    expect(retrying(r.assistantMessage.id).map((w) => w.attempt)).toEqual([1, 2, 3]);
    expect(standin.requests.length - before).toBe(4);
  });

  it('without Retry-After the waits double from 2 s', async () => {
    const { retryDelayMs } = await import('../../../electron/core/chat/backoff');
    expect([1, 2, 3].map((n) => retryDelayMs(n, null))).toEqual([2000, 4000, 8000]);
    expect(retryDelayMs(1, 5)).toBe(5000);
    expect(retryDelayMs(1, 3600)).toBeNull();
  });

  it('a Retry-After too long to wait for in a chat fails at once, saying how long', async () => {
    standin.setScenario({ http429: true, retryAfterSeconds: 600 });
    const before = standin.requests.length;
    const { r, o } = await turn();
    expect(o.error?.kind).toBe('rate_limit');
    expect(o.error?.message).toMatch(/Wait about 600 seconds/);
    expect(retrying(r.assistantMessage.id)).toEqual([]);
    expect(standin.requests.length - before).toBe(1);
  });

  it('Stop during the countdown cancels the reply; no further request is made', async () => {
    standin.setScenario({ http429: true, retryAfterSeconds: 30 });
    const before = standin.requests.length;
    const r = await tc.core.handlers['chat.send']({ conversationId: null, text: 'Hi', attachmentIds: [], options: {} });
    const id = r.assistantMessage.id;
    await tc.event((e) => e.kind === 'retrying' && e.messageId === id, 'the first announced retry');
    expect(await tc.core.handlers['chat.stop']({ messageId: id })).toEqual({ stopped: true });
    const o = await tc.outcome(id, 5_000);
    expect(o.status).toBe('cancelled');
    expect(o.error).toBeNull();
    expect(standin.requests.length - before).toBe(1);
  });
});

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}
