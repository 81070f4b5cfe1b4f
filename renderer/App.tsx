// The window: sidebar, the open conversation, and the Settings dialog, in the chosen language.
import { useEffect } from 'react';
import { ConversationView } from './conversation/ConversationView';
import { Sidebar } from './history/Sidebar';
import { I18nProvider, translator } from './i18n';
import { SettingsDialog } from './settings/SettingsDialog';
import { useAppState } from './state/react';

export function App() {
  const lang = useAppState((s) => s.settings.language);
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = translator(lang)('app.name');
  }, [lang]);
  return (
    <I18nProvider lang={lang}>
      <div className="app">
        <Sidebar />
        <ConversationView />
        <SettingsDialog />
      </div>
    </I18nProvider>
  );
}
