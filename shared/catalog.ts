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
  /** What the picker shows (dialect voices by their dialect). */
  label: string;
}

const v = (id: string, label = id): VoiceInfo => ({ id, label });

export const VOICES_49: readonly VoiceInfo[] = [
  v('Cherry'), v('Serena'), v('Ethan'), v('Chelsie'), v('Momo'), v('Vivian'), v('Moon'), v('Maia'),
  v('Kai'), v('Nofish'), v('Bella'), v('Jennifer'), v('Ryan'), v('Katerina'), v('Aiden'),
  v('Eldric Sage'), v('Mia'), v('Mochi'), v('Bellona'), v('Vincent'), v('Bunny'), v('Neil'),
  v('Elias'), v('Arthur'), v('Nini'), v('Ebona'), v('Seren'), v('Pip'), v('Stella'), v('Bodega'),
  v('Sonrisa'), v('Alek'), v('Dolce'), v('Sohee'), v('Ono Anna'), v('Lenn'), v('Emilien'),
  v('Andre'), v('Radio Gol'),
  v('Jada', 'Shanghainese - Jada'), v('Dylan', 'Beijing dialect - Dylan'),
  v('Li', 'Nanjing dialect - Li'), v('Marcus', 'Shaanxi dialect - Marcus'),
  v('Roy', 'Southern Min - Roy'), v('Peter', 'Tianjin dialect - Peter'),
  v('Sunny', 'Sichuan dialect - Sunny'), v('Eric', 'Sichuan dialect - Eric'),
  v('Rocky', 'Cantonese - Rocky'), v('Kiki', 'Cantonese - Kiki'),
];

const pick = (ids: readonly string[]): readonly VoiceInfo[] =>
  ids.map((id) => {
    const found = VOICES_49.find((x) => x.id === id);
    if (!found) throw new Error(`catalog: unknown voice ${id}`);
    return found;
  });

export const VOICES_17 = pick([
  'Cherry', 'Ethan', 'Nofish', 'Jennifer', 'Ryan', 'Katerina', 'Elias', 'Jada', 'Dylan', 'Sunny',
  'Li', 'Marcus', 'Roy', 'Peter', 'Rocky', 'Kiki', 'Eric',
]);
export const VOICES_TURBO = pick(['Cherry', 'Serena', 'Ethan', 'Chelsie']);
export const VOICES_7B = pick(['Ethan', 'Chelsie']);

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
  /** Limits in non-thinking mode; `thinkingLimits` when the model can think. */
  limits: TokenLimits | null;
  thinkingLimits: TokenLimits | null;
  voices: readonly VoiceInfo[];
  /** The API refuses a system message when the reply includes audio. */
  systemPromptWithAudio: boolean;
  audioTokensPerSecond: number;
  media: MediaLimits;
}

const FLASH_LIMITS: TokenLimits = { contextWindow: 49_152, maxInput: 16_384, maxOutput: 16_384, maxReasoning: null };
const FLASH_THINKING: TokenLimits = { contextWindow: 65_536, maxInput: 16_384, maxOutput: 16_384, maxReasoning: 32_768 };

const flash = (id: string, label: string, kind: ModelInfo['kind'], voices: readonly VoiceInfo[], aliases: string[] = []): ModelInfo => ({
  id, label, kind, aliases, voices,
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
    thinking: false, limits: null, thinkingLimits: null, voices: VOICES_TURBO,
    systemPromptWithAudio: false, audioTokensPerSecond: 25, media: TURBO_MEDIA,
  },
  {
    id: 'qwen2.5-omni-7b', label: 'Qwen2.5-Omni-7B', kind: 'open-source', aliases: [],
    thinking: false,
    limits: { contextWindow: 32_768, maxInput: 30_720, maxOutput: 2_048, maxReasoning: null },
    thinkingLimits: null, voices: VOICES_7B,
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
