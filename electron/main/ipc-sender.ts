// Who may call into the main process: only our own window's main frame, showing our own app.
import type { BrowserWindow, IpcMainEvent, IpcMainInvokeEvent } from 'electron';
import type { AppOrigin } from './origin';

/** Why the sender is not our window's main frame showing our app, or null when it is. */
export function checkSender(event: Pick<IpcMainInvokeEvent | IpcMainEvent, 'sender' | 'senderFrame'>, win: BrowserWindow | null, app: AppOrigin): string | null {
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
