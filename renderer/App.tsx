// The window: sidebar, the open conversation with the window's notice and the composer docked below it,
// and the Settings dialog, in the chosen language. The features (renderer/<folder>/) do not import each
// other; this is where they are put together. What the window needs to show the composer comes with the
// first chunk; the Settings dialog is loaded the first time it is opened, and then stays mounted so that
// closing and opening it again behaves as before (the recovery screen and the recorder load on use too).
import { lazy, Suspense, useEffect, useState } from 'react';
import { Composer } from './composer/Composer';
import { ConversationView } from './conversation/ConversationView';
import { Sidebar } from './history/Sidebar';
import { I18nProvider, translator } from './i18n';
import { RecoveryGate } from './recovery/RecoveryGate';
import { NoticeBar } from './ui/NoticeBar';
import { ShortcutsDialog, TooltipProvider, useShortcut, useShortcutListener } from './ui';
import { useAppState, useStore } from './state/store-hooks';

const SettingsDialog = lazy(() => import('./settings/SettingsDialog').then((m) => ({ default: m.SettingsDialog })));

export function App() {
  const lang = useAppState((s) => s.settings.language);
  const store = useStore();
  const settingsOpen = useAppState((s) => s.settingsOpen);
  const [settingsWanted, setSettingsWanted] = useState(false);
  if (settingsOpen && !settingsWanted) setSettingsWanted(true);
  useShortcutListener();
  // The composer handles these itself; they are registered for the shortcuts list.
  useShortcut('Enter', 'shortcuts.send', undefined, 40);
  useShortcut('Shift+Enter', 'shortcuts.newLine', undefined, 41);
  useShortcut('Mod+Shift+Space', 'shortcuts.record', undefined, 50);
  // Files dropped anywhere on the window are attached (the Composer region included).
  useEffect(() => {
    const hasFiles = (e: DragEvent) => !!e.dataTransfer && [...e.dataTransfer.types].includes('Files');
    const over = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      void store.attachments.addFiles([...(e.dataTransfer?.files ?? [])]);
    };
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, [store]);
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
            {settingsWanted && (
              <Suspense fallback={null}>
                <SettingsDialog />
              </Suspense>
            )}
            <ShortcutsDialog />
          </div>
        </RecoveryGate>
      </TooltipProvider>
    </I18nProvider>
  );
}
