// One live voice session, wired from its parts: the connection to the Realtime service and its reconnection
// (live-connection.ts), the microphone's audio from the page's channel with push-to-talk and the spoken turns'
// bounds (live-input.ts), what each service event does — barge-in, replies, transcripts (live-server-events.ts)
// — the turns as stored (live-turns.ts) and the limits (live-limits.ts: maximum length and idleness, warned, then
// ended cleanly). This file holds the session's state, its start and its end.
import type { ErrorInfo, Message, ReplyStatus } from '../../../shared/domain';
import type { LiveEndReason, LiveMode, LiveSession, LiveState } from '../../../shared/live';
import type { RealtimeModelInfo } from '../../../shared/realtime-catalog';
import type { RegionHint } from '../api/error-mapping';
import { cutOffError } from '../api/error-mapping';
import { connectRealtime } from '../realtime/client';
import type { SessionConfig } from '../realtime/session-config';
import type { RealtimeSocketFactory } from '../realtime/socket';
import type { LiveAudioChannel } from '../core-interface';
import type { Store } from '../store/history-store';
import type { LiveStore } from '../store/live-store';
import { UserError } from '../user-error';
import { createLiveConnection } from './live-connection';
import { createLiveInput } from './live-input';
import { createLiveLimits, type LiveLimits } from './live-limits';
import { createLiveServerEvents } from './live-server-events';
import { createLiveTurns, type LiveEventBody, type LiveTurns } from './live-turns';

export interface LiveLimitsConfig {
  /** At most this long (the model's own maximum is the ceiling). */
  maxMs: number;
  idleMs: number;
  warnBeforeMs: number;
  /**
   * The page's audio channel closed (its window closed or went away) and no page took the session's audio
   * again within this long (a reload does): the session ends, as closing the app would end it.
   */
  detachedMs?: number;
}

export interface LiveSessionDeps {
  sessionId: string;
  store: Store;
  liveStore: LiveStore;
  dataDir: string;
  model: RealtimeModelInfo;
  voice: string | null;
  instructions: string;
  mode: LiveMode;
  vad: SessionConfig['vad'];
  realtimeUrl: string;
  apiKey: string;
  region: RegionHint | null;
  socket?: RealtimeSocketFactory;
  limits: LiveLimitsConfig;
  readyTimeoutMs?: number;
  now: () => number;
  log: (line: string) => void;
  /** Pushes a live.event (the core's emit). */
  emit: (body: LiveEventBody & { sessionId: string; conversationId: string }) => void;
  /** A spoken turn's transcript arrived (the conversation may take its title from the first one). */
  onTranscript?: (conversationId: string, text: string) => void;
  /** The session has ended and announced it. */
  onEnded: (sessionId: string) => void;
}

const TOO_SHORT: ErrorInfo = {
  kind: 'invalid_input', message: 'That was too short to hear. Hold the talk key while you speak, and let go when you are done.',
  httpStatus: null, code: 'live_too_short', requestId: null, serverMessage: null,
};

/** How long a session waits for a page to take its audio again after its page went away. */
const DETACHED_MS = 15_000;

