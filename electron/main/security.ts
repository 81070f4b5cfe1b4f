// Locks down every web contents and the session: the window shows our renderer and nothing else.
// Navigation away, new windows, <webview>, and every permission but the microphone (and fullscreen for a
// video's own button) are refused, and those two only to the app's own page.
import { shell, type Session, type WebContents } from 'electron';
import type { AppOrigin } from './origin';
import { isWebLink } from './web-link';

export function hardenContents(contents: WebContents, app: AppOrigin, log: (line: string) => void): void {
  contents.on('will-navigate', (event) => {
    if (!app.isApp(event.url)) {
      event.preventDefault();
      log(`blocked navigation to ${safeForLog(event.url)}`);
    }
  });
  contents.on('will-redirect', (event) => {
    if (!app.isApp(event.url)) {
      event.preventDefault();
      log(`blocked redirect to ${safeForLog(event.url)}`);
    }
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    // A link to the web opens in the user's browser, never in a window of ours.
    if (isWebLink(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
}

export function hardenSession(session: Session, app: AppOrigin): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const ours = details.isMainFrame && app.isApp(details.requestingUrl);
    // A video's own fullscreen button (element.requestFullscreen): denied, it silently did nothing.
    if (permission === 'fullscreen') return callback(ours);
    const media = details as { mediaTypes?: Array<'video' | 'audio'>; securityOrigin?: string };
    const audioOnly = Array.isArray(media.mediaTypes) && media.mediaTypes.length > 0 && media.mediaTypes.every((t) => t === 'audio');
    callback(permission === 'media' && audioOnly && ours);
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) => {
    if (!app.isApp(`${requestingOrigin}/`)) return false;
    if (permission === 'fullscreen') return details.isMainFrame;
    return permission === 'media' && details.mediaType === 'audio';
  });
  session.setDevicePermissionHandler(() => false);
  // No setDisplayMediaRequestHandler: without one, Electron refuses every screen-capture request.
}


/** Enough to see what was blocked, without query strings that might carry anything private. */
function safeForLog(url: string): string {
  return url.split(/[?#]/)[0]!.slice(0, 200);
}
