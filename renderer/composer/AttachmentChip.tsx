// One attachment waiting to be sent, compact: its picture (thumbnail, waveform or icon), name, one line of
// facts (kind · length · size) and its state with what goes in a word or two; a thin bar while the core
// prepares it; why it cannot go, when it cannot. What was found and everything that will be done open on
// demand (Details). A long recording or video adds the range that chooses the part sent (KeepRange).
// All of it is in a group named `Attachment: <file name>`, its state and any error as text inside.
import { Info, X } from 'lucide-react';
import { lazy, Suspense } from 'react';
import { findModel } from '../../shared/catalog';
import type { AttachmentView } from '../../shared/domain';
import { maxInputTokens } from '../../shared/estimate';
import { useI18n } from '../i18n';
import { formatNumber } from '../i18n/format';
import { useStore } from '../state/store-hooks';
import { IconButton, Popover } from '../ui';
import { factsLine, foundLine, isWaiting, planLines, problemText, shortPlan, stateText } from './chip-text';
import { ChipThumb } from './ChipThumb';

import { RecordingPlayer } from './VoiceControls';

// Only a long file's chip has the range (and the kit's slider): it comes in a chunk of its own, on use.
const KeepRange = lazy(() => import('./KeepRange').then((m) => ({ default: m.KeepRange })));

/** Whether the chip shows the range that chooses the part of a long file sent. */
export function hasKeepRange(a: AttachmentView): boolean {
  return a.keep !== null && (a.maxStartSec ?? 0) > 0 && a.videoMode !== 'frames' && a.state !== 'probing' && a.state !== 'error';
}

/** `recordingUrl`: a recording made in this window, playable on its chip until it is sent or removed. */
export function AttachmentChip({ a, model, recordingUrl }: { a: AttachmentView; model: string; recordingUrl?: string }) {
  const store = useStore();
  const { t, lang } = useI18n();
  const facts = factsLine(a, t, lang);
  const short = a.state === 'ready' || a.state === 'preparing' ? shortPlan(a, t) : null;
  const problem = a.state === 'error' ? problemText(a, t, lang) : null;
  const wide = hasKeepRange(a) || problem !== null;
  // Its checking or preparing waits for its turn in the main process (a few files at a time).
  const waiting = isWaiting(a);
  return (
    <div
      role="group" aria-label={t('attach.chip', { name: a.name })}
      className={`attachment-chip chip-${a.state}${wide ? ' chip-wide' : ''}`} data-state={a.state} data-waiting={waiting || undefined}
    >
      <div className="chip-row">
        <ChipThumb a={a} />
        <div className="chip-text">
          <span className="chip-name" title={a.name}>{a.name}</span>
          {facts && <span className="chip-facts">{facts}</span>}
          <span className="chip-state">
            <span className="chip-state-word">{stateText(a, t)}</span>
            {short && <span className="chip-short"> · {short}</span>}
          </span>
        </div>
        <div className="chip-actions">
          {(a.notes.length > 0 || a.facts) && <ChipDetails a={a} model={model} />}
          <IconButton label={t('attach.remove')} className="chip-remove" icon={<X size={15} aria-hidden="true" />}
            onClick={() => void store.attachments.remove(a.id)} />
        </div>
      </div>
      {problem && <p className="chip-problem">{problem}</p>}
      <RecordingPlayer url={recordingUrl} name={a.name} />
      {hasKeepRange(a) && (
        <Suspense fallback={<div className="keep keep-loading" />}>
          <KeepRange a={a} />
        </Suspense>
      )}
      {a.state === 'preparing' && !waiting && (
        <progress className="chip-progress" max={100} value={Math.round(a.progress * 100)} aria-label={t('attach.progress', { name: a.name })} />
      )}
    </div>
  );
}

/** What was found, what will be done (each note a sentence), the input tokens it takes, and the video choice. */
function ChipDetails({ a, model }: { a: AttachmentView; model: string }) {
  const store = useStore();
  const { t, lang } = useI18n();
  const found = foundLine(a, t, lang);
  const lines = planLines(a, t, lang);
  const limit = maxInputTokens(model, false);
  const tokens = a.measure?.tokens ?? null;
  return (
    <Popover
      label={t('attach.detailsLabel', { name: a.name })} side="top" align="end" className="chip-details"
      trigger={<IconButton label={t('attach.details')} className="chip-info" icon={<Info size={15} aria-hidden="true" />} />}
    >
      <p className="chip-details-name">{a.name}</p>
      {found && (
        <section>
          <h3>{t('attach.found')}</h3>
          <p>{found}</p>
        </section>
      )}
      {lines.length > 0 && (
        <section>
          <h3>{t('attach.willDo')}</h3>
          {lines.map((line, i) => <p key={i}>{line}</p>)}
        </section>
      )}
      {tokens !== null && limit !== null && (
        <p className="chip-details-tokens">
          {t('attach.tokens', { tokens: formatNumber(tokens, lang), limit: formatNumber(limit, lang), model: findModel(model)?.label ?? model })}
        </p>
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
    </Popover>
  );
}
