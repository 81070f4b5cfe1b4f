// The window: sidebar, the open conversation with the window's notice and the composer docked below it,
// and the Settings dialog, in the chosen language. The features (renderer/<folder>/) do not import each
// other; this is where they are put together.
import { useEffect } from 'react';
import { Composer } from './composer/Composer';
import { DropTarget } from './composer/DropTarget';
import { ConversationView } from './conversation/ConversationView';
import { Sidebar } from './history/Sidebar';
import { I18nProvider, translator } from './i18n';
import { SettingsDialog } from './settings/SettingsDialog';
import { RecoveryGate } from './recovery/RecoveryGate';
import { NoticeBar } from './ui/NoticeBar';
import { TooltipProvider } from './ui';
import { useAppState } from './state/store-hooks';

export function App() {
  const lang = useAppState((s) => s.settings.language);
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = translator(lang)('app.name');
  }, [lang]);
  return (
    <I18nProvider lang={lang}>
      <TooltipProvider>
        <RecoveryGate>
          <div className="app">
            <Sidebar />
            <ConversationView
              dock={
                <>
                  <NoticeBar />
                  <Composer />
                </>
              }
            />
            <SettingsDialog />
            <DropTarget />
          </div>
        </RecoveryGate>
      </TooltipProvider>
    </I18nProvider>
  );
}
