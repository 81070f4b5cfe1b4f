// The model catalog: data from ../shared/reference (the Qwen-Omni guide), and the Qwen-Omni models Alibaba
// documented in 2026 (MODELS_2026, each fact with its source beside it). When Alibaba changes a model, a voice
// or a limit, this file is the one to change; the app and the pre-send checks read it. The Realtime models
// (Live voice) are in realtime-catalog.ts; models the user enters are in custom-models.ts.
//
// `findModel(id)` answers from this catalog only (ids and aliases). Where models the user entered count too
// (the core's turns and settings, the renderer's pickers), callers pass a `FindModel` that also knows those
// (custom-models.ts' `modelFinder`); the rules and the core take one as an argument.

export const REGIONS = {
  intl: {
    label: 'Singapore (International)',
    baseUrl: 'https://dashscope-intl.aliyuncs.com/compatible-mode/v1',
  },
  cn: {
    label: 'Beijing (China)',
    baseUrl: 'https://dashscope.aliyuncs.com/compatible-mode/v1',
  },
} as const;
// The Realtime API's addresses (wss://dashscope-intl.aliyuncs.com/api-ws/v1/realtime, Beijing without -intl)
// follow from these: see realtime-catalog.ts' realtimeUrlFor.
export type RegionId = keyof typeof REGIONS;
export const DEFAULT_REGION: RegionId = 'intl';

/** DashScope refuses any base64 data-URI item larger than this, whatever the model's own limit. */
export const DASHSCOPE_DATA_URI_BUDGET = 10_485_760;

/** Reply audio: raw PCM, 16-bit signed little-endian, mono. */
export const REPLY_SAMPLE_RATE = 24_000;

export interface VoiceInfo {
  /** The value sent as `audio.voice`. */
  id: string;
  /** The guide's voice name; dialect voices carry their dialect ("Shanghai - Jada"). */
  label: string;
  /** The dialect a dialect voice speaks instead of Mandarin, else null. */
  dialect: string | null;
  description: string;
  /** The languages this voice speaks with this model (the same voice speaks fewer with older models). */
  languages: readonly string[];
}

/** Qwen3-Omni-Flash's ten reply languages; a dialect voice speaks its dialect in place of Chinese. */
const FLASH_LANGUAGES = ['Chinese', 'English', 'French', 'German', 'Russian', 'Italian', 'Spanish', 'Portuguese', 'Japanese', 'Korean'] as const;
const TURBO_LANGUAGES = ['Chinese', 'English'] as const;

