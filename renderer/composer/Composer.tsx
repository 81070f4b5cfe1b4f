// The composer: type, attach (Attach, or drop files anywhere on the window), Send (Enter; Shift+Enter
// for a new line), Stop while a reply streams. The draft and the chips stay when sending fails, and when
// the user kept typing while it was being sent.
import { lazy, Suspense, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { findModel } from '../../shared/catalog';
import { useI18n } from '../i18n';
import { useAppState, useStore, useTurnSettings } from '../state/store-hooks';
import { SendIcon, StopIcon } from '../ui/icons';
import { AttachmentChip, hasKeepRange } from './AttachmentChip';
import { useInputProblems } from './input-check';
import { SendRules, useSettingsProblems } from './SendRules';
import './chips.css';
import { HandsFreeSwitch, RecordButton, useVoice, VoiceNoticeView, VoiceStatus } from './VoiceControls';
import { LiveVoiceButton, LiveVoiceStatus } from './LiveVoiceControls';

// A live session's own controls (push-to-talk, time left, its notes) load with the first session, not with the
// window: the window's first load has a budget (test/shell/bundle-size.test.ts) and most windows never use them.
const liveTurns = () => import('./LiveTurnControls');
const LivePttSwitch = lazy(() => liveTurns().then((m) => ({ default: m.LivePttSwitch })));
const LiveTalkButton = lazy(() => liveTurns().then((m) => ({ default: m.LiveTalkButton })));
const LiveTimeLeft = lazy(() => liveTurns().then((m) => ({ default: m.LiveTimeLeft })));
const LiveVoiceNotes = lazy(() => liveTurns().then((m) => ({ default: m.LiveVoiceNotes })));

/** A pasted text that is just a link to a media file becomes an attachment; any other text is pasted. */
const MEDIA_LINK = /^https?:\/\/\S+\.(jpe?g|png|webp|bmp|gif|tiff?|heic|mp3|wav|aac|amr|3gp|m4a|flac|ogg|opus|mp4|mov|mkv|avi|flv|wmv|webm|mpe?g|m4v)([?#]\S*)?$/i;

export function Composer() {
  const store = useStore();
  const { t } = useI18n();
  const liveShown = useAppState((s) => s.liveVoice.phase !== 'off');
  const liveNoted = useAppState((s) => s.liveNotes.note !== null || s.liveNotes.headphones);
  const sending = useAppState((s) => s.sending);
  // The reply streaming in the open conversation, which Stop ends.
  const streamingId = useAppState((s) => s.open?.messages.findLast((m) => m.role === 'assistant' && m.status === 'streaming')?.id ?? null);
  // The open conversation's own settings (a new one: the global Settings and the header's changes).
  const settings = useTurnSettings();
  const [draft, setDraft] = useState('');
  // "Send without the earliest turns", chosen for this conversation's next message.
  const [leaveOut, setLeaveOut] = useState<string | null>(null);
  const openId = useAppState((s) => s.open?.id ?? null);
  const input = useRef<HTMLTextAreaElement>(null);
  const picker = useRef<HTMLInputElement>(null);
  const attachments = useAppState((s) => s.attachments);
  const allReady = attachments.every((a) => a.state === 'ready');
  const problems = [...useSettingsProblems(), ...useInputProblems(draft, attachments, settings, leaveOut === (openId ?? ''))];
  useEffect(() => {
    if (leaveOut !== null && leaveOut !== (openId ?? '')) setLeaveOut(null);
  }, [openId, leaveOut]);
  const mic = useVoice(settings.model);

  const model = findModel(settings.model);
  const voice = model?.voices.find((v) => v.id === settings.voice)?.label ?? settings.voice;
  const thinking = settings.thinking && !!model?.thinking;
  const mode = thinking
    ? t('composer.modeThinking', { model: model?.label ?? settings.model })
    : settings.speakReplies
      ? t('composer.modeSpeak', { model: model?.label ?? settings.model, voice })
      : t('composer.modeText', { model: model?.label ?? settings.model });

  const canSend = (draft.trim().length > 0 || attachments.length > 0) && allReady && !sending && !streamingId && problems.length === 0;

  function send(): void {
    if (!canSend) return;
    const text = draft;
    void store.turns.send(text).then((ok) => {
      if (ok) {
        setDraft((d) => (d === text ? '' : d));
        setLeaveOut(null);
      }
      input.current?.focus();
    });
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>): void {
    // An IME composing Chinese uses Enter to confirm a candidate, not to send.
    if (e.key === 'Enter' && !e.shiftKey && !e.altKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      send();
    }
  }

  return (
    <section className="composer" aria-label={t('composer.region')}>
      <SendRules problems={problems} onLeaveOutOldTurns={() => setLeaveOut(openId ?? '')} />
      <VoiceNoticeView voice={mic} />
      {liveNoted && <Suspense fallback={null}><LiveVoiceNotes /></Suspense>}
      <div className="composer-box">
        {attachments.length > 0 && (
          <div className="chips" role="list" aria-label={t('attach.list')}>
            {attachments.map((a) => (
              <div role="listitem" key={a.id} className={hasKeepRange(a) || a.state === 'error' ? 'chip-item chip-item-wide' : 'chip-item'}>
                <AttachmentChip a={a} model={settings.model} recordingUrl={mic.state.playable[a.id]} />
              </div>
            ))}
          </div>
        )}
        <textarea
          ref={input}
          className="composer-input"
          aria-label={t('composer.message')}
          placeholder={t('composer.placeholder')}
          value={draft}
          rows={1}
          autoFocus
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={onKeyDown}
          onPaste={(e) => {
            const pasted = e.clipboardData.getData('text/plain').trim();
            if (MEDIA_LINK.test(pasted)) {
              e.preventDefault();
              void store.attachments.addUrl(pasted);
            } else if (e.clipboardData.files.length > 0) {
              e.preventDefault();
              void store.attachments.addFiles([...e.clipboardData.files]);
            }
          }}
        />
        <div className="composer-bar">
          <button type="button" className="button" onClick={() => picker.current?.click()}>
            {t('attach.button')}
          </button>
          <RecordButton voice={mic} />
          <HandsFreeSwitch voice={mic} />
          <LiveVoiceButton />
          {liveShown && (
            <Suspense fallback={null}>
              <LivePttSwitch />
              <LiveTalkButton />
            </Suspense>
          )}
          <input
            ref={picker}
            type="file"
            multiple
            hidden
            data-testid="attach-input"
            accept="image/*,audio/*,video/*"
            onChange={(e) => {
              const files = [...(e.target.files ?? [])];
              e.target.value = '';
              void store.attachments.addFiles(files);
            }}
          />
          <VoiceStatus voice={mic} />
          <LiveVoiceStatus />
          {liveShown && <Suspense fallback={null}><LiveTimeLeft /></Suspense>}
          {attachments.length > 0 && !allReady
            ? <span className="composer-mode composer-mode-wait">{t('attach.notReady')}</span>
            : <span className="composer-mode">{mode}</span>}
          {streamingId ? (
            <button type="button" className="button button-danger" onClick={() => void store.turns.stop(streamingId)}>
              <StopIcon />
              <span>{t('composer.stop')}</span>
            </button>
          ) : (
            <button type="button" className="button button-primary" disabled={!canSend} aria-disabled={!canSend} onClick={send}>
              <span>{t('composer.send')}</span>
              <SendIcon />
            </button>
          )}
        </div>
      </div>
      <p className="composer-hint" aria-hidden="true">{t('composer.hint')}</p>
    </section>
  );
}
