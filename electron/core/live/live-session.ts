// One live voice session: the Realtime connection (core/realtime), the microphone's audio from the page's
// channel, turn taking (server VAD, or push-to-talk: turn detection off, commit and response.create on release),
// barge-in (the reply arriving is cancelled, its late deltas dropped, the page told to stop), the limits
// (maximum length, idleness: warned, then ended cleanly), and a dropped socket (opened again once with the same
// settings, or ended with everything said kept). What is said is stored as it happens (live-turns.ts).
import type { ErrorInfo, Message, ReplyStatus } from '../../../shared/domain';
import { decodeLiveFrame, LIVE_FRAME_MIC } from '../../../shared/live-audio';
import type { LiveEndReason, LiveMode, LiveSession, LiveState } from '../../../shared/live';
import { LIVE_INPUT_SAMPLE_RATE, type RealtimeModelInfo } from '../../../shared/realtime-catalog';
import type { RegionHint } from '../api/error-mapping';
import { cutOffError } from '../api/error-mapping';
import { connectRealtime, type RealtimeClient } from '../realtime/client';
import { droppedError, realtimeErrorInfo } from '../realtime/errors';
import type { ServerEvent } from '../realtime/server-events';
import type { SessionConfig } from '../realtime/session-config';
import type { RealtimeSocketFactory } from '../realtime/socket';
import type { LiveAudioChannel } from '../core-interface';
import type { Store } from '../store/history-store';
import type { LiveStore } from '../store/live-store';
import { UserError } from '../user-error';
import { InputTape } from './input-tape';
import { createLiveLimits, type LiveLimits } from './live-limits';
import { createLiveTurns, liveUsage, type LiveEventBody, type LiveTurns } from './live-turns';