// [voice name, `voice` value, description, dialect]: the guide's voice table for qwen3-omni-flash-2025-12-01.
const VOICE_TABLE: readonly (readonly [string, string, string, string?])[] = [
  ['Cherry', 'Cherry', 'A sunny, positive, friendly, and natural young woman'],
  ['Serena', 'Serena', 'A gentle young woman'],
  ['Ethan', 'Ethan', 'Standard Mandarin with a slight northern accent. Sunny, warm, energetic, and vibrant'],
  ['Chelsie', 'Chelsie', 'A two-dimensional virtual girlfriend'],
  ['Momo', 'Momo', 'Playful and mischievous, cheering you up'],
  ['Vivian', 'Vivian', 'Confident, cute, and slightly feisty'],
  ['Moon', 'Moon', 'Effortlessly cool Moon White'],
  ['Maia', 'Maia', 'A blend of intellect and gentleness'],
  ['Kai', 'Kai', 'A soothing audio spa for your ears'],
  ['Nofish', 'Nofish', 'A designer who cannot pronounce retroflex sounds'],
  ['Bella', 'Bella', 'A little girl who drinks but never throws punches when drunk'],
  ['Jennifer', 'Jennifer', 'A premium, cinematic-quality American English female voice'],
  ['Ryan', 'Ryan', 'Full of rhythm, bursting with dramatic flair, balancing authenticity and tension'],
  ['Katerina', 'Katerina', 'A mature-woman voice with rich, memorable rhythm'],
  ['Aiden', 'Aiden', 'An American English young man skilled in cooking'],
  ['Eldric Sage', 'Eldric Sage', 'A calm and wise elder—weathered like a pine tree, yet clear-minded as a mirror'],
  ['Mia', 'Mia', 'Gentle as spring water, obedient as fresh snow'],
  ['Mochi', 'Mochi', 'A clever, quick-witted young adult—childlike innocence remains, yet wisdom shines through'],
  ['Bellona', 'Bellona', 'A powerful, clear voice that brings characters to life—so stirring it makes your blood boil. With heroic grandeur and perfect diction, this voice captures the full spectrum of human expression.'],
  ['Vincent', 'Vincent', 'A uniquely raspy, smoky voice—just one line evokes armies and heroic tales'],
  ['Bunny', 'Bunny', 'A little girl overflowing with "cuteness"'],
  ['Neil', 'Neil', 'A flat baseline intonation with precise, clear pronunciation—the most professional news anchor'],
  ['Elias', 'Elias', 'Maintains academic rigor while using storytelling techniques to turn complex knowledge into digestible learning modules'],
  ['Arthur', 'Arthur', 'A simple, earthy voice steeped in time and tobacco smoke—slowly unfolding village stories and curiosities'],
  ['Nini', 'Nini', 'A soft, clingy voice like sweet rice cakes—those drawn-out calls of “Big Brother” are so sweet they melt your bones'],
  ['Ebona', 'Ebona', 'Her whisper is like a rusty key slowly turning in the darkest corner of your mind—where childhood shadows and unknown fears hide'],
  ['Seren', 'Seren', 'A gentle, soothing voice to help you fall asleep faster. Good night, sweet dreams'],
  ['Pip', 'Pip', 'A playful, mischievous boy full of childlike wonder—is this your memory of Shin-chan?'],
  ['Stella', 'Stella', 'Normally a cloyingly sweet, dazed teenage-girl voice—but when shouting “I represent the moon to defeat you!”, she instantly radiates unwavering love and justice'],
  ['Bodega', 'Bodega', 'A passionate Spanish man'],
  ['Sonrisa', 'Sonrisa', 'A cheerful, outgoing Latin American woman'],
  ['Alek', 'Alek', 'Cold like the Russian spirit, yet warm like wool coat lining'],
  ['Dolce', 'Dolce', 'A laid-back Italian man'],
  ['Sohee', 'Sohee', 'A warm, cheerful, emotionally expressive Korean unnie'],
  ['Ono Anna', 'Ono Anna', 'A clever, spirited childhood friend'],
  ['Lenn', 'Lenn', 'Rational at heart, rebellious in detail—a German youth who wears suits and listens to post-punk'],
  ['Emilien', 'Emilien', 'A romantic French big brother'],
  ['Andre', 'Andre', 'A magnetic, natural, and steady male voice'],
  ['Radio Gol', 'Radio Gol', 'Football poet Radio Gol! Today I’ll commentate on football using my name.'],
  ['Shanghai - Jada', 'Jada', 'A fast-paced, energetic Shanghai auntie', 'Shanghainese'],
  ['Beijing - Dylan', 'Dylan', 'A young man raised in Beijing’s hutongs', 'Beijing dialect'],
  ['Nanjing - Li', 'Li', 'A patient yoga teacher', 'Nanjing dialect'],
  ['Shaanxi - Marcus', 'Marcus', 'Broad face, few words, sincere heart, deep voice—the authentic Shaanxi flavor', 'Shaanxi dialect'],
  ['Southern Min - Roy', 'Roy', 'A humorous, straightforward, lively Taiwanese guy', 'Southern Min'],
  ['Tianjin - Peter', 'Peter', 'Tianjin-style crosstalk, professional foil', 'Tianjin dialect'],
  ['Sichuan - Sunny', 'Sunny', 'A Sichuan girl sweet enough to melt your heart', 'Sichuan dialect'],
  ['Sichuan - Eric', 'Eric', 'A Sichuanese man from Chengdu who stands out in everyday life', 'Sichuan dialect'],
  ['Cantonese - Rocky', 'Rocky', 'A humorous, witty A Qiang providing live chat', 'Cantonese'],
  ['Cantonese - Kiki', 'Kiki', 'A sweet Hong Kong girl best friend', 'Cantonese'],
];

export const VOICES_49: readonly VoiceInfo[] = VOICE_TABLE.map(([label, id, description, dialect]) => ({
  id, label, description, dialect: dialect ?? null,
  languages: dialect ? [dialect, ...FLASH_LANGUAGES.slice(1)] : FLASH_LANGUAGES,
}));

