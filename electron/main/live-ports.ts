// Live voice's audio in Electron: a MessagePort per session, straight from the main process to the page, so
// the microphone's and the reply's frames (shared/live-audio.ts) never cross the contract's invoke channel or
// wait on the page's main thread (the page hands the port to its AudioWorklet or a worker). Only our own
// window's main frame, showing our app, gets a port (the same check as every request).
import type { BrowserWindow, IpcMain, IpcMainEvent, MessagePortMain } from 'electron';
import type { ErrorInfo } from '../../shared/domain';
import type { Core } from '../core/core-interface';
import { errorInfo } from '../core/user-error';
import { LIVE_OPEN_CHANNEL, LIVE_PORT_CHANNEL } from '../shells-common/ipc-channels';
import { checkSender } from './ipc-sender';
import type { AppOrigin } from './origin';

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** What the preload hears back on LIVE_PORT_CHANNEL (the port travels beside it, in event.ports). */
export interface LivePortReply {
  sessionId: string;
  ok: boolean;
  error: ErrorInfo | null;
}

export interface LivePortsOptions {
  ipcMain: Pick<IpcMain, 'on' | 'removeListener'>;
  core: Pick<Core, 'liveAudio'>;
  window: () => BrowserWindow | null;
  app: AppOrigin;
  log: (line: string) => void;
  /** Electron's `new MessageChannelMain()` (given, so this runs under the tests with a stand-in). */
  createChannel: () => { port1: MessagePortMain; port2: MessagePortMain };
}

/** The bytes of a frame as structured clone delivers them (a Uint8Array, or an ArrayBuffer). */
function frameBytes(data: unknown): Uint8Array | null {
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return null;
}

export function bindLivePorts(o: LivePortsOptions): () => void {
  const open = new Map<string, MessagePortMain>();

  const onOpen = (event: IpcMainEvent, sessionId: unknown): void => {
    const id = typeof sessionId === 'string' && ID.test(sessionId) ? sessionId : '';
    const reply = (answer: LivePortReply, ports: MessagePortMain[] = []) => event.sender.postMessage(LIVE_PORT_CHANNEL, answer, ports);
    const refusal = checkSender(event, o.window(), o.app);
    if (refusal) {
      o.log(`refused a live audio port: ${refusal}`);
      reply({ sessionId: id, ok: false, error: errorInfo('internal', 'This request did not come from the Omni Desk window and was refused.') });
      return;
    }
    if (!id) {
      reply({ sessionId: id, ok: false, error: errorInfo('invalid_input', 'A live audio channel is asked for by its session id.') });
      return;
    }
    const { port1, port2 } = o.createChannel();
    const channel = o.core.liveAudio(id, (frame) => port1.postMessage(frame), () => port1.close());
    if (!channel) {
      port1.close();
      port2.close();
      reply({ sessionId: id, ok: false, error: errorInfo('not_found', 'That live voice session has ended. Start Live voice again.') });
      return;
    }
    open.get(id)?.close();
    open.set(id, port1);
    port1.on('message', (e) => {
      const bytes = frameBytes(e.data);
      if (bytes) channel.receive(bytes);
    });
    port1.on('close', () => {
      channel.close();
      if (open.get(id) === port1) open.delete(id);
    });
    port1.start();
    reply({ sessionId: id, ok: true, error: null }, [port2]);
  };

  o.ipcMain.on(LIVE_OPEN_CHANNEL, onOpen);
  return () => {
    o.ipcMain.removeListener(LIVE_OPEN_CHANNEL, onOpen);
    for (const port of open.values()) port.close();
    open.clear();
  };
}
