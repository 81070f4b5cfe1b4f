// Which URLs are the app itself. In a build the renderer comes from app://omni/ (our protocol); under
// `electron-vite dev` from the Vite dev server in ELECTRON_RENDERER_URL.
export const APP_SCHEME = 'app';
export const APP_HOST = 'omni';
export const APP_URL = `${APP_SCHEME}://${APP_HOST}/`;

export interface AppOrigin {
  /** The URL the window loads. */
  entry: string;
  /** scheme://host[:port] of the app, compared by hand: Node's URL gives custom schemes the origin "null". */
  origin: string;
  isApp(url: string): boolean;
}

export function appOrigin(devUrl: string | undefined): AppOrigin {
  const entry = devUrl ?? APP_URL;
  const origin = originOf(entry);
  if (!origin) throw new Error(`Cannot load the renderer from ${entry}.`);
  return { entry, origin, isApp: (url) => originOf(url) === origin };
}

export function originOf(url: string): string | null {
  try {
    const u = new URL(url);
    return u.host ? `${u.protocol}//${u.host}` : null;
  } catch {
    return null;
  }
}
