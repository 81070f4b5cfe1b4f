// What a live session does with each event of the Realtime service: speech heard (the turn's start is marked and
// the reply arriving is cut off: barge-in), the input committed (the spoken turn is stored), transcripts, and
// the reply's words and audio (stored, and sent to the page) until it is done; an error event is worded and,
// when fatal, ends the session.
import type { ErrorInfo, ReplyStatus } from '../../../shared/domain';
import type { LiveEndReason, LiveState } from '../../../shared/live';
import type { RealtimeModelInfo } from '../../../shared/realtime-catalog';
import type { RegionHint } from '../api/error-mapping';
import { realtimeErrorInfo } from '../realtime/errors';
import type { ServerEvent } from '../realtime/server-events';
import type { LiveInput } from './live-input';
import type { LiveLimits } from './live-limits';
import { liveUsage, type LiveEventBody, type LiveTurns } from './live-turns';

export interface LiveServerEventsDeps {
  model: RealtimeModelInfo;
  voice: string | null;
  region: RegionHint | null;
  input: LiveInput;
  /** The session's turns and limits, once it has joined its conversation (null before). */
  turns: () => LiveTurns | null;
  limits: () => LiveLimits | null;
  /** Sends a client event (response.cancel) on the socket open now. */
  send: (event: { type: string }) => void;
  state: () => LiveState;
  setState: (next: LiveState) => void;
  emit: (body: LiveEventBody) => void;
  /** A spoken turn's transcript was stored. */
  onTranscript: (text: string) => void;
  end: (reason: LiveEndReason, error: ErrorInfo | null) => void;
  now: () => number;
}

export function createLiveServerEvents(d: LiveServerEventsDeps) {
  const errorContext = { modelLabel: d.model.label, voice: d.voice, region: d.region };

  /** Barge-in: the reply arriving now is cancelled on the server and kept as it came; the page stops playing. */
  function bargeIn(): void {
    const turns = d.turns();
    if (!turns) return;
    if (turns.interrupt()) d.send({ type: 'response.cancel' });
  }

  function handle(e: ServerEvent): void {
    const turns = d.turns();
    if (!turns) return;
    switch (e.type) {
      case 'speech_started':
        d.limits()?.activity();
        d.input.speechStarted(e.audioStartMs);
        bargeIn();
        d.emit({ kind: 'speech_started', audioStartMs: e.audioStartMs ?? 0 });
        d.setState('hearing');
        return;
      case 'speech_stopped':
        d.input.speechStopped(e.audioEndMs);
        d.emit({ kind: 'speech_stopped', audioEndMs: e.audioEndMs ?? 0 });
        return;
      case 'committed':
        d.limits()?.activity();
        turns.userTurn(d.input.committed(), e.itemId);
        if (d.state() === 'hearing') d.setState('listening');
        return;
      case 'transcript': {
        const m = turns.transcript(e.itemId, e.text);
        if (m) d.onTranscript(m.text);
        return;
      }
      case 'transcript_failed':
        turns.transcript(e.itemId, null);
        return;
      case 'response_created':
        d.limits()?.activity();
        turns.startReply(e.responseId);
        d.setState('answering');
        return;
      case 'text_delta':
        turns.replyText(e.responseId, e.delta);
        return;
      case 'audio_delta':
        if (turns.replyAudio(e.responseId, e.pcm, d.now())) d.limits()?.activity();
        return;
      case 'response_done': {
        const status: ReplyStatus = e.status === 'completed' ? 'complete' : e.status === 'cancelled' ? 'interrupted'
          : e.status === 'incomplete' ? 'cut_off' : e.status === 'failed' ? 'failed' : 'complete';
        const error = status === 'failed' && e.error ? realtimeErrorInfo(e.error, errorContext).error : null;
        if (turns.finishReply(e.responseId, status, liveUsage(e.usage), error) && d.state() === 'answering') d.setState('listening');
        return;
      }
      case 'error': {
        const { error, fatal } = realtimeErrorInfo(e.error, errorContext);
        d.emit({ kind: 'error', error, fatal });
        if (fatal) d.end('error', error);
        return;
      }
      default:
        return;
    }
  }

  return { handle, bargeIn };
}
