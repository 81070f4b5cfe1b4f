// Where the page finds stored media: `media/<attachmentId>` and `reply/<messageId>.wav`, by opaque id.
// Both shells serve them on the app's own origin (Electron: app://omni/, its protocol handler; the browser
// shell: in the page's own folder, http://127.0.0.1:PORT/<token>/, so the URL carries the access token),
// and 'self' in the CSP covers them. Electron's dev
// server page lives elsewhere, hence the absolute app://omni/ there (APP_URL in electron/main/origin.ts).
const ELECTRON_APP_URL = 'app://omni/';

export function mediaUrl(path: `media/${string}` | `reply/${string}`): string {
  if (typeof window !== 'undefined' && window.omni) return `${ELECTRON_APP_URL}${path}`;
  // Relative to the page: the browser shell's routes live below its token's folder.
  return new URL(path, window.location.href).href;
}

export const attachmentUrl = (attachmentId: string, frame?: number): string =>
  mediaUrl(frame === undefined ? `media/${attachmentId}` : `media/${attachmentId}/${frame}`);

export const replyWavUrl = (messageId: string): string => mediaUrl(`reply/${messageId}.wav`);
