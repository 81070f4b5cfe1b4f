// The composer's voice controls: Record / Stop recording (also Ctrl/⌘+Shift+Space), the Hands-free switch,
// the input level and elapsed time while recording, and what went wrong with the microphone (typing always
// still works). The logic lives in ../recorder/voice-controller.ts; this only shows it. The recorder is
// loaded on first use (the button, the shortcut or the switch), not with the window: most questions are typed.
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { formatDuration } from '../../shared/rules';
import { describeError, useI18n, wordNote, type Translate } from '../i18n';
import type { VoiceController, VoiceNotice, VoiceOptions, VoiceState } from '../recorder/voice-controller';
import { meterValue } from '../recorder/silence';
import { useStore } from '../state/store-hooks';
import { CloseIcon } from '../ui/icons';
import './voice.css';

export interface Voice {
  state: VoiceState;
  toggle(): void;
  setHandsFree(on: boolean): void;
  dismissNotice(): void;
}

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
export const RECORD_SHORTCUT = isMac ? '⌘⇧Space' : 'Ctrl+Shift+Space';

/** What the controls show before the recorder is loaded: nothing is recording. */
const NOT_LOADED: VoiceState = {
  phase: 'idle', elapsedMs: 0, levelDb: -Infinity, limitSec: 0, handsFree: false, waiting: false, notice: null, playable: {},
};
const noSubscription = () => () => {};
const notLoaded = () => NOT_LOADED;

/** One controller for the composer, following the app's state while it is shown; `modelId`: the model the question goes to. */
export function useVoice(modelId?: string): Voice {
  const store = useStore();
  const { t } = useI18n();
  const [controller, setController] = useState<VoiceController | null>(null);
  const options: VoiceOptions = { fileName: (time, ext) => t('voice.fileName', { time, ext }), modelId };
  const latestOptions = useRef(options);
  latestOptions.current = options;
  if (controller) controller.options = options;
  // What the user asked for while the recorder was loading: done once it is connected.
  const pending = useRef<((c: VoiceController) => void) | null>(null);
  const loading = useRef(false);

  // Until the recorder is loaded, the controls show what was asked of it (Starting…, Hands-free on), so a
  // switch does not flip back while the module arrives.
  const [preview, setPreview] = useState<VoiceState>(NOT_LOADED);
  const use = useCallback(
    (act: (c: VoiceController) => void, shows: Partial<VoiceState>) => {
      if (controller) {
        act(controller);
        return;
      }
      pending.current = act;
      setPreview({ ...NOT_LOADED, ...shows });
      if (loading.current) return;
      loading.current = true;
      import('../recorder/voice-controller').then(
        ({ VoiceController: Controller }) => {
          const c = new Controller(store);
          c.options = latestOptions.current;
          setController(c);
        },
        (err: unknown) => {
          loading.current = false;
          pending.current = null;
          setPreview(NOT_LOADED);
          store.notices.report(err);
        },
      );
    },
    [controller, store],
  );

  useEffect(() => {
    if (!controller) return;
    const off = controller.connect();
    const act = pending.current;
    pending.current = null;
    act?.(controller);
    return off;
  }, [controller]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.shiftKey && !e.altKey && e.code === 'Space' && !e.repeat) {
        e.preventDefault();
        use((c) => c.toggle(), { phase: 'starting' });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [use]);

  const loaded = useSyncExternalStore(controller?.subscribe ?? noSubscription, controller?.getState ?? notLoaded);
  return {
    // Also in the one render between the recorder's arrival and the request being handed to it.
    state: controller && !pending.current ? loaded : preview,
    toggle: () => use((c) => c.toggle(), { phase: 'starting' }),
    setHandsFree: (on) => use((c) => c.setHandsFree(on), { handsFree: on, phase: on ? 'starting' : 'idle' }),
    dismissNotice: () => controller?.dismissNotice(),
  };
}

/** m:ss, the same clock as the reply seek bar and the rules' durations. */
const clock = (ms: number): string => formatDuration(ms / 1000);

