// The app's global Settings (model, voice, spoken replies, thinking, region, language, …), the chosen
// region's key status and address, and whether the Settings dialog is open. Model, voice, thinking and
// speech depend on each other: a change is applied the way the dialog means it, and the dialog says so
// when one toggle turned the other off.
import { findModel, voiceForModel } from '../../shared/catalog';
import type { OmniBridge, RequestInput, RequestOutput } from '../../shared/contract';
import { DEFAULT_SETTINGS } from '../../shared/defaults';
import type { ErrorInfo, KeyStatus, Settings } from '../../shared/domain';
import { toErrorInfo, type NoticesSlice } from './notices';
import type { StateCell } from './observable-state';

/** Which automatic change the Settings dialog (or the conversation's options) should explain. */
export type SettingsNote = 'thinkingTurnedSpeechOff' | 'speechTurnedThinkingOff' | null;

export interface AppSettingsState {
  /** Settings and key status have been read once (before that the defaults are shown). */
  ready: boolean;
  appInfo: RequestOutput<'app.info'> | null;
  settings: Settings;
  keyStatus: KeyStatus | null;
  settingsOpen: boolean;
  settingsNote: SettingsNote;
  /** The field the Settings dialog opens on (a notice about the key: the API key field), else its start. */
  settingsFocus: SettingsFocus;
}

export type SettingsFocus = 'apiKey' | null;

export const initialAppSettings: AppSettingsState = {
  ready: false, appInfo: null, settings: DEFAULT_SETTINGS, keyStatus: null, settingsOpen: false, settingsNote: null, settingsFocus: null,
};

type RegionRequest = 'endpoints.list' | 'endpoints.add' | 'endpoints.update' | 'endpoints.remove' | 'connection.test';

export class AppSettingsSlice {
  /** Quick successive changes: only the newest answer describes what the user sees. */
  private changeSeq = 0;

  /** `modelMayHaveChanged`: called after each change of the settings (the draft's attachments follow the model). */
  constructor(
    private readonly cell: StateCell<AppSettingsState>,
    private readonly bridge: OmniBridge,
    private readonly notices: NoticesSlice,
    private readonly modelMayHaveChanged: () => void,
  ) {}

  /** What the window shows first: the settings, the key status, the app's address. */
  async load(): Promise<void> {
    const [settings, keyStatus, info] = await Promise.all([
      this.bridge.invoke('settings.get', {}).catch((e: unknown) => this.failed(e)),
      this.bridge.invoke('key.status', {}).catch((e: unknown) => this.failed(e)),
      this.bridge.invoke('app.info', {}).catch(() => null),
    ]);
    this.cell.set({ settings: settings ?? this.cell.get().settings, keyStatus, appInfo: info, ready: true });
    this.modelMayHaveChanged();
  }

  /** `focus`: the field that fixes what sent the user here (scrolled to and focused). */
  open(focus: SettingsFocus = null): void {
    this.cell.set({ settingsOpen: true, settingsNote: null, settingsFocus: focus });
  }

  close(): void {
    this.cell.set({ settingsOpen: false, settingsNote: null, settingsFocus: null });
  }

  /** Apply a change the way the dialog means it; model, voice, thinking and speech depend on each other. */
  async change(change: Partial<Settings>): Promise<void> {
    const prev = this.cell.get().settings;
    const patch: Partial<Settings> = { ...change };
    let note: SettingsNote = null;
    if (change.model !== undefined) {
      const model = findModel(change.model);
      const voice = change.voice ?? prev.voice;
      if (model) patch.voice = voiceForModel(model.id, voice);
      if (model && !model.thinking && prev.thinking) patch.thinking = false;
    }
    if (change.thinking === true && prev.speakReplies) {
      patch.speakReplies = false;
      note = 'thinkingTurnedSpeechOff';
    }
    if (change.speakReplies === true && prev.thinking) {
      patch.thinking = false;
      note = 'speechTurnedThinkingOff';
    }
    const togglesTouched = change.thinking !== undefined || change.speakReplies !== undefined;
    this.cell.set({ settings: { ...prev, ...patch }, settingsNote: togglesTouched ? note : this.cell.get().settingsNote });
    this.modelMayHaveChanged();
    const seq = ++this.changeSeq;
    try {
      const saved = await this.bridge.invoke('settings.update', patch);
      if (seq === this.changeSeq) this.show({ settings: saved });
      if (patch.region !== undefined) {
        const [keyStatus, info] = await Promise.all([
          this.bridge.invoke('key.status', {}),
          this.bridge.invoke('app.info', {}).catch(() => this.cell.get().appInfo),
        ]);
        this.cell.set({ keyStatus, appInfo: info });
      }
    } catch (err) {
      if (seq === this.changeSeq) this.show({ settings: prev });
      this.notices.report(err);
    }
  }

  /** Resolves with an error to show next to the key field, or null when the key was taken. */
  async saveKey(key: string): Promise<ErrorInfo | null> {
    try {
      // The region the dialog shows, even if the change of region is still on its way to the core.
      const keyStatus = await this.bridge.invoke('key.set', { key, region: this.cell.get().settings.region });
      this.cell.set({ keyStatus });
      this.notices.clearKeyProblems();
      return null;
    } catch (err) {
      return toErrorInfo(err);
    }
  }

  async clearKey(): Promise<ErrorInfo | null> {
    try {
      this.cell.set({ keyStatus: await this.bridge.invoke('key.clear', { region: this.cell.get().settings.region }) });
      return null;
    } catch (err) {
      return toErrorInfo(err);
    }
  }

  /** A short sample of a voice said by the model (made once, then read from disk by the core). */
  voiceSample(model: Settings['model'], voice: string): Promise<RequestOutput<'voices.sample'>> {
    return this.bridge.invoke('voices.sample', { model, voice });
  }

  /** The dialog's region requests: custom endpoints and Test connection. */
  regionRequest<K extends RegionRequest>(name: K, input: RequestInput<K>): Promise<RequestOutput<K>> {
    return this.bridge.invoke(name, input);
  }

  /** After endpoints changed: the settings (removing the chosen one puts Region back), its key status and address. */
  async refreshRegion(): Promise<void> {
    try {
      const [settings, keyStatus, appInfo] = await Promise.all([
        this.bridge.invoke('settings.get', {}),
        this.bridge.invoke('key.status', {}),
        this.bridge.invoke('app.info', {}),
      ]);
      this.show({ settings, keyStatus, appInfo });
    } catch (err) {
      this.notices.report(err);
    }
  }

  private show(patch: Partial<AppSettingsState> & Pick<AppSettingsState, 'settings'>): void {
    this.cell.set(patch);
    this.modelMayHaveChanged();
  }

  private failed(err: unknown): null {
    this.notices.report(err);
    return null;
  }
}
