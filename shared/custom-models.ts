// Models the user enters: an id the catalog does not know (a model released tomorrow, a snapshot the docs do
// not list, a self-hosted Qwen-Omni) with the capabilities the user says it has. The core keeps them (table
// custom_models) and resolves them next to the catalog's; everything that checks a model (rules, the request
// body, the media limits, Live voice) reads the ModelInfo made here, so a custom model obeys the same rules.
//
// A capability the user does not give falls back to the safe side: no thinking, no spoken replies unless
// voices are given, no input-token limit known (nothing trimmed), the smallest media limits the guide gives.
import { z } from './zod';
import {
  CONSERVATIVE_MEDIA, MODEL_ID_PATTERN, findModel, type FindModel, type MediaLimits, type Modality, type ModelInfo, type VoiceInfo,
} from './catalog';
import {
  REALTIME_GENERATIONS, REALTIME_SESSION_MAX_MS, findRealtimeModel, type FindRealtimeModel, type RealtimeModelInfo,
} from './realtime-catalog';

const VoiceName = z.string().trim().min(1).max(40).regex(/^[^\0\n]+$/, 'A voice name is one line of text.');

const positive = (max: number) => z.number().int().positive().max(max);

/** Media limits the user gives; each one left out is the conservative default (Qwen-Omni-Turbo's). */
export const CustomMediaLimits = z
  .object({
    imageMaxBytes: positive(2 ** 31), imageMinSidePx: positive(10_000), imageMaxAspect: positive(10_000),
    audioMaxBytes: positive(2 ** 31), audioMaxSeconds: positive(24 * 3600),
    videoMaxBytes: positive(2 ** 31), videoMaxSeconds: positive(24 * 3600),
    videoFramesMin: positive(10_000), videoFramesMax: positive(10_000),
  })
  .partial()
  .strict();

/** What the user enters for a model of their own. */
export const CustomModelFields = z
  .object({
    id: z.string().trim().regex(MODEL_ID_PATTERN, 'A model id is letters, digits and . _ : / - (at most 128), as the provider writes it, for example qwen3.5-omni-flash.'),
    /** Its name in the pickers; empty: the id. */
    label: z.string().trim().max(80, 'A name can be at most 80 characters.').default(''),
    /** chat: the OpenAI-compatible chat completions; realtime: Live voice over the Realtime WebSocket. */
    api: z.enum(['chat', 'realtime']).default('chat'),
    /** What it takes in besides text. */
    input: z.array(z.enum(['image', 'audio', 'video'])).max(3).default([]).transform((x) => [...new Set(x)]),
    /** It can speak its replies. Off: it is never asked for audio. */
    audioOut: z.boolean().default(false),
    thinking: z.boolean().default(false),
    /** Its voices, the first being its default; with `otherVoices` any typed name goes too. */
    voices: z.array(VoiceName).max(200).default([]).transform((x) => [...new Set(x)]),
    otherVoices: z.boolean().default(false),
    /** The most input tokens a request may carry; null: not known (the history is never trimmed for it). */
    maxInputTokens: z.number().int().min(256, 'An input limit below 256 tokens would leave no room for a question.').max(100_000_000).nullable().default(null),
    media: CustomMediaLimits.nullable().default(null),
    /** A Realtime model's session layout: the generation it speaks like (realtime-catalog.ts). */
    generation: z.enum(REALTIME_GENERATIONS as [string, ...string[]]).nullable().default(null),
  })
  .strict()
  .superRefine((m, ctx) => {
    if (findModel(m.id) || findRealtimeModel(m.id)) {
      ctx.addIssue({ code: 'custom', path: ['id'], message: `${m.id} is already in the app's catalog: pick it from the model list instead.` });
    }
    if (m.audioOut && m.voices.length === 0 && !m.otherVoices) {
      ctx.addIssue({ code: 'custom', path: ['voices'], message: 'A model that speaks needs at least one voice name (or allow any voice name to be typed).' });
    }
    if (m.api === 'realtime' && !m.input.includes('audio')) {
      ctx.addIssue({ code: 'custom', path: ['input'], message: 'A Realtime model listens: tick audio among what it takes in.' });
    }
  });
