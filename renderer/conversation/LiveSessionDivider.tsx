// The quiet line that opens a live voice session's turns in the conversation: "Live voice · 3 min" and,
// once the session has ended, Export WAV — the whole session as one WAV (every spoken turn and reply in
// order; Electron asks where through its save dialog, the browser shell downloads). The length is the time
// from the session's first turn to its last reply, as the stored turns tell it.
import { Download } from 'lucide-react';
import type { Language, Message } from '../../shared/domain';
import { useI18n, type Translate } from '../i18n';
import { useAppState, useStore } from '../state/store-hooks';
import './live-history.css';

/** The messages of each session, by session id, in the conversation's order. */
export function liveSessionsOf(messages: readonly Message[]): Map<string, Message[]> {
  const out = new Map<string, Message[]>();
  for (const m of messages) {
    if (!m.liveSessionId) continue;
    const list = out.get(m.liveSessionId);
    if (list) list.push(m);
    else out.set(m.liveSessionId, [m]);
  }
  return out;
}

/** "40 s" under a minute, else whole minutes ("3 min"), in the language's number format. */
export function sessionLength(turns: readonly Message[], lang: Language, t: Translate): string | null {
  const first = turns[0];
  const last = turns[turns.length - 1];
  if (!first || !last) return null;
  const seconds = Math.max(0, (Math.max(last.updatedAt, last.createdAt) - first.createdAt) / 1000);
  const number = (n: number) => new Intl.NumberFormat(lang).format(n);
  return seconds < 60 ? t('liveHistory.seconds', { count: number(Math.max(1, Math.round(seconds))) }) : t('liveHistory.minutes', { count: number(Math.round(seconds / 60)) });
}

export function LiveSessionDivider({ sessionId, turns }: { sessionId: string; turns: readonly Message[] }) {
  const store = useStore();
  const { t, lang } = useI18n();
  const on = useAppState((s) => s.liveVoice.sessionId === sessionId);
  const length = on ? null : sessionLength(turns, lang, t);
  const label = length ? t('liveHistory.sessionLength', { length }) : t('liveHistory.session');
  return (
    <div className="live-divider" role="group" aria-label={label} data-live-session={sessionId}>
      <span className="live-divider-rule" aria-hidden="true" />
      <span className="live-divider-text">{label}</span>
      {!on && (
        <button
          type="button"
          className="live-divider-export"
          aria-label={t('liveHistory.exportWavLabel')}
          onClick={() => void store.exports.liveSession(sessionId)}
        >
          <Download size={13} aria-hidden="true" />
          <span>{t('liveHistory.exportWav')}</span>
        </button>
      )}
      <span className="live-divider-rule" aria-hidden="true" />
    </div>
  );
}
