// A saved API key through the keyring's bad days: electron/main/keys.ts over a safeStorage stand-in that
// really encrypts (AES-256-GCM) and fails as Electron does, the real vault (electron/core/keys.ts) in the
// real core on a SQLite file, and a DashScope stand-in that checks the key each request carries.
// A locked keyring costs a wait and a sentence, never the key; only data that can never be decrypted is
// dropped, and the user is told; a rotated keyring's "re-encrypt" is honoured.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../electron/core/app-core';
import { KEY_UNREADABLE, KEYRING_UNAVAILABLE, KEYRING_RETRY_DELAYS_MS, SecretTemporarilyUnavailableError, SecretUnreadableError } from '../../electron/core/keys';
import { classifyDecryptError, createSafeStorageCipher } from '../../electron/main/keys';
import { startStandin, type Standin } from '../standin';
import { DECRYPT_FAILED, SafeStorageStandin, TEMPORARILY_UNAVAILABLE } from '../support/safe-storage-standin';
import { must, refused, startTestCore, type TestCore } from '../support/test-core';

const KEY = 'sk-saved-key-0123456789abcdef';
let api: Standin;
let t: TestCore | null = null;

beforeAll(async () => {
  api = await startStandin({ apiKey: KEY });
});
afterAll(async () => {
  await api.close();
});
afterEach(async () => {
  await t?.close();
  t = null;
  api.requests.length = 0;
});

/** A core whose key cipher is main/keys.ts over `keyring`, with the key saved for Singapore. */
async function coreWithSavedKey(keyring: SafeStorageStandin): Promise<TestCore> {
  const cipher = await createSafeStorageCipher(keyring, 'linux');
  const tc = await startTestCore({ standin: api, envKey: null, cipher, prefix: 'omni-keys-' });
  await must(tc.call('key.set', { region: 'intl', key: KEY }));
  return tc;
}

/** The ciphertext in the history file's settings table, as the next start would read it. */
function storedCiphertext(dataDir: string): Buffer | null {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    const raw = db.prepare<[string], string>('SELECT value FROM settings WHERE key = ?').pluck().get('apiKey.intl');
    const b64 = raw === undefined ? null : (JSON.parse(raw) as string | null);
    return b64 ? Buffer.from(b64, 'base64') : null;
  } finally {
    db.close();
  }
}

async function send(tc: TestCore, text: string) {
  return tc.call('chat.send', { conversationId: null, text, attachmentIds: [], options: { speakReplies: false } });
}

describe('a saved key and a keyring that is not ready', () => {
  it('waits out a keyring that answers after a moment: the message goes, with the saved key, and the key stays', async () => {
    const keyring = new SafeStorageStandin();
    t = await coreWithSavedKey(keyring);
    keyring.lock(2);
    const started = Date.now();
    const sent = await must(send(t, 'hello after the keyring woke up'));
    expect((await t.outcome(sent.assistantMessage.id)).status).toBe('complete');
    // Two refusals, then the read that worked: after the first two waits of the schedule.
    expect(keyring.decryptCalls).toBe(3);
    expect(Date.now() - started).toBeGreaterThanOrEqual(KEYRING_RETRY_DELAYS_MS[0]! + KEYRING_RETRY_DELAYS_MS[1]! - 20);
    expect(api.requests.map((r) => r.headers.authorization)).toEqual([`Bearer ${KEY}`]);
    expect(await must(t.call('key.status', { region: 'intl' }))).toMatchObject({ source: 'stored' });
    expect(t.logs.filter((l) => l.includes('trying again'))).toHaveLength(2);
    expect(t.logs.join('\n')).not.toContain(KEY);
  });

  it('says so when the keyring stays locked, sends and stores nothing, keeps the key, and works once unlocked', async () => {
    const keyring = new SafeStorageStandin();
    t = await coreWithSavedKey(keyring);
    const saved = storedCiphertext(t.dataDir);
    keyring.lock();
    const error = await refused(send(t, 'a question while locked'));
    expect(error).toMatchObject({ kind: 'internal', code: KEYRING_UNAVAILABLE });
    expect(error.message).toMatch(/keyring did not answer \(Omni Desk waited a few seconds\), so your saved API key for Singapore \(International\) could not be read\. The key is kept\. Unlock the keyring/);
    expect(keyring.decryptCalls).toBe(KEYRING_RETRY_DELAYS_MS.length + 1);
    expect(api.requests).toHaveLength(0);
    expect(await must(t.call('conversations.list', {}))).toEqual([]);
    expect(storedCiphertext(t.dataDir)).toEqual(saved);
    expect(await must(t.call('key.status', { region: 'intl' }))).toMatchObject({ source: 'stored' });

    keyring.unlock();
    const sent = await must(send(t, 'the same question, unlocked'));
    expect((await t.outcome(sent.assistantMessage.id)).status).toBe('complete');
    expect(api.requests.map((r) => r.headers.authorization)).toEqual([`Bearer ${KEY}`]);
    expect(t.logs.join('\n')).not.toContain(KEY);
  }, 20_000);

  it('Test connection meets the same patience and the same sentence', async () => {
    const keyring = new SafeStorageStandin();
    t = await coreWithSavedKey(keyring);
    keyring.lock(1);
    expect(await must(t.call('connection.test', { region: 'intl' }))).toMatchObject({ ok: true });
    keyring.lock();
    expect(await refused(t.call('connection.test', { region: 'intl' }))).toMatchObject({ code: KEYRING_UNAVAILABLE });
  }, 20_000);
});

