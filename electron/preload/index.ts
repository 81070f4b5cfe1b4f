// The preload: the contract's invoke/on, attachFiles (paths via webUtils) and the audio channel's hand-over, on window.omni; nothing else. Runs sandboxed, so it is
// bundled to one CommonJS file whose only require is 'electron' (electron.vite.config.ts).
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type { PreloadBridge } from '../../shared/contract';
import { createAudioPortHandOver } from './audio-port';
import { createPreloadBridge } from './bridge';

// '/': to this window, same origin only. (Typed here: the preload is type-checked without the DOM.)
const page = globalThis as unknown as { postMessage(message: unknown, targetOrigin: string, transfer: unknown[]): void };
const audio = createAudioPortHandOver(ipcRenderer, (message, ports) => page.postMessage(message, '/', ports), () => crypto.randomUUID());
const omni: PreloadBridge = { ...createPreloadBridge(ipcRenderer, (file) => webUtils.getPathForFile(file as never)), requestAudioChannel: () => audio.request() };
contextBridge.exposeInMainWorld('omni', omni);
