// Model and Voice: the voice list holds only what the chosen model accepts, each voice with the guide's
// description and languages (dialect voices name their dialect). The core replaces a voice the new model
// lacks; comparing the voice before and after a model change is how the dialog can say so.
import { useId, useState } from 'react';
import { MODELS, findModel } from '../../shared/catalog';
import { voiceSampleUrl } from '../bridge/media-url';
import { useI18n } from '../i18n';
import { useAppState, useStore } from '../state/store-hooks';
import { Select } from '../ui';
import { HearVoiceButton } from '../ui/HearVoiceButton';
import { VoicePicker, describeVoice, languageName, voiceLanguages } from '../ui/VoicePicker';
import './voices.css';

interface Switched { from: string; model: string; to: string }

export function ModelVoiceFields() {
  const store = useStore();
  const { t, lang } = useI18n();
  const settings = useAppState((s) => s.settings);
  const ids = { model: useId(), voice: useId(), about: useId(), switched: useId() };
  const [switched, setSwitched] = useState<Switched | null>(null);
  const model = findModel(settings.model);
  const voices = model?.voices ?? [];
  const current = voices.find((v) => v.id === settings.voice);

  async function changeModel(id: string): Promise<void> {
    const before = store.getState().settings;
    const fromLabel = findModel(before.model)?.voices.find((v) => v.id === before.voice)?.label ?? before.voice;
    setSwitched(null);
    await store.settings.change({ model: id });
    const after = store.getState().settings;
    if (after.model !== id || after.voice === before.voice) return;
    const next = findModel(id);
    setSwitched({
      from: fromLabel,
      model: next?.label ?? id,
      to: next?.voices.find((v) => v.id === after.voice)?.label ?? after.voice,
    });
  }

  return (
    <>
      <div className="field">
        <label htmlFor={ids.model}>{t('settings.model')}</label>
        <Select id={ids.model} value={settings.model} onValueChange={(id) => void changeModel(id)} options={MODELS.map((m) => ({ value: m.id, label: m.label }))} />
      </div>
      <div className="field">
        <label htmlFor={ids.voice}>{t('settings.voice')}</label>
        <VoicePicker
          id={ids.voice} voices={voices} value={settings.voice} describedBy={`${ids.about} ${ids.switched}`}
          onChange={(id) => {
            setSwitched(null);
            void store.settings.change({ voice: id });
          }}
        />
        <HearVoiceButton model={settings.model} voice={settings.voice} sampleUrl={voiceSampleUrl} />
        <p id={ids.about} className="field-hint voice-about">
          {current ? `${describeVoice(current, lang)} — ${voiceLanguages(current, t, lang)}` : ''}
        </p>
        <p id={ids.switched} className="settings-note" role="status">
          {switched ? t('settings.voiceSwitched', { voice: switched.from, model: switched.model, to: switched.to }) : ''}
        </p>
        {model && (
          <details className="voice-list">
            <summary>{t('settings.voiceList', { count: voices.length, model: model.label })}</summary>
            <ul aria-label={t('settings.voiceListLabel', { model: model.label })}>
              {voices.map((v) => (
                <li key={v.id} data-voice={v.id} aria-current={v.id === settings.voice ? 'true' : undefined}>
                  <span className="voice-name">{v.label}</span>
                  {v.dialect && <span className="voice-dialect">{languageName(v.dialect, t)}</span>}
                  <span className="voice-description">{describeVoice(v, lang)}</span>
                  <span className="voice-languages">{voiceLanguages(v, t, lang)}</span>
                </li>
              ))}
            </ul>
          </details>
        )}
      </div>
    </>
  );
}
