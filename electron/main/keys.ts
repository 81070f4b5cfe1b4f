// The API key's encryption in the desktop app: Electron's safeStorage (the OS keychain / DPAPI /
// libsecret). Its async API is the current one; the sync one is deprecated.
import { safeStorage } from 'electron';
import type { SecretCipher } from '../core/app-core';

/** A cipher over safeStorage, or null when the OS offers no encryption (the key then lives for the session). */
export async function createSafeStorageCipher(): Promise<SecretCipher | null> {
  if (typeof safeStorage.isAsyncEncryptionAvailable === 'function') {
    // Initializes the async encryptor, after which the backend below is known.
    if (!(await safeStorage.isAsyncEncryptionAvailable())) return null;
    const weak = isWeak();
    return {
      weak,
      encrypt: async (plain) => new Uint8Array(await safeStorage.encryptStringAsync(plain)),
      decrypt: async (data) => (await safeStorage.decryptStringAsync(Buffer.from(data))).result,
    };
  }
  // An Electron older than the async API (before 38): the sync one, deprecated since, is all there is.
  if (!safeStorage.isEncryptionAvailable()) return null;
  const weak = isWeak();
  return {
    weak,
    encrypt: async (plain) => new Uint8Array(safeStorage.encryptString(plain)),
    decrypt: async (data) => safeStorage.decryptString(Buffer.from(data)),
  };
}

/** Linux without a keyring falls back to 'basic_text': a fixed, public password. Usable, but the user is told. */
function isWeak(): boolean {
  return process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text';
}
