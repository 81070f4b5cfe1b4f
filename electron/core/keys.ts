// The API key vault. The key is read here and handed only to the API client; it never goes into an
// event, a reply to the renderer, or a log line. Keys are per region (a Singapore key fails in Beijing).
import type { KeyStatus } from '../../shared/domain';

/** Encryption supplied by the shell: Electron's safeStorage, or nothing (the browser shell). */
export interface SecretCipher {
  encrypt(plain: string): Promise<Uint8Array>;
  decrypt(data: Uint8Array): Promise<string>;
  /** Linux without a keyring: safeStorage's `basic_text` backend, a fixed password. */
  weak: boolean;
}

/** Where encrypted keys are kept between runs (the settings table). */
export interface KeyStorage {
  load(region: string): Uint8Array | undefined;
  save(region: string, data: Uint8Array | null): void;
}

export interface KeyVault {
  status(region: string): KeyStatus;
  get(region: string): Promise<string | null>;
  set(region: string, key: string): Promise<KeyStatus>;
  clear(region: string): Promise<KeyStatus>;
}

export function createKeyVault(o: {
  envKey?: string | null;
  /**
   * Where DASHSCOPE_API_KEY may go (default: everywhere). A custom endpoint is somebody's own server:
   * a DashScope key is not sent there unless the user enters it for that endpoint.
   */
  envApplies?: (region: string) => boolean;
  cipher?: SecretCipher | null;
  storage: KeyStorage;
}): KeyVault {
  const envKeyValue = o.envKey?.trim() || null;
  const envKeyFor = (region: string): string | null => (envKeyValue && (o.envApplies?.(region) ?? true) ? envKeyValue : null);
  const cipher = o.cipher ?? null;
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

  return {
    status,
    async get(region) {
      const session = sessionKeys.get(region);
      if (session) return session;
      const stored = cipher ? o.storage.load(region) : undefined;
      if (cipher && stored) {
        try {
          return await cipher.decrypt(stored);
        } catch {
          // The keyring changed (another user, a reinstalled OS): the saved key is unreadable. Fall back.
          o.storage.save(region, null);
        }
      }
      return envKeyFor(region);
    },
    async set(region, key) {
      if (cipher) {
        o.storage.save(region, await cipher.encrypt(key));
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
