// The window's notice: what went wrong and what to do, shown above the composer (and in Settings while
// that is open). Every slice turns a failed request into one with report(err).
import { BridgeError } from '../../shared/bridge-error';
import type { ErrorInfo } from '../../shared/domain';
import { errorText } from '../../shared/error-text';
import type { MessageKey, Params } from '../i18n';
import type { StateCell } from './observable-state';

export interface Notice {
  id: number;
  info: ErrorInfo;
  /** The window's own wording, when the notice is not an error from the core (info.message is its English). */
  say?: { key: MessageKey; params: Params };
}

export interface NoticeState {
  notices: Notice[];
}

export const initialNotices: NoticeState = { notices: [] };

/** One notice at a time: the newest says what matters now, and one alert is easy to find. */
const MAX_NOTICES = 1;

export function toErrorInfo(err: unknown): ErrorInfo {
  if (err instanceof BridgeError) return err.info;
  const message = errorText(err);
  return {
    // Not the API's answer (that comes as a BridgeError): the app's own failure, worded as such in every language.
    kind: 'internal', message: `Something went wrong: ${message}. Try again.`,
    httpStatus: null, code: null, requestId: null, serverMessage: null,
  };
}

export class NoticesSlice {
  private nextId = 1;

  constructor(private readonly cell: StateCell<NoticeState>) {}

  notify(info: ErrorInfo, say?: Notice['say']): void {
    const others = this.cell.get().notices.filter((n) => n.info.message !== info.message);
    this.cell.set({ notices: [...others, { id: this.nextId++, info, ...(say ? { say } : {}) }].slice(-MAX_NOTICES) });
  }

  /** A request failed: its explanation becomes the notice. */
  report = (err: unknown): void => this.notify(toErrorInfo(err));

  dismiss(id: number): void {
    this.cell.set({ notices: this.cell.get().notices.filter((n) => n.id !== id) });
  }

  /** A new turn was taken: what went wrong before no longer applies. */
  clear(): void {
    if (this.cell.get().notices.length > 0) this.cell.set({ notices: [] });
  }

  /** A key was saved: notices about a missing or refused key are answered. */
  clearKeyProblems(): void {
    this.cell.set({ notices: this.cell.get().notices.filter((n) => n.info.kind !== 'no_key' && n.info.kind !== 'auth') });
  }

  audioFailed = (reason: string): void => {
    this.notify({
      kind: 'internal',
      message: `Sound could not start: ${reason}. Check that an audio output is available, then press Play.`,
      httpStatus: null, code: null, requestId: null, serverMessage: null,
    }, { key: 'notice.audioBlocked', params: { reason } });
  };
}