/** The voices `ids` (in that order), speaking `languages` when given (older models speak fewer). */
const pick = (ids: readonly string[], languages?: readonly string[]): readonly VoiceInfo[] =>
  ids.map((id) => {
    const found = VOICES_49.find((x) => x.id === id);
    if (!found) throw new Error(`catalog: unknown voice ${id}`);
    return languages ? { ...found, languages } : found;
  });

export const VOICES_17 = pick([
  'Cherry', 'Ethan', 'Nofish', 'Jennifer', 'Ryan', 'Katerina', 'Elias', 'Jada', 'Dylan', 'Sunny',
  'Li', 'Marcus', 'Roy', 'Peter', 'Rocky', 'Kiki', 'Eric',
]);
export const VOICES_TURBO = pick(['Cherry', 'Serena', 'Ethan', 'Chelsie'], TURBO_LANGUAGES);
// The guide's open-source table shows Ethan; its models overview and the facts sheet add Chelsie.
export const VOICES_7B = pick(['Ethan', 'Chelsie'], TURBO_LANGUAGES);

export interface MediaLimits {
  imageMaxBytes: number;
  imageMinSidePx: number;
  imageMaxAspect: number;
  audioMaxBytes: number;
  audioMaxSeconds: number;
  videoMaxBytes: number;
  videoMaxSeconds: number;
  videoFramesMin: number;
  videoFramesMax: number;
}

const MB = 1024 * 1024;

const FLASH_MEDIA: MediaLimits = {
  imageMaxBytes: 10 * MB,
  imageMinSidePx: 11,
  imageMaxAspect: 200,
  audioMaxBytes: 100 * MB,
  audioMaxSeconds: 20 * 60,
  videoMaxBytes: 256 * MB,
  videoMaxSeconds: 150,
  videoFramesMin: 2,
  videoFramesMax: 128,
};

const TURBO_MEDIA: MediaLimits = {
  ...FLASH_MEDIA,
  audioMaxBytes: 10 * MB,
  audioMaxSeconds: 3 * 60,
  videoMaxBytes: 150 * MB,
  videoMaxSeconds: 40,
  videoFramesMin: 4,
  videoFramesMax: 80,
};

export interface TokenLimits {
  /** null: not published (a model the user entered gives only its input limit). */
  contextWindow: number | null;
  maxInput: number;
  maxOutput: number | null;
  maxReasoning: number | null;
}

/** What a model takes in. Every Omni model takes text. */
export type Modality = 'text' | 'image' | 'audio' | 'video';
export const MODALITIES: readonly Modality[] = ['text', 'image', 'audio', 'video'];

export interface ModelInfo {
  id: string;
  label: string;
  kind: 'stable' | 'snapshot' | 'legacy' | 'open-source' | 'custom';
  aliases: readonly string[];
  thinking: boolean;
  /** Limits in non-thinking mode (null: the guide gives none); `thinkingLimits` when the model can think. */
  limits: TokenLimits | null;
  thinkingLimits: TokenLimits | null;
  voices: readonly VoiceInfo[];
  /** Languages spoken replies can be in (the guide's "supported audio output languages"). */
  outputLanguages: readonly string[];
  /** The API refuses a system message when the reply includes audio. */
  systemPromptWithAudio: boolean;
  /** Input tokens per second of audio (null: not published; the estimate then uses Flash's 12.5). */
  audioTokensPerSecond: number | null;
  media: MediaLimits;
  /** What it takes in besides text; an attachment of another kind is refused before sending. */
  input: readonly Modality[];
  /** It can speak its replies. A model that cannot is never asked for audio (rules.ts, api/request.ts). */
  audioOut: boolean;
  /** `voices` are the ones the docs name, not all there are: another name may be typed (and is sent as it is). */
  otherVoices: boolean;
  /** It thinks unless told not to: with Thinking off the request must say so. */
  thinkingByDefault: boolean;
  /** The Realtime model of the same family (realtime-catalog.ts), which Live voice uses; null when none. */
  realtime: string | null;
  /** Entered by the user (custom-models.ts), not taken from Alibaba's docs. */
  custom: boolean;
}

/** Finds a model by id or alias: the catalog's `findModel`, or one that also knows the user's own models. */
export type FindModel = (id: string) => ModelInfo | undefined;

