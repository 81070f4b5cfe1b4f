// Settings → Interface: the window's theme (the system's choice, or always light or dark; App.tsx applies
// it through ui/theme.ts) and whether new conversations are named by the model after their first exchange.
import { useId } from 'react';
import type { Settings } from '../../shared/domain';
import { useI18n } from '../i18n';
import { useAppState, useStore } from '../state/store-hooks';
import { Select } from '../ui';

const THEMES: readonly Settings['theme'][] = ['system', 'light', 'dark'];

export function ThemeField() {
  const store = useStore();
  const { t } = useI18n();
  const theme = useAppState((s) => s.settings.theme);
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{t('appearance.theme')}</label>
      <Select
        id={id} value={theme} options={THEMES.map((th) => ({ value: th, label: t(`appearance.theme.${th}`) }))}
        onValueChange={(th) => void store.settings.change({ theme: th })}
      />
    </div>
  );
}

export function GeneratedTitlesField() {
  const store = useStore();
  const { t } = useI18n();
  const on = useAppState((s) => s.settings.generateTitles);
  const ids = { check: useId(), hint: useId() };
  return (
    <div className="toggle">
      <input
        id={ids.check} type="checkbox" checked={on} aria-describedby={ids.hint}
        onChange={(e) => void store.settings.change({ generateTitles: e.target.checked })}
      />
      <label htmlFor={ids.check}>{t('appearance.generateTitles')}</label>
      <p id={ids.hint} className="field-hint">{t('appearance.generateTitlesHint')}</p>
    </div>
  );
}