export interface LiveLimitsConfig {
  /** At most this long (the model's own maximum is the ceiling). */
  maxMs: number;
  idleMs: number;
  warnBeforeMs: number;
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


/** Microphone audio held while the socket is (re)opening: what is said then is sent once it is ready. */
const PENDING_MAX_BYTES = 10 * LIVE_INPUT_SAMPLE_RATE * 2;
/** A spoken turn is kept from the last ten minutes of audio at most. */
const TAPE_SAMPLES = 10 * 60 * LIVE_INPUT_SAMPLE_RATE;
/** Push-to-talk held for less than this said nothing. */
const MIN_TALK_SAMPLES = Math.round(0.2 * LIVE_INPUT_SAMPLE_RATE);
const SAMPLES_PER_MS = LIVE_INPUT_SAMPLE_RATE / 1000;

export function createLiveSession(d: LiveSessionDeps) {
  const id = d.sessionId;
  let conversationId = '';
  let state: LiveState = 'connecting';
  let mode: LiveMode = d.mode;
  const startedAt = d.now();
  let client: RealtimeClient | null = null;
  let turns: LiveTurns | null = null;
  let limits: LiveLimits | null = null;
  let begun = false;
  const tape = new InputTape(TAPE_SAMPLES);
  /** Where the current server session's input starts on the tape (a new socket counts from 0 again). */
  let serverBase = 0;
  let lastCommitEnd = 0;
  let speechStart: number | null = null;
  let speechEnd: number | null = null;
  let talkStart: number | null = null;
  let talkEnd: number | null = null;
  let talking = false;
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  let reconnected = false;
  let endReason: LiveEndReason | null = null;
  let ending: Promise<LiveSession> | null = null;
  let sink: ((frame: Uint8Array) => void) | null = null;
  let sinkEnded: (() => void) | null = null;
  let micFrames = 0;
  const micLatency: number[] = [];

  const config = (m: LiveMode = mode): SessionConfig => ({ voice: d.voice, instructions: d.instructions, mode: m, vad: d.vad });

  function percentile(p: number): number | null {
    if (micLatency.length === 0) return null;
    const sorted = [...micLatency].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
  }

  function view(): LiveSession {
    const s = turns?.stats() ?? { lateDeltasDropped: 0, replyFrames: 0 };
    return {
      sessionId: id, conversationId, model: d.model.id, modelLabel: d.model.label, voice: d.voice, mode, state,
      startedAt, endsAt: startedAt + Math.min(d.limits.maxMs, d.model.maxSessionMs), idleTimeoutMs: d.limits.idleMs,
      warnBeforeMs: d.limits.warnBeforeMs, vad: d.vad, inputSampleRate: 16_000, outputSampleRate: 24_000, endReason,
      stats: { micFrames, replyFrames: s.replyFrames, lateDeltasDropped: s.lateDeltasDropped, micToSocketP50Ms: percentile(0.5), micToSocketP95Ms: percentile(0.95) },
    };
  }

  const emit = (body: LiveEventBody) => d.emit({ ...body, sessionId: id, conversationId } as LiveEventBody & { sessionId: string; conversationId: string });

  function setState(next: LiveState): void {
    if (state === next || state === 'ended') return;
    state = next;
    emit({ kind: 'state', state, session: view() });
  }

  function open(): RealtimeClient {
    return connectRealtime({
      url: d.realtimeUrl, model: d.model, apiKey: d.apiKey, config: config(), socket: d.socket, region: d.region,
      readyTimeoutMs: d.readyTimeoutMs, log: d.log,
      onEvent: (e) => {
        try {
          onServerEvent(e);
        } catch (err) {
          d.log(`live ${id}: ${e.type} could not be handled: ${String(err)}`);
          if (err instanceof UserError && err.info.kind === 'not_found') void end('deleted', null);
        }
      },
      onDrop: (code, reason, error) => void onDrop(code, reason, error),
    });
  }

  function sendAudio(pcm: Uint8Array): void {
    tape.append(pcm);
    client?.appendAudio(pcm);
  }

  /** Barge-in: the reply arriving now is cancelled on the server and kept as it came; the page stops playing. */
  function bargeIn(): void {
    if (!turns) return;
    if (turns.interrupt()) client?.send({ type: 'response.cancel' });
  }

  /** What the user was saying when the session stopped listening (never committed): kept, without a transcript. */
  function keepUnfinishedSpeech(): void {
    if (!turns) return;
    const from = mode === 'ptt' ? (talking ? talkStart : null) : speechStart;
    if (from !== null) turns.userTurn(tape.slice(from, tape.position), null);
    speechStart = speechEnd = talkStart = talkEnd = null;
    talking = false;
  }

  function onServerEvent(e: ServerEvent): void {
    if (!turns || endReason) return;
    switch (e.type) {
      case 'speech_started': {
        limits?.activity();
        // "Before speech is detected it may fire on each append": the first one marks the start.
        if (speechStart === null) {
          const at = serverBase + Math.round((e.audioStartMs ?? 0) * SAMPLES_PER_MS) - Math.round(d.vad.prefixMs * SAMPLES_PER_MS);
          speechStart = Math.max(lastCommitEnd, Math.min(at, tape.position));
        }
        bargeIn();
        emit({ kind: 'speech_started', audioStartMs: e.audioStartMs ?? 0 });
        setState('hearing');
        return;
      }
      case 'speech_stopped':
        speechEnd = e.audioEndMs === null ? tape.position : Math.min(tape.position, serverBase + Math.round(e.audioEndMs * SAMPLES_PER_MS));
        emit({ kind: 'speech_stopped', audioEndMs: e.audioEndMs ?? 0 });
        return;
      case 'committed': {
        limits?.activity();
        const [from, to] = mode === 'ptt'
          ? [talkStart ?? lastCommitEnd, talkEnd ?? tape.position]
          : [speechStart ?? lastCommitEnd, speechEnd ?? tape.position];
        speechStart = speechEnd = talkStart = talkEnd = null;
        turns.userTurn(tape.slice(from, to), e.itemId);
        lastCommitEnd = Math.max(lastCommitEnd, to);
        tape.dropBefore(lastCommitEnd - Math.round(d.vad.prefixMs * SAMPLES_PER_MS) - LIVE_INPUT_SAMPLE_RATE);
        if (state === 'hearing') setState('listening');
        return;
      }
      case 'transcript': {
        const m = turns.transcript(e.itemId, e.text);
        if (m) d.onTranscript?.(conversationId, m.text);
        return;
      }
      case 'transcript_failed':
        turns.transcript(e.itemId, null);
        return;
      case 'response_created':
        limits?.activity();
        turns.startReply(e.responseId);
        setState('answering');
        return;
      case 'text_delta':
        turns.replyText(e.responseId, e.delta);
        return;
      case 'audio_delta':
        if (turns.replyAudio(e.responseId, e.pcm, d.now())) limits?.activity();
        return;
      case 'response_done': {
        const status: ReplyStatus = e.status === 'completed' ? 'complete' : e.status === 'cancelled' ? 'interrupted'
          : e.status === 'incomplete' ? 'cut_off' : e.status === 'failed' ? 'failed' : 'complete';
        const error = status === 'failed'
          ? (e.error ? realtimeErrorInfo(e.error, { modelLabel: d.model.label, voice: d.voice, region: d.region }).error : null)
          : null;
        if (turns.finishReply(e.responseId, status, liveUsage(e.usage), error) && state === 'answering') setState('listening');
        return;
      }
      case 'error': {
        const { error, fatal } = realtimeErrorInfo(e.error, { modelLabel: d.model.label, voice: d.voice, region: d.region });
        emit({ kind: 'error', error, fatal });
        if (fatal) void end('error', error);
        return;
      }
      default:
        return;
    }
  }

  async function onDrop(code: number, reason: string, error: ErrorInfo | null): Promise<void> {
    if (endReason) return;
    d.log(`live ${id}: the socket closed (${code}${reason ? ` ${reason}` : ''})`);
    if (error) {
      await end('error', error);
      return;
    }
    if (reconnected) {
      await end('dropped', droppedError(reason || null));
      return;
    }
    // Once: a new socket with the session's settings. The model starts again without what was said (the
    // conversation keeps it); the reply that was arriving keeps what came.
    setState('reconnecting');
    turns?.endAll('cut_off', cutOffError(null, 'The connection to the live voice service dropped.'));
    keepUnfinishedSpeech();
    try {
      client = open();
      await client.ready;
    } catch (err) {
      await end('dropped', droppedError(err instanceof Error ? err.message : String(err)));
      return;
    }
    if (endReason) {
      void client.close();
      return;
    }
    reconnected = true;
    serverBase = tape.position;
    lastCommitEnd = tape.position;
    flushPending();
    emit({ kind: 'reconnected' });
    setState('listening');
  }

  function flushPending(): void {
    const held = pending;
    pending = [];
    pendingBytes = 0;
    for (const pcm of held) sendAudio(pcm);
  }

  function receive(frame: Uint8Array): void {
    let f;
    try {
      f = decodeLiveFrame(frame);
    } catch (err) {
      d.log(`live ${id}: a frame from the page was refused: ${String(err)}`);
      return;
    }
    if (f.kind !== LIVE_FRAME_MIC || endReason) return;
    micFrames++;
    // Push-to-talk sends nothing between turns (the microphone stays open for a fast start).
    if (mode === 'ptt' && !talking) return;
    if (state === 'connecting' || state === 'reconnecting' || !client) {
      if (pendingBytes + f.pcm.byteLength <= PENDING_MAX_BYTES) {
        pending.push(f.pcm);
        pendingBytes += f.pcm.byteLength;
      }
      return;
    }
    sendAudio(f.pcm);
    if (f.time > 0) {
      micLatency.push(Date.now() - f.time);
      if (micLatency.length > 1000) micLatency.shift();
    }
  }

  async function end(reason: LiveEndReason, error: ErrorInfo | null): Promise<LiveSession> {
    if (ending) return ending;
    endReason = reason;
    ending = (async () => {
      limits?.stop();
      try {
        if (turns) {
          keepUnfinishedSpeech();
          const status: ReplyStatus = reason === 'user' ? 'cancelled' : reason === 'shutdown' ? 'interrupted' : 'cut_off';
          turns.endAll(status, reason === 'dropped' || reason === 'error' ? error : null);
        }
      } catch (err) {
        d.log(`live ${id}: what was said last could not be stored: ${String(err)}`);
      }
      await client?.close();
      if (begun) {
        try {
          d.liveStore.endSession(id, d.now(), reason, error);
        } catch (err) {
          d.log(`live ${id}: its end could not be recorded: ${String(err)}`);
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
      client = open();
      try {
        await client.ready;
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
      flushPending();
      return view();
    },

    async setMode(next: LiveMode): Promise<LiveSession> {
      if (endReason) throw ended();
      if (next === mode) return view();
      if (!client) throw new UserError('busy', 'The live session is not ready yet. Wait a moment, then try again.');
      await client.update(config(next));
      mode = next;
      talking = false;
      speechStart = speechEnd = talkStart = talkEnd = null;
      d.liveStore.setMode(id, next);
      emit({ kind: 'state', state, session: view() });
      return view();
    },

    talk(action: 'start' | 'stop' | 'cancel'): void {
      if (endReason) throw ended();
      if (mode !== 'ptt') throw new UserError('invalid_input', 'Push-to-talk is off: the service notices by itself when you stop speaking. Switch to push-to-talk to hold a key while you speak.');
      if (!client) return;
      limits?.activity();
      if (action === 'start') {
        if (talking) return;
        bargeIn();
        client.send({ type: 'input_audio_buffer.clear' });
        talking = true;
        talkStart = tape.position;
        setState('hearing');
        return;
      }
      if (!talking) return;
      talking = false;
      if (action === 'cancel' || tape.position - (talkStart ?? tape.position) < MIN_TALK_SAMPLES) {
        client.send({ type: 'input_audio_buffer.clear' });
        const short = action === 'stop';
        talkStart = null;
        setState('listening');
        if (short) {
          emit({
            kind: 'error', fatal: false,
            error: { kind: 'invalid_input', message: 'That was too short to hear. Hold the talk key while you speak, and let go when you are done.', httpStatus: null, code: 'live_too_short', requestId: null, serverMessage: null },
          });
        }
        return;
      }
      talkEnd = tape.position;
      // The official samples commit and ask for the reply back to back.
      client.send({ type: 'input_audio_buffer.commit' });
      client.send({ type: 'response.create' });
      setState('listening');
    },

    /** The page played `samples` of a reply before the user spoke over it (barge-in). */
    heard(messageId: string, samples: number): Message | null {
      if (!turns) return null;
      if (turns.current?.messageId === messageId) bargeIn();
      return turns.heard(messageId, samples);
    },

    /** Connects the page's channel (a second one replaces the first: a reloaded page). */
    attachAudio(send: (frame: Uint8Array) => void, onEnded: () => void): LiveAudioChannel | null {
      if (endReason) return null;
      sinkEnded?.();
      sink = send;
      sinkEnded = onEnded;
      return {
        receive,
        close: () => {
          if (sink === send) {
            sink = null;
            sinkEnded = null;
          }
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
