// What the region tests share: two stand-ins (Singapore and Beijing, each with its own key), a core on a
// real SQLite file pointed at them, a real AES-GCM cipher in place of Electron's safeStorage, and a way to
// wait for a reply's end (test/support/test-core.ts).
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { CoreOptions, SecretCipher } from '../../../electron/core/app-core';
import { startStandin, type Standin } from '../../standin';
import { startTestCore, type TestCore as SharedTestCore } from '../../support/test-core';

export { must, refused } from '../../support/test-core';

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
      return { text: Buffer.concat([d.update(buf.subarray(28)), d.final()]).toString('utf8'), shouldReEncrypt: false };
    },
  };
}

/** The shared test core (test/support/test-core.ts), with `dir` for its data directory. */
export type TestCore = SharedTestCore & { dir: string };

/** A core on a fresh data directory (or `dir`, kept by close()), no key and no cipher unless given. */
export async function startCore(o: Partial<CoreOptions> = {}, dir?: string): Promise<TestCore> {
  const t = await startTestCore({ prefix: 'omni-regions-', ...o, ...(dir ? { dataDir: dir } : {}) });
  return { ...t, dir: t.dataDir };
}
