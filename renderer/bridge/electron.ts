// In Electron the preload puts the contract on window.omni, but a value crossing contextBridge loses its
// class: a rejection arrives as a plain { name: 'BridgeError', message, info } (see
// electron/preload/bridge.ts). This wraps window.omni so the renderer gets real BridgeErrors, exactly as
// from the browser shell's bridge.
import { BridgeError } from '../../shared/bridge-error';
import type { OmniBridge } from '../../shared/contract';
import type { ErrorInfo } from '../../shared/domain';
import { errorText } from '../../shared/error-text';

export function adoptPreloadBridge(raw: OmniBridge): OmniBridge {
  return {
    invoke: (name, input) => raw.invoke(name, input).catch((err: unknown) => Promise.reject(toBridgeError(err))),
    on: (name, listener) => raw.on(name, listener),
    attachFiles: (files) => raw.attachFiles(files).catch((err: unknown) => Promise.reject(toBridgeError(err))),
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
