// Live voice's turn taking, limits and notes in the composer, while a session runs: the `Push to talk` switch
// (off: server VAD, speak and pause and it answers; on: turn detection off, the turn is sent on release),
// the `Hold to talk` button and the hold key (Space, wherever Space means nothing else — not in the message
// box, not on another button), the time left in the session (quiet, in the bar), and above the composer what
// Live voice tells the user: a limit coming, why it ended, a reconnect, headphone advice.
import { useEffect, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { useI18n, type Translate } from '../i18n';
import type { LiveNote } from '../state/live-notes';
import { useAppState, useStore } from '../state/store-hooks';
import { CloseIcon } from '../ui/icons';
import './live-turns.css';

const useLiveOn = () => useAppState((s) => s.liveVoice.phase !== 'off' && s.liveVoice.phase !== 'starting' && s.liveVoice.phase !== 'ended');

/** Server VAD or push-to-talk, for this session and the next. */
export function LivePttSwitch() {
  const store = useStore();
  const { t } = useI18n();
  const on = useLiveOn();
  const mode = useAppState((s) => s.liveVoice.mode);
  const [switching, setSwitching] = useState(false);
  if (!on) return null;
  return (
    <label className="live-ptt" title={t('live.pttHint')}>
      <input
        type="checkbox"
        role="switch"
        checked={mode === 'ptt'}
        disabled={switching}
        onChange={(e) => {
          const next = e.target.checked ? 'ptt' : 'vad';
          setSwitching(true);
          void store.liveVoice.setMode(next).finally(() => {
            setSwitching(false);
            // Ready to hold Space at once: the talk button takes the focus (Space on a switch would flip it back).
            if (next === 'ptt') requestAnimationFrame(() => document.querySelector<HTMLButtonElement>('.live-talk')?.focus());
          });
        }}
      />
      <span>{t('live.ptt')}</span>
    </label>
  );
}

/** Keys and controls that use Space themselves: there Space is theirs, not the talk key. */
function spaceIsTaken(el: Element | null): boolean {
  if (!el || el === document.body || el === document.documentElement) return false;
  if (el.classList.contains('live-talk')) return false;
  if ((el as HTMLElement).isContentEditable) return true;
  if (el.closest('input, textarea, select, button, a[href], summary, [role="button"], [role="switch"], [role="checkbox"], [role="slider"], [role="menuitem"], [role="option"], [role="tab"], [role="combobox"], [role="radio"], [role="dialog"]')) return true;
  return false;
}

/** Push-to-talk's button, and Space held as its key. */
export function LiveTalkButton() {
  const store = useStore();
  const { t } = useI18n();
  const on = useLiveOn();
  const ptt = useAppState((s) => s.liveVoice.mode === 'ptt');
  const talking = useAppState((s) => s.liveVoice.talking);
  const active = on && ptt;

  useEffect(() => {
    if (!active) return;
    let byKey = false;
    const down = (e: globalThis.KeyboardEvent) => {
      if (e.code !== 'Space' || e.altKey || e.ctrlKey || e.metaKey || spaceIsTaken(document.activeElement)) return;
      e.preventDefault();
      if (e.repeat || byKey) return;
      byKey = true;
      store.liveVoice.talk('start');
    };
    const up = (e: globalThis.KeyboardEvent) => {
      if (e.code !== 'Space' || !byKey) return;
      e.preventDefault();
      byKey = false;
      store.liveVoice.talk('stop');
    };
    // The key's release never comes once the window loses focus: what was said is sent then.
    const blur = () => {
      if (!byKey) return;
      byKey = false;
      store.liveVoice.talk('stop');
    };
    window.addEventListener('keydown', down);
    window.addEventListener('keyup', up);
    window.addEventListener('blur', blur);
    return () => {
      window.removeEventListener('keydown', down);
      window.removeEventListener('keyup', up);
      window.removeEventListener('blur', blur);
    };
  }, [active, store]);

  if (!active) return null;
  const press = (e: PointerEvent<HTMLButtonElement>) => {
    if (e.button !== 0) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    store.liveVoice.talk('start');
  };
  const release = () => store.liveVoice.talk('stop');
  // Enter works like Space on the button (Space itself is the window's hold key above).
  const key = (e: KeyboardEvent<HTMLButtonElement>, start: boolean) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    if (start && !e.repeat) store.liveVoice.talk('start');
    if (!start) store.liveVoice.talk('stop');
  };
  return (
    <button
      type="button"
      className={`button live-talk${talking ? ' live-talk-held' : ''}`}
      aria-label={t('live.talk')}
      aria-pressed={talking}
      title={t('live.talkHint')}
      onPointerDown={press}
      onPointerUp={release}
      onPointerCancel={release}
      onLostPointerCapture={release}
      onKeyDown={(e) => key(e, true)}
      onKeyUp={(e) => key(e, false)}
      onContextMenu={(e) => e.preventDefault()}
    >
      <span className="live-talk-dot" aria-hidden="true" />
      <span aria-hidden="true">{t('live.talk')}</span>
    </button>
  );
}

