// The Settings dialog: model and voice, spoken replies and thinking (which exclude each other, and the
// dialog says so when one turns the other off), region, interface language, and the API key. Every
// change applies at once; the key is sent to the core and never shown again.
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { REGIONS, findModel, type RegionId } from '../../shared/catalog';
import { Language, type ErrorInfo, type KeyStatus } from '../../shared/domain';
import { describeError, LANGUAGES, useI18n, type Translate } from '../i18n';
import { NoticeBar } from '../notices/NoticeBar';
import { useAppState, useStore } from '../state/react';
import { CloseIcon, WarningIcon } from '../ui/icons';
import { ModelVoiceFields } from './ModelVoiceFields';
import { HandsFreeSilenceField } from '../composer/HandsFreeSilenceField';

const REGION_IDS = Object.keys(REGIONS) as RegionId[];

export function SettingsDialog() {
  const store = useStore();
  const { t } = useI18n();
  const open = useAppState((s) => s.settingsOpen);
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);

  return (
    <dialog
      ref={dialog}
      className="settings"
      aria-labelledby={titleId}
      onClose={() => store.closeSettings()}
      onClick={(e) => {
        // A click on the backdrop (the dialog element itself, outside its panel) closes it.
        if (e.target === dialog.current) store.closeSettings();
      }}
    >
      {open && (
        <div className="settings-panel">
          <header className="settings-head">
            <h2 id={titleId}>{t('settings.title')}</h2>
            <button type="button" className="icon-button" aria-label={t('settings.close')} title={t('settings.close')} onClick={() => store.closeSettings()}>
              <CloseIcon />
            </button>
          </header>
          <NoticeBar inSettings />
          <RepliesSection />
          <AccountSection />
          <InterfaceSection />
        </div>
      )}
    </dialog>
  );
}

function RepliesSection() {
  const store = useStore();
  const { t } = useI18n();
  const settings = useAppState((s) => s.settings);
  const note = useAppState((s) => s.settingsNote);
  const ids = { speak: useId(), thinking: useId(), note: useId() };
  const model = findModel(settings.model);

  return (
    <section className="settings-section">
      <h3>{t('settings.sectionReplies')}</h3>
      <ModelVoiceFields />
      <div className="toggle">
        <input
          id={ids.speak} type="checkbox" checked={settings.speakReplies}
          aria-describedby={note ? ids.note : undefined}
          onChange={(e) => void store.changeSettings({ speakReplies: e.target.checked })}
        />
        <label htmlFor={ids.speak}>{t('settings.speak')}</label>
      </div>
      {model?.thinking ? (
        <div className="toggle">
          <input
            id={ids.thinking} type="checkbox" checked={settings.thinking}
            aria-describedby={note ? ids.note : undefined}
            onChange={(e) => void store.changeSettings({ thinking: e.target.checked })}
          />
          <label htmlFor={ids.thinking}>{t('settings.thinking')}</label>
          <p className="field-hint">{t('settings.thinkingHint')}</p>
        </div>
      ) : (
        <p className="field-hint">{t('settings.noThinking', { model: model?.label ?? settings.model })}</p>
      )}
      <p id={ids.note} className="settings-note" aria-live="polite">
        {note ? t(`settings.${note}`) : ''}
      </p>
      <HandsFreeSilenceField />
    </section>
  );
}

function keyStatusText(k: KeyStatus | null, t: Translate): string {
  if (!k) return '';
  return t(`settings.key.${k.source}`);
}

function AccountSection() {
  const store = useStore();
  const { t, lang } = useI18n();
  const settings = useAppState((s) => s.settings);
  const keyStatus = useAppState((s) => s.keyStatus);
  const appInfo = useAppState((s) => s.appInfo);
  const ids = { region: useId(), key: useId(), keyStatus: useId() };
  const [key, setKey] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ error: ErrorInfo | null; done: 'saved' | 'cleared' | null } | null>(null);

  async function save(): Promise<void> {
    if (busy) return;
    if (!key.trim()) {
      setResult({ error: { kind: 'invalid_input', message: t('settings.key.empty'), httpStatus: null, code: null, requestId: null, serverMessage: null }, done: null });
      return;
    }
    setBusy(true);
    const error = await store.saveKey(key.trim());
    setBusy(false);
    setResult({ error, done: error ? null : 'saved' });
    if (!error) setKey('');
  }

  async function clear(): Promise<void> {
    setBusy(true);
    const error = await store.clearKey();
    setBusy(false);
    setResult({ error, done: error ? null : 'cleared' });
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>): void {
    if (e.key === 'Enter') {
      e.preventDefault();
      void save();
    }
  }

  return (
    <section className="settings-section">
      <h3>{t('settings.sectionAccount')}</h3>
      <div className="field">
        <label htmlFor={ids.region}>{t('settings.region')}</label>
        <select id={ids.region} value={settings.region} onChange={(e) => void store.changeSettings({ region: e.target.value as RegionId })}>
          {REGION_IDS.map((r) => (
            <option key={r} value={r}>{t(`settings.region.${r}`)}</option>
          ))}
        </select>
        <p className="field-hint">
          {t('settings.regionHint')}
          {appInfo?.endpoint && <> {t('settings.endpoint', { endpoint: appInfo.endpoint })}</>}
        </p>
      </div>
      <div className="field">
        <label htmlFor={ids.key}>{t('settings.apiKey')}</label>
        <div className="key-row">
          <input
            id={ids.key} type="password" autoComplete="off" spellCheck={false}
            placeholder={t('settings.apiKeyPlaceholder')} value={key}
            aria-describedby={ids.keyStatus}
            onChange={(e) => {
              setKey(e.target.value);
              setResult(null);
            }}
            onKeyDown={onKeyDown}
          />
          <button type="button" className="button button-primary" disabled={busy} onClick={() => void save()}>
            {t('settings.saveKey')}
          </button>
        </div>
        <div id={ids.keyStatus} className="key-status">
          <p data-key-source={keyStatus?.source ?? ''}>{keyStatusText(keyStatus, t)}</p>
          {keyStatus && !keyStatus.canPersist && keyStatus.source !== 'env' && <p className="field-hint">{t('settings.key.cannotPersist')}</p>}
          {keyStatus?.weakEncryption && (
            <p className="warning">
              <WarningIcon />
              <span>{t('settings.key.weak')}</span>
            </p>
          )}
        </div>
        {result?.error && (
          <p role="alert" className="field-error">{describeError(result.error, lang, t)}</p>
        )}
        {result?.done && <p className="field-ok" aria-live="polite">{t(result.done === 'saved' ? 'settings.key.saved' : 'settings.key.cleared')}</p>}
        {(keyStatus?.source === 'stored' || keyStatus?.source === 'session') && (
          <button type="button" className="button button-ghost button-small" disabled={busy} onClick={() => void clear()}>
            {t('settings.clearKey')}
          </button>
        )}
      </div>
    </section>
  );
}

function InterfaceSection() {
  const store = useStore();
  const { t } = useI18n();
  const language = useAppState((s) => s.settings.language);
  const id = useId();
  return (
    <section className="settings-section">
      <h3>{t('settings.sectionInterface')}</h3>
      <div className="field">
        <label htmlFor={id}>{t('settings.language')}</label>
        <select id={id} value={language} onChange={(e) => void store.changeSettings({ language: Language.parse(e.target.value) })}>
          {LANGUAGES.map((l) => (
            // Each language in its own name, so it can be found whatever the current one is.
            <option key={l} value={l} lang={l}>{t(`lang.${l}`)}</option>
          ))}
        </select>
      </div>
    </section>
  );
}
