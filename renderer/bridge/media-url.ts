// Where the page finds stored media: `media/<attachmentId>`, `reply/<messageId>.wav`, `voice-sample/<sampleId>.wav`
// (voices.sample's answer), and a draft chip's thumbnail, filmstrip and the part it will send
// (`draft/<attachmentId>/thumb|strip|kept`), by opaque id.
// Both shells serve them on the app's own origin (Electron: app://omni/, its protocol handler; the browser
// shell: in the page's own folder, http://127.0.0.1:PORT/<token>/, so the URL carries the access token),
// and 'self' in the CSP covers them. Electron's dev
// server page lives elsewhere, hence the absolute app://omni/ there (APP_URL in electron/main/origin.ts).
const ELECTRON_APP_URL = 'app://omni/';

export function mediaUrl(path: `media/${string}` | `reply/${string}` | `draft/${string}` | `voice-sample/${string}`): string {
  if (typeof window !== 'undefined' && window.omni) return `${ELECTRON_APP_URL}${path}`;
  // Relative to the page: the browser shell's routes live below its token's folder.
  return new URL(path, window.location.href).href;
}

export const attachmentUrl = (attachmentId: string, frame?: number): string =>
  mediaUrl(frame === undefined ? `media/${attachmentId}` : `media/${attachmentId}/${frame}`);

export const replyWavUrl = (messageId: string): string => mediaUrl(`reply/${messageId}.wav`);

/** A draft chip's preview; `version` changes when the core made it again (the kept part after a new fit). */
export const draftUrl = (attachmentId: string, what: 'thumb' | 'strip' | 'kept', version?: number): string =>
  `${mediaUrl(`draft/${attachmentId}/${what}`)}${version !== undefined ? `?v=${version}` : ''}`;

/** A voice's sample, by the id voices.sample answered (valid while the app runs; ask again after a restart). */
export const voiceSampleUrl = (sampleId: string): string => mediaUrl(`voice-sample/${sampleId}.wav`);