export function createLiveSession(d: LiveSessionDeps) {
  const id = d.sessionId;
  const log = (line: string) => d.log(`live ${id}: ${line}`);
  let conversationId = '';
  let state: LiveState = 'connecting';
  let mode: LiveMode = d.mode;
  const startedAt = d.now();
  let turns: LiveTurns | null = null;
  let limits: LiveLimits | null = null;
  let begun = false;
  let endReason: LiveEndReason | null = null;
  let ending: Promise<LiveSession> | null = null;
  let sink: ((frame: Uint8Array) => void) | null = null;
  let detachedTimer: ReturnType<typeof setTimeout> | null = null;
  let sinkEnded: (() => void) | null = null;

  const config = (m: LiveMode = mode): SessionConfig => ({ voice: d.voice, instructions: d.instructions, mode: m, vad: d.vad });

  const connection = createLiveConnection({
    open: (handlers) => connectRealtime({
      url: d.realtimeUrl, model: d.model, apiKey: d.apiKey, config: config(), socket: d.socket, region: d.region,
      readyTimeoutMs: d.readyTimeoutMs, log: d.log, ...handlers,
    }),
    onEvent: (e) => {
      try {
        if (!endReason) events.handle(e);
      } catch (err) {
        log(`${e.type} could not be handled: ${String(err)}`);
        if (err instanceof UserError && err.info.kind === 'not_found') void end('deleted', null);
      }
    },
    ended: () => endReason !== null,
    onReconnecting: () => {
      setState('reconnecting');
      turns?.endAll('cut_off', cutOffError(null, 'The connection to the live voice service dropped.'));
      keepUnfinishedSpeech();
    },
    onReconnected: () => {
      input.newServerSession();
      input.flushPending();
      emit({ kind: 'reconnected' });
      setState('listening');
    },
    onLost: (reason, error) => end(reason, error),
    log,
  });

  const input = createLiveInput({
    prefixMs: d.vad.prefixMs,
    mode: () => mode,
    canSend: () => state !== 'connecting' && state !== 'reconnecting' && connection.client !== null,
    append: (pcm) => connection.client?.appendAudio(pcm),
    log,
  });

  const events = createLiveServerEvents({
    model: d.model, voice: d.voice, region: d.region, input,
    turns: () => turns,
    limits: () => limits,
    send: (event) => connection.client?.send(event),
    state: () => state,
    setState,
    emit: (body) => emit(body),
    onTranscript: (text) => d.onTranscript?.(conversationId, text),
    end: (reason, error) => void end(reason, error),
    now: d.now,
  });

  function view(): LiveSession {
    const s = turns?.stats() ?? { lateDeltasDropped: 0, replyFrames: 0 };
    const mic = input.stats();
    return {
      sessionId: id, conversationId, model: d.model.id, modelLabel: d.model.label, voice: d.voice, mode, state,
      startedAt, endsAt: startedAt + Math.min(d.limits.maxMs, d.model.maxSessionMs), idleTimeoutMs: d.limits.idleMs,
      warnBeforeMs: d.limits.warnBeforeMs, vad: d.vad, inputSampleRate: 16_000, outputSampleRate: 24_000, endReason,
      stats: {
        micFrames: mic.micFrames, replyFrames: s.replyFrames, lateDeltasDropped: s.lateDeltasDropped,
        micToSocketP50Ms: mic.micToSocketP50Ms, micToSocketP95Ms: mic.micToSocketP95Ms,
        micFramesMissing: mic.micFramesMissing, micFramesOutOfOrder: mic.micFramesOutOfOrder,
      },
    };
  }

  function emit(body: LiveEventBody): void {
    d.emit({ ...body, sessionId: id, conversationId } as LiveEventBody & { sessionId: string; conversationId: string });
  }

  function setState(next: LiveState): void {
    if (state === next || state === 'ended') return;
    state = next;
    emit({ kind: 'state', state, session: view() });
  }

  /** What the user was saying when the session stopped listening (never committed): kept, without a transcript. */
  function keepUnfinishedSpeech(): void {
    if (!turns) return;
    const pcm = input.unfinished();
    if (pcm) turns.userTurn(pcm, null);
  }

  async function end(reason: LiveEndReason, error: ErrorInfo | null): Promise<LiveSession> {
    if (ending) return ending;
    endReason = reason;
    if (detachedTimer) clearTimeout(detachedTimer);
    ending = (async () => {
      limits?.stop();
      try {
        if (turns) {
          keepUnfinishedSpeech();
          const status: ReplyStatus = reason === 'user' ? 'cancelled' : reason === 'shutdown' ? 'interrupted' : 'cut_off';
          turns.endAll(status, reason === 'dropped' || reason === 'error' ? error : null);
        }
      } catch (err) {
        log(`what was said last could not be stored: ${String(err)}`);
      }
      await connection.close();
      if (begun) {
        try {
          d.liveStore.endSession(id, d.now(), reason, error);
        } catch (err) {
          log(`its end could not be recorded: ${String(err)}`);
        }
      }
      state = 'ended';
      const final = view();
      if (begun) emit({ kind: 'ended', reason, error, session: final });
      sinkEnded?.();
      sink = null;
      d.onEnded(id);
      return final;
    })();
    return ending;
  }

  return {
    id,
    get conversationId() {
      return conversationId;
    },
    get ended() {
      return endReason !== null;
    },
    view,

    /** Opens the socket and configures the session; rejects with a UserError saying what went wrong. */
    async connect(): Promise<void> {
      try {
        await connection.connect();
      } catch (err) {
        endReason = 'error';
        d.onEnded(id);
        throw err;
      }
    },

    /** The session belongs to this conversation from now on: turns are stored, limits run. */
    begin(cid: string): LiveSession {
      conversationId = cid;
      begun = true;
      turns = createLiveTurns({
        store: d.store, live: d.liveStore, dataDir: d.dataDir, sessionId: id, conversationId: cid, model: d.model, voice: d.voice,
        now: d.now, emit, sendFrame: (frame) => sink?.(frame), log: d.log,
      });
      d.liveStore.createSession({ id, conversationId: cid, model: d.model.id, voice: d.voice, mode, startedAt });
      limits = createLiveLimits({
        startedAt, maxMs: Math.min(d.limits.maxMs, d.model.maxSessionMs), idleMs: d.limits.idleMs, warnBeforeMs: d.limits.warnBeforeMs,
        now: d.now,
        onWarn: (limit, endsAt) => emit({ kind: 'limit', limit, endsAt }),
        onEnd: (limit) => void end(limit, null),
      });
      setState('listening');
      input.flushPending();
      return view();
    },

    async setMode(next: LiveMode): Promise<LiveSession> {
      if (endReason) throw ended();
      if (next === mode) return view();
      const client = connection.client;
      if (!client) throw new UserError('busy', 'The live session is not ready yet. Wait a moment, then try again.');
      await client.update(config(next));
      mode = next;
      input.resetTurn();
      d.liveStore.setMode(id, next);
      emit({ kind: 'state', state, session: view() });
      return view();
    },

    talk(action: 'start' | 'stop' | 'cancel'): void {
      if (endReason) throw ended();
      if (mode !== 'ptt') throw new UserError('invalid_input', 'Push-to-talk is off: the service notices by itself when you stop speaking. Switch to push-to-talk to hold a key while you speak.');
      const client = connection.client;
      if (!client) return;
      limits?.activity();
      if (action === 'start') {
        if (input.talking) return;
        events.bargeIn();
        client.send({ type: 'input_audio_buffer.clear' });
        input.startTalk();
        setState('hearing');
        return;
      }
      const outcome = input.endTalk(action);
      if (outcome === 'none') return;
      if (outcome === 'commit') {
        // The official samples commit and ask for the reply back to back.
        client.send({ type: 'input_audio_buffer.commit' });
        client.send({ type: 'response.create' });
      } else {
        client.send({ type: 'input_audio_buffer.clear' });
      }
      setState('listening');
      if (outcome === 'too_short') emit({ kind: 'error', fatal: false, error: TOO_SHORT });
    },

    /** The page played `samples` of a reply before the user spoke over it (barge-in). */
    heard(messageId: string, samples: number): Message | null {
      if (!turns) return null;
      if (turns.current?.messageId === messageId) events.bargeIn();
      return turns.heard(messageId, samples);
    },

    /** Connects the page's channel (a second one replaces the first: a reloaded page). */
    attachAudio(send: (frame: Uint8Array) => void, onEnded: () => void): LiveAudioChannel | null {
      if (endReason) return null;
      sinkEnded?.();
      sink = send;
      sinkEnded = onEnded;
      if (detachedTimer) clearTimeout(detachedTimer);
      detachedTimer = null;
      return {
        receive: (frame) => {
          if (!endReason) input.receive(frame);
        },
        close: () => {
          if (sink !== send) return;
          sink = null;
          sinkEnded = null;
          // Nobody can hear it or speak to it now: unless a page takes it again soon, it ends.
          detachedTimer = setTimeout(() => {
            detachedTimer = null;
            if (!sink && !endReason) {
              log('no window holds the session any more; ending it');
              void end('shutdown', null);
            }
          }, d.limits.detachedMs ?? DETACHED_MS);
          detachedTimer.unref?.();
        },
      };
    },

    end,
  };
}

export type LiveSessionHandle = ReturnType<typeof createLiveSession>;

function ended(): UserError {
  return new UserError('not_found', 'That live voice session has ended. Start Live voice again.');
}
