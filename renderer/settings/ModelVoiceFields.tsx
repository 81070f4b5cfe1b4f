// Model and Voice: the voice list holds only what the chosen model accepts, each voice with the guide's
// description and languages (dialect voices name their dialect). The core replaces a voice the new model
// lacks; comparing the voice before and after a model change is how the dialog can say so.
import { useId, useState } from 'react';
import { MODELS, findModel, type VoiceInfo } from '../../shared/catalog';
import type { Language } from '../../shared/domain';
import { useI18n, type Translate } from '../i18n';
// Settings' own chunk (loaded on use) carries the Chinese descriptions, not the window's first load.
import { voiceDescription } from '../i18n/zh-CN/voice-descriptions';
import { en, type MessageKey } from '../i18n/en';
import { useAppState, useStore } from '../state/store-hooks';
import { HearVoiceButton } from './HearVoiceButton';
import './voices.css';

interface Switched { from: string; model: string; to: string }

function languageName(name: string, t: Translate): string {
  const key = `voiceLang.${name}`;
  return key in en ? t(key as MessageKey) : name;
}

export function voiceLanguages(v: VoiceInfo, t: Translate, lang: Language): string {
  return v.languages.map((l) => languageName(l, t)).join(lang === 'zh-CN' ? '、' : ', ');
}

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
        <select id={ids.model} value={settings.model} onChange={(e) => void changeModel(e.target.value)}>
          {MODELS.map((m) => (
            <option key={m.id} value={m.id}>{m.label}</option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.voice}>{t('settings.voice')}</label>
        <select
          id={ids.voice} value={settings.voice}
          aria-describedby={`${ids.about} ${ids.switched}`}
          onChange={(e) => {
            setSwitched(null);
            void store.settings.change({ voice: e.target.value });
          }}
        >
          {!current && <option value={settings.voice}>{settings.voice}</option>}
          {voices.map((v) => (
            <option key={v.id} value={v.id}>{v.label}</option>
          ))}
        </select>
        <HearVoiceButton model={settings.model} voice={settings.voice} />
        <p id={ids.about} className="field-hint voice-about">
          {current ? `${voiceDescription(current.id, current.description, lang)} — ${voiceLanguages(current, t, lang)}` : ''}
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
                  <span className="voice-description">{voiceDescription(v.id, v.description, lang)}</span>
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
