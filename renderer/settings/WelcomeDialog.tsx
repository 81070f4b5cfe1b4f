// The first run: a short welcome that asks for the one thing the app cannot work without, the API key —
// region first (keys belong to a region), a link to where keys are made, the key, and Test connection
// inline, each as Settings has them. Skippable; never shown again once a key works (the core sets
// Settings.welcomeDone when Test connection passes or a reply completes) or once skipped.
import { useRef, useState } from 'react';
import { useI18n } from '../i18n';
import { useStore } from '../state/store-hooks';
import { Dialog } from '../ui';
import { RegionKeyFields } from './RegionKeyFields';

export function WelcomeDialog() {
  const store = useStore();
  const { t } = useI18n();
  const [open, setOpen] = useState(true);
  const [works, setWorks] = useState(false);
  const keyRef = useRef<HTMLInputElement>(null);

  const skip = () => {
    setOpen(false);
    void store.settings.change({ welcomeDone: true });
  };
  const start = () => {
    setOpen(false);
    // The composer is where the user goes next.
    requestAnimationFrame(() => document.querySelector<HTMLElement>('textarea.composer-input')?.focus());
  };

  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        if (!o) skip();
      }}
      title={t('welcome.title')}
      description={t('welcome.lead')}
      closeLabel={t('settings.close')}
      className="welcome-dialog"
      initialFocus={keyRef}
      footer={
        works
          ? <button type="button" className="button button-primary" onClick={start}>{t('welcome.start')}</button>
          : <button type="button" className="button button-ghost" onClick={skip}>{t('welcome.skip')}</button>
      }
    >
      <RegionKeyFields welcome keyRef={keyRef} onTested={(r) => setWorks(r.ok)} />
    </Dialog>
  );
}
