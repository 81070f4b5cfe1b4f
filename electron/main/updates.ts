// Updates of the packaged desktop app. When the user allows it (Settings → "Check for updates",
// Settings.checkForUpdates, off by default), electron-updater asks the release feed named in
// electron-builder.config.ts (`publish`: this project's GitHub releases) for a newer version shortly after
// start and twice a day, downloads it, says so with a system notification in the app's language, and
// installs it when the app quits. Never in an unpackaged run (there is nothing to replace) and never in
// the browser shell, which does not load this module. Turning the setting off stops the checks and
// cancels the install on quit.
// No 'electron' import here: index.ts hands in electron-updater's autoUpdater (loaded only once updates
// are allowed) and app.isPackaged, so test/shell/updates.test.ts runs this exact code.
import type { Core } from '../core/core-interface';
import type { Settings } from '../../shared/domain';
import { errorText } from '../../shared/error-text';

/** The part of electron-updater's AppUpdater used here. */
export interface Updater {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  logger: { info(message?: unknown): void; warn(message?: unknown): void; error(message?: unknown): void } | null;
  checkForUpdatesAndNotify(notification?: { title: string; body: string }): Promise<unknown>;
}

export interface UpdateDeps {
  /** app.isPackaged: only an installed app can be updated. */
  packaged: boolean;
  /** electron-updater's autoUpdater; loaded on the first check. */
  load: () => Promise<Updater>;
  log: (line: string) => void;
  /** The first check comes this long after start (or after the user allows updates), so start-up stays quick. */
  firstCheckMs?: number;
  /** Then one check each this long. */
  everyMs?: number;
}

export interface UpdateChecks {
  /** The user's choice and the interface language: at start and after every change of Settings. */
  apply(settings: Pick<Settings, 'checkForUpdates' | 'language'>): void;
  stop(): void;
}

/**
 * electron-updater's autoUpdater out of `await import('electron-updater')`. The package is CommonJS and
 * defines autoUpdater with an arrow getter, which Node's import of CommonJS does not list as a named
 * export: it is found on the namespace's `default` (module.exports) instead.
 */
export function autoUpdaterOf(mod: object): Updater {
  const named = (mod as { autoUpdater?: Updater }).autoUpdater;
  const updater = named ?? (mod as { default?: { autoUpdater?: Updater } }).default?.autoUpdater;
  if (!updater) throw new Error('electron-updater has no autoUpdater');
  return updater;
}

const FIRST_CHECK_MS = 10_000;
const EVERY_MS = 12 * 60 * 60 * 1000;

/** The notification shown once an update has been downloaded ({version} is filled in by electron-updater). */
export const DOWNLOADED: Record<Settings['language'], { title: string; body: string }> = {
  en: { title: 'Omni Desk {version} is ready', body: 'It has been downloaded and will be installed when you quit Omni Desk.' },
  'zh-CN': { title: 'Omni Desk {version} 已就绪', body: '新版本已下载，将在你退出 Omni Desk 时安装。' },
};

export function createUpdateChecks(d: UpdateDeps): UpdateChecks {
  const firstCheckMs = d.firstCheckMs ?? FIRST_CHECK_MS;
  const everyMs = d.everyMs ?? EVERY_MS;
  let allowed = false;
  let language: Settings['language'] = 'en';
  let timer: ReturnType<typeof setTimeout> | null = null;
  let updater: Promise<Updater | null> | null = null;
  let loaded: Updater | null = null;
  let toldUnpackaged = false;

  const later = (ms: number) => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void check(), ms);
    // A pending check never keeps the process alive.
    (timer as { unref?: () => void }).unref?.();
  };

  const load = (): Promise<Updater | null> =>
    (updater ??= d.load().then(
      (u) => {
        u.autoDownload = true;
        u.logger = {
          info: (m) => d.log(`updates: ${String(m)}`),
          warn: (m) => d.log(`updates: ${String(m)}`),
          error: (m) => d.log(`updates: ${errorText(m)}`),
        };
        return (loaded = u);
      },
      (err: unknown) => {
        d.log(`updates: electron-updater could not be loaded: ${errorText(err)}`);
        return null;
      },
    ));

  async function check(): Promise<void> {
    if (!allowed) return;
    later(everyMs);
    const u = await load();
    if (!u || !allowed) return;
    u.autoInstallOnAppQuit = true;
    try {
      await u.checkForUpdatesAndNotify(DOWNLOADED[language]);
    } catch (err) {
      // Offline, the feed unreachable, an unsigned macOS build: the next check tries again; nothing to tell.
      d.log(`updates: the check failed: ${errorText(err)}`);
    }
  }

  return {
    apply(settings) {
      language = settings.language;
      if (!d.packaged) {
        if (settings.checkForUpdates && !toldUnpackaged) d.log('updates: allowed, but this run is not an installed app: nothing to update');
        toldUnpackaged ||= settings.checkForUpdates;
        return;
      }
      if (settings.checkForUpdates === allowed) return;
      allowed = settings.checkForUpdates;
      if (allowed) {
        later(firstCheckMs);
        return;
      }
      if (timer) clearTimeout(timer);
      timer = null;
      // A download already made is not installed behind the user's back once they said no.
      if (loaded) loaded.autoInstallOnAppQuit = false;
    },
    stop() {
      allowed = false;
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}

/**
 * Tells `checks` the Settings now and after every change made through the contract. The core has no
 * settings event, so its `settings.update` handler is wrapped in place: what it answers is what was saved.
 */
export async function followUpdateSetting(core: Core, checks: UpdateChecks, log: (line: string) => void): Promise<void> {
  const update = core.handlers['settings.update'];
  core.handlers['settings.update'] = async (input) => {
    const saved = await update(input);
    checks.apply(saved);
    return saved;
  };
  try {
    checks.apply(await core.handlers['settings.get']({}));
  } catch (err) {
    // The recovery core (a damaged history) has no settings: no updates until the history is usable.
    log(`updates: no settings to read (${errorText(err)})`);
  }
}
