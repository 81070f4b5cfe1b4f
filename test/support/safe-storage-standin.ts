// A stand-in for Electron's safeStorage (the part electron/main/keys.ts uses), with real AES-256-GCM and
// the keyring's moods the app must survive: locked or still starting (the next reads are "temporarily
// unavailable"), a rotated key (old data still reads, with shouldReEncrypt), and a reset keyring (old data
// never reads again). It rejects with Electron's own messages (shell/browser/api/electron_api_safe_storage.cc),
// which is all the app has to tell the failures apart.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SafeStorageLike } from '../../electron/main/keys';

export const TEMPORARILY_UNAVAILABLE = 'safeStorage.decryptStringAsync is temporarily unavailable. Please try again.';
export const DECRYPT_FAILED = 'Error while decrypting the ciphertext provided to safeStorage.decryptStringAsync.';

type Backend = ReturnType<SafeStorageLike['getSelectedStorageBackend']>;

export class SafeStorageStandin implements SafeStorageLike {
  /** Key versions the keyring still holds, by the byte that starts each ciphertext. */
  private readonly keys = new Map<number, Buffer>();
  private current = 1;
  private unavailableReads = 0;
  decryptCalls = 0;
  encryptCalls = 0;

  constructor(private readonly backend: Backend = 'gnome_libsecret', private readonly available = true) {
    this.keys.set(this.current, randomBytes(32));
  }

  /** The next `reads` decrypts fail as "temporarily unavailable" (Infinity: until unlock()). */
  lock(reads = Number.POSITIVE_INFINITY): void {
    this.unavailableReads = reads;
  }

  unlock(): void {
    this.unavailableReads = 0;
  }

  /** A new key becomes current; data under the old one still reads, asking to be encrypted again. */
  rotate(): void {
    this.current += 1;
    this.keys.set(this.current, randomBytes(32));
  }

  /** Drops every key but the current one (after rotation, the old data is then unreadable). */
  retireOldKeys(): void {
    for (const version of [...this.keys.keys()]) if (version !== this.current) this.keys.delete(version);
  }

  /** The keyring was reset (a new login keyring, another user's profile): nothing saved before reads again. */
  reset(): void {
    this.keys.clear();
    this.rotate();
  }

  /** Which key version a ciphertext was made with. */
  static versionOf(data: Uint8Array): number {
    return data[0]!;
  }

  async isAsyncEncryptionAvailable(): Promise<boolean> {
    return this.available;
  }

  getSelectedStorageBackend(): Backend {
    return this.backend;
  }

  async encryptStringAsync(plainText: string): Promise<Buffer> {
    this.encryptCalls += 1;
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', this.keys.get(this.current)!, iv);
    const body = Buffer.concat([c.update(plainText, 'utf8'), c.final()]);
    return Buffer.concat([Buffer.from([this.current]), iv, c.getAuthTag(), body]);
  }

  async decryptStringAsync(encrypted: Buffer): Promise<{ shouldReEncrypt: boolean; result: string }> {
    this.decryptCalls += 1;
    if (this.unavailableReads > 0) {
      this.unavailableReads -= 1;
      throw new Error(TEMPORARILY_UNAVAILABLE);
    }
    const version = encrypted[0]!;
    const key = this.keys.get(version);
    if (!key) throw new Error(DECRYPT_FAILED);
    try {
      const d = createDecipheriv('aes-256-gcm', key, encrypted.subarray(1, 13));
      d.setAuthTag(encrypted.subarray(13, 29));
      const result = Buffer.concat([d.update(encrypted.subarray(29)), d.final()]).toString('utf8');
      return { shouldReEncrypt: version !== this.current, result };
    } catch {
      throw new Error(DECRYPT_FAILED);
    }
  }
}
