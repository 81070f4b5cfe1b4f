// The recovery screen's requests (renderer/recovery): they run before, and instead of, the normal window,
// and its screen says what happened itself (no notices).
import type { OmniBridge, RequestOutput } from '../../shared/contract';

export class RecoveryRequests {
  constructor(private readonly bridge: OmniBridge) {}

  /** Whether the history file could be opened, and if not, what is known about it. */
  status(): Promise<RequestOutput<'recovery.status'>> {
    return this.bridge.invoke('recovery.status', {});
  }

  /** Saves what can still be read (Electron: a folder; the browser shell: a .zip download). */
  exportReadable(): Promise<RequestOutput<'recovery.export'>> {
    return this.bridge.invoke('recovery.export', {});
  }

  /** Keeps the damaged file aside and starts a new history. */
  startFresh(): Promise<RequestOutput<'recovery.startFresh'>> {
    return this.bridge.invoke('recovery.startFresh', {});
  }
}