const FLASH_LIMITS: TokenLimits = { contextWindow: 49_152, maxInput: 16_384, maxOutput: 16_384, maxReasoning: null };
const FLASH_THINKING: TokenLimits = { contextWindow: 65_536, maxInput: 16_384, maxOutput: 16_384, maxReasoning: 32_768 };

const FLASH_OUTPUT = ['Chinese (Mandarin and some dialects)', ...FLASH_LANGUAGES.slice(1)];
const TURBO_OUTPUT = ['Chinese (Mandarin)', 'English'];

/** What the reference's models share beyond its tables: every input kind, spoken replies, the full voice list. */
const REFERENCE_TRAITS = {
  input: MODALITIES, audioOut: true, otherVoices: false, thinkingByDefault: false, custom: false,
} as const;

const flash = (id: string, label: string, kind: ModelInfo['kind'], voices: readonly VoiceInfo[], aliases: string[] = []): ModelInfo => ({
  ...REFERENCE_TRAITS,
  id, label, kind, aliases, voices,
  outputLanguages: FLASH_OUTPUT,
  thinking: true,
  limits: FLASH_LIMITS,
  thinkingLimits: FLASH_THINKING,
  systemPromptWithAudio: true,
  audioTokensPerSecond: 12.5,
  media: FLASH_MEDIA,
  // Each Flash id has its Realtime namesake (realtime-catalog.ts).
  realtime: id.replace('qwen3-omni-flash', 'qwen3-omni-flash-realtime'),
});

/** The models of the reference (the Qwen-Omni guide the project started from), checked against its tables. */
export const REFERENCE_MODELS: readonly ModelInfo[] = [
  flash('qwen3-omni-flash', 'Qwen3-Omni-Flash', 'stable', VOICES_17),
  flash('qwen3-omni-flash-2025-12-01', 'Qwen3-Omni-Flash 2025-12-01', 'snapshot', VOICES_49),
  flash('qwen3-omni-flash-2025-09-15', 'Qwen3-Omni-Flash 2025-09-15', 'snapshot', VOICES_17, ['qwen3-omni-flash-0915']),
  {
    ...REFERENCE_TRAITS,
    id: 'qwen-omni-turbo', label: 'Qwen-Omni-Turbo', kind: 'legacy', aliases: [],
    thinking: false, limits: null, thinkingLimits: null, voices: VOICES_TURBO, outputLanguages: TURBO_OUTPUT,
    systemPromptWithAudio: false, audioTokensPerSecond: 25, media: TURBO_MEDIA, realtime: 'qwen-omni-turbo-realtime',
  },
  {
    ...REFERENCE_TRAITS,
    id: 'qwen2.5-omni-7b', label: 'Qwen2.5-Omni-7B', kind: 'open-source', aliases: [],
    thinking: false,
    limits: { contextWindow: 32_768, maxInput: 30_720, maxOutput: 2_048, maxReasoning: null },
    thinkingLimits: null, voices: VOICES_7B,
    // Not stated by the guide; its voices speak Chinese and English.
    outputLanguages: TURBO_OUTPUT,
    systemPromptWithAudio: true, audioTokensPerSecond: 25, media: TURBO_MEDIA, realtime: null,
  },
];

/**
 * Media limits for a model whose own are not published: the smallest the guide gives any Omni model
 * (Qwen-Omni-Turbo's), so nothing is sent that an Omni model is known to refuse.
 */
export const CONSERVATIVE_MEDIA: MediaLimits = TURBO_MEDIA;

/**
 * The Qwen-Omni chat models Alibaba documented in 2026. Only what its pages state is filled in; what they
 * leave out is null (limits), the conservative media limits, or `otherVoices` (a voice list not published).
 * Left out on purpose: qwen3.5-omni-flash as a chat model and the `-2026-03-15` snapshot ids appear in public
 * code but not in Alibaba's pages; a user can add them as their own models (custom-models.ts).
 */
