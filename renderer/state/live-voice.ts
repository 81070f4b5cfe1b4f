// Live voice in the open conversation (issue 21): starts and ends a session, follows its live.events, moves its
// audio — microphone chunks out, the reply's PCM into the player — on the session's own channel
// (OmniBridge.openLiveAudio), and answers a barge-in: when the user speaks over a reply, playback stops at once
// and the core is told how much was heard (live.heard), so the stored reply is what was actually heard. The
// turns themselves are stored by the core; the open conversation is reloaded quietly as they arrive.
// The microphone is given to start() by the caller (the composer opens it through renderer/recorder), so this
// slice stays below the features.
import type { OmniBridge } from '../../shared/contract';
import type { ErrorInfo } from '../../shared/domain';
import type { LiveEvent, LiveMode, LiveState } from '../../shared/live';
import {
  decodeLiveFrame, encodeLiveFrame, LIVE_FRAME_MIC, LIVE_FRAME_REPLY, LIVE_FRAME_STOP, type LiveAudioChannel,
} from '../../shared/live-audio';
import type { Playback } from '../player/playback';
import { liveErrorWords } from './live-error-words';
import type { LiveNotesSlice } from './live-notes';
import { toErrorInfo, type NoticesSlice } from './notices';
import type { StateCell } from './observable-state';
import type { OpenConversationSlice } from './open-conversation';
import { navigate } from './router';

/** 'off', 'starting' (asking the core, opening the microphone), then the session's own states. */
export type LivePhase = 'off' | 'starting' | LiveState;

export interface LiveVoiceState {
  liveVoice: {
    phase: LivePhase;
    sessionId: string | null;
    conversationId: string | null;
    /** How turns are taken: the session's while one runs, else the one the next session starts with. */
    mode: LiveMode;
    /** Push-to-talk: the button or key is held (the core is told at once; this is what the window shows). */
    talking: boolean;
    /** When the session's maximum length ends it (ms since epoch); null when off. */
    endsAt: number | null;
  };
}

/** The last choice of turn taking, kept for the next session (a window preference, like the playback speed). */
const MODE_KEY = 'omni.liveMode';

function savedMode(): LiveMode {
  try {
    return globalThis.localStorage?.getItem(MODE_KEY) === 'ptt' ? 'ptt' : 'vad';
  } catch {
    return 'vad';
  }
}

export const initialLiveVoice = (): LiveVoiceState => ({
  liveVoice: { phase: 'off', sessionId: null, conversationId: null, mode: savedMode(), talking: false, endsAt: null },
});

/**
 * What opens the microphone: `onPcm` gets 16 kHz PCM16 chunks, unless `route` hands them to the session's
 * channel inside the worklet (issue 21: no hop through this thread; see LiveAudioChannel.route). The answer stops it.
 */
export type OpenMic = (
  onPcm: (pcm: Uint8Array, capturedAt: number) => void,
  route: (toMic: (message: unknown, transfer: unknown[]) => void) => ((message: unknown) => void) | null,
) => Promise<{ stop(): void }>;

export class LiveVoiceSlice {
  private channel: LiveAudioChannel | null = null;
  private mic: { stop(): void } | null = null;
  private micSeq = 0;
  /** The reply playing now, until it is done or the user speaks over it. */
  private playing: { messageId: string; conversationId: string } | null = null;

  constructor(
    private readonly cell: StateCell<LiveVoiceState>,
    private readonly bridge: OmniBridge,
    private readonly playback: Playback,
    private readonly notices: NoticesSlice,
    private readonly conversation: OpenConversationSlice,
    private readonly notes: LiveNotesSlice,
  ) {}

  private set(patch: Partial<LiveVoiceState['liveVoice']>): void {
    this.cell.set({ liveVoice: { ...this.cell.get().liveVoice, ...patch } });
  }

  /** Starts Live voice in this conversation (null: a new one). Resolves once listening, or with the failure told. */
  async start(conversationId: string | null, openMic: OpenMic, onMicError: (err: unknown) => void): Promise<void> {
    if (this.cell.get().liveVoice.phase !== 'off') return;
    this.set({ phase: 'starting', sessionId: null, conversationId, talking: false });
    this.notes.started();
    // Inside the click: the AudioContext is made (or resumed) now, so the reply can go straight to its worklet.
    void this.playback.prime().catch(() => {});
    let sessionId: string | null = null;
    try {
      const session = await this.bridge.invoke('live.start', { conversationId, mode: this.cell.get().liveVoice.mode });
      sessionId = session.sessionId;
      this.set({ sessionId, conversationId: session.conversationId, phase: session.state, mode: session.mode, endsAt: session.endsAt });
      if (conversationId === null) navigate({ name: 'conversation', id: session.conversationId });
      const channel = await this.bridge.openLiveAudio(session.sessionId);
      this.channel = channel;
      channel.onFrame((bytes) => this.frame(bytes));
      channel.onClose(() => {
        if (this.channel === channel) this.channel = null;
      });
    } catch (err) {
      this.report(err);
      await this.cleanUp(sessionId);
      return;
    }
    try {
      this.mic = await openMic(
        (pcm, capturedAt) => {
          this.channel?.send(encodeLiveFrame({ kind: LIVE_FRAME_MIC, seq: this.micSeq++, time: capturedAt, messageId: '', pcm }));
        },
        (toMic) => {
          const channel = this.channel;
          return channel?.route ? channel.route(toMic, this.playback.livePort()) : null;
        },
      );
    } catch (err) {
      onMicError(err);
      await this.cleanUp(sessionId);
    }
  }