describe('a saved key the keyring can never read again', () => {
  it('is dropped only then, and the request that found it says so; the next key entered works', async () => {
    const keyring = new SafeStorageStandin();
    t = await coreWithSavedKey(keyring);
    keyring.reset();
    const error = await refused(send(t, 'after a keyring reset'));
    expect(error).toMatchObject({ kind: 'no_key', code: KEY_UNREADABLE });
    expect(error.message).toMatch(/saved API key for Singapore \(International\) can no longer be read.*removed\. Enter the key again in Settings/);
    // Not retried: the data is not going to become readable by waiting.
    expect(keyring.decryptCalls).toBe(1);
    expect(storedCiphertext(t.dataDir)).toBeNull();
    expect(await must(t.call('key.status', { region: 'intl' }))).toMatchObject({ source: 'none' });
    expect(api.requests).toHaveLength(0);
    expect(await must(t.call('conversations.list', {}))).toEqual([]);
    // Afterwards it is simply "no key", and a key entered again is saved under the new keyring.
    expect(await refused(send(t, 'again'))).toMatchObject({ kind: 'no_key', code: null });
    await must(t.call('key.set', { region: 'intl', key: KEY }));
    const sent = await must(send(t, 'with the key entered again'));
    expect((await t.outcome(sent.assistantMessage.id)).status).toBe('complete');
    expect(t.logs.join('\n')).not.toContain(KEY);
  });
});

describe('a rotated keyring', () => {
  it('asks for the key to be encrypted again: it is, so it still reads once the old key is retired', async () => {
    const keyring = new SafeStorageStandin();
    t = await coreWithSavedKey(keyring);
    expect(SafeStorageStandin.versionOf(storedCiphertext(t.dataDir)!)).toBe(1);
    keyring.rotate();
    const first = await must(send(t, 'first after rotation'));
    expect((await t.outcome(first.assistantMessage.id)).status).toBe('complete');
    expect(SafeStorageStandin.versionOf(storedCiphertext(t.dataDir)!)).toBe(2);
    keyring.retireOldKeys();
    const second = await must(send(t, 'after the old key is gone'));
    expect((await t.outcome(second.assistantMessage.id)).status).toBe('complete');
    expect(api.requests.map((r) => r.headers.authorization)).toEqual([`Bearer ${KEY}`, `Bearer ${KEY}`]);
  });
});

describe("safeStorage's rejections", () => {
  it('are told apart by what Electron says; a message it does not know is not taken as a lost key', () => {
    expect(classifyDecryptError(new Error(TEMPORARILY_UNAVAILABLE))).toBeInstanceOf(SecretTemporarilyUnavailableError);
    expect(classifyDecryptError(new Error(DECRYPT_FAILED))).toBeInstanceOf(SecretUnreadableError);
    const other = classifyDecryptError(new Error('safeStorage cannot be used before app is ready'));
    expect(other).not.toBeInstanceOf(SecretUnreadableError);
    expect(other.message).toBe('safeStorage cannot be used before app is ready');
  });

  it('a keyring-less Linux (basic_text) is flagged weak; no encryption at all means no cipher', async () => {
    expect((await createSafeStorageCipher(new SafeStorageStandin('basic_text'), 'linux'))?.weak).toBe(true);
    expect((await createSafeStorageCipher(new SafeStorageStandin('gnome_libsecret'), 'linux'))?.weak).toBe(false);
    expect(await createSafeStorageCipher(new SafeStorageStandin('unknown', false), 'linux')).toBeNull();
  });
});
