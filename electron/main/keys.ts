// The API key's encryption in the desktop app: Electron's safeStorage (the OS keychain / DPAPI /
// libsecret). Its async API is the current one; the sync one is deprecated. Takes safeStorage as an
// argument (index.ts passes Electron's), so the tests run this code against a stand-in.
import type { SafeStorage } from 'electron';
import { SecretTemporarilyUnavailableError, SecretUnreadableError, type SecretCipher } from '../core/keys';
import { errorText } from '../../shared/error-text';

/** What of safeStorage this file uses. */
export type SafeStorageLike = Pick<
  SafeStorage,
  'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync' | 'getSelectedStorageBackend'
>;

/**
 * Electron's rejections of decryptStringAsync, by their message (electron/electron
 * shell/browser/api/electron_api_safe_storage.cc; nothing else tells them apart):
 * - "safeStorage.decryptStringAsync is temporarily unavailable. Please try again." — the keyring is
 *   locked or still starting (os_crypt_async's temporarily_unavailable flag);
 * - "Error while decrypting the ciphertext provided to safeStorage.decryptStringAsync." — the data cannot
 *   be decrypted with this keyring.
 * Anything else (a message Electron may add later) is not taken as proof the key is lost.
 */
export function classifyDecryptError(err: unknown): Error {
  const message = errorText(err);
  if (/temporarily unavailable/i.test(message)) return new SecretTemporarilyUnavailableError(message, { cause: err });
  if (/error while decrypting/i.test(message)) return new SecretUnreadableError(message, { cause: err });
  return err instanceof Error ? err : new Error(message);
}

/** A cipher over safeStorage, or null when the OS offers no encryption (the key then lives for the session). */
export async function createSafeStorageCipher(safeStorage: SafeStorageLike, platform: NodeJS.Platform = process.platform): Promise<SecretCipher | null> {
  // Initializes the async encryptor, after which the backend below is known.
  if (!(await safeStorage.isAsyncEncryptionAvailable())) return null;
  // Linux without a keyring falls back to 'basic_text': a fixed, public password. Usable, but the user is told.
  const weak = platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text';
  return {
    weak,
    encrypt: async (plain) => new Uint8Array(await safeStorage.encryptStringAsync(plain)),
    decrypt: async (data) => {
      try {
        const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(Buffer.from(data));
        return { text: result, shouldReEncrypt };
      } catch (err) {
        throw classifyDecryptError(err);
      }
    },
  };
}
