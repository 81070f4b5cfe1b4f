// The preload: the contract's invoke/on, attachFiles (paths via webUtils) and openLiveAudio, on window.omni; nothing else. Runs sandboxed, so it is
// bundled to one CommonJS file whose only require is 'electron' (electron.vite.config.ts).
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { createPreloadBridge } from './bridge';

/** The page's window as the preload sees it (the preload is typed without the DOM). */
const page = globalThis as unknown as { postMessage(message: unknown, targetOrigin: string, transfer: unknown[]): void; location: { origin: string } };

contextBridge.exposeInMainWorld('omni', createPreloadBridge(
  ipcRenderer,
  (file) => webUtils.getPathForFile(file as never),
  // A MessagePort cannot cross contextBridge: Electron's docs hand it to the page with window.postMessage.
  (message, ports) => page.postMessage(message, page.location.origin, [...ports]),
));