/** "58 min left": whole minutes (rounded up, as a countdown reads) while there is time, seconds near the end. */
export function timeLeftText(leftMs: number, t: Translate): string {
  const s = Math.max(0, Math.ceil(leftMs / 1000));
  if (s > 120) {
    const m = Math.ceil(s / 60);
    return m >= 60 ? t('live.left.hours', { hours: Math.floor(m / 60), minutes: m % 60 }) : t('live.left.minutes', { minutes: m });
  }
  return t('live.left.seconds', { clock: `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}` });
}

/** How far off a limit is, for the warning's sentence (said once, not counted down). */
export function inText(leftMs: number, t: Translate): string {
  return leftMs >= 90_000 ? t('live.in.minutes', { count: Math.round(leftMs / 60_000) }) : t('live.in.seconds', { count: Math.max(1, Math.round(leftMs / 1000)) });
}

function useNow(on: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!on) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [on]);
  return now;
}

/** The time left in the session, quietly in the bar (a timer: read on demand, not announced every second). */
export function LiveTimeLeft() {
  const { t } = useI18n();
  const on = useLiveOn();
  const endsAt = useAppState((s) => s.liveVoice.endsAt);
  const now = useNow(on && endsAt !== null);
  if (!on || endsAt === null) return null;
  return (
    <span role="timer" className="live-time" aria-label={t('live.timeLeft')} title={t('live.timeLeft')}>
      {timeLeftText(endsAt - now, t)}
    </span>
  );
}

function noteText(n: LiveNote, t: Translate): string {
  switch (n.kind) {
    case 'limit':
      return t(n.limit === 'idle' ? 'live.warn.idle' : 'live.warn.max_length', { left: inText(n.leftMs, t) });
    case 'ended':
      return t(n.reason === 'idle' ? 'live.ended.idle' : 'live.ended.max_length');
    case 'reconnected':
      return t('live.reconnected');
  }
}

/** What Live voice tells the user, above the composer: quiet, one sentence each, dismissable. */
export function LiveVoiceNotes() {
  const store = useStore();
  const { t } = useI18n();
  const { note, headphones } = useAppState((s) => s.liveNotes);
  // Said where the session was: another conversation opened meanwhile does not show it.
  const here = useAppState((s) => s.liveVoice.conversationId !== null && s.route.name === 'conversation' && s.route.id === s.liveVoice.conversationId);
  if (!here || (!note && !headphones)) return null;
  return (
    <div className="live-notes">
      {note && (
        <div role="status" className={`live-note live-note-${note.kind}${note.kind === 'limit' ? ' live-note-warn' : ''}`}>
          <p>{noteText(note, t)}</p>
          <button type="button" className="icon-button" aria-label={t('notice.dismiss')} title={t('notice.dismiss')} onClick={() => store.liveNotes.dismiss()}>
            <CloseIcon />
          </button>
        </div>
      )}
      {headphones && (
        <div role="status" className="live-note live-note-headphones">
          <p>{t('live.headphones')}</p>
          <button type="button" className="icon-button" aria-label={t('notice.dismiss')} title={t('notice.dismiss')} onClick={() => store.liveNotes.dismissHeadphones()}>
            <CloseIcon />
          </button>
        </div>
      )}
    </div>
  );
}
