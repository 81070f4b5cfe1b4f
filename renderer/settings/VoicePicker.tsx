// The voice picker: a combobox named Voice that opens a searchable list of the model's voices (type a name,
// a language or a word of the description; arrows and Enter choose), each with its dialect and languages.
// Built from the kit's Popover and SearchableList: a native <select> could neither search nor show them.
import { useState } from 'react';
import { ChevronDown } from 'lucide-react';
import type { VoiceInfo } from '../../shared/catalog';
import { useI18n } from '../i18n';
import { Popover, SearchableList } from '../ui';

export interface VoicePickerProps {
  /** The trigger's id, for the field's <label htmlFor>. */
  id: string;
  voices: readonly VoiceInfo[];
  value: string;
  describedBy: string;
  hint(v: VoiceInfo): string;
  keywords(v: VoiceInfo): string[];
  onChange(id: string): void;
}

export function VoicePicker(p: VoicePickerProps) {
  const { t } = useI18n();
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
        items={p.voices.map((v) => ({ value: v.id, label: v.label, hint: p.hint(v), keywords: p.keywords(v) }))}
        onSelect={(id) => {
          setOpen(false);
          if (id !== p.value) p.onChange(id);
        }}
      />
    </Popover>
  );
}
