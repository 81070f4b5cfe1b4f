// The Electron adapter for the contract: one invoke channel into the same dispatch() the browser shell
// uses, and the core's events pushed to the window. Only our own window's main frame, showing our own
// app, may call in.
import type { BrowserWindow, IpcMain, IpcMainInvokeEvent } from 'electron';
import type { Reply } from '../../shared/contract';
import { dispatch } from '../core/dispatch';
import { errorInfo } from '../core/user-error';
import type { Core } from '../core/core-interface';
import { ATTACH_CHANNEL, EVENT_CHANNEL, INVOKE_CHANNEL } from '../shells-common/ipc-channels';
import { isAbsolute } from 'node:path';
import type { AppOrigin } from './origin';
import { checkSender } from './ipc-sender';
import { bindAudioPort, type AudioPortOptions } from './audio-port';
import { audioFrameOf, withoutSamples } from '../shells-common/audio-stream';

export interface IpcOptions {
  ipcMain: IpcMain;
  core: Core;
  /** The one window allowed to call in (null while there is none). */
  window: () => BrowserWindow | null;
  app: AppOrigin;
  log: (line: string) => void;
  /** The audio channel (issue 20): Electron's ipcMain and MessageChannelMain; without them, audio rides the events. */
  audio?: Pick<AudioPortOptions, 'ipcMain' | 'newChannel'>;
}

export function bindIpc(o: IpcOptions): () => void {
  o.ipcMain.handle(INVOKE_CHANNEL, (event: IpcMainInvokeEvent, name: unknown, input: unknown): Promise<Reply<unknown>> => {
    const refusal = checkSender(event, o.window(), o.app);
    if (refusal) {
      o.log(`refused a request: ${refusal}`);
      return Promise.resolve({ ok: false, error: errorInfo('internal', 'This request did not come from the Omni Desk window and was refused.') });
    }
    return dispatch(o.core.handlers, name, input, o.log);
  });

  // Paths of dropped/picked files. The preload resolves them itself with webUtils.getPathForFile; the page
  // has no way to this channel, so it cannot name a path for the main process to read.
  o.ipcMain.handle(ATTACH_CHANNEL, (event: IpcMainInvokeEvent, paths: unknown): Reply<unknown> => {
    const refusal = checkSender(event, o.window(), o.app);
    if (refusal) {
      o.log(`refused an attachment: ${refusal}`);
      return { ok: false, error: errorInfo('internal', 'This request did not come from the Omni Desk window and was refused.') };
    }
    if (!Array.isArray(paths) || paths.length > 128 || !paths.every((p) => typeof p === 'string' && isAbsolute(p) && !p.includes('\0'))) {
      return { ok: false, error: errorInfo('invalid_input', 'Those files could not be attached. Drop or pick them again.') };
    }
    return { ok: true, value: paths.map((p: string) => o.core.attachPath(p).id) };
  });

  const audio = o.audio ? bindAudioPort({ ...o.audio, window: o.window, app: o.app, log: o.log }) : null;

  // Uint8Array payloads (audio PCM) are structured-cloned as they are: no base64 over IPC. A page that holds
  // the audio channel gets the samples there, straight into its worklet, and the event without them.
  const unsubscribe = o.core.subscribe((name, payload) => {
    const frame = audio?.open ? audioFrameOf(name, payload) : null;
    const sentOnChannel = frame !== null && audio !== null && audio.post(frame);
    const win = o.window();
    if (win && !win.isDestroyed() && !win.webContents.isDestroyed()) {
      win.webContents.send(EVENT_CHANNEL, name, sentOnChannel ? withoutSamples(name, payload) : payload);
    }
  });

  return () => {
    unsubscribe();
    audio?.dispose();
    o.ipcMain.removeHandler(INVOKE_CHANNEL);
    o.ipcMain.removeHandler(ATTACH_CHANNEL);
  };
}

export { checkSender } from './ipc-sender';
