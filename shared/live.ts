// Live voice (issue 21): a spoken conversation with a Qwen-Omni Realtime model in the open conversation. The
// main process owns the Realtime WebSocket and the key; the page controls the session with the requests and
// events below (contract.ts' live.* names), and its audio travels both ways on a binary channel of its own
// (live-audio.ts), never as JSON. Every turn is stored like any other: the user's with its recording and
// transcript, the model's with its text and 24 kHz audio.
import { z } from './zod';
import { ErrorInfo, Id, Message, ModelId, VoiceId } from './domain';
import { VAD } from './realtime-catalog';

/** Server VAD (speak, pause, it answers) or push-to-talk (hold to talk: turn detection off, commit on release). */
export const LiveMode = z.enum(['vad', 'ptt']);
export type LiveMode = z.infer<typeof LiveMode>;

/** How server VAD decides a turn ended (the model's own defaults when left out). */
export const LiveVad = z
  .object({
    threshold: z.number().min(VAD.threshold.min).max(VAD.threshold.max),
    silenceMs: z.number().int().min(VAD.silenceMs.min).max(VAD.silenceMs.max),
    prefixMs: z.number().int().min(VAD.prefixMs.min).max(VAD.prefixMs.max),
  })
  .partial()
  .strict();
export type LiveVad = z.infer<typeof LiveVad>;

/**
 * Where a session stands: connecting (socket, session.update), listening (VAD, waiting for speech; or PTT, idle),
 * hearing (the user speaks), answering (a reply streams), reconnecting (the socket dropped; one new try), ended.
 */
export const LiveState = z.enum(['connecting', 'listening', 'hearing', 'answering', 'reconnecting', 'ended']);
export type LiveState = z.infer<typeof LiveState>;

export const LiveEndReason = z.enum(['user', 'max_length', 'idle', 'dropped', 'error', 'shutdown', 'deleted']);
export type LiveEndReason = z.infer<typeof LiveEndReason>;

export const LiveStartInput = z
  .object({
    /** null starts a new conversation. */
    conversationId: Id.nullable(),
    mode: LiveMode.default('vad'),
    /** A Realtime model (realtime-catalog.ts, or the user's own); default: the conversation model's Realtime sibling. */
    model: ModelId.optional(),
    /** A voice for this session; default: the conversation's when the model has it, else the model's default. */
    voice: VoiceId.optional(),
    vad: LiveVad.default({}),
  })
  .strict();
export type LiveStartInput = z.input<typeof LiveStartInput>;

/** A session as the page shows it. */
export const LiveSession = z.object({
  sessionId: Id,
  conversationId: Id,
  model: z.string(),
  modelLabel: z.string(),
  /** null: a text-only model (no spoken replies). */
  voice: z.string().nullable(),
  mode: LiveMode,
  state: LiveState,
  startedAt: z.number(),
  /** When the session ends by the model's maximum length (ms since epoch). */
  endsAt: z.number(),
  /** Nobody speaking this long ends the session (warned first). */
  idleTimeoutMs: z.number().int().positive(),
  /** How long before either limit the `limit` warning comes. */
  warnBeforeMs: z.number().int().nonnegative(),
  vad: z.object({ threshold: z.number(), silenceMs: z.number().int(), prefixMs: z.number().int() }),
  /** PCM16 mono: what the microphone frames carry, what the reply frames carry (live-audio.ts). */
  inputSampleRate: z.literal(16_000),
  outputSampleRate: z.literal(24_000),
  /** Set once ended. */
  endReason: LiveEndReason.nullable(),
  /** For benchmarks and tests: frames each way, late deltas dropped after a barge-in, microphone frame → socket. */
  stats: z.object({
    micFrames: z.number().int().nonnegative(),
    replyFrames: z.number().int().nonnegative(),
    lateDeltasDropped: z.number().int().nonnegative(),
    micToSocketP50Ms: z.number().nullable(),
    micToSocketP95Ms: z.number().nullable(),
    /** Microphone frames missing in the page's numbering (lost on the way), and frames that came out of order. */
    micFramesMissing: z.number().int().nonnegative(),
    micFramesOutOfOrder: z.number().int().nonnegative(),
  }),
});
export type LiveSession = z.infer<typeof LiveSession>;

