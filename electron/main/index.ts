// The Electron shell: app lifecycle and the one window. Everything the app does lives in the core
// (electron/core); this file wires it to Electron: data directory, key encryption, IPC, the app://
// protocol, and the window's security settings.
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, MessageChannelMain, safeStorage, session, shell } from 'electron';
import { writeFile } from 'node:fs/promises';
import { createCore } from '../core/app-core';
import type { Core } from '../core/core-interface';
import { PRODUCT_NAME } from '../core/paths';
import { devRendererUrl } from './dev-server';
import { installContextMenu } from './context-menu-install';
import { chromiumFetch } from './api-fetch';
import { bindIpc } from './ipc';
import { bindLivePorts } from './live-ports';
import { createSafeStorageCipher } from './keys';
import { appOrigin } from './origin';
import { registerAppScheme, serveRenderer } from './protocol';
import { hardenContents, hardenSession } from './security';
import { autoUpdaterOf, createUpdateChecks, followUpdateSetting } from './updates';
import { describeStartupFailure } from '../core/startup-failure';
import { showStartupFailure, startupLanguage } from './startup-failure';
import { onShutdownRequest } from '../shells-common/shutdown-request';
import { errorText } from '../../shared/error-text';

const log = (line: string): void => {
  process.stderr.write(`[omni-desk] ${line}\n`);
};

// userData follows the product name, as the browser shell's defaultDataDir() assumes, whatever
// package.json's name says.
app.setName(PRODUCT_NAME);
app.setPath('userData', path.join(app.getPath('appData'), PRODUCT_NAME));

// The Vite dev server's page under `electron-vite dev`; a build always loads its own files (app://omni/).
const origin = appOrigin(devRendererUrl());
registerAppScheme();

let core: Core | null = null;
// electron-updater is loaded only once the user has allowed updates (Settings), and only in an installed app.
const updates = createUpdateChecks({
  packaged: app.isPackaged,
  load: async () => autoUpdaterOf(await import('electron-updater')),
  log,
});
let window: BrowserWindow | null = null;

if (!app.requestSingleInstanceLock()) {
  // Another Omni Desk is running on the same data: it gets the focus (second-instance below), we leave.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('web-contents-created', (_event, contents) => hardenContents(contents, origin, log));
  app.whenReady().then(start).catch(failedToStart);
}

async function start(): Promise<void> {
  hardenSession(session.defaultSession, origin);
  serveRenderer(path.join(__dirname, '../renderer'), () => core?.media ?? null);
  const cipher = await createSafeStorageCipher(safeStorage);
  if (!cipher) log('no OS encryption available: an API key typed into the app is kept for this session only');
  else if (cipher.weak) log('safeStorage uses the basic_text backend (no keyring): the saved API key is only obfuscated');
  core = await createCore({
    dataDir: app.getPath('userData'),
    shell: 'electron',
    version: app.getVersion(),
    envKey: process.env.DASHSCOPE_API_KEY || null,
    // Chromium's network stack: the system's proxy settings apply (Node's fetch ignores them).
    fetch: chromiumFetch(session.fromPartition('omni-api', { cache: false })),
    cipher,
    log,
    saveFile: saveWithDialog,
    chooseFolder: chooseFolderWithDialog,
  });
  await followUpdateSetting(core, updates, log);
  bindIpc({ ipcMain, core, window: () => window, app: origin, log, audio: { ipcMain, newChannel: () => new MessageChannelMain() } });
  bindLivePorts({ ipcMain, core, window: () => window, app: origin, log, createChannel: () => new MessageChannelMain() });
  createWindow();
  app.on('activate', () => {
    if (!window) createWindow();
  });
}

/**
 * A start that failed says so in a dialog (what happened, where, what to do; Open data folder / Quit), then
 * quits. The words are the core's (the ones `npm run serve` prints), without --data-dir, which only the
 * browser shell takes.
 */
async function failedToStart(err: unknown): Promise<void> {
  log(`could not start: ${errorText(err)}`);
  const lang = startupLanguage(app.getPreferredSystemLanguages());
  try {
    const failure = describeStartupFailure(err, app.getPath('userData'), { shell: 'electron', lang });
    await showStartupFailure(failure, { lang, showMessageBox: (o) => dialog.showMessageBox(o), openPath: (p) => shell.openPath(p) });
  } catch (shown: unknown) {
    log(`the startup failure could not be shown: ${errorText(shown)}`);
  }
  const c = core;
  core = null;
  await c?.close().catch(() => {});
  app.exit(1);
}

/** Export WAV in Electron: the system save dialog (in Downloads by default), then the file is written here. */
async function saveWithDialog(suggestedName: string, bytes: Uint8Array): Promise<string | null> {
  const options = {
    title: 'Export WAV',
    defaultPath: path.join(app.getPath('downloads'), suggestedName),
    filters: [{ name: 'WAV audio', extensions: ['wav'] }],
  };
  const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
  if (result.canceled || !result.filePath) return null;
  await writeFile(result.filePath, bytes);
  return result.filePath;
}

/**
 * Export conversation and the recovery export in Electron: the system folder picker (Documents first); the
 * core writes a new folder inside the one chosen, so nothing there is overwritten.
 */
async function chooseFolderWithDialog(title: string): Promise<string | null> {
  const options = {
    title,
    defaultPath: app.getPath('documents'),
    buttonLabel: 'Export here',
    properties: ['openDirectory', 'createDirectory'] as Array<'openDirectory' | 'createDirectory'>,
  };
  const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}

function createWindow(): void {
  window = new BrowserWindow({
    width: 1100,
    height: 780,
    minWidth: 560,
    minHeight: 420,
    title: PRODUCT_NAME,
    show: false,
    webPreferences: {
      preload: path.join(__dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: true,
    },
  });
  installContextMenu(window, {
    language: async () => (await core?.handlers['settings.get']({}))?.language ?? 'en',
    session: session.defaultSession,
    log,
  });
  window.once('ready-to-show', () => window?.show());
  window.on('closed', () => {
    window = null;
  });
  void window.loadURL(origin.entry);
}

// npm start on Windows asks over IPC (scripts/serve.mjs): Electron has no console there to get Ctrl-C
// from, and a signal would kill it outright. Quitting runs the orderly close below.
onShutdownRequest(process, () => app.quit());

app.on('window-all-closed', () => {
  // macOS keeps an app running without windows; elsewhere closing the window quits.
  if (process.platform !== 'darwin') app.quit();
});

// Closing the core stops streaming replies (saved as interrupted) and closes the database. Quitting
// waits for it once, then goes on.
let closed = false;
let closing: Promise<void> | null = null;
app.on('before-quit', (event) => {
  if (closed || (!core && !closing)) return;
  event.preventDefault();
  if (closing || !core) return;
  const c = core;
  core = null;
  updates.stop();
  closing = c
    .close()
    .catch((err: unknown) => log(`closing failed: ${errorText(err)}`))
    .finally(() => {
      closed = true;
      app.quit();
    });
});
