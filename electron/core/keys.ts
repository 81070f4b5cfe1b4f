// The API key vault. The key is read here and handed only to the API client; it never goes into an
// event, a reply to the renderer, or a log line. Keys are per region (a Singapore key fails in Beijing).
//
// A saved key is encrypted by the shell's cipher (Electron's safeStorage: the OS keychain, DPAPI or
// libsecret). Reading it back can fail two ways, and only one of them loses the key:
//  - the keyring is locked or still starting (safeStorage: "temporarily unavailable"): the key is kept,
//    the read is tried again a few times, and if the keyring still does not answer the user is told so;
//  - the ciphertext cannot be decrypted at all (another user's keyring, a reinstalled OS): the key is
//    unreadable for good, so it is dropped, and the request that found it says so.
// A key the keyring asks to re-encrypt (rotated key, better protection available) is saved again.
import type { KeyStatus } from '../../shared/domain';
import { errorText } from '../../shared/error-text';
import { UserError } from './user-error';

export interface DecryptedSecret {
  text: string;
  /** The keyring rotated its key (or can protect it better now): encrypt the text again and keep that. */
  shouldReEncrypt: boolean;
}

/** Encryption supplied by the shell: Electron's safeStorage, or nothing (the browser shell). */
export interface SecretCipher {
  encrypt(plain: string): Promise<Uint8Array>;
  /**
   * Rejects with SecretUnreadableError when the data can never be decrypted here; any other rejection
   * (SecretTemporarilyUnavailableError, or one the cipher cannot classify) leaves the saved key alone.
   */
  decrypt(data: Uint8Array): Promise<DecryptedSecret>;
  /** Linux without a keyring: safeStorage's `basic_text` backend, a fixed password. */
  weak: boolean;
}

/** The keyring is locked or still starting: try again later; the data is fine. */
export class SecretTemporarilyUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SecretTemporarilyUnavailableError';
  }
}

/** The data cannot be decrypted with this keyring, now or later. */
export class SecretUnreadableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SecretUnreadableError';
  }
}

/** Where encrypted keys are kept between runs (the settings table). */
export interface KeyStorage {
  load(region: string): Uint8Array | undefined;
  save(region: string, data: Uint8Array | null): void;
}

export interface KeyVault {
  status(region: string): KeyStatus;
  /**
   * The key for a region, or null when there is none. Rejects with a UserError when a saved key exists
   * but cannot be read now (`keyring_unavailable`, the key kept) or ever (`key_unreadable`, the key dropped).
   */
  get(region: string): Promise<string | null>;
  set(region: string, key: string): Promise<KeyStatus>;
  clear(region: string): Promise<KeyStatus>;
}

/** ErrorInfo codes of the two failures above; the renderer explains each in the user's language. */
export const KEYRING_UNAVAILABLE = 'keyring_unavailable';
export const KEY_UNREADABLE = 'key_unreadable';

/**
 * Waits between reads of a key while the keyring is temporarily unavailable: a keyring still starting
 * after login usually answers within a second or two; a locked one waits for the user, who is told.
 */
export const KEYRING_RETRY_DELAYS_MS: readonly number[] = [250, 500, 1000, 2000];