const ref = { sessionId: Id, conversationId: Id };

/** Everything a session pushes, in order (one `live.event` each). */
export const LiveEvent = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('state'), ...ref, state: LiveState, session: LiveSession }),
  /** The server heard speech start (VAD): the page stops any reply playing now (barge-in) and reports `live.heard`. */
  z.object({ kind: z.literal('speech_started'), ...ref, audioStartMs: z.number().nonnegative() }),
  z.object({ kind: z.literal('speech_stopped'), ...ref, audioEndMs: z.number().nonnegative() }),
  /** A spoken turn was committed and stored (its transcript follows in `transcript`). */
  z.object({ kind: z.literal('user_turn'), ...ref, message: Message }),
  /** The transcript of a stored spoken turn (null text: the service could not transcribe it). */
  z.object({ kind: z.literal('transcript'), ...ref, messageId: Id, text: z.string().nullable() }),
  z.object({ kind: z.literal('reply_started'), ...ref, message: Message }),
  /** The words of the reply (its audio transcript, or its text for a text-only model). */
  z.object({ kind: z.literal('reply_text'), ...ref, messageId: Id, delta: z.string() }),
  /**
   * The reply ended: complete, interrupted (barge-in: its late deltas were dropped), cut_off (the socket went),
   * failed. The stored message is in `message` (its audio already trimmed when `live.heard` came first).
   */
  z.object({ kind: z.literal('reply_done'), ...ref, message: Message }),
  /** A limit is near: the session ends at `endsAt` unless someone speaks (idle) — max_length cannot be put off. */
  z.object({ kind: z.literal('limit'), ...ref, limit: z.enum(['max_length', 'idle']), endsAt: z.number() }),
  /** Something went wrong; `fatal` ends the session (an `ended` follows). */
  z.object({ kind: z.literal('error'), ...ref, error: ErrorInfo, fatal: z.boolean() }),
  /** The socket dropped and was opened again with the session's settings (the model starts without what was said). */
  z.object({ kind: z.literal('reconnected'), ...ref }),
  z.object({ kind: z.literal('ended'), ...ref, reason: LiveEndReason, error: ErrorInfo.nullable(), session: LiveSession }),
]);
export type LiveEvent = z.infer<typeof LiveEvent>;

const SessionRef = z.object({ sessionId: Id }).strict();

/** The live.* requests (contract.ts spreads them into its table). */
export const liveRequests = {
  /** Opens a session in a conversation (a new one for null); its audio channel is opened by the shell (live-audio.ts). */
  'live.start': { input: LiveStartInput, output: LiveSession },
  /** Ends it cleanly: a reply still arriving is kept as far as it came. */
  'live.end': { input: SessionRef, output: LiveSession },
  /** Switches between server VAD and push-to-talk (session.update with the whole session). */
  'live.mode': { input: SessionRef.extend({ mode: LiveMode }).strict(), output: LiveSession },
  /**
   * Push-to-talk: `start` when the key or button goes down (a reply playing is cut, as by speech), `stop` when it
   * is released (the turn is committed and answered), `cancel` to drop what was said.
   */
  'live.talk': { input: SessionRef.extend({ action: z.enum(['start', 'stop', 'cancel']) }).strict(), output: z.object({ ok: z.literal(true) }) },
  /**
   * Barge-in: playback of this reply stopped after `samples` (24 kHz) because the user spoke. A reply still
   * arriving is cancelled and its late deltas dropped; the stored reply keeps only what was heard, marked
   * interrupted. Answers the stored message (null when it is gone).
   */
  'live.heard': {
    input: SessionRef.extend({ messageId: Id, samples: z.number().int().nonnegative() }).strict(),
    output: z.object({ message: Message.nullable() }),
  },
  /** The sessions open now (a reloaded page finds its session again). */
  'live.status': { input: z.object({}).strict(), output: z.array(LiveSession) },
  /**
   * Saves a whole session as one 16-bit mono 24 kHz .wav (every spoken turn and reply in order). Electron asks
   * where; the browser shell's bridge downloads GET /export/live/<sessionId> instead.
   */
  'live.exportWav': { input: SessionRef, output: z.object({ saved: z.boolean() }) },
} as const;