export function RecordButton({ voice }: { voice: Voice }) {
  const { t } = useI18n();
  const { phase } = voice.state;
  const recording = phase === 'recording';
  const label = recording ? t('voice.stop') : t('voice.record');
  return (
    <button
      type="button"
      className={`button voice-record${recording ? ' voice-recording' : ''}`}
      aria-label={label}
      title={`${label} (${RECORD_SHORTCUT})`}
      disabled={phase === 'starting' || phase === 'saving'}
      onClick={() => voice.toggle()}
    >
      {recording ? <span className="voice-dot" aria-hidden="true" /> : <MicIcon />}
      <span aria-hidden="true">{recording ? t('voice.stopShort') : t('voice.recordShort')}</span>
    </button>
  );
}

export function HandsFreeSwitch({ voice }: { voice: Voice }) {
  const { t } = useI18n();
  return (
    <label className="voice-switch" title={t('voice.handsFreeHint')}>
      <input
        type="checkbox"
        role="switch"
        checked={voice.state.handsFree}
        onChange={(e) => voice.setHandsFree(e.target.checked)}
      />
      <span>{t('voice.handsFree')}</span>
    </label>
  );
}

/** While recording: the level and the time, against the model's limit. */
export function VoiceStatus({ voice }: { voice: Voice }) {
  const { t } = useI18n();
  const { phase, elapsedMs, levelDb, limitSec, handsFree, waiting } = voice.state;
  if (phase === 'recording') {
    return (
      <span className="voice-status">
        <meter className="voice-meter" min={0} max={1} value={meterValue(levelDb)} aria-label={t('voice.level')} />
        <span role="timer" className="voice-time" aria-label={t('voice.elapsed')}>
          {clock(elapsedMs)} / {clock(limitSec * 1000)}
        </span>
        {handsFree && <span className="voice-hint">{t('voice.listening')}</span>}
      </span>
    );
  }
  const text = phase === 'starting' ? t('voice.starting') : phase === 'saving' ? t('voice.saving') : handsFree && waiting ? t('voice.waiting') : null;
  return text ? <span className="voice-status" role="status">{text}</span> : null;
}

function noticeText(n: VoiceNotice, t: Translate, lang: Parameters<typeof describeError>[1]): string {
  switch (n.kind) {
    case 'mic':
      return t(`voice.mic.${n.problem}`, { detail: n.detail });
    case 'limit':
      return t('voice.limit', { limit: clock(n.limitSec * 1000), model: n.model });
    case 'refused':
      // The reason is the core's code, worded in the window's language (its English sentence when it gave none).
      return t('voice.refused', { name: n.name, reason: n.problem ? wordNote(n.problem, lang, t) : n.reason ?? t('voice.refusedUnknown') });
    case 'error':
      return describeError(n.info, lang, t);
  }
}

/** A microphone problem or a failed recording is an alert; the limit is news, not an error. */
export function VoiceNoticeView({ voice }: { voice: Voice }) {
  const { t, lang } = useI18n();
  const n = voice.state.notice;
  if (!n) return null;
  return (
    <div role={n.kind === 'limit' ? 'status' : 'alert'} className={`voice-notice voice-notice-${n.kind}`}>
      <p>{noticeText(n, t, lang)}</p>
      <button type="button" className="icon-button" aria-label={t('notice.dismiss')} title={t('notice.dismiss')} onClick={() => voice.dismissNotice()}>
        <CloseIcon />
      </button>
    </div>
  );
}

/** Plays a recording on its chip, from the page's own copy of it. */
export function RecordingPlayer({ url, name }: { url: string | undefined; name: string }) {
  const { t } = useI18n();
  if (!url) return null;
  return <audio className="voice-playback" controls preload="metadata" src={url} aria-label={t('voice.play', { name })} />;
}

function MicIcon() {
  return (
    <svg viewBox="0 0 24 24" width="18" height="18" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      <rect x="9" y="3" width="6" height="11" rx="3" />
      <path d="M5 11a7 7 0 0 0 14 0M12 18v3" />
    </svg>
  );
}
