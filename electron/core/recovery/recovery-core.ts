// The core while the history file is unusable (damaged, not a database, or another program's). The app
// still starts and the window can explain: every request answers "the history is damaged" except the few
// the window needs to show itself and the recovery.* ones — export what can be read, or keep the file
// aside and start afresh. Once started afresh, every request goes to a normal core on the new file.
import { DEFAULT_SETTINGS, Settings } from '../../../shared/domain';
import { REQUEST_NAMES, type RequestName } from '../../../shared/contract';
import type { RecoveryStatus } from '../../../shared/recovery';
import { UserError } from '../user-error';
import { freshFolder, type ExportFile } from '../export/conversation';
import { fileStamp } from '../export/names';
import { zipStored } from '../export/zip';
import type { Core, EventListener, Handlers } from '../core-interface';
import type { DatabaseUnreadableError } from '../store/database-errors';
import { isDashScopeRegion } from '../endpoints/targets';
import { keepDamagedAside } from './fresh';
import { salvageFiles } from './markdown';
import { salvageHistory } from './salvage';
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { errorText } from '../../../shared/error-text';

export interface RecoveryCoreOptions {
  dataDir: string;
  shell: 'electron' | 'web';
  version: string;
  envKey?: string | null;
  problem: DatabaseUnreadableError;
  /** Electron's folder dialog: where to write (null when cancelled). The browser shell downloads instead. */
  chooseFolder?: (title: string) => Promise<string | null>;
  now?: () => number;
  log?: (line: string) => void;
  /** Creates the normal core (called once the damaged file is out of the way). */
  restart: () => Promise<Core>;
}

export const DAMAGED_MESSAGE =
  'Your history file is damaged, so Omni Desk started without it. Nothing has been changed. ' +
  'Use the notice at the top of the window to export what can still be read, or to start a fresh history.';

export function createRecoveryCore(o: RecoveryCoreOptions): Core {
  const now = o.now ?? Date.now;
  const log = o.log ?? (() => {});
  let file = o.problem.file;
  const fileName = basename(file);
  log(`the history file could not be opened (${o.problem.reason}): starting in the recovery state; the file is left as it is`);
  const listeners = new Set<EventListener>();
  let inner: Core | null = null;
  let starting: Promise<Core> | null = null;

  /** Read once, on demand: a big damaged file can take a while. */
  let salvaged: ReturnType<typeof salvageHistory> | null = null;
  const salvage = () => (salvaged ??= salvageHistory(file));

  const savedSettings = (): Settings => {
    // The language (and the rest) as the user left them, when the settings row is still readable.
    const parsed = Settings.safeParse({ ...DEFAULT_SETTINGS, ...(salvage().settings ?? {}) });
    return parsed.success ? parsed.data : DEFAULT_SETTINGS;
  };

  const status = (): RecoveryStatus => ({
    needed: inner === null,
    reason: inner === null ? o.problem.reason : null,
    fileName: inner === null ? fileName : null,
    detail: inner === null ? o.problem.detail : null,
  });

  const exportFiles = (): { files: ExportFile[]; conversations: number } => {
    const s = salvage();
    return { files: salvageFiles(s, now()), conversations: s.conversations.length };
  };

  const own: Partial<Handlers> = {
    'app.info': () => ({ name: 'Omni Desk', version: o.version, shell: o.shell, endpoint: '' }),
    'settings.get': () => savedSettings(),
    'key.status': () => ({ source: o.envKey ? 'env' : 'none', weakEncryption: false, canPersist: false }),
    'attachments.list': () => [],
    'conversations.list': () => [],
    'customModels.list': () => [],
    'live.status': () => [],
    'recovery.status': () => status(),
    'recovery.export': async () => {
      if (!o.chooseFolder) {
        throw new UserError('invalid_input', 'Here the readable conversations download through the page: use the Export readable conversations button.');
      }
      const where = await o.chooseFolder('Export readable conversations');
      if (!where) return { saved: false, conversations: 0 };
      const { files, conversations } = exportFiles();
      const folder = await freshFolder(where, `Omni Desk recovered ${fileStamp(now())}`);
      for (const f of files) {
        const target = join(folder, ...f.path.split('/'));
        await mkdir(dirname(target), { recursive: true });
        await writeFile(target, f.bytes, { flag: 'wx' });
      }
      return { saved: true, conversations };
    },
    'recovery.startFresh': async () => {
      if (inner) throw new UserError('invalid_input', 'A fresh history was already started.');
      if (starting) throw new UserError('busy', 'A fresh history is being started. Wait a moment.');
      const keptAs = keepDamagedAside(o.dataDir, fileName, now());
      // Exporting afterwards still reads the damaged file, under its new name.
      file = join(o.dataDir, keptAs);
      log(`kept the damaged history as ${keptAs}; starting a fresh one`);
      starting = o.restart();
      try {
        const core = await starting;
        core.subscribe((name, payload) => {
          for (const l of listeners) l(name, payload);
        });
        inner = core;
        // The new history keeps the user's settings (language, voice…) when the old file still had them.
        if (salvage().settings) {
          try {
            // Custom endpoints lived in the damaged file: one chosen there does not exist in the new one.
            const carried = savedSettings();
            await core.handlers['settings.update']({ ...carried, region: isDashScopeRegion(carried.region) ? carried.region : 'intl' });
          } catch (err) {
            log(`could not carry the settings over: ${errorText(err)}`);
          }
        }
      } finally {
        starting = null;
      }
      return { keptAs };
    },
  };

  const handlers = {} as Record<RequestName, (input: unknown) => unknown>;
  for (const name of REQUEST_NAMES) {
    handlers[name] = (input: unknown) => {
      if (inner && name !== 'recovery.startFresh' && name !== 'recovery.export') {
        return (inner.handlers[name] as (i: unknown) => unknown)(input);
      }
      const mine = own[name] as ((i: unknown) => unknown) | undefined;
      if (mine) return mine(input);
      throw new UserError('invalid_input', DAMAGED_MESSAGE);
    };
  }

  const refuse = (): never => {
    throw new UserError('invalid_input', DAMAGED_MESSAGE);
  };

  return {
    handlers: handlers as unknown as Handlers,
    attachPath: (path, opts) => (inner ? inner.attachPath(path, opts) : refuse()),
    attachmentSettled: (id) => (inner ? inner.attachmentSettled(id) : Promise.resolve(null)),
    replyWav: (id) => (inner ? inner.replyWav(id) : refuse()),
    liveAudio: (sessionId, send, onEnded) => (inner ? inner.liveAudio(sessionId, send, onEnded) : null),
    liveSessionWav: (id) => (inner ? inner.liveSessionWav(id) : refuse()),
    // An answer both shells serve as it is (a rejection became a 500 in the browser and a failed load in Electron).
    media: (req) => (inner ? inner.media(req) : Promise.resolve({
      status: 404 as const, headers: { 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store' }, text: DAMAGED_MESSAGE,
    })),
    conversationZip: (id) => (inner ? inner.conversationZip(id) : Promise.reject(new UserError('invalid_input', DAMAGED_MESSAGE))),
    recoveryZip: async () => {
      const { files, conversations } = exportFiles();
      const base = `Omni Desk recovered ${fileStamp(now())}`;
      return {
        fileName: `${base}.zip`, conversations,
        zip: zipStored(files.map((f) => ({ path: `${base}/${f.path}`, bytes: f.bytes })), now()),
      };
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      if (starting) await starting.catch(() => null);
      listeners.clear();
      await inner?.close();
    },
  };
}