export function createKeyVault(o: {
  envKey?: string | null;
  /**
   * Where DASHSCOPE_API_KEY may go (default: everywhere). A custom endpoint is somebody's own server:
   * a DashScope key is not sent there unless the user enters it for that endpoint.
   */
  envApplies?: (region: string) => boolean;
  cipher?: SecretCipher | null;
  storage: KeyStorage;
  /** How a region is named to the user ("Singapore (International)"); the region id by default. */
  regionLabel?: (region: string) => string;
  retryDelaysMs?: readonly number[];
  sleep?: (ms: number) => Promise<void>;
  log?: (line: string) => void;
}): KeyVault {
  const envKeyValue = o.envKey?.trim() || null;
  const envKeyFor = (region: string): string | null => (envKeyValue && (o.envApplies?.(region) ?? true) ? envKeyValue : null);
  const cipher = o.cipher ?? null;
  const label = o.regionLabel ?? ((region: string) => region);
  const delays = o.retryDelaysMs ?? KEYRING_RETRY_DELAYS_MS;
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const log = o.log ?? (() => {});
  // Without a cipher (browser shell) a key typed into the app lives only as long as this process.
  const sessionKeys = new Map<string, string>();

  const status = (region: string): KeyStatus => {
    const weakEncryption = cipher?.weak ?? false;
    const canPersist = cipher !== null;
    if (sessionKeys.has(region)) return { source: 'session', weakEncryption, canPersist };
    if (cipher && o.storage.load(region)) return { source: 'stored', weakEncryption, canPersist };
    if (envKeyFor(region)) return { source: 'env', weakEncryption, canPersist };
    return { source: 'none', weakEncryption, canPersist };
  };

  /** Decrypts, trying again while the keyring is temporarily unavailable; the last failure is thrown. */
  async function decryptPatiently(c: SecretCipher, region: string, stored: Uint8Array): Promise<DecryptedSecret> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await c.decrypt(stored);
      } catch (err) {
        if (err instanceof SecretUnreadableError || attempt >= delays.length) throw err;
        const wait = delays[attempt]!;
        log(`the saved API key for ${region} could not be read yet (${errorText(err)}); trying again in ${wait} ms (attempt ${attempt + 2} of ${delays.length + 1})`);
        await sleep(wait);
      }
    }
  }

  async function readStored(c: SecretCipher, region: string, stored: Uint8Array): Promise<string> {
    let secret: DecryptedSecret;
    try {
      secret = await decryptPatiently(c, region, stored);
    } catch (err) {
      if (err instanceof SecretUnreadableError) {
        // Unreadable for good: keeping it would fail every request. The user hears why it is gone.
        o.storage.save(region, null);
        log(`the saved API key for ${region} cannot be decrypted with this keyring (${errorText(err)}); it was removed`);
        throw new UserError(
          'no_key',
          `Your saved API key for ${label(region)} can no longer be read on this computer (the system keyring was reset, or this is another user's profile), so it was removed. Enter the key again in Settings, then send again.`,
          { code: KEY_UNREADABLE },
        );
      }
      log(`the saved API key for ${region} could not be read: the keyring did not answer (${errorText(err)}); the key is kept`);
      throw new UserError(
        'internal',
        `The system keyring did not answer (Omni Desk waited a few seconds), so your saved API key for ${label(region)} could not be read. The key is kept. Unlock the keyring (your login password may be asked for), then send again.`,
        { code: KEYRING_UNAVAILABLE },
      );
    }
    if (secret.shouldReEncrypt) {
      // The keyring moved to a new key: save the key under it, so the old one can be retired. A failure
      // here costs nothing: the old ciphertext still reads, and the next read tries again.
      try {
        o.storage.save(region, await c.encrypt(secret.text));
        log(`the saved API key for ${region} was encrypted again with the keyring's new key`);
      } catch (err) {
        log(`the saved API key for ${region} could not be encrypted again (${errorText(err)}); the old copy is kept`);
      }
    }
    return secret.text;
  }

  return {
    status,
    async get(region) {
      const session = sessionKeys.get(region);
      if (session) return session;
      const stored = cipher ? o.storage.load(region) : undefined;
      if (cipher && stored) return readStored(cipher, region, stored);
      return envKeyFor(region);
    },
    async set(region, key) {
      if (cipher) {
        let data: Uint8Array;
        try {
          data = await cipher.encrypt(key);
        } catch (err) {
          log(`an API key could not be encrypted (${errorText(err)})`);
          throw new UserError(
            'internal',
            'The key could not be saved: the system keyring did not answer (it may be locked). Unlock it, then save the key again.',
            { code: KEYRING_UNAVAILABLE },
          );
        }
        o.storage.save(region, data);
        sessionKeys.delete(region);
      } else {
        sessionKeys.set(region, key);
      }
      return status(region);
    },
    async clear(region) {
      sessionKeys.delete(region);
      o.storage.save(region, null);
      return status(region);
    },
  };
}
