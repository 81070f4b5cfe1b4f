// The Electron end of the audio channel (issue 20). The preload asks on AUDIO_PORT_REQUEST with a token;
// only our window's main frame showing our app is answered (checkSender, as for every request), with a new
// MessageChannelMain: we keep one end and post the other, with the token, to the asking frame. Reply audio
// then goes on our end as binary frames (shared/audio-frame.ts) that the page transfers into its
// AudioWorklet, so no chunk waits on the page's main thread. A new request (the page reloaded) replaces
// the channel; the page's end closing ends it.
import type { BrowserWindow, IpcMain, IpcMainEvent, MessagePortMain } from 'electron';
import { AUDIO_PORT_CHANNEL, AUDIO_PORT_REQUEST } from '../shells-common/ipc-channels';
import { checkSender } from './ipc-sender';
import type { AppOrigin } from './origin';

export interface AudioPortOptions {
  ipcMain: Pick<IpcMain, 'on' | 'removeListener'>;
  window: () => BrowserWindow | null;
  app: AppOrigin;
  log: (line: string) => void;
  /** new MessageChannelMain() */
  newChannel: () => { port1: MessagePortMain; port2: MessagePortMain };
}

export interface AudioPort {
  /** Whether a page holds the channel now (its audio events then carry no samples). */
  readonly open: boolean;
  /** Sends one frame; false when no page holds the channel. */
  post(frame: Uint8Array): boolean;
  dispose(): void;
}

export function bindAudioPort(o: AudioPortOptions): AudioPort {
  let port: MessagePortMain | null = null;

  const onRequest = (event: IpcMainEvent, token: unknown) => {
    const refusal = checkSender(event, o.window(), o.app);
    if (refusal) {
      o.log(`refused an audio channel: ${refusal}`);
      return;
    }
    if (typeof token !== 'string' || token.length === 0 || token.length > 64) return;
    port?.close();
    const { port1, port2 } = o.newChannel();
    port = port1;
    port1.on('close', () => {
      if (port === port1) port = null;
    });
    port1.start();
    event.senderFrame?.postMessage(AUDIO_PORT_CHANNEL, token, [port2]);
  };
  o.ipcMain.on(AUDIO_PORT_REQUEST, onRequest);

  return {
    get open() {
      return port !== null;
    },
    post(frame) {
      if (!port) return false;
      port.postMessage(frame);
      return true;
    },
    dispose() {
      o.ipcMain.removeListener(AUDIO_PORT_REQUEST, onRequest);
      port?.close();
      port = null;
    },
  };
}