export type CustomModelInput = z.input<typeof CustomModelFields>;
export type CustomModelFields = z.output<typeof CustomModelFields>;

/** A kept custom model, as the Settings list shows it. */
export const CustomModel = z.object({
  id: z.string(),
  label: z.string(),
  api: z.enum(['chat', 'realtime']),
  input: z.array(z.enum(['image', 'audio', 'video'])),
  audioOut: z.boolean(),
  thinking: z.boolean(),
  voices: z.array(z.string()),
  otherVoices: z.boolean(),
  maxInputTokens: z.number().int().nullable(),
  media: CustomMediaLimits.nullable(),
  generation: z.string().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type CustomModel = z.infer<typeof CustomModel>;

/** The fields a ModelInfo is made from (a kept model, or one being entered). */
type CustomSpec = Omit<CustomModel, 'createdAt' | 'updatedAt'>;

const voiceInfo = (id: string): VoiceInfo => ({ id, label: id, dialect: null, description: '', languages: [] });

/** The media limits a custom model is held to: the ones given, the conservative default for the rest. */
export function customMediaLimits(media: Partial<MediaLimits> | null): MediaLimits {
  return { ...CONSERVATIVE_MEDIA, ...(media ?? {}) };
}

/** A custom chat model as the rules, the request body and the media pipeline see it. */
export function customModelInfo(c: CustomSpec): ModelInfo {
  const limits = c.maxInputTokens === null ? null : { contextWindow: null, maxInput: c.maxInputTokens, maxOutput: null, maxReasoning: null };
  return {
    id: c.id, label: c.label || c.id, kind: 'custom', aliases: [],
    thinking: c.thinking, thinkingByDefault: false, limits, thinkingLimits: c.thinking ? limits : null,
    voices: c.audioOut ? c.voices.map(voiceInfo) : [], otherVoices: c.audioOut && c.otherVoices,
    outputLanguages: [], systemPromptWithAudio: true, audioTokensPerSecond: null,
    media: customMediaLimits(c.media), input: ['text', ...c.input] as Modality[], audioOut: c.audioOut,
    realtime: null, custom: true,
  };
}

/** A custom Realtime model as Live voice sees it (its session laid out like its generation's). */
export function customRealtimeInfo(c: CustomSpec): RealtimeModelInfo {
  const voices = c.audioOut ? c.voices.map(voiceInfo) : [];
  return {
    id: c.id, label: c.label || c.id, aliases: [],
    // A model released after this app: laid out like the newest generation whose layout is documented in full.
    generation: (REALTIME_GENERATIONS as readonly string[]).includes(c.generation ?? '') ? c.generation as RealtimeModelInfo['generation'] : 'qwen3.5',
    voices, otherVoices: c.audioOut && c.otherVoices, defaultVoice: voices[0]?.id ?? null, audioOut: c.audioOut,
    limits: c.maxInputTokens === null ? null : { contextWindow: null, maxInput: c.maxInputTokens, maxOutput: null, maxReasoning: null },
    maxSessionMs: REALTIME_SESSION_MAX_MS, needsWorkspaceHost: false, custom: true,
  };
}

/** Finds a chat model in the catalog first, then among the user's own. */
export function modelFinder(custom: readonly CustomSpec[]): FindModel {
  const own = new Map(custom.filter((c) => c.api === 'chat').map((c) => [c.id, customModelInfo(c)]));
  return (id) => findModel(id) ?? own.get(id);
}

/** Finds a Realtime model in the catalog first, then among the user's own. */
export function realtimeFinder(custom: readonly CustomSpec[]): FindRealtimeModel {
  const own = new Map(custom.filter((c) => c.api === 'realtime').map((c) => [c.id, customRealtimeInfo(c)]));
  return (id) => findRealtimeModel(id) ?? own.get(id);
}
