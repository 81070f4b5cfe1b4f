// The window: sidebar, the open conversation with the window's notice and the composer docked below it,
// and the Settings dialog, in the chosen language. The features (renderer/<folder>/) do not import each
// other; this is where they are put together. What the window needs to show the composer comes with the
// first chunk; the Settings dialog is loaded the first time it is opened, and then stays mounted so that
// closing and opening it again behaves as before (the recovery screen and the recorder load on use too).
import { lazy, Suspense, useEffect, useId, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { PanelLeft, SquarePen } from 'lucide-react';
import { Composer } from './composer/Composer';
import { DropTarget } from './composer/DropTarget';
import { ConversationView } from './conversation/ConversationView';
import { SEARCH_KEYS } from './history/SearchBox';
import { Sidebar } from './history/Sidebar';
import { I18nProvider, translator, useI18n } from './i18n';
import { RecoveryGate } from './recovery/RecoveryGate';
import { NoticeBar } from './ui/NoticeBar';
import { applyTheme, IconButton, ShortcutsDialog, TooltipProvider, useShortcut, useShortcutListener, useSidebarFold } from './ui';
import { GearIcon } from './ui/icons';
import { useAppState, useStore } from './state/store-hooks';

const WelcomeDialog = lazy(() => import('./settings/WelcomeDialog').then((m) => ({ default: m.WelcomeDialog })));
const SettingsDialog = lazy(() => import('./settings/SettingsDialog').then((m) => ({ default: m.SettingsDialog })));

export function App() {
  const lang = useAppState((s) => s.settings.language);
  useShortcutListener();
  // The composer handles these itself; they are registered for the shortcuts list.
  useShortcut('Enter', 'shortcuts.send', undefined, 40);
  useShortcut('Shift+Enter', 'shortcuts.newLine', undefined, 41);
  useShortcut('Mod+Shift+Space', 'shortcuts.record', undefined, 50);
  // The chosen theme (Settings → Theme); 'system' follows the system's, live (ui/theme.ts).
  const theme = useAppState((s) => s.settings.theme);
  useEffect(() => applyTheme(theme), [theme]);
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = translator(lang)('app.name');
  }, [lang]);
  return (
    <I18nProvider lang={lang}>
      <TooltipProvider>
        <RecoveryGate>
          <Frame />
        </RecoveryGate>
      </TooltipProvider>
    </I18nProvider>
  );
}

/**
 * The window's frame: the sidebar (folded by itself in a narrow window, or by Toggle sidebar / Mod+B) beside
 * the conversation. While it is folded, the header carries New conversation and Settings, so nothing the
 * sidebar offers is out of reach.
 */
function Frame() {
  const { t } = useI18n();
  const store = useStore();
  const settingsOpen = useAppState((s) => s.settingsOpen);
  const [settingsWanted, setSettingsWanted] = useState(false);
  if (settingsOpen && !settingsWanted) setSettingsWanted(true);
  // The first run (no key anywhere, the welcome not seen through): loaded then, kept until it closes itself.
  const needWelcome = useAppState((s) => s.ready && !s.settings.welcomeDone && s.keyStatus?.source === 'none');
  const [welcomeWanted, setWelcomeWanted] = useState(false);
  if (needWelcome && !welcomeWanted) setWelcomeWanted(true);
  const fold = useSidebarFold();
  const sidebarId = useId();
  const toggleButton = useRef<HTMLButtonElement>(null);
  const toggle = () => {
    // Folding the sidebar that holds the focus gives the keyboard to the button that brings it back.
    const inSidebar = !!document.activeElement?.closest(`[id="${sidebarId}"]`);
    flushSync(() => fold.toggle());
    if (inSidebar && fold.open) toggleButton.current?.focus();
  };
  useShortcut('Mod+B', 'shortcuts.toggleSidebar', toggle, 15);
  // Search while folded: unfold first, then the search box's own shortcut (registered earlier) takes the key.
  useShortcut(SEARCH_KEYS, 'shortcuts.search', () => {
    if (!fold.open) flushSync(() => fold.setOpen(true));
    return false;
  }, 20);
  return (
          <div className="app" data-sidebar={fold.open ? 'open' : 'folded'}>
            <Sidebar id={sidebarId} />
            <ConversationView
              leading={
                <div className="topbar-leading">
                  <IconButton
                    ref={toggleButton} label={t('layout.toggleSidebar')} shortcut="Mod+B" tooltipSide="bottom"
                    icon={<PanelLeft size={18} aria-hidden="true" />} aria-expanded={fold.open} aria-controls={sidebarId}
                    onClick={toggle}
                  />
                  {!fold.open && (
                    <>
                      <IconButton
                        label={t('sidebar.new')} shortcut="Mod+N" tooltipSide="bottom" icon={<SquarePen size={18} aria-hidden="true" />}
                        onClick={() => store.conversation.startNew()}
                      />
                      <IconButton label={t('sidebar.settings')} tooltipSide="bottom" icon={<GearIcon />} onClick={() => store.settings.open()} />
                    </>
                  )}
                </div>
              }
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
            {welcomeWanted && (
              <Suspense fallback={null}>
                <WelcomeDialog />
              </Suspense>
            )}
            <ShortcutsDialog />
            <DropTarget />
          </div>
  );
}