export const MODELS_2026: readonly ModelInfo[] = [
  {
    // https://www.alibabacloud.com/help/en/model-studio/qwen-omni (Mar 31 2026) and help.aliyun.com
    // document_detail/2867839: the quick start calls model="qwen3.5-omni-plus" with modalities ["text","audio"]
    // and audio={"voice": "Tina"}; "accepts text combined with a single additional modality, image, audio, or
    // video". https://help.aliyun.com/en/model-studio/omni/ (2026): "For speech output, use qwen3.5-omni-plus."
    // Token limits, thinking and the full voice list are not published there.
    id: 'qwen3.5-omni-plus', label: 'Qwen3.5-Omni-Plus', kind: 'stable', aliases: [],
    thinking: false, thinkingByDefault: false, limits: null, thinkingLimits: null,
    voices: [{ id: 'Tina', label: 'Tina', dialect: null, description: 'The voice of Alibaba\'s Qwen3.5-Omni examples', languages: [] }],
    otherVoices: true, outputLanguages: [], systemPromptWithAudio: true, audioTokensPerSecond: null,
    media: CONSERVATIVE_MEDIA, input: MODALITIES, audioOut: true, realtime: 'qwen3.5-omni-plus-realtime', custom: false,
  },
  {
    // https://www.alibabacloud.com/help/en/model-studio/qwen3-8-omni-flash and help.aliyun.com/zh/model-studio/
    // qwen3-8-omni-flash (Nov 2026): "Input modalities: Text, images, audio, and video | Output modalities: Text";
    // "Thinking: Enabled by default, with adjustable reasoning effort"; context 1M, max input 991,808 tokens
    // (non-thinking) / 983,616 (thinking), max output 131,072. It never speaks: no voices.
    id: 'qwen3.8-omni-flash', label: 'Qwen3.8-Omni-Flash', kind: 'stable', aliases: [],
    thinking: true, thinkingByDefault: true,
    limits: { contextWindow: 1_000_000, maxInput: 991_808, maxOutput: 131_072, maxReasoning: null },
    thinkingLimits: { contextWindow: 1_000_000, maxInput: 983_616, maxOutput: 131_072, maxReasoning: null },
    voices: [], otherVoices: false, outputLanguages: [], systemPromptWithAudio: true, audioTokensPerSecond: null,
    media: CONSERVATIVE_MEDIA, input: MODALITIES, audioOut: false,
    // https://help.aliyun.com/zh/model-studio/omni-realtime-websocket-access (Nov 06 2026) documents the
    // Realtime sibling, which does speak ("returns text and audio").
    realtime: 'qwen3.8-omni-flash-realtime', custom: false,
  },
];

export const MODELS: readonly ModelInfo[] = [...REFERENCE_MODELS, ...MODELS_2026];

export const MODEL_IDS = MODELS.map((m) => m.id) as [string, ...string[]];

/**
 * What a model id may look like (the catalog's, or one a user enters for a model the catalog does not know yet:
 * `qwen3.5-omni-flash`, `Qwen/Qwen2.5-Omni-7B`): a letter or digit, then letters, digits and . _ : / -.
 */
export const MODEL_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}$/;
export const DEFAULT_MODEL = 'qwen3-omni-flash';
export const DEFAULT_VOICE = 'Cherry';

/** A model of this catalog, by id or alias (not the models the user entered: see FindModel). */
export function findModel(id: string): ModelInfo | undefined {
  return MODELS.find((m) => m.id === id || m.aliases.includes(id));
}

export function modelHasVoice(modelId: string, voice: string, find: FindModel = findModel): boolean {
  const model = find(modelId);
  return model ? voiceAccepted(model, voice) : false;
}

/** The voice may be sent with this model: one of its voices, or any name where the list is not the whole one. */
export function voiceAccepted(model: Pick<ModelInfo, 'voices' | 'otherVoices'>, voice: string): boolean {
  return model.voices.some((x) => x.id === voice) || (model.otherVoices && voice.trim() !== '');
}

/**
 * The voice to use with a model: the one asked for when the model has it, else Cherry, else the model's
 * first voice (a model whose list is open keeps a name it does not list only when it lists none). The core
 * and the Settings dialog both decide with this, so they cannot disagree.
 */
export function voiceForModel(modelId: string, voice: string, find: FindModel = findModel): string {
  const model = find(modelId);
  if (!model || model.voices.some((x) => x.id === voice)) return voice;
  return model.voices.some((x) => x.id === DEFAULT_VOICE) ? DEFAULT_VOICE : (model.voices[0]?.id ?? voice);
}
