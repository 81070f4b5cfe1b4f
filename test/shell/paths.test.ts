// The browser shell's default data directory must be the desktop app's: Electron's userData for
// "Omni Desk" on each platform.
import { describe, expect, it } from 'vitest';
import { defaultDataDir } from '../../electron/core/paths';

describe('defaultDataDir', () => {
  it('Linux: $XDG_CONFIG_HOME/Omni Desk, else ~/.config/Omni Desk', () => {
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/xdg' }, 'linux', '/home/ana')).toBe('/xdg/Omni Desk');
    expect(defaultDataDir({}, 'linux', '/home/ana')).toBe('/home/ana/.config/Omni Desk');
    // An empty or relative XDG_CONFIG_HOME is invalid by the spec and ignored, as Chromium does.
    expect(defaultDataDir({ XDG_CONFIG_HOME: '' }, 'linux', '/home/ana')).toBe('/home/ana/.config/Omni Desk');
    expect(defaultDataDir({ XDG_CONFIG_HOME: 'rel/dir' }, 'linux', '/home/ana')).toBe('/home/ana/.config/Omni Desk');
  });

  it('macOS: ~/Library/Application Support/Omni Desk, whatever XDG says', () => {
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/xdg' }, 'darwin', '/Users/ana')).toBe('/Users/ana/Library/Application Support/Omni Desk');
  });

  it('Windows: %APPDATA%\\Omni Desk, else the roaming folder under the profile', () => {
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' }, 'win32', 'C:\\Users\\ana')).toBe('C:\\Users\\ana\\AppData\\Roaming\\Omni Desk');
    expect(defaultDataDir({}, 'win32', 'C:\\Users\\ana')).toBe('C:\\Users\\ana\\AppData\\Roaming\\Omni Desk');
  });
});
