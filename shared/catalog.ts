// The model catalog: data from ../shared/reference (the Qwen-Omni guide). When Alibaba changes a model,
// a voice or a limit, this file is the one to change; the app and the pre-send checks read it.

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
  contextWindow: number;
  maxInput: number;
  maxOutput: number;
  maxReasoning: number | null;
}

export interface ModelInfo {
  id: string;
  label: string;
  kind: 'stable' | 'snapshot' | 'legacy' | 'open-source';
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
  audioTokensPerSecond: number;
  media: MediaLimits;
}

const FLASH_LIMITS: TokenLimits = { contextWindow: 49_152, maxInput: 16_384, maxOutput: 16_384, maxReasoning: null };
const FLASH_THINKING: TokenLimits = { contextWindow: 65_536, maxInput: 16_384, maxOutput: 16_384, maxReasoning: 32_768 };

const FLASH_OUTPUT = ['Chinese (Mandarin and some dialects)', ...FLASH_LANGUAGES.slice(1)];
const TURBO_OUTPUT = ['Chinese (Mandarin)', 'English'];

const flash = (id: string, label: string, kind: ModelInfo['kind'], voices: readonly VoiceInfo[], aliases: string[] = []): ModelInfo => ({
  id, label, kind, aliases, voices,
  outputLanguages: FLASH_OUTPUT,
  thinking: true,
  limits: FLASH_LIMITS,
  thinkingLimits: FLASH_THINKING,
  systemPromptWithAudio: true,
  audioTokensPerSecond: 12.5,
  media: FLASH_MEDIA,
});

export const MODELS: readonly ModelInfo[] = [
  flash('qwen3-omni-flash', 'Qwen3-Omni-Flash', 'stable', VOICES_17),
  flash('qwen3-omni-flash-2025-12-01', 'Qwen3-Omni-Flash 2025-12-01', 'snapshot', VOICES_49),
  flash('qwen3-omni-flash-2025-09-15', 'Qwen3-Omni-Flash 2025-09-15', 'snapshot', VOICES_17, ['qwen3-omni-flash-0915']),
  {
    id: 'qwen-omni-turbo', label: 'Qwen-Omni-Turbo', kind: 'legacy', aliases: [],
    thinking: false, limits: null, thinkingLimits: null, voices: VOICES_TURBO, outputLanguages: TURBO_OUTPUT,
    systemPromptWithAudio: false, audioTokensPerSecond: 25, media: TURBO_MEDIA,
  },
  {
    id: 'qwen2.5-omni-7b', label: 'Qwen2.5-Omni-7B', kind: 'open-source', aliases: [],
    thinking: false,
    limits: { contextWindow: 32_768, maxInput: 30_720, maxOutput: 2_048, maxReasoning: null },
    thinkingLimits: null, voices: VOICES_7B,
    // Not stated by the guide; its voices speak Chinese and English.
    outputLanguages: TURBO_OUTPUT,
    systemPromptWithAudio: true, audioTokensPerSecond: 25, media: TURBO_MEDIA,
  },
];

export const MODEL_IDS = MODELS.map((m) => m.id) as [string, ...string[]];
export const DEFAULT_MODEL = 'qwen3-omni-flash';
export const DEFAULT_VOICE = 'Cherry';

export function findModel(id: string): ModelInfo | undefined {
  return MODELS.find((m) => m.id === id || m.aliases.includes(id));
}

export function modelHasVoice(modelId: string, voice: string): boolean {
  return findModel(modelId)?.voices.some((x) => x.id === voice) ?? false;
}

/**
 * The voice to use with a model: the one asked for when the model has it, else Cherry, else the model's
 * first voice. The core and the Settings dialog both decide with this, so they cannot disagree.
 */
export function voiceForModel(modelId: string, voice: string): string {
  const model = findModel(modelId);
  if (!model || model.voices.some((x) => x.id === voice)) return voice;
  return model.voices.some((x) => x.id === DEFAULT_VOICE) ? DEFAULT_VOICE : (model.voices[0]?.id ?? voice);
}
