// The Settings dialog: model and voice, spoken replies and thinking (which exclude each other, and the
// dialog says so when one turns the other off), region, interface language, and the API key. Every
// change applies at once; the key is sent to the core and never shown again. It is the kit's modal
// Dialog: the header and Close stay put while the sections scroll, and it fits an 800×600 window.
import { useId, useRef, type RefObject } from 'react';
import { Language } from '../../shared/domain';
import { LANGUAGES, useI18n } from '../i18n';
import { useAppState, useStore } from '../state/store-hooks';
import { Dialog, Select } from '../ui';
import { NoticeBar } from '../ui/NoticeBar';
import { ReplyModeToggles } from '../ui/ReplyModeToggles';
import { GeneratedTitlesField, ThemeField } from './AppearanceFields';
import { HandsFreeSilenceField } from './HandsFreeSilenceField';
import { ModelVoiceFields } from './ModelVoiceFields';
import { RegionKeyFields } from './RegionKeyFields';
import { UpdatesField } from './UpdatesField';

export function SettingsDialog() {
  const store = useStore();
  const { t } = useI18n();
  const open = useAppState((s) => s.settingsOpen);
  const focus = useAppState((s) => s.settingsFocus);
  // Opened from a notice about the key: the key field, scrolled to and focused (else the dialog, its title read).
  const keyRef = useRef<HTMLInputElement>(null);

  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        if (!o) store.settings.close();
      }}
      title={t('settings.title')}
      closeLabel={t('settings.close')}
      className="settings"
      initialFocus={focus === 'apiKey' ? keyRef : undefined}
    >
      <NoticeBar inSettings />
      <RepliesSection />
      <AccountSection keyRef={keyRef} />
      <InterfaceSection />
    </Dialog>
  );
}

function RepliesSection() {
  const store = useStore();
  const { t } = useI18n();
  const settings = useAppState((s) => s.settings);
  const note = useAppState((s) => s.settingsNote);

  return (
    <section className="settings-section">
      <h3>{t('settings.sectionReplies')}</h3>
      <ModelVoiceFields />
      <ReplyModeToggles
        speakReplies={settings.speakReplies} thinking={settings.thinking} modelId={settings.model} note={note} wording="settings"
        onChange={(change) => void store.settings.change(change)}
      />
      <HandsFreeSilenceField />
    </section>
  );
}

function AccountSection({ keyRef }: { keyRef: RefObject<HTMLInputElement | null> }) {
  const { t } = useI18n();
  return (
    <section className="settings-section">
      <h3>{t('settings.sectionAccount')}</h3>
      <RegionKeyFields keyRef={keyRef} />
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
        <Select
          id={id} value={language} onValueChange={(l) => void store.settings.change({ language: Language.parse(l) })}
          // Each language in its own name, so it can be found whatever the current one is.
          options={LANGUAGES.map((l) => ({ value: l, label: t(`lang.${l}`), lang: l }))}
        />
      </div>
      <ThemeField />
      <GeneratedTitlesField />
      <UpdatesField />
    </section>
  );
}
