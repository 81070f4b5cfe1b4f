// Live voice's control in the composer: `Live voice` starts a spoken session in the open conversation (a new
// one from the start page), `End live voice` ends it; beside it, quietly, what the session is doing. The
// microphone module is loaded on first use, like Record's.
import { AudioLines } from 'lucide-react';
import { useI18n, type MessageKey } from '../i18n';
import type { MicError } from '../recorder/mic-errors';
import { useAppState, useStore } from '../state/store-hooks';
import './live-voice.css';

const STATUS: Record<string, MessageKey | undefined> = {
  starting: 'live.status.connecting',
  connecting: 'live.status.connecting',
  listening: 'live.status.listening',
  hearing: 'live.status.hearing',
  answering: 'live.status.answering',
  reconnecting: 'live.status.reconnecting',
};

export function LiveVoiceButton() {
  const store = useStore();
  const { t } = useI18n();
  const phase = useAppState((s) => s.liveVoice.phase);
  const openId = useAppState((s) => (s.route.name === 'conversation' ? s.route.id : null));
  const on = phase !== 'off';
  const label = on ? t('live.end') : t('live.start');

  const start = () => {
    void store.liveVoice.start(
      openId,
      async (onPcm, route) => (await import('../recorder/live-mic')).startLiveMic(onPcm, route),
      (err) => {
        const problem = (err as Partial<MicError> | null)?.problem ?? 'failed';
        const key = `live.mic.${problem}` as MessageKey;
        const detail = (err as Error | null)?.message ?? '';
        store.notices.notify(
          { kind: 'internal', message: t(key, { detail }), httpStatus: null, code: null, requestId: null, serverMessage: null },
          { key, params: { detail } },
        );
      },
    );
  };

  return (
    <button
      type="button"
      className={`button live-voice${on ? ' live-voice-on' : ''}`}
      aria-label={label}
      title={on ? label : t('live.hint')}
      aria-pressed={on}
      disabled={phase === 'starting'}
      onClick={() => (on ? void store.liveVoice.end() : start())}
    >
      {on ? <span className="live-voice-dot" aria-hidden="true" /> : <AudioLines size={18} strokeWidth={1.8} aria-hidden="true" focusable="false" />}
      {/* Off, an icon with its tooltip (the bar is full at 800 px); on, the word that ends it. */}
      {on && <span aria-hidden="true">{t('live.endShort')}</span>}
    </button>
  );
}

/** What the session is doing, in words (a status for screen readers too). */
export function LiveVoiceStatus() {
  const { t } = useI18n();
  const phase = useAppState((s) => s.liveVoice.phase);
  const ptt = useAppState((s) => s.liveVoice.mode === 'ptt');
  const talking = useAppState((s) => s.liveVoice.talking);
  // Push-to-talk: "let go to send" only while the user holds the key or button (speech the server was still
  // hearing when the switch was flipped is not theirs to let go of); otherwise how to talk.
  const key = ptt && talking ? 'live.status.talking' : ptt && (phase === 'listening' || phase === 'hearing') ? 'live.status.ptt' : STATUS[phase];
  return key ? <span className="live-voice-status" role="status">{t(key)}</span> : null;
}
