// The window when the history file could not be opened: instead of the app, an alert that explains and
// offers the two ways out (RecoveryScreen.tsx). Asked once at start; while the answer is pending nothing is
// shown, so the normal window never flashes up over a damaged history. The screen itself is loaded only
// when it is needed: a healthy history never downloads it.
import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import { useStore } from '../state/store-hooks';
import type { Phase } from './RecoveryScreen';

const RecoveryScreen = lazy(() => import('./RecoveryScreen'));

export function RecoveryGate({ children }: { children: ReactNode }) {
  const store = useStore();
  const [phase, setPhase] = useState<Phase>({ name: 'asking' });
  useEffect(() => {
    let live = true;
    store.recovery.status().then(
      (status) => live && setPhase(status.needed ? { name: 'recovery', status } : { name: 'fine' }),
      // A shell without the request (or a hiccup) must not keep the app from showing.
      () => live && setPhase({ name: 'fine' }),
    );
    return () => {
      live = false;
    };
  }, [store]);
  if (phase.name === 'asking') return null;
  if (phase.name === 'fine') return <>{children}</>;
  return (
    <Suspense fallback={null}>
      <RecoveryScreen phase={phase} onFresh={(keptAs) => setPhase({ name: 'fresh', keptAs })} />
    </Suspense>
  );
}
