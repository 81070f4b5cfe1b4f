// Hear voice: a short sample of the chosen voice, said by the model itself. The core asks for it once per
// model, voice and language and keeps it on disk (voices.sample), so later plays cost nothing and work
// offline; here it plays through an <audio> element from the media server (CSP media-src 'self'). Where
// that is comes in as `sampleUrl` (bridge/media-url's voiceSampleUrl): the kit does not import the bridge.
import { Volume2 } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import type { ErrorInfo, Settings } from '../../shared/domain';
import { describeError, useI18n } from '../i18n';
import { toErrorInfo } from '../state/notices';
import { useStore } from '../state/store-hooks';

type State = 'idle' | 'loading' | 'playing' | 'ended';

export interface HearVoiceButtonProps {
  model: Settings['model'];
  voice: string;
  /** The sample's address from its id (bridge/media-url's voiceSampleUrl). */
  sampleUrl: (sampleId: string) => string;
}

export function HearVoiceButton({ model, voice, sampleUrl }: HearVoiceButtonProps) {
  const store = useStore();
  const { t, lang } = useI18n();
  const [state, setState] = useState<State>('idle');
  const [failed, setFailed] = useState<ErrorInfo | null>(null);
  /** Samples played to their end (tests and assistive tech read it from the element). */
  const [ended, setEnded] = useState(0);
  const audio = useRef<HTMLAudioElement>(null);
  // Another voice: the last sample stops and the failure, if any, no longer applies.
  useEffect(() => {
    audio.current?.pause();
    setState('idle');
    setFailed(null);
  }, [model, voice]);

  async function hear(): Promise<void> {
    const el = audio.current;
    if (!el || state === 'loading') return;
    setFailed(null);
    setState('loading');
    try {
      const sample = await store.settings.voiceSample(model, voice);
      el.src = sampleUrl(sample.sampleId);
      el.dataset.cached = String(sample.cached);
      await el.play();
    } catch (err) {
      setState('idle');
      setFailed(toErrorInfo(err));
    }
  }

  return (
    <div className="hear-voice">
      <button type="button" className="button button-small" onClick={() => void hear()} aria-busy={state === 'loading' || undefined}>
        <Volume2 size={15} aria-hidden="true" />
        <span>{t('voiceSample.hear')}</span>
      </button>
      <span className="field-hint" role="status">
        {state === 'loading' ? t('voiceSample.loading') : state === 'playing' ? t('voiceSample.playing', { voice }) : ''}
      </span>
      {failed && <p className="field-error" role="alert">{describeError(failed, lang, t)}</p>}
      <audio
        ref={audio} data-voice-sample={voice} data-state={state} preload="none"
        data-ended={ended}
        onPlaying={() => setState('playing')}
        onEnded={() => {
          setState('ended');
          setEnded((n) => n + 1);
        }}
      />
    </div>
  );
}
