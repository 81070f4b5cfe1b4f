// What Live voice tells the user quietly, beside the composer, about the session's turn taking, limits and
// faults: a limit coming (the maximum length, or idleness — with what will happen and what to do), why the
// session ended when it ended by itself (said once), that a dropped connection came back, and — once per
// session — that headphones would help. Errors are not here: they are the window's notice (live-voice.ts
// words them with live-error-words.ts). The live-voice slice hands this slice its session's events.
import type { LiveEvent, LiveMode } from '../../shared/live';
import type { StateCell } from './observable-state';

export type LiveNote =
  /** `leftMs`: how long was left when the warning came (the sentence says it once, it does not tick). */
  | { kind: 'limit'; limit: 'max_length' | 'idle'; endsAt: number; leftMs: number }
  | { kind: 'ended'; reason: 'max_length' | 'idle' }
  | { kind: 'reconnected' };

export interface LiveNotesState {
  liveNotes: { note: LiveNote | null; headphones: boolean };
}

export const initialLiveNotes: LiveNotesState = { liveNotes: { note: null, headphones: false } };

/**
 * The headphone heuristic. With the reply playing from speakers, echo cancellation that cannot remove it lets
 * the reply's own voice reach the microphone, and the service's VAD takes it for the user speaking: the reply
 * is cut off by "speech" almost as soon as its sound starts (the echo's path is tens of milliseconds; the
 * VAD needs a few frames). A person who interrupts usually lets the answer speak first. So: speech heard
 * (VAD mode) while a reply is audible, within ECHO_WINDOW_SAMPLES of that reply's first sound, on
 * ECHO_REPLIES different replies of one session, suggests headphones — once per session, dismissable.
 * Push-to-talk sends nothing while the button is up, so echo cannot cut a reply there and it is not counted.
 */
export const ECHO_WINDOW_SAMPLES = 2 * 24_000;
export const ECHO_REPLIES = 2;

export class LiveNotesSlice {
  private echoed = new Set<string>();
  private advised = false;
  private now: () => number;

  constructor(private readonly cell: StateCell<LiveNotesState>, now: () => number = Date.now) {
    this.now = now;
  }

  private set(patch: Partial<LiveNotesState['liveNotes']>): void {
    this.cell.set({ liveNotes: { ...this.cell.get().liveNotes, ...patch } });
  }

  /** A new session: what was said about the last one no longer applies. */
  started(): void {
    this.echoed = new Set();
    this.advised = false;
    this.set({ note: null, headphones: false });
  }

  /** One of this window's session's events. */
  apply(ev: LiveEvent): void {
    const note = this.cell.get().liveNotes.note;
    switch (ev.kind) {
      case 'limit':
        this.set({ note: { kind: 'limit', limit: ev.limit, endsAt: ev.endsAt, leftMs: Math.max(0, ev.endsAt - this.now()) } });
        break;
      case 'speech_started':
      case 'user_turn':
      case 'reply_started':
        // Someone spoke or it answered: the idle limit is put off (the core warns again if it comes back).
        if (note?.kind === 'limit' && note.limit === 'idle') this.set({ note: null });
        break;
      case 'reconnected':
        this.set({ note: { kind: 'reconnected' } });
        break;
      case 'ended':
        // The limits are said here; a drop or an error is said by the window's notice (once, not twice).
        this.set({ note: ev.reason === 'max_length' || ev.reason === 'idle' ? { kind: 'ended', reason: ev.reason } : null, headphones: false });
        break;
      default:
        break;
    }
  }

  /** Speech cut a reply (barge-in) after `heardSamples` of it had played, in `mode`. */
  speechOverReply(messageId: string, heardSamples: number, mode: LiveMode): void {
    if (mode !== 'vad' || this.advised || heardSamples <= 0 || heardSamples > ECHO_WINDOW_SAMPLES) return;
    this.echoed.add(messageId);
    if (this.echoed.size >= ECHO_REPLIES) {
      this.advised = true;
      this.set({ headphones: true });
    }
  }

  dismiss(): void {
    this.set({ note: null });
  }

  dismissHeadphones(): void {
    this.set({ headphones: false });
  }
}
