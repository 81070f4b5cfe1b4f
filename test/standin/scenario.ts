// What the stand-in's next replies do. setScenario() merges a partial scenario into the current one; it
// applies to every following request until changed. Defaults give a short, healthy, spoken reply.

export interface HttpErrorSpec {
  status: number;
  code: string;
  message: string;
  type?: string;
}

import type { CustomModelInput } from '../../shared/custom-models';
/**
 * A reply of its own for some requests: one whose messages hold `when` (anywhere in their text) is answered
 * with what the rule gives instead of the scenario's (e.g. the app's title request, told apart by its prompt).
 */
export interface StandinRule {
  when: string;
  text?: string;
  firstChunkDelayMs?: number;
  httpError?: HttpErrorSpec | null;
}

export interface StandinScenario {
  // ---- the reply ----
  /** The reply text, streamed as `delta.content` in small pieces. */
  text: string;
  /** Streamed first as `delta.reasoning_content` when the request has `enable_thinking: true`. */
  reasoning: string;
  /** Length of the tone reply audio (ignored when `speech` produces real speech). */
  audioSeconds: number;
  /** Duration of audio per audio delta, in ms (24 kHz PCM16: 100 ms = 4,800 bytes). */
  chunkMs: number;
  /** Speak the reply text with espeak-ng (24 kHz mono s16le via sox); falls back to tones when espeak-ng or sox is missing. */
  speech: boolean;
  /** espeak-ng voice for `speech` (e.g. 'en', 'cmn'). */
  speechVoice: string;
  /** Send all audio in ONE delta after the text, as some self-hosted servers do. */
  audioAtEnd: boolean;
  /** Cut audio deltas at odd byte offsets (a sample split across two deltas), to test carry-over. */
  oddSplit: boolean;
  /** Old-style deltas: `delta.audio.transcript` alongside the audio data, and no `delta.content`. */
  transcriptOnly: boolean;
  /** No audio even when it was asked for (a server that does not speak), text only. */
  noAudio: boolean;
  /** Replies of their own for requests that hold a given text (first match wins); see StandinRule. */
  rules: StandinRule[];

  // ---- pacing ----
  /** Send audio at 1x real time (a delta every chunkMs, anchored to the start, no drift). */
  realtime: boolean;
  /** When not realtime: pause between frames, ms (0 = just yield to the event loop). */
  gapMs: number;
  /** Wait before the first frame (after the headers), ms: a model's "time to first token". */
  firstChunkDelayMs: number;

  // ---- the wire (to exercise SSE parsing over real TCP) ----
  /** Line ending of the SSE stream. */
  lineEnding: '\n' | '\r\n';
  /** Write every frame in several small pieces (splitting lines, `\r\n` pairs and UTF-8 characters). */
  fragmentWrites: boolean;
  /** Put `: keep-alive` comment lines between frames. */
  comments: boolean;
  /** Spread each frame's JSON over several `data:` lines. */
  multilineData: boolean;
  /** Leave out the `x-request-id` header (the id then comes only from the body). */
  omitRequestIdHeader: boolean;

  // ---- failures (see failNext) ----
  /** Answer 429 limit_requests with a Retry-After header. */
  http429: boolean;
  /** The Retry-After value, seconds. */
  retryAfterSeconds: number;
  /** Answer 500 internal_error. */
  http500: boolean;
  /** Answer any other error from the reference's table, in its body shape. */
  httpError: HttpErrorSpec | null;
  /** After n frames, send a `data: {"error": {code: "data_inspection_failed", ...}}` frame and end. */
  errorFrameAfterChunks: number | null;
  /** The error that frame carries instead of the moderation one (any code a stream may end with). */
  errorFrame: { code: string; message: string; type?: string } | null;
  /** After n frames, destroy the socket (no finish, no usage, no [DONE]). */
  dropAfterChunks: number | null;
  /** After n frames, keep the connection open and send nothing more. */
  stallAfterChunks: number | null;
  /** Leave out the usage chunk (finish and [DONE] still come). */
  omitUsage: boolean;
  /**
   * The failure knobs above apply only to the next n chat requests after this setScenario call, then
   * replies succeed (for retry tests). null: they apply to every request.
   */
  failNext: number | null;

  // ---- models
  /**
   * Models served besides the catalog's, with their capabilities (shared/custom-models.ts' fields): a model
   * released after the app, which the app knows only as a custom model. Realtime ones serve Live voice.
   */
  extraModels: CustomModelInput[];
}

export const DEFAULT_TEXT =
  "Hello! I'm the local stand-in for Qwen-Omni. This reply streams text and audio, so the app can be tested without the network.";

export const DEFAULT_SCENARIO: StandinScenario = {
  text: DEFAULT_TEXT,
  reasoning: 'The user wants a short answer. I will greet them and explain what I am.',
  audioSeconds: 3,
  chunkMs: 100,
  speech: false,
  speechVoice: 'en',
  audioAtEnd: false,
  oddSplit: false,
  transcriptOnly: false,
  noAudio: false,
  rules: [],
  realtime: false,
  gapMs: 1,
  firstChunkDelayMs: 0,
  lineEnding: '\n',
  fragmentWrites: false,
  comments: false,
  multilineData: false,
  omitRequestIdHeader: false,
  http429: false,
  retryAfterSeconds: 2,
  http500: false,
  httpError: null,
  errorFrameAfterChunks: null,
  errorFrame: null,
  dropAfterChunks: null,
  stallAfterChunks: null,
  omitUsage: false,
  failNext: null,
  extraModels: [],
};

/** Knobs that count against failNext. */
export const FAILURE_KNOBS = [
  'http429', 'http500', 'httpError', 'errorFrameAfterChunks', 'dropAfterChunks', 'stallAfterChunks', 'omitUsage',
] as const satisfies readonly (keyof StandinScenario)[];
