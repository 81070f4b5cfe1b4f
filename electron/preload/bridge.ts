// The preload's side of the contract, written against the small part of ipcRenderer it uses so the
// same code runs under the tests. index.ts hands it Electron's ipcRenderer and exposes the result.
// It forwards a request by name and checks nothing else: its input is validated in the main process
// (dispatch() against shared/contract.ts). So only the zod-free names are imported here; the contract's
// types are erased at build time, and the bundled preload stays small (test/shell/bundle-size.test.ts).
import type {
  AttachableFile, EventName, EventPayload, PreloadBridge, Reply, RequestName, RequestOutput,
} from '../../shared/contract';
import { isEventName, isRequestName } from '../../shared/contract-names';
import type { ErrorInfo } from '../../shared/domain';
import { PAGE_BYTES_MAX } from '../../shared/byte-limits';
import { ATTACH_CHANNEL, EVENT_CHANNEL, INVOKE_CHANNEL } from '../shells-common/ipc-channels';
import { createLiveAudioOpener } from './live-audio';

export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  /** Live voice's port request (fire and forget; the port comes back on its own channel). */
  send?(channel: string, ...args: unknown[]): void;
}

/** `(message, ports) => window.postMessage(message, location.origin, ports)`: how a port reaches the page. */
export type PostToPage = (message: unknown, ports: readonly unknown[]) => void;

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
 * ('' for a File held only in memory: pasted, dragged from a web page, made by the page). Only paths found
 * this way are sent, on their own channel, so the page can never make the main process read a path it
 * names; a File without one goes as its bytes (attachments.addBytes, as a recording does, same cap).
 */
export function createPreloadBridge(
  ipc: IpcRendererLike, pathForFile: (file: AttachableFile) => string = () => '', postToPage?: PostToPage,
): Omit<PreloadBridge, 'requestAudioChannel'> {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const { send } = ipc;
  const openLive = send && postToPage
    ? createLiveAudioOpener({ send: (channel, ...args) => send.call(ipc, channel, ...args), on: (channel, l) => ipc.on(channel, l as never) }, postToPage)
    : null;
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
      const inMemory: AttachableFile[] = [];
      for (const f of files) {
        const path = pathForFile(f);
        if (path) paths.push(path);
        else if (f.size > PAGE_BYTES_MAX) {
          const mb = PAGE_BYTES_MAX / 1024 / 1024;
          throw bridgeFailure({ kind: 'too_large', message: `“${f.name}” is larger than ${mb} MB, the most a pasted or dragged-in file can be. Save it to a folder and attach it from there.`, httpStatus: null, code: null, requestId: null, serverMessage: null });
        } else inMemory.push(f);
      }
      if (paths.length > 0) {
        const reply = (await ipc.invoke(ATTACH_CHANNEL, paths)) as Reply<unknown>;
        if (!reply.ok) throw bridgeFailure(reply.error);
      }
      for (const f of inMemory) {
        // A pasted screenshot is named "image.png" by Chromium; a dragged picture after its URL's last part.
        const name = f.name.replace(/[/\\\0]/g, '_').trim().slice(0, 255) || 'Pasted file';
        const input = { name, mimeType: f.type.slice(0, 100), bytes: new Uint8Array(await f.arrayBuffer()) };
        const reply = (await ipc.invoke(INVOKE_CHANNEL, 'attachments.addBytes', input)) as Reply<unknown>;
        if (!reply.ok) throw bridgeFailure(reply.error);
      }
    },
    async openLiveAudio(sessionId: string): Promise<void> {
      if (!openLive) {
        throw bridgeFailure({ kind: 'internal', message: 'Live voice\'s audio channel is not available in this window. Restart Omni Desk.', httpStatus: null, code: null, requestId: null, serverMessage: null });
      }
      try {
        await openLive(String(sessionId));
      } catch (err) {
        throw bridgeFailure(err as ErrorInfo);
      }
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
