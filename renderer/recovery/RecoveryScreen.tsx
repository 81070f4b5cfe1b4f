// The recovery screen: an alert that explains why the history could not be opened and offers the two ways
// out — export what can still be read, and start a fresh database (the damaged file is kept aside).
// RecoveryGate.tsx loads it only when the history is damaged.
import { useEffect, useRef, useState } from 'react';
import type { RecoveryStatus } from '../../shared/recovery';
import { describeError, useI18n } from '../i18n';
import { toErrorInfo } from '../state/notices';
import { useStore } from '../state/store-hooks';
import './recovery.css';

export type Phase =
  | { name: 'asking' }
  | { name: 'fine' }
  | { name: 'recovery'; status: RecoveryStatus }
  | { name: 'fresh'; keptAs: string };

export default function RecoveryScreen({ phase, onFresh }: { phase: Extract<Phase, { name: 'recovery' | 'fresh' }>; onFresh: (keptAs: string) => void }) {
  const store = useStore();
  const { t, lang } = useI18n();
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  // A button disabled while it works drops the keyboard focus to the page; it gets it back when done.
  const pressed = useRef<HTMLElement | null>(null);
  useEffect(() => {
    if (busy || !pressed.current) return;
    if (pressed.current.isConnected) pressed.current.focus();
    pressed.current = null;
  }, [busy]);
  const continueButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (phase.name === 'fresh') continueButton.current?.focus();
  }, [phase.name]);

  const run = async (fn: () => Promise<void>) => {
    pressed.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setBusy(true);
    setProblem(null);
    try {
      await fn();
    } catch (err) {
      setProblem(describeError(toErrorInfo(err), lang, t));
    } finally {
      setBusy(false);
    }
  };

  if (phase.name === 'fresh') {
    return (
      <main className="recovery">
        <section className="recovery-card" role="status">
          <p>{t('safety.freshDone', { file: phase.keptAs })}</p>
          {/* A reload gives every part of the window the new history from the start. */}
          <button ref={continueButton} type="button" className="button button-primary" onClick={() => window.location.reload()}>
            {t('safety.continue')}
          </button>
        </section>
      </main>
    );
  }

  const { status } = phase;
  const file = status.fileName ?? 'omni-desk.sqlite';
  return (
    <main className="recovery">
      <section className="recovery-card" role="alert" aria-labelledby="recovery-title">
        <h1 id="recovery-title">{t('safety.recoveryTitle')}</h1>
        <p>{t(`safety.recovery.${status.reason ?? 'damaged'}`, { file })}</p>
        <p>{t('safety.recoveryWhat')}</p>
        {status.detail && <p className="recovery-detail">{t('safety.recoveryDetail', { detail: status.detail })}</p>}
        <div className="recovery-actions">
          <button
            type="button" className="button" disabled={busy}
            onClick={() => void run(async () => {
              const r = await store.recovery.exportReadable();
              setNote(r.saved ? t('safety.exported', { count: r.conversations }) : t('safety.exportCancelled'));
            })}
          >
            {t('safety.exportReadable')}
          </button>
          <button
            type="button" className="button button-primary" disabled={busy}
            onClick={() => void run(async () => {
              const r = await store.recovery.startFresh();
              onFresh(r.keptAs);
            })}
          >
            {t('safety.startFresh')}
          </button>
        </div>
        <p className="recovery-note" role="status">{busy ? t('safety.working') : (note ?? '')}</p>
        {problem && <p className="recovery-problem" role="alert">{problem}</p>}
      </section>
    </main>
  );
}