  /**
   * Switches between server VAD and push-to-talk: the session's own when one runs (session.update), and
   * the choice the next session starts with either way.
   */
  async setMode(mode: LiveMode): Promise<void> {
    const { sessionId } = this.cell.get().liveVoice;
    try {
      globalThis.localStorage?.setItem(MODE_KEY, mode);
    } catch {
      // Storage refused: the choice lasts for this window only.
    }
    if (!sessionId) {
      this.set({ mode });
      return;
    }
    try {
      const session = await this.bridge.invoke('live.mode', { sessionId, mode });
      this.set({ mode: session.mode, talking: false });
    } catch (err) {
      this.report(err);
    }
  }

  /**
   * Push-to-talk: `start` when the button or key goes down (a reply playing is cut, as by speech), `stop` on
   * release (the turn is committed and answered), `cancel` to drop what was said (focus lost while held).
   */
  talk(action: 'start' | 'stop' | 'cancel'): void {
    const { sessionId, mode, talking } = this.cell.get().liveVoice;
    if (!sessionId || mode !== 'ptt') return;
    if (action === 'start') {
      if (talking) return;
      // The reply playing stops now, as when speech is heard; the core cancels it and keeps what was heard.
      this.bargeIn();
    } else if (!talking) {
      return;
    }
    this.set({ talking: action === 'start' });
    this.bridge.invoke('live.talk', { sessionId, action }).catch((err: unknown) => this.report(err));
  }

  /** Ends the session cleanly: a reply still arriving is kept as far as it came. */
  async end(): Promise<void> {
    const { sessionId } = this.cell.get().liveVoice;
    await this.cleanUp(sessionId);
  }

  private async cleanUp(sessionId: string | null): Promise<void> {
    this.mic?.stop();
    this.mic = null;
    if (sessionId) {
      try {
        await this.bridge.invoke('live.end', { sessionId });
      } catch {
        // Already ended (the limit, the socket): nothing more to end.
      }
    }
    this.closed();
  }

  private closed(): void {
    this.mic?.stop();
    this.mic = null;
    this.channel?.close();
    this.channel = null;
    if (this.playing) this.playback.endLive(this.playing.messageId);
    this.playing = null;
    this.micSeq = 0;
    const { conversationId } = this.cell.get().liveVoice;
    this.set({ phase: 'off', sessionId: null, talking: false, endsAt: null });
    this.reload(conversationId);
  }

  /** A live.event from the core (every window gets them; only this window's session is followed). */
  apply(ev: LiveEvent): void {
    const { sessionId, conversationId } = this.cell.get().liveVoice;
    if (!sessionId || ev.sessionId !== sessionId) return;
    this.notes.apply(ev);
    switch (ev.kind) {
      case 'state':
        this.set({ phase: ev.state, mode: ev.session.mode, endsAt: ev.session.endsAt });
        break;
      case 'speech_started':
        this.bargeIn();
        break;
      case 'user_turn':
      case 'transcript':
      case 'reply_started':
        this.reload(conversationId);
        break;
      case 'reply_done':
        if (this.playing?.messageId === ev.message.id) this.playback.endLive(ev.message.id);
        this.reload(conversationId);
        break;
      case 'error':
        if (!ev.fatal) this.tell(ev.error);
        break;
      case 'ended':
        if (ev.error) this.tell(ev.error as ErrorInfo);
        this.closed();
        break;
      default:
        break;
    }
  }

  private frame(bytes: Uint8Array): void {
    let f;
    try {
      f = decodeLiveFrame(bytes);
    } catch {
      return;
    }
    const conversationId = this.cell.get().liveVoice.conversationId ?? '';
    if (f.kind === LIVE_FRAME_REPLY) {
      if (this.playing?.messageId !== f.messageId) this.playing = { messageId: f.messageId, conversationId };
      this.playback.feed(f.messageId, f.pcm, f.time, conversationId);
    } else if (f.kind === LIVE_FRAME_STOP) {
      this.bargeIn();
    }
  }

  /** The user spoke over the reply: silence it now, and tell the core how much was heard. */
  private bargeIn(): void {
    const playing = this.playing;
    const { sessionId } = this.cell.get().liveVoice;
    if (!playing || !sessionId) return;
    this.playing = null;
    // What was heard is what the worklet had played when the stop reached it: the count it last reported
    // can be behind by as long as this thread was busy, and the stored reply must end where the sound did.
    const mode = this.cell.get().liveVoice.mode;
    this.playback.stopCounted(playing.messageId)
      .then((heard) => {
        this.notes.speechOverReply(playing.messageId, heard, mode);
        return this.bridge.invoke('live.heard', { sessionId, messageId: playing.messageId, samples: heard });
      })
      .then(
        () => this.reload(playing.conversationId),
        () => {},
      );
  }

  /** A live error as the window's notice, in the window's live words (live-error-words.ts) when it has them. */
  private tell(info: ErrorInfo): void {
    const words = liveErrorWords(info);
    this.notices.notify(info, words ?? undefined);
  }

  private report(err: unknown): void {
    this.tell(toErrorInfo(err));
  }

  /** The stored turns changed: the open conversation shows them soon (once for a burst of events). */
  private reload(conversationId: string | null): void {
    if (conversationId) this.conversation.otherWindowTalked(conversationId);
  }
}
