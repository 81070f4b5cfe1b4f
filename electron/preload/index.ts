// The preload: the contract's invoke/on on window.omni, and nothing else. Runs sandboxed, so it is
// bundled to one CommonJS file whose only require is 'electron' (electron.vite.config.ts).
import { contextBridge, ipcRenderer } from 'electron';
import { createPreloadBridge } from './bridge';

contextBridge.exposeInMainWorld('omni', createPreloadBridge(ipcRenderer));
