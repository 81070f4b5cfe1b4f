// Settings: how long a pause after speech ends a hands-free question (Settings.handsFreeSilenceMs), in
// seconds for people; the value is kept when the field holds something out of range.
import { useId, useState } from 'react';
import { DEFAULT_SETTINGS } from '../../shared/defaults';
import { useI18n } from '../i18n';
import { useAppState, useStore } from '../state/store-hooks';

const MIN_MS = 300;
const MAX_MS = 10_000;

export function HandsFreeSilenceField() {
  const store = useStore();
  const { t } = useI18n();
  const ms = useAppState((s) => s.settings.handsFreeSilenceMs) ?? DEFAULT_SETTINGS.handsFreeSilenceMs;
  const ids = { input: useId(), hint: useId() };
  const [text, setText] = useState<string | null>(null);

  function commit(value: string): void {
    setText(null);
    const next = Math.round(Number(value) * 1000);
    if (Number.isFinite(next) && next >= MIN_MS && next <= MAX_MS && next !== ms) void store.settings.change({ handsFreeSilenceMs: next });
  }

  return (
    <div className="field">
      <label htmlFor={ids.input}>{t('settings.handsFreeSilence')}</label>
      <input
        id={ids.input}
        className="voice-silence"
        type="number"
        min={MIN_MS / 1000}
        max={MAX_MS / 1000}
        step={0.1}
        aria-describedby={ids.hint}
        value={text ?? String(ms / 1000)}
        onChange={(e) => setText(e.target.value)}
        onBlur={(e) => commit(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit(e.currentTarget.value);
        }}
      />
      <p id={ids.hint} className="field-hint">{t('settings.handsFreeSilenceHint')}</p>
    </div>
  );
}
