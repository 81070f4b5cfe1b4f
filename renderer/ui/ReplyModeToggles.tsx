// Speak replies and Thinking, which exclude each other (thinking replies are text only): two checkboxes,
// the model's lack of a thinking mode said in place of the second, and a line that explains when turning
// one on turned the other off. The Settings dialog (the global defaults) and a conversation's options
// (its own) both show it, each with its own wording.
import { useId } from 'react';
import { findModel } from '../../shared/catalog';
import { useI18n } from '../i18n';
import type { SettingsNote } from '../state/app-settings';

export interface ReplyModeTogglesProps {
  speakReplies: boolean;
  thinking: boolean;
  modelId: string;
  /** Which automatic change to explain, or null. */
  note: SettingsNote;
  /** Whose texts: the Settings dialog's (settings.*) or a conversation's options (conv.*). */
  wording: 'settings' | 'conv';
  onChange: (change: { speakReplies?: boolean; thinking?: boolean }) => void;
}

export function ReplyModeToggles({ speakReplies, thinking, modelId, note, wording, onChange }: ReplyModeTogglesProps) {
  const { t } = useI18n();
  const ids = { speak: useId(), thinking: useId(), note: useId() };
  const model = findModel(modelId);
  const describedBy = note ? ids.note : undefined;
  return (
    <>
      <div className="toggle">
        <input
          id={ids.speak} type="checkbox" checked={speakReplies} aria-describedby={describedBy}
          onChange={(e) => onChange({ speakReplies: e.target.checked })}
        />
        <label htmlFor={ids.speak}>{t('settings.speak')}</label>
      </div>
      {model?.thinking ? (
        <div className="toggle">
          <input
            id={ids.thinking} type="checkbox" checked={thinking} aria-describedby={describedBy}
            onChange={(e) => onChange({ thinking: e.target.checked })}
          />
          <label htmlFor={ids.thinking}>{t('settings.thinking')}</label>
          <p className="field-hint">{t('settings.thinkingHint')}</p>
        </div>
      ) : (
        <p className="field-hint">{t(`${wording}.noThinking`, { model: model?.label ?? modelId })}</p>
      )}
      <p id={ids.note} className="settings-note" role="status">{note ? t(`${wording}.${note}`) : ''}</p>
    </>
  );
}
