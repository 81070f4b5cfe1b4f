// The preload: the contract's invoke/on, and attachFiles (paths via webUtils), on window.omni; nothing else. Runs sandboxed, so it is
// bundled to one CommonJS file whose only require is 'electron' (electron.vite.config.ts).
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { createPreloadBridge } from './bridge';

contextBridge.exposeInMainWorld('omni', createPreloadBridge(ipcRenderer, (file) => webUtils.getPathForFile(file as never)));
