// The renderer's only way out. In Electron the preload puts the bridge on window.omni; in a browser
// (the browser shell) the same contract is spoken over a WebSocket. The rest of the renderer imports
// `bridge` from here and cannot tell which one it got.
import type { OmniBridge, PreloadBridge } from '../../shared/contract';
import { adoptPreloadBridge } from './electron';
import { createWebBridge } from './web';

declare global {
  interface Window {
    omni?: PreloadBridge;
  }
}

// contextBridge keeps only the message of an Error it passes to the page, so the preload rejects with a
// plain object and adoptPreloadBridge turns it back into a BridgeError with its ErrorInfo.
export const bridge: OmniBridge = window.omni ? adoptPreloadBridge(window.omni, window) : createWebBridge(window.location);
