// The Qwen-Omni Realtime models (Live voice): ids, voices, limits, and how each generation lays out its
// session. Only what Alibaba's pages (or its official SDK and samples) state is here, each fact with its
// source; what they leave out is null or left to the server's own defaults.
//
// Sources, cited below by their letters:
//  [R]  Qwen-Omni-Realtime guide: https://www.alibabacloud.com/help/en/model-studio/realtime (Feb 12 2026)
//       and https://www.alibabacloud.com/help/doc-detail/2880812.html (Mar 31 2026); the zh page
//       https://help.aliyun.com/zh/model-studio/realtime, mirrored word for word in Yuis1/dev_docs
//       manual_docs/aliyun/实时多模态/实时Qwen-Omni-Realtime.md @13fb8b4d (model table, limits, voices).
//  [C]  Client events: https://www.alibabacloud.com/help/en/model-studio/client-events (Nov 08 2025) and its
//       zh mirror 客户端事件.md @13fb8b4d; the 2026 version https://www.alibabacloud.com/help/en/document_detail/2922854.html
//       (Oct 23 2026) shows `"input_audio_format": "pcm", "output_audio_format": "pcm"`.
//  [S]  Server events: https://help.aliyun.com/zh/model-studio/server-events and its mirror 服务端事件.md
//       (session.created echoes `prefix_padding_ms: 300`, transcription "fixed to gummy-realtime-v1");
//       https://www.alibabacloud.com/help/en/document_detail/2922855.html (Oct 23 2026): "Only pcm is supported
//       (16 kHz sample rate)" in, "(24 kHz sample rate)" out.
//  [W]  WebSocket access: https://help.aliyun.com/zh/model-studio/omni-realtime-websocket-access (Nov 06 2026):
//       qwen3.8-omni-flash-realtime, its only documented session.update, and "must use the workspace-specific
//       domain name"; "each version uses the configuration in its own event reference; do not mix field levels".
//  [K]  Official SDK and samples: dashscope/dashscope-sdk-python omni_realtime.py (session.finish);
//       aliyun/alibabacloud-bailian-speech-demo run_with_function_call.py (qwen3.5-omni-plus-realtime, voice Tina).
import { VOICES_17, VOICES_49, VOICES_TURBO, type TokenLimits, type VoiceInfo } from './catalog';

/** A family of Realtime models that share one session layout. */
export type RealtimeGeneration = 'turbo' | 'qwen3-flash' | 'qwen3.5' | 'qwen3.8';
export const REALTIME_GENERATIONS: readonly RealtimeGeneration[] = ['turbo', 'qwen3-flash', 'qwen3.5', 'qwen3.8'];

/** The server_vad fields a generation takes besides `type`. */
export type VadField = 'threshold' | 'prefix_padding_ms' | 'silence_duration_ms';

/** How one generation's `session.update` is laid out. */
export interface SessionLayout {
  /** `input_audio_format` / `output_audio_format` at the top of `session`; null: not sent (the server's defaults). */
  audioFormats: { input: string; output: string } | null;
  /**
   * `input_audio_transcription`: the object to send, or 'echo' to send back what `session.created` showed
   * (where the docs name no model), or null to send nothing.
   */
  transcription: { model: string } | 'echo' | null;
  vadFields: readonly VadField[];
  /** `session.finish` is sent (and `session.finished` awaited briefly) before the socket is closed. */
  finish: boolean;
}

export const SESSION_LAYOUTS: Readonly<Record<RealtimeGeneration, SessionLayout>> = {
  // [C] "Qwen-Omni-Turbo-Realtime: only pcm16" for the output too; transcription [S] fixed to gummy-realtime-v1;
  // threshold and silence_duration_ms [C], prefix_padding_ms echoed by session.created [S]; session.finish [K].
  turbo: {
    audioFormats: { input: 'pcm16', output: 'pcm16' }, transcription: { model: 'gummy-realtime-v1' },
    vadFields: ['threshold', 'prefix_padding_ms', 'silence_duration_ms'], finish: true,
  },
  // [C] input "only pcm16", output "Qwen3-Omni-Flash-Realtime: only pcm24"; the rest as Turbo's.
  'qwen3-flash': {
    audioFormats: { input: 'pcm16', output: 'pcm24' }, transcription: { model: 'gummy-realtime-v1' },
    vadFields: ['threshold', 'prefix_padding_ms', 'silence_duration_ms'], finish: true,
  },
  // [C] 2026 and [S] 2026: "pcm" both ways; the example's turn_detection has threshold and silence_duration_ms.
  // Which transcription model applies is not stated: what session.created shows is sent back. session.finish
  // is not sent (reported refused as "invalid event type" for qwen3.5-omni-flash-realtime, SDK issue #140).
  'qwen3.5': {
    audioFormats: { input: 'pcm', output: 'pcm' }, transcription: 'echo',
    vadFields: ['threshold', 'silence_duration_ms'], finish: false,
  },
  // [W] documents only {modalities, voice, turn_detection: {type: "server_vad"}}: the audio formats are the
  // server's defaults (16 kHz in, 24 kHz out per [S]), nothing else of turn_detection is sent.
  'qwen3.8': { audioFormats: null, transcription: 'echo', vadFields: [], finish: false },
};

