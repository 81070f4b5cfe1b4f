// What the Realtime stand-in's sessions do (README.md beside this file lists the knobs). setScenario() merges
// a partial scenario into the current one; it applies to the sessions and turns that follow.
import type { CustomModelInput } from '../../shared/custom-models';

/** An `error` event as the service sends it. */
export interface RealtimeErrorSpec {
  type?: string;
  code?: string | null;
  message: string;
  param?: string | null;
}

export interface RealtimeScenario {
  // ---- what is said
  /** Transcripts of the user's turns, one per committed turn in order; when they run out, "Turn N (S s)". */
  transcripts: string[];
  /** What the model says; `replies` (one per reply, in order) first, then this. */
  replyText: string;
  replies: string[];
  /** espeak-ng speech of the reply (24 kHz), instead of tones of `audioSeconds`. */
  speech: boolean;
  speechVoice: string;
  audioSeconds: number;
  /** Audio per response.audio.delta. */
  chunkMs: number;
  /** 1: audio at real time (a delta every chunkMs); 4: four times as fast; 0: as fast as the socket takes it. */
  pace: number;
  /** From the commit to the transcript, and to response.created. */
  transcriptDelayMs: number;
  responseDelayMs: number;
  /** The transcription fails (conversation.item.input_audio_transcription.failed). */
  transcriptionFails: boolean;

  // ---- barge-in
  /** Deltas of a response still sent after the client's response.cancel (in flight, as on a real network). */
  lateDeltasAfterCancel: number;
  /** response.done {status: "cancelled"} follows a cancel (false: it never comes, as reported for 3.5). */
  doneAfterCancel: boolean;

  // ---- limits and faults
  /** The session is closed this long after it opened (the service's cap is 120 minutes). */
  sessionMaxMs: number;
  /** No client event for this long closes the session (pings do not count). */
  idleTimeoutMs: number;
  /** Answer these client event types with this error event instead of acting on them. */
  errorOn: Partial<Record<string, RealtimeErrorSpec>>;
  /** Close the socket right after session.created with this code and reason (1007: the free tier used up). */
  closeAfterCreated: { code: number; reason: string } | null;
  /** Refuse this many of the next upgrades with HTTP 503 (a reconnect that fails). */
  refuseUpgrades: number;
  /** Drop the TCP connection this long after the session was configured (no close frame). */
  dropAfterMs: number | null;
  /** Wait this long before answering an upgrade (a slow reconnect the window can be seen waiting for). */
  upgradeDelayMs: number;
  /**
   * The reply's own voice comes back: this long after a response's first audio delta, the session's VAD
   * reports speech (input_audio_buffer.speech_started), as the service does when the client's echo
   * cancellation leaves the reply audible in the microphone (null: never). Server VAD sessions only.
   */
  echoAfterMs: number | null;

  // ---- models
  /** Realtime models served besides the catalog's (shared/custom-models.ts fields, api "realtime"). */
  extraModels: CustomModelInput[];
}

export const DEFAULT_REPLY = 'Hello from the live stand-in. I heard you, and this is my answer.';

export const DEFAULT_REALTIME_SCENARIO: RealtimeScenario = {
  transcripts: [],
  replyText: DEFAULT_REPLY,
  replies: [],
  speech: false,
  speechVoice: 'en',
  audioSeconds: 2,
  chunkMs: 100,
  pace: 1,
  transcriptDelayMs: 80,
  responseDelayMs: 40,
  transcriptionFails: false,
  lateDeltasAfterCancel: 2,
  doneAfterCancel: true,
  sessionMaxMs: 120 * 60_000,
  idleTimeoutMs: 300_000,
  errorOn: {},
  closeAfterCreated: null,
  refuseUpgrades: 0,
  dropAfterMs: null,
  upgradeDelayMs: 0,
  echoAfterMs: null,
  extraModels: [],
};
