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

export interface IpcOptions {
  ipcMain: IpcMain;
  core: Core;
  /** The one window allowed to call in (null while there is none). */
  window: () => BrowserWindow | null;
  app: AppOrigin;
  log: (line: string) => void;
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

  // Uint8Array payloads (audio PCM) are structured-cloned as they are: no base64 over IPC.
  const unsubscribe = o.core.subscribe((name, payload) => {
    const win = o.window();
    if (win && !win.isDestroyed() && !win.webContents.isDestroyed()) win.webContents.send(EVENT_CHANNEL, name, payload);
  });

  return () => {
    unsubscribe();
    o.ipcMain.removeHandler(INVOKE_CHANNEL);
    o.ipcMain.removeHandler(ATTACH_CHANNEL);
  };
}

/** Why the sender is not our window's main frame showing our app, or null when it is. */
export function checkSender(event: IpcMainInvokeEvent, win: BrowserWindow | null, app: AppOrigin): string | null {
  if (!win || win.isDestroyed()) return 'no window';
  if (event.sender !== win.webContents) return 'from another web contents';
  const frame = event.senderFrame;
  const main = win.webContents.mainFrame;
  if (!frame || frame.parent !== null || frame.frameToken !== main.frameToken || frame.processId !== main.processId) {
    return 'not from the main frame';
  }
  if (!app.isApp(frame.url)) return 'from a page that is not the app';
  return null;
}
