// The preload's side of the contract, written against the small part of ipcRenderer it uses so the
// same code runs under the tests. index.ts hands it Electron's ipcRenderer and exposes the result.
// It forwards a request by name and checks nothing else: its input is validated in the main process
// (dispatch() against shared/contract.ts). So only the zod-free names are imported here; the contract's
// types are erased at build time, and the bundled preload stays small (test/shell/bundle-size.test.ts).
import type {
  AttachableFile, EventName, EventPayload, OmniBridge, Reply, RequestName, RequestOutput,
} from '../../shared/contract';
import { isEventName, isRequestName } from '../../shared/contract-names';
import type { ErrorInfo } from '../../shared/domain';
import { ATTACH_CHANNEL, EVENT_CHANNEL, INVOKE_CHANNEL } from '../shells-common/ipc-channels';

export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/**
 * What a failed request rejects with. Not an Error: contextBridge copies an Error into the page as a bare
 * Error with only its message, dropping `info` (electron/electron#25596). A plain object crosses whole;
 * renderer/bridge/electron.ts turns it back into a BridgeError.
 */
export interface BridgeFailure {
  name: 'BridgeError';
  message: string;
  info: ErrorInfo;
}

export function bridgeFailure(info: ErrorInfo): BridgeFailure {
  return { name: 'BridgeError', message: info.message, info };
}

/**
 * `pathForFile` is Electron's webUtils.getPathForFile: the real path of a File the user dropped or picked
 * ('' for a File the page made itself). Only paths found this way are sent, on their own channel, so the
 * page can never make the main process read a path it names.
 */
export function createPreloadBridge(ipc: IpcRendererLike, pathForFile: (file: AttachableFile) => string = () => ''): OmniBridge {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  ipc.on(EVENT_CHANNEL, (_event, name, payload) => {
    if (typeof name !== 'string') return;
    for (const l of listeners.get(name) ?? []) {
      try {
        l(payload);
      } catch (err) {
        console.error(`Omni Desk: a ${name} listener failed`, err);
      }
    }
  });

  return {
    async invoke<K extends RequestName>(name: K, input: unknown): Promise<RequestOutput<K>> {
      if (!isRequestName(name)) {
        throw bridgeFailure({ kind: 'invalid_input', message: 'Unknown request.', httpStatus: null, code: null, requestId: null, serverMessage: null });
      }
      const reply = (await ipc.invoke(INVOKE_CHANNEL, name, input ?? {})) as Reply<RequestOutput<K>>;
      if (reply.ok) return reply.value;
      throw bridgeFailure(reply.error);
    },
    async attachFiles(files: readonly AttachableFile[]): Promise<void> {
      const paths: string[] = [];
      for (const f of files) {
        const path = pathForFile(f);
        if (!path) {
          throw bridgeFailure({ kind: 'invalid_input', message: `“${f.name}” is not a file on this computer. Drop or pick a file from a folder.`, httpStatus: null, code: null, requestId: null, serverMessage: null });
        }
        paths.push(path);
      }
      const reply = (await ipc.invoke(ATTACH_CHANNEL, paths)) as Reply<unknown>;
      if (!reply.ok) throw bridgeFailure(reply.error);
    },
    on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void {
      if (!isEventName(name)) throw new TypeError(`Unknown event ${String(name)}.`);
      if (typeof listener !== 'function') throw new TypeError('on() needs a listener function.');
      let set = listeners.get(name);
      if (!set) listeners.set(name, (set = new Set()));
      const l = listener as (payload: unknown) => void;
      set.add(l);
      return () => {
        set.delete(l);
      };
    },
  };
}
