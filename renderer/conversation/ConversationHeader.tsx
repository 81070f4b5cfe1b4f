// The open conversation's own settings, in its header: model · voice · spoken or text · thinking · system
// prompt, and a small panel to change them for this conversation only (a new conversation starts from the
// global Settings; changes made here before its first message go with it). Thinking turning Speak replies
// off (and back) is said in the panel.
import { useEffect, useId, useRef, useState } from 'react';
import { MODELS, findModel } from '../../shared/catalog';
import { SYSTEM_PROMPT_MAX } from '../../shared/defaults';
import type { ConversationSettings } from '../../shared/domain';
import { voiceSampleUrl } from '../bridge/media-url';
import { useI18n } from '../i18n';
import { useAppState, useStore, useTurnSettings } from '../state/store-hooks';
import { ChevronDown } from 'lucide-react';
import { Popover, Select } from '../ui';
import { HearVoiceButton } from '../ui/HearVoiceButton';
import { VoicePicker } from '../ui/VoicePicker';
import { ReplyModeToggles } from '../ui/ReplyModeToggles';
import './conversation-header.css';

export function ConversationHeader() {
  const { t } = useI18n();
  const s = useTurnSettings();
  const settingsOpen = useAppState((x) => x.settingsOpen);
  const [open, setOpen] = useState(false);
  const summaryId = useId();
  // The global Settings dialog replaces the panel; it does not come back (and take the focus) when that closes.
  useEffect(() => {
    if (settingsOpen) setOpen(false);
  }, [settingsOpen]);
  const model = findModel(s.model);
  const voice = model?.voices.find((v) => v.id === s.voice)?.label ?? s.voice;
  const prompt = s.systemPrompt.trim();

  // One compact button: model · voice always, the reply modes after them while there is room (the header's
  // container query hides them first in a narrow window; the panel shows them all).
  return (
    <Popover
      open={open && !settingsOpen} onOpenChange={setOpen} label={t('conv.settings')} align="end" className="conv-settings-panel"
      trigger={
        <button type="button" className="conv-settings-button" aria-label={t('conv.settings')} aria-describedby={summaryId}>
          <span id={summaryId} className="conv-summary" data-testid="conversation-settings">
            <span data-setting="model" className="conv-summary-main">{model?.label ?? s.model}</span>
            <span data-setting="voice" className="conv-summary-main">{voice}</span>
            <span data-setting="speak">{s.speakReplies ? t('conv.speakOn') : t('conv.speakOff')}</span>
            {model?.thinking && <span data-setting="thinking">{s.thinking ? t('conv.thinkingOn') : t('conv.thinkingOff')}</span>}
            {prompt && <span data-setting="system-prompt" title={prompt}>{t('conv.systemPromptOn')}</span>}
          </span>
          <ChevronDown size={14} aria-hidden="true" className="conv-settings-chevron" />
        </button>
      }
    >
      <SettingsPanel settings={s} onDone={() => setOpen(false)} />
    </Popover>
  );
}

function SettingsPanel({ settings: s, onDone }: { settings: ConversationSettings; onDone: () => void }) {
  const store = useStore();
  const { t } = useI18n();
  const note = useAppState((x) => x.conversationNote);
  const ids = { model: useId(), voice: useId(), prompt: useId() };
  const model = findModel(s.model);
  const voices = model?.voices ?? [];
  const [prompt, setPrompt] = useState(s.systemPrompt);
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  /** What is typed now, saved when the panel closes however it closes (Done, Escape, a click outside). */
  const typed = useRef(prompt);
  typed.current = prompt;

  // Another change (a fix button, another window) replaces the text unless it is being typed.
  useEffect(() => {
    if (!pending.current) setPrompt(s.systemPrompt);
  }, [s.systemPrompt]);

  const savePrompt = (text: string) => {
    if (pending.current) clearTimeout(pending.current);
    pending.current = null;
    if (text !== store.conversationSettings.forNextTurn().systemPrompt) void store.conversationSettings.change({ systemPrompt: text });
  };
  const saveRef = useRef(savePrompt);
  saveRef.current = savePrompt;
  // Closed (the popover unmounts it): what was typed is kept. Radix puts the focus back on the button.
  useEffect(() => () => saveRef.current(typed.current), []);

  return (
    <>
      <h2 className="conv-settings-title">{t('conv.settings')}</h2>
      <p className="field-hint">{t('conv.settingsHint')}</p>
      <div className="field">
        <label htmlFor={ids.model}>{t('settings.model')}</label>
        <Select
          id={ids.model} value={s.model} options={MODELS.map((m) => ({ value: m.id, label: m.label }))}
          onValueChange={(id) => void store.conversationSettings.change({ model: id as ConversationSettings['model'] })}
        />
      </div>
      <div className="field">
        <label htmlFor={ids.voice}>{t('settings.voice')}</label>
        <VoicePicker id={ids.voice} voices={voices} value={s.voice} onChange={(voice) => void store.conversationSettings.change({ voice })} />
        <HearVoiceButton model={s.model} voice={s.voice} sampleUrl={voiceSampleUrl} />
      </div>
      <ReplyModeToggles
        speakReplies={s.speakReplies} thinking={s.thinking} modelId={s.model} note={note} wording="conv"
        onChange={(change) => void store.conversationSettings.change(change)}
      />
      <div className="field">
        <label htmlFor={ids.prompt}>{t('conv.systemPrompt')}</label>
        <textarea
          id={ids.prompt} rows={3} maxLength={SYSTEM_PROMPT_MAX} value={prompt}
          placeholder={t('conv.systemPromptPlaceholder')}
          onChange={(e) => {
            const text = e.target.value;
            setPrompt(text);
            if (pending.current) clearTimeout(pending.current);
            pending.current = setTimeout(() => savePrompt(text), 400);
          }}
          onBlur={() => savePrompt(prompt)}
        />
        <p className="field-hint">{t('conv.systemPromptHint')}</p>
      </div>
      <div className="conv-settings-actions">
        <button type="button" className="button button-primary button-small" onClick={onDone}>{t('conv.close')}</button>
      </div>
    </>
  );
}
