// The voice picker: a combobox named Voice that opens a searchable list of the model's voices (type a name,
// a language or a word of the description; arrows and Enter choose), each with its dialect and languages.
// Built from the kit's Popover and SearchableList: a native <select> could neither search nor show them.
// Settings (the default voice) and a conversation's options (its own) both show it.
import { useState } from 'react';
import { ChevronDown } from 'lucide-react';
import type { VoiceInfo } from '../../shared/catalog';
import type { Language } from '../../shared/domain';
import { useI18n, type Translate } from '../i18n';
import { en, type MessageKey } from '../i18n/en';
// A few kB: the Chinese descriptions, so a voice can be found by a word of its description in Chinese too.
import { voiceDescription } from '../i18n/zh-CN/voice-descriptions';
import { Popover } from './Popover';
import { SearchableList } from './SearchableList';
import './voices.css';

/** A language or dialect's name as the guide writes it, translated when the app knows it. */
export function languageName(name: string, t: Translate): string {
  const key = `voiceLang.${name}`;
  return key in en ? t(key as MessageKey) : name;
}

export function voiceLanguages(v: VoiceInfo, t: Translate, lang: Language): string {
  return v.languages.map((l) => languageName(l, t)).join(lang === 'zh-CN' ? '、' : ', ');
}

/** The voice's description in the window's language. */
export function describeVoice(v: VoiceInfo, lang: Language): string {
  return voiceDescription(v.id, v.description, lang);
}

export interface VoicePickerProps {
  /** The trigger's id, for the field's <label htmlFor>. */
  id: string;
  voices: readonly VoiceInfo[];
  value: string;
  describedBy?: string;
  onChange(id: string): void;
}

export function VoicePicker(p: VoicePickerProps) {
  const { t, lang } = useI18n();
  const [open, setOpen] = useState(false);
  const current = p.voices.find((v) => v.id === p.value);
  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      label={t('settings.voice')}
      className="voice-popover"
      trigger={
        <button
          id={p.id} type="button" role="combobox" aria-expanded={open} aria-haspopup="listbox"
          aria-describedby={p.describedBy} className="ui-select voice-trigger" data-value={p.value}
        >
          <span>{current?.label ?? p.value}</span>
          <ChevronDown size={16} aria-hidden="true" className="ui-select-chevron" />
        </button>
      }
    >
      <SearchableList
        label={t('settings.voiceSearch')}
        placeholder={t('settings.voiceSearchPlaceholder')}
        emptyText={t('settings.voiceNone')}
        autoFocus
        selected={p.value}
        className="voice-command"
        items={p.voices.map((v) => ({
          value: v.id,
          label: v.label,
          hint: [v.dialect ? languageName(v.dialect, t) : null, voiceLanguages(v, t, lang)].filter(Boolean).join(' · '),
          keywords: [describeVoice(v, lang), ...v.languages.map((l) => languageName(l, t))],
        }))}
        onSelect={(id) => {
          setOpen(false);
          if (id !== p.value) p.onChange(id);
        }}
      />
    </Popover>
  );
}
