// One attachment waiting to be sent: what was found, what will be done to it, a progress bar while the
// main process prepares it, the video file-or-frames choice when there is one, and any error, all as
// visible text inside a group named after the file.
import type { AttachmentView } from '../../shared/domain';
import { useI18n } from '../i18n';
import { useStore } from '../state/store-hooks';
import { RecordingPlayer } from './VoiceControls';

/** `recordingUrl`: a recording made in this window, playable on its chip until it is sent or removed. */
export function AttachmentChip({ a, recordingUrl }: { a: AttachmentView; recordingUrl?: string }) {
  const store = useStore();
  const { t } = useI18n();
  const percent = Math.round(a.progress * 100);
  // Its checking or preparing waits for its turn in the main process (a few files at a time).
  const waiting = a.waiting && (a.state === 'probing' || a.state === 'preparing');
  const stateText = waiting ? t('attach.waiting') : a.state === 'probing' ? t('attach.probing')
    : a.state === 'preparing' ? t('attach.preparing', { percent })
      : a.state === 'ready' ? t('attach.ready') : t('attach.error');
  return (
    <div role="group" aria-label={t('attach.chip', { name: a.name })} className={`attachment-chip chip-${a.state}`} data-state={a.state} data-waiting={waiting || undefined}>
      <div className="chip-head">
        <span className="chip-name">{a.name}</span>
        <span className="chip-state">{stateText}</span>
        <button type="button" className="chip-remove" aria-label={t('attach.remove')} title={t('attach.remove')}
          onClick={() => void store.attachments.remove(a.id)}>
          ×
        </button>
      </div>
      {a.found && <p className="chip-found">{a.found}</p>}
      <RecordingPlayer url={recordingUrl} name={a.name} />
      {a.plan && <p className="chip-plan">{a.plan}</p>}
      {a.state === 'preparing' && !waiting && (
        <progress className="chip-progress" max={100} value={percent} aria-label={t('attach.progress', { name: a.name })} />
      )}
      {a.choices.length > 1 && a.state !== 'probing' && (
        <fieldset className="chip-choice">
          <legend>{t('attach.sendAs')}</legend>
          {a.choices.map((c) => (
            <label key={c}>
              <input type="radio" name={`send-as-${a.id}`} checked={a.videoMode === c}
                onChange={() => void store.attachments.setOptions(a.id, { videoMode: c })} />
              {c === 'file' ? t('attach.asFile') : t('attach.asFrames')}
            </label>
          ))}
        </fieldset>
      )}
      {a.maxStartSec !== null && a.maxStartSec > 0 && a.videoMode !== 'frames' && a.state !== 'probing' && (
        <label className="chip-window">
          {t('attach.startAt')}{' '}
          <input
            type="number"
            min={0}
            max={Math.floor(a.maxStartSec)}
            step={1}
            defaultValue={Math.round(a.windowStartSec ?? 0)}
            onBlur={(e) => {
              const v = Math.min(Math.max(0, Number(e.target.value) || 0), a.maxStartSec ?? 0);
              if (Math.round(v) !== Math.round(a.windowStartSec ?? 0)) void store.attachments.setOptions(a.id, { windowStartSec: v });
            }}
          />
        </label>
      )}
      {a.error && <p className="chip-message-error">{a.error}</p>}
    </div>
  );
}
