// React access to the app store: a provider, the store itself for actions (store.turns.send(…)), and
// selected state.
import { createContext, useContext, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import type { ConversationSettings } from '../../shared/domain';
import type { AppState, AppStore } from './app-store';
import { nextTurnSettings } from './conversation-settings';

const StoreContext = createContext<AppStore | null>(null);

export function StoreProvider({ store, children }: { store: AppStore; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

export function useStore(): AppStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useStore outside StoreProvider');
  return store;
}

/** A slice of the state. The selector must return something already in the state (no new objects). */
export function useAppState<T>(select: (s: AppState) => T): T {
  const store = useStore();
  return useSyncExternalStore(store.subscribe, () => select(store.getState()));
}

/** The settings the next turn goes with: the open conversation's own, or for a new one the global Settings and the header's changes. */
export function useTurnSettings(): ConversationSettings {
  const route = useAppState((s) => s.route);
  const openId = useAppState((s) => s.open?.id);
  const openSettings = useAppState((s) => s.open?.settings);
  const settings = useAppState((s) => s.settings);
  const draftSettings = useAppState((s) => s.draftSettings);
  return useMemo(
    () => nextTurnSettings({ route, open: openId ? { id: openId, settings: openSettings } : null, settings, draftSettings }),
    [route, openId, openSettings, settings, draftSettings],
  );
}