/** server_vad's range and defaults ([C]: threshold [-1.0, 1.0] default 0.5; silence [200, 6000] default 800; [S] prefix 300). */
export const VAD = {
  threshold: { min: -1, max: 1, default: 0.5 },
  silenceMs: { min: 200, max: 6_000, default: 800 },
  prefixMs: { min: 0, max: 2_000, default: 300 },
} as const;

/** PCM16 mono in and out: 16 kHz from the microphone, 24 kHz replies ([R], [S]). */
export const LIVE_INPUT_SAMPLE_RATE = 16_000;
export const LIVE_OUTPUT_SAMPLE_RATE = 24_000;

/** [R]: "A single WebSocket session lasts up to 120 minutes before closing automatically." */
export const REALTIME_SESSION_MAX_MS = 120 * 60_000;

export interface RealtimeModelInfo {
  id: string;
  label: string;
  aliases: readonly string[];
  generation: RealtimeGeneration;
  voices: readonly VoiceInfo[];
  /** The list is not all the model takes: another name may be typed. */
  otherVoices: boolean;
  /** The voice used when the conversation's voice is not one of the model's. */
  defaultVoice: string | null;
  /** It speaks (`modalities: ["text","audio"]`); a text-only model gets `["text"]` and no voice. */
  audioOut: boolean;
  limits: TokenLimits | null;
  maxSessionMs: number;
  /** Served only at a workspace's own address (wss://{WorkspaceId}.{region}.maas.aliyuncs.com/…), not the shared one. */
  needsWorkspaceHost: boolean;
  custom: boolean;
}

const TINA: VoiceInfo = { id: 'Tina', label: 'Tina', dialect: null, description: 'The voice of Alibaba\'s Qwen3.5 and Qwen3.8 Realtime examples', languages: [] };

const realtime = (m: Omit<RealtimeModelInfo, 'maxSessionMs' | 'custom' | 'audioOut' | 'aliases'> & { aliases?: string[] }): RealtimeModelInfo => ({
  aliases: [], ...m, maxSessionMs: REALTIME_SESSION_MAX_MS, custom: false, audioOut: true,
});

// [R] model table: Turbo context 32,768, max input 30,720, max output 2,048; Qwen3-Omni-Flash-Realtime
// 65,536 / 49,152 / 16,384.
const TURBO_LIMITS: TokenLimits = { contextWindow: 32_768, maxInput: 30_720, maxOutput: 2_048, maxReasoning: null };
const FLASH_LIMITS: TokenLimits = { contextWindow: 65_536, maxInput: 49_152, maxOutput: 16_384, maxReasoning: null };

