// Where Omni Desk keeps its data when nobody says otherwise. The browser shell must find the same
// directory the desktop app uses (Electron's app.getPath('userData') for the product name "Omni Desk"),
// so that both shells open the same conversations.
import os from 'node:os';
import path from 'node:path';

export const PRODUCT_NAME = 'Omni Desk';

export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = os.homedir(),
): string {
  // Build with the target platform's path rules, not the host's, so the result is right for `platform`.
  const p = platform === 'win32' ? path.win32 : path.posix;
  return p.join(appDataDir(env, platform, home, p), PRODUCT_NAME);
}

/** Electron's app.getPath('appData'). */
function appDataDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, home: string, p: path.PlatformPath): string {
  if (platform === 'darwin') return p.join(home, 'Library', 'Application Support');
  if (platform === 'win32') return nonEmpty(env.APPDATA) ?? p.join(home, 'AppData', 'Roaming');
  // Linux and the other Unixes follow the XDG base directory spec; a relative XDG path is invalid there.
  const xdg = nonEmpty(env.XDG_CONFIG_HOME);
  return xdg && p.isAbsolute(xdg) ? xdg : p.join(home, '.config');
}

function nonEmpty(x: string | undefined): string | undefined {
  return x && x.trim() ? x : undefined;
}
