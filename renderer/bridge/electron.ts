// In Electron the preload puts the contract on window.omni, but a value crossing contextBridge loses its
// class: a rejection arrives as a plain { name: 'BridgeError', message, info } (see
// electron/preload/bridge.ts). This wraps window.omni so the renderer gets real BridgeErrors, exactly as
// from the browser shell's bridge.
import { BridgeError } from '../../shared/bridge-error';
import type { OmniBridge, PreloadBridge } from '../../shared/contract';
import { LIVE_PORT_MESSAGE } from '../../shared/live-audio';
import { portChannel, type PortLike } from './live-channel';
import type { ErrorInfo } from '../../shared/domain';
import { errorText } from '../../shared/error-text';

/** Where the preload posts a live session's port: the page's window (a stand-in in the tests, which run under Node). */
export interface PortPostbox {
  addEventListener(type: 'message', listener: (e: { data: unknown; ports: readonly unknown[] }) => void): void;
  removeEventListener(type: 'message', listener: (e: { data: unknown; ports: readonly unknown[] }) => void): void;
}

export function adoptPreloadBridge(raw: PreloadBridge, page: PortPostbox = globalThis as unknown as PortPostbox): OmniBridge {
  return {
    invoke: (name, input) => raw.invoke(name, input).catch((err: unknown) => Promise.reject(toBridgeError(err))),
    on: (name, listener) => raw.on(name, listener),
    attachFiles: (files) => raw.attachFiles(files).catch((err: unknown) => Promise.reject(toBridgeError(err))),
    // The preload cannot hand a MessagePort across contextBridge: it posts it to this window, and resolves once it
    // has; the listener is in place before asking, so the port cannot arrive unheard.
    openLiveAudio: (sessionId) =>
      new Promise((resolve, reject) => {
        const onMessage = (e: { data: unknown; ports: readonly unknown[] }) => {
          const d = e.data as { type?: unknown; sessionId?: unknown } | null;
          const port = e.ports[0] as PortLike | undefined;
          if (d?.type !== LIVE_PORT_MESSAGE || d.sessionId !== sessionId || !port) return;
          page.removeEventListener('message', onMessage);
          resolve(portChannel(port));
        };
        page.addEventListener('message', onMessage);
        raw.openLiveAudio(sessionId).catch((err: unknown) => {
          page.removeEventListener('message', onMessage);
          reject(toBridgeError(err));
        });
      }),
  };
}

function toBridgeError(err: unknown): BridgeError {
  if (err instanceof BridgeError) return err;
  const info = (err as { info?: Partial<ErrorInfo> } | null)?.info;
  if (info && typeof info.kind === 'string' && typeof info.message === 'string') {
    return new BridgeError({ httpStatus: null, code: null, requestId: null, serverMessage: null, ...info } as ErrorInfo);
  }
  const message = errorText(err);
  return new BridgeError({ kind: 'internal', message, httpStatus: null, code: null, requestId: null, serverMessage: null });
}