export const REALTIME_MODELS: readonly RealtimeModelInfo[] = [
  // [R]: qwen3-omni-flash-realtime "currently has the same abilities as qwen3-omni-flash-realtime-2025-12-01",
  // yet its voice table lists it with the 17 voices of 2025-09-15 (as the chat guide does for qwen3-omni-flash);
  // default voice Cherry [C].
  realtime({ id: 'qwen3-omni-flash-realtime', label: 'Qwen3-Omni-Flash-Realtime', generation: 'qwen3-flash', voices: VOICES_17, otherVoices: false, defaultVoice: 'Cherry', limits: FLASH_LIMITS, needsWorkspaceHost: false }),
  realtime({ id: 'qwen3-omni-flash-realtime-2025-12-01', label: 'Qwen3-Omni-Flash-Realtime 2025-12-01', generation: 'qwen3-flash', voices: VOICES_49, otherVoices: false, defaultVoice: 'Cherry', limits: FLASH_LIMITS, needsWorkspaceHost: false }),
  realtime({ id: 'qwen3-omni-flash-realtime-2025-09-15', label: 'Qwen3-Omni-Flash-Realtime 2025-09-15', generation: 'qwen3-flash', voices: VOICES_17, otherVoices: false, defaultVoice: 'Cherry', limits: FLASH_LIMITS, needsWorkspaceHost: false }),
  // [R]: Turbo-Realtime (no longer updated) with -latest and -2025-05-08; voices Cherry, Serena, Ethan, Chelsie,
  // default Chelsie [C]; Mandarin and English only.
  realtime({ id: 'qwen-omni-turbo-realtime', label: 'Qwen-Omni-Turbo-Realtime', aliases: ['qwen-omni-turbo-realtime-latest', 'qwen-omni-turbo-realtime-2025-05-08'], generation: 'turbo', voices: VOICES_TURBO, otherVoices: false, defaultVoice: 'Chelsie', limits: TURBO_LIMITS, needsWorkspaceHost: false }),
  // [R] Mar 31 2026 connects with ?model=qwen3.5-omni-plus-realtime; https://www.alibabacloud.com/help/en/model-studio/asr-model
  // (Apr 23 2026) lists qwen3.5-omni-plus-realtime and qwen3.5-omni-flash-realtime; voice Tina [K]. Their voice
  // lists and token limits are not published.
  realtime({ id: 'qwen3.5-omni-plus-realtime', label: 'Qwen3.5-Omni-Plus-Realtime', generation: 'qwen3.5', voices: [TINA], otherVoices: true, defaultVoice: 'Tina', limits: null, needsWorkspaceHost: false }),
  realtime({ id: 'qwen3.5-omni-flash-realtime', label: 'Qwen3.5-Omni-Flash-Realtime', generation: 'qwen3.5', voices: [TINA], otherVoices: true, defaultVoice: 'Tina', limits: null, needsWorkspaceHost: false }),
  // [W]: "Use Qwen3.8-Omni-Flash-Realtime for real-time audio/video conversations … returns text and audio";
  // its example uses voice Tina; "must use the workspace-specific domain name".
  realtime({ id: 'qwen3.8-omni-flash-realtime', label: 'Qwen3.8-Omni-Flash-Realtime', generation: 'qwen3.8', voices: [TINA], otherVoices: true, defaultVoice: 'Tina', limits: null, needsWorkspaceHost: true }),
];

export const DEFAULT_REALTIME_MODEL = 'qwen3-omni-flash-realtime';

/** A Realtime model of this catalog, by id or alias. */
export function findRealtimeModel(id: string): RealtimeModelInfo | undefined {
  return REALTIME_MODELS.find((m) => m.id === id || m.aliases.includes(id));
}

/** Finds a Realtime model: the catalog's, or one that also knows the user's own (custom-models.ts). */
export type FindRealtimeModel = (id: string) => RealtimeModelInfo | undefined;

/**
 * The voice a live session speaks with: the one asked for when the model lists it (or takes any name and it
 * was typed for this session), else the model's default. A text-only model has none.
 */
export function realtimeVoice(model: RealtimeModelInfo, wanted: string | null, typed = false): string | null {
  if (!model.audioOut) return null;
  if (wanted && model.voices.some((v) => v.id === wanted)) return wanted;
  if (wanted && typed && model.otherVoices && wanted.trim()) return wanted.trim();
  return model.defaultVoice ?? model.voices[0]?.id ?? (wanted?.trim() || null);
}

/**
 * The Realtime address that goes with a chat base URL: …/compatible-mode/v1 on https becomes
 * …/api-ws/v1/realtime on wss ([R]: wss://dashscope-intl.aliyuncs.com/api-ws/v1/realtime, Beijing without
 * -intl; [W]: the workspace hosts the same way). Null when the URL is not of that shape (a custom server).
 */
export function realtimeUrlFor(chatBaseUrl: string): string | null {
  let u: URL;
  try {
    u = new URL(chatBaseUrl);
  } catch {
    return null;
  }
  if (!/\/compatible-mode\/v1\/?$/.test(u.pathname)) return null;
  u.protocol = u.protocol === 'http:' ? 'ws:' : 'wss:';
  u.pathname = u.pathname.replace(/\/compatible-mode\/v1\/?$/, '/api-ws/v1/realtime');
  u.search = '';
  u.hash = '';
  return u.href;
}

/** The shared DashScope hosts, where a workspace-only model ([W]) is not served. */
export function isSharedDashScopeHost(url: string): boolean {
  try {
    return /^dashscope(-intl)?\.aliyuncs\.com$/i.test(new URL(url).hostname);
  } catch {
    return false;
  }
}
