// A live session's microphone side: the page's PCM frames go to the service (held while the socket is opening
// or reopening, dropped between push-to-talk turns), onto the input tape, and where each spoken turn begins and
// ends is kept — from the server's speech_started/stopped (server VAD) or the talk key (push-to-talk) — so the
// turn's audio can be cut from the tape when it is committed. Also the microphone's figures (frames, the
// capture → socket delay).
import { decodeLiveFrame, LIVE_FRAME_MIC } from '../../../shared/live-audio';
import type { LiveMode } from '../../../shared/live';
import { LIVE_INPUT_SAMPLE_RATE } from '../../../shared/realtime-catalog';
import { InputTape } from './input-tape';

/** Microphone audio held while the socket is (re)opening: what is said then is sent once it is ready. */
const PENDING_MAX_BYTES = 10 * LIVE_INPUT_SAMPLE_RATE * 2;
/** A spoken turn is kept from the last ten minutes of audio at most. */
const TAPE_SAMPLES = 10 * 60 * LIVE_INPUT_SAMPLE_RATE;
/** Push-to-talk held for less than this said nothing. */
const MIN_TALK_SAMPLES = Math.round(0.2 * LIVE_INPUT_SAMPLE_RATE);
const SAMPLES_PER_MS = LIVE_INPUT_SAMPLE_RATE / 1000;
/** The capture → socket delays kept for the session's figures. */
const LATENCIES_KEPT = 1000;

export interface LiveInputDeps {
  /** The server VAD's prefix: a turn's audio starts this much before the speech it detected. */
  prefixMs: number;
  mode: () => LiveMode;
  /** Whether audio can go to the service now (else it is held until flushPending). */
  canSend: () => boolean;
  /** Appends PCM to the service's input buffer. */
  append: (pcm: Uint8Array) => void;
  log: (line: string) => void;
}

/** What releasing the talk key did. */
export type TalkEnd = 'none' | 'cleared' | 'too_short' | 'commit';

export function createLiveInput(d: LiveInputDeps) {
  const tape = new InputTape(TAPE_SAMPLES);
  const prefixSamples = () => Math.round(d.prefixMs * SAMPLES_PER_MS);
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
  let micFrames = 0;
  let lastSeq = -1;
  let missing = 0;
  let outOfOrder = 0;
  const micLatency: number[] = [];

  function send(pcm: Uint8Array): void {
    tape.append(pcm);
    d.append(pcm);
  }

  function percentile(p: number): number | null {
    if (micLatency.length === 0) return null;
    const sorted = [...micLatency].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
  }

  function forgetTurn(): void {
    speechStart = speechEnd = talkStart = talkEnd = null;
  }

  return {
    get talking() {
      return talking;
    },

    /** A frame from the page's channel (only microphone frames are taken). */
    receive(frame: Uint8Array): void {
      let f;
      try {
        f = decodeLiveFrame(frame);
      } catch (err) {
        d.log(`a frame from the page was refused: ${String(err)}`);
        return;
      }
      if (f.kind !== LIVE_FRAME_MIC) return;
      micFrames++;
      // The page numbers its chunks from 0 (again from 0 on a new channel: a reloaded page).
      if (f.seq === 0 || f.seq === lastSeq + 1) lastSeq = f.seq;
      else if (f.seq > lastSeq) {
        missing += f.seq - lastSeq - 1;
        lastSeq = f.seq;
      } else outOfOrder++;
      // Push-to-talk sends nothing between turns (the microphone stays open for a fast start).
      if (d.mode() === 'ptt' && !talking) return;
      if (!d.canSend()) {
        if (pendingBytes + f.pcm.byteLength <= PENDING_MAX_BYTES) {
          pending.push(f.pcm);
          pendingBytes += f.pcm.byteLength;
        }
        return;
      }
      send(f.pcm);
      if (f.time > 0) {
        micLatency.push(Date.now() - f.time);
        if (micLatency.length > LATENCIES_KEPT) micLatency.shift();
      }
    },

    /** Sends what was held while the socket was not ready. */
    flushPending(): void {
      const held = pending;
      pending = [];
      pendingBytes = 0;
      for (const pcm of held) send(pcm);
    },

    /** A new server session (a reopened socket): its audio positions count from here. */
    newServerSession(): void {
      serverBase = tape.position;
      lastCommitEnd = tape.position;
    },

    /** The server heard speech begin (`audioStartMs` into its input); the first one marks the turn's start. */
    speechStarted(audioStartMs: number | null): void {
      // "Before speech is detected it may fire on each append": the first one marks the start.
      if (speechStart !== null) return;
      const at = serverBase + Math.round((audioStartMs ?? 0) * SAMPLES_PER_MS) - prefixSamples();
      speechStart = Math.max(lastCommitEnd, Math.min(at, tape.position));
    },

    speechStopped(audioEndMs: number | null): void {
      speechEnd = audioEndMs === null ? tape.position : Math.min(tape.position, serverBase + Math.round(audioEndMs * SAMPLES_PER_MS));
    },

    /** The server committed the input: the turn's audio, cut from the tape (what came before it is forgotten). */
    committed(): Uint8Array {
      const [from, to] = d.mode() === 'ptt'
        ? [talkStart ?? lastCommitEnd, talkEnd ?? tape.position]
        : [speechStart ?? lastCommitEnd, speechEnd ?? tape.position];
      forgetTurn();
      const pcm = tape.slice(from, to);
      lastCommitEnd = Math.max(lastCommitEnd, to);
      tape.dropBefore(lastCommitEnd - prefixSamples() - LIVE_INPUT_SAMPLE_RATE);
      return pcm;
    },

    /** What the user was saying when the session stopped listening (never committed), or null; then forgotten. */
    unfinished(): Uint8Array | null {
      const from = d.mode() === 'ptt' ? (talking ? talkStart : null) : speechStart;
      const pcm = from !== null ? tape.slice(from, tape.position) : null;
      forgetTurn();
      talking = false;
      return pcm;
    },

    /** The mode changed: no turn is under way. */
    resetTurn(): void {
      talking = false;
      forgetTurn();
    },

    /** The talk key went down; false when it already was. */
    startTalk(): boolean {
      if (talking) return false;
      talking = true;
      talkStart = tape.position;
      return true;
    },

    /** The talk key went up (or the turn was cancelled): what to do with what was said. */
    endTalk(action: 'stop' | 'cancel'): TalkEnd {
      if (!talking) return 'none';
      talking = false;
      if (action === 'cancel' || tape.position - (talkStart ?? tape.position) < MIN_TALK_SAMPLES) {
        talkStart = null;
        return action === 'stop' ? 'too_short' : 'cleared';
      }
      talkEnd = tape.position;
      return 'commit';
    },

    stats: () => ({
      micFrames, micToSocketP50Ms: percentile(0.5), micToSocketP95Ms: percentile(0.95), micFramesMissing: missing, micFramesOutOfOrder: outOfOrder,
    }),
  };
}

export type LiveInput = ReturnType<typeof createLiveInput>;
