// What the region tests share: two stand-ins (Singapore and Beijing, each with its own key), a core on a
// real SQLite file pointed at them, a real AES-GCM cipher in place of Electron's safeStorage, and a way to
// wait for a reply's end.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type CoreOptions, type SecretCipher } from '../../../electron/core/app-core';
import type { Core } from '../../../electron/core/core-interface';
import { dispatch } from '../../../electron/core/dispatch';
import type { ChatEvent, RequestName, RequestInput, RequestOutput } from '../../../shared/contract';
import type { ErrorInfo } from '../../../shared/domain';
import { startStandin, type Standin } from '../../standin';

export const INTL_KEY = 'sk-intl-1111aaaa2222bbbb';
export const CN_KEY = 'sk-cn-3333cccc4444dddd';

export async function twoRegions(): Promise<{ intl: Standin; cn: Standin; close(): Promise<void> }> {
  const [intl, cn] = await Promise.all([startStandin({ apiKey: INTL_KEY }), startStandin({ apiKey: CN_KEY })]);
  return { intl, cn, close: async () => void (await Promise.all([intl.close(), cn.close()])) };
}

/** AES-256-GCM with a key of this process: what safeStorage does, without Electron. */
export function testCipher(): SecretCipher {
  const secret = randomBytes(32);
  return {
    weak: false,
    async encrypt(plain) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', secret, iv);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return new Uint8Array(Buffer.concat([iv, c.getAuthTag(), body]));
    },
    async decrypt(data) {
      const buf = Buffer.from(data);
      const d = createDecipheriv('aes-256-gcm', secret, buf.subarray(0, 12));
      d.setAuthTag(buf.subarray(12, 28));
      return Buffer.concat([d.update(buf.subarray(28)), d.final()]).toString('utf8');
    },
  };
}

export interface TestCore {
  core: Core;
  dir: string;
  events: ChatEvent[];
  logs: string[];
  /** Through the shells' validate-and-call loop: the value, or the ErrorInfo a person would see. */
  call<K extends RequestName>(name: K, input: RequestInput<K>): Promise<{ ok: true; value: RequestOutput<K> } | { ok: false; error: ErrorInfo }>;
  outcome(messageId: string): Promise<Extract<ChatEvent, { kind: 'outcome' }>>;
  close(): Promise<void>;
}

export async function startCore(o: Partial<CoreOptions> = {}, dir?: string): Promise<TestCore> {
  const dataDir = dir ?? (await mkdtemp(join(tmpdir(), 'omni-regions-')));
  const logs: string[] = [];
  const core = await createCore({ dataDir, shell: 'web', version: 'test', envKey: null, cipher: null, log: (l) => logs.push(l), ...o });
  const events: ChatEvent[] = [];
  core.subscribe((name, payload) => {
    if (name === 'chat.event') events.push(payload as ChatEvent);
  });
  return {
    core, dir: dataDir, events, logs,
    call: async (name, input) => (await dispatch(core.handlers, name, input, (l) => logs.push(l))) as never,
    async outcome(messageId) {
      const end = Date.now() + 20_000;
      for (;;) {
        const found = events.find((e): e is Extract<ChatEvent, { kind: 'outcome' }> => e.kind === 'outcome' && e.messageId === messageId);
        if (found) return found;
        if (Date.now() > end) throw new Error('no outcome event');
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    async close() {
      await core.close();
      if (!dir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export async function must<T>(r: Promise<{ ok: true; value: T } | { ok: false; error: ErrorInfo }>): Promise<T> {
  const got = await r;
  if (!got.ok) throw new Error(`refused: ${got.error.message}`);
  return got.value;
}

export async function refused(r: Promise<{ ok: true; value: unknown } | { ok: false; error: ErrorInfo }>): Promise<ErrorInfo> {
  const got = await r;
  if (got.ok) throw new Error(`expected a refusal, got ${JSON.stringify(got.value)}`);
  return got.error;
}
