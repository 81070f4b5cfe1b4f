// The preload's half of Live voice's audio channel in Electron: asks the main process for a session's
// MessagePort (LIVE_OPEN_CHANNEL) and hands the port it gets to the page with window.postMessage — the way
// Electron's docs pass a port into a context-isolated page — so the page can move it on to its AudioWorklet or a
// worker. Written against the small part of ipcRenderer it uses, so it runs under the tests.
//
// bridge.ts puts it on window.omni as `openLiveAudio`; the page's half (renderer/bridge/electron.ts) takes the
// port from the 'message' event and gives the renderer a LiveAudioChannel, as the browser shell's bridge does
// with its WebSocket at /live/<sessionId>.
import type { ErrorInfo } from '../../shared/domain';
import { LIVE_PORT_MESSAGE } from '../../shared/live-audio';
import { LIVE_OPEN_CHANNEL, LIVE_PORT_CHANNEL } from '../shells-common/ipc-channels';

export { LIVE_PORT_MESSAGE };

export interface LiveIpcRenderer {
  send(channel: string, ...args: unknown[]): void;
  on(channel: string, listener: (event: { ports: readonly unknown[] }, ...args: unknown[]) => void): unknown;
}

const WAIT_MS = 5_000;

/**
 * `postToPage` is `(message, ports) => window.postMessage(message, location.origin, ports)`. The returned function
 * resolves once the session's port was handed to the page, and rejects with the main process's ErrorInfo.
 */
export function createLiveAudioOpener(ipc: LiveIpcRenderer, postToPage: (message: unknown, ports: readonly unknown[]) => void) {
  const waiting = new Map<string, { resolve: () => void; reject: (e: ErrorInfo) => void }>();
  ipc.on(LIVE_PORT_CHANNEL, (event, reply) => {
    const r = reply as { sessionId?: unknown; ok?: unknown; error?: ErrorInfo | null } | null;
    const id = typeof r?.sessionId === 'string' ? r.sessionId : '';
    const w = waiting.get(id);
    if (!w) return;
    waiting.delete(id);
    const port = event.ports[0];
    if (r?.ok === true && port) {
      postToPage({ type: LIVE_PORT_MESSAGE, sessionId: id }, [port]);
      w.resolve();
    } else {
      w.reject(r?.error ?? { kind: 'internal', message: 'The live audio channel could not be opened. Start Live voice again.', httpStatus: null, code: null, requestId: null, serverMessage: null });
    }
  });
  return (sessionId: string): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        waiting.delete(sessionId);
        reject({ kind: 'internal', message: 'The live audio channel did not open. Start Live voice again.', httpStatus: null, code: null, requestId: null, serverMessage: null });
      }, WAIT_MS);
      waiting.set(sessionId, {
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      ipc.send(LIVE_OPEN_CHANNEL, sessionId);
    });
}
