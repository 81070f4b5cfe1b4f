// Settings → Interface: whether the desktop app may look for, download and install a newer release
// (Settings.checkForUpdates; electron/main/updates.ts does it). Off until the user turns it on. Shown only
// in the desktop app: the browser shell runs from a checkout and never updates itself.
import { useId } from 'react';
import { useI18n } from '../i18n';
import { useAppState, useStore } from '../state/store-hooks';

export function UpdatesField() {
  const store = useStore();
  const { t } = useI18n();
  const shell = useAppState((s) => s.appInfo?.shell);
  const allowed = useAppState((s) => s.settings.checkForUpdates);
  const ids = { check: useId(), hint: useId() };
  if (shell !== 'electron') return null;
  return (
    <div className="toggle">
      <input
        id={ids.check} type="checkbox" checked={allowed} aria-describedby={ids.hint}
        onChange={(e) => void store.settings.change({ checkForUpdates: e.target.checked })}
      />
      <label htmlFor={ids.check}>{t('updates.check')}</label>
      <p id={ids.hint} className="field-hint">{t('updates.hint')}</p>
    </div>
  );
}
