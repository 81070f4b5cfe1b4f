// The preload: the contract's invoke/on, attachFiles (paths via webUtils), the audio channel's hand-over and openLiveAudio, on window.omni; nothing else. Runs sandboxed, so it is
// bundled to one CommonJS file whose only require is 'electron' (electron.vite.config.ts).
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type { PreloadBridge } from '../../shared/contract';
import { createAudioPortHandOver } from './audio-port';
import { createPreloadBridge } from './bridge';

/** The page's window as the preload sees it (the preload is type-checked without the DOM). */
const page = globalThis as unknown as { postMessage(message: unknown, targetOrigin: string, transfer: unknown[]): void; location: { origin: string } };
// Reply audio's channel (issue 20): posted to this window only ('/': the same origin).
const audio = createAudioPortHandOver(ipcRenderer, (message, ports) => page.postMessage(message, '/', ports), () => crypto.randomUUID());
const omni: PreloadBridge = {
  ...createPreloadBridge(
    ipcRenderer,
    (file) => webUtils.getPathForFile(file as never),
    // Live voice's ports (issue 21). A MessagePort cannot cross contextBridge: Electron's docs hand it to the page with window.postMessage.
    (message, ports) => page.postMessage(message, page.location.origin, [...ports]),
  ),
  requestAudioChannel: () => audio.request(),
};
contextBridge.exposeInMainWorld('omni', omni);
