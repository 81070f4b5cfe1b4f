// Voice samples (voices.sample): how a voice sounds, said by the model itself. A tiny request — one fixed
// sentence in the user's language, text and audio out in that voice — whose audio is kept on disk as a WAV
// file per model, voice and language (<dataDir>/voice-samples/<model>/<voice>.<language>.wav), so each sample
// is paid for once and plays offline afterwards. The page plays it by opaque id from the app's origin
// (`voice-sample/<id>.wav`, answered by core/media-serve like stored media); asking twice at once makes one
// request.
import { createHash } from 'node:crypto';
import { mkdir, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { findModel } from '../../../shared/catalog';
import type { Language, Settings } from '../../../shared/domain';
import { errorText } from '../../../shared/error-text';
import { buildChatBody, streamChat, type ChatBody } from '../api';
import { regionHintFor } from '../api/error-mapping';
import { concatPcm, pcmSamples, REPLY_SAMPLE_RATE } from '../audio/pcm';
import { pcmToWav, WAV_HEADER_BYTES } from '../audio/wav';
import { checkServed, type Targets } from '../endpoints';
import type { Handlers } from '../core-interface';
import type { KeyVault } from '../keys';
import { UserError } from '../user-error';

/** A guard on what one sample may cost: a sentence's audio and words fit easily; a ramble is cut. */
export const SAMPLE_MAX_TOKENS = 400;
export const SAMPLES_DIR = 'voice-samples';

/** What the model is asked to say, per language: short, neutral, and naming the voice. */
const SENTENCE: Record<Language, (voice: string) => string> = {
  en: (voice) => `Hi, I'm ${voice}. This is how I sound when I answer you.`,
  'zh-CN': (voice) => `你好，我是${voice}。我回答你的时候，就是这个声音。`,
};
const ASK: Record<Language, (sentence: string) => string> = {
  en: (s) => `Read this sentence aloud, exactly as written, and say nothing else:\n${s}`,
  'zh-CN': (s) => `请把下面这句话原样读出来，不要说别的：\n${s}`,
};

export interface VoiceSample {
  /** Opaque: the page plays `voice-sample/<sampleId>.wav` (renderer/bridge/media-url.ts voiceSampleUrl). */
  sampleId: string;
  /** The sentence the model was asked to say. */
  text: string;
  durationMs: number;
  /** Read from disk (no request was made this time). */
  cached: boolean;
}

export interface VoiceSampleDeps {
  dataDir: string;
  vault: Pick<KeyVault, 'get'>;
  targets: Targets;
  readSettings: () => Settings;
  fetch: typeof globalThis.fetch;
  log: (line: string) => void;
}

export interface VoiceSamples {
  sample(input: { model: string; voice: string; language?: Language | undefined }): Promise<VoiceSample>;
  /** The file of a sample this core has answered for (media-serve); null for any other id. */
  fileOf(sampleId: string): string | null;
  /** Aborts the sample requests still out and waits for them. */
  close(): Promise<void>;
}

export function createVoiceSamples(d: VoiceSampleDeps): VoiceSamples {
  /** Ids this core has handed out → their files. The page can learn an id only from sample(). */
  const files = new Map<string, string>();
  /** One request per sample at a time: a second ask while the first is out waits for the same answer. */
  const pending = new Map<string, Promise<VoiceSample>>();
  const controllers = new Set<AbortController>();

  async function make(model: string, voice: string, language: Language, file: string, sampleId: string, text: string): Promise<VoiceSample> {
    const settings = d.readSettings();
    const target = d.targets.get(settings.region);
    const info = findModel(model)!;
    checkServed(target, info.id, info.label);
    const apiKey = (await d.vault.get(settings.region)) ?? (target.kind === 'custom' ? '' : null);
    if (apiKey === null) {
      throw new UserError('no_key', `No API key for ${target.label} yet, so ${voice} cannot be asked for a sample. Enter your DashScope API key for that region in Settings, then play the sample again.`);
    }
    const controller = new AbortController();
    controllers.add(controller);
    const pieces: Uint8Array[] = [];
    let result: Awaited<ReturnType<typeof streamChat>>;
    try {
      result = await streamChat({
        fetch: d.fetch, baseUrl: target.baseUrl, apiKey, body: sampleBody(info.id, voice, ASK[language](text)), signal: controller.signal,
        stallTimeoutMs: Math.min(settings.stallTimeoutMs, 30_000),
        region: regionHintFor(target.region, target.kind === 'custom' ? target.baseUrl : null),
        onEvent(e) {
          if (e.type === 'audio') pieces.push(e.pcm);
        },
      });
    } finally {
      controllers.delete(controller);
    }
    if (result.status === 'cancelled') throw new UserError('busy', 'The app is closing; the voice sample was not finished.');
    if (result.status !== 'complete') {
      const e = result.error;
      if (!e) throw new UserError('unknown', `The sample of ${voice} did not finish. Try again.`);
      const { kind, message, ...detail } = e;
      throw new UserError(kind, `The sample of ${voice} could not be made. ${message}`, detail);
    }
    const pcm = concatPcm(pieces);
    if (pcm.byteLength < 2) {
      throw new UserError('no_audio', `${target.label} answered without sound, so there is no sample of ${voice}. The endpoint may not speak replies; try again, or pick a voice without hearing it.`);
    }
    if (result.usage) d.log(`voice sample ${info.id}/${voice}/${language}: ${result.usage.totalTokens} tokens`);
    await mkdir(join(d.dataDir, SAMPLES_DIR, info.id), { recursive: true });
    const part = `${file}.${process.pid}.${Date.now()}.part`;
    await writeFile(part, pcmToWav(pcm));
    await rename(part, file);
    files.set(sampleId, file);
    return { sampleId, text, durationMs: Math.round((pcmSamples(pcm.byteLength) / REPLY_SAMPLE_RATE) * 1000), cached: false };
  }

  return {
    async sample({ model, voice, language }) {
      const info = findModel(model);
      if (!info) throw new UserError('invalid_input', `${model} is not a model this app knows.`);
      if (!info.voices.some((v) => v.id === voice)) {
        throw new UserError('invalid_input', `${info.label} has no voice called ${voice}. Pick one of its voices.`);
      }
      const lang = language ?? d.readSettings().language;
      const text = SENTENCE[lang](voice);
      const file = sampleFilePath(d.dataDir, info.id, voice, lang);
      const sampleId = idOf(info.id, voice, lang);
      const onDisk = await stat(file).catch(() => null);
      if (onDisk?.isFile() && onDisk.size > WAV_HEADER_BYTES) {
        files.set(sampleId, file);
        return { sampleId, text, durationMs: Math.round((pcmSamples(onDisk.size - WAV_HEADER_BYTES) / REPLY_SAMPLE_RATE) * 1000), cached: true };
      }
      let p = pending.get(sampleId);
      if (!p) {
        p = make(info.id, voice, lang, file, sampleId, text).finally(() => pending.delete(sampleId));
        pending.set(sampleId, p);
        p.catch((err: unknown) => d.log(`voice sample ${info.id}/${voice}/${lang} failed: ${errorText(err)}`));
      }
      return p;
    },
    fileOf: (sampleId) => files.get(sampleId) ?? null,
    async close() {
      for (const c of controllers) c.abort();
      await Promise.allSettled([...pending.values()]);
    },
  };
}

/** The request: the one sentence to say, answered as text and audio in that voice, and nothing more. */
export function sampleBody(model: string, voice: string, ask: string): ChatBody & { max_tokens: number } {
  return {
    ...buildChatBody([{ role: 'user', content: ask }], { model, voice, speakReplies: true, thinking: false }),
    max_tokens: SAMPLE_MAX_TOKENS,
  };
}

/** Where a sample is kept: <dataDir>/voice-samples/<model>/<voice>.<language>.wav (voice ids are the catalog's). */
export function sampleFilePath(dataDir: string, model: string, voice: string, language: Language): string {
  return join(dataDir, SAMPLES_DIR, model, `${voice}.${language}.wav`);
}

/** A sample's id: the same for the same model, voice and language, telling nothing of the file's place. */
function idOf(model: string, voice: string, language: Language): string {
  return `vs-${createHash('sha256').update(`${model}\0${voice}\0${language}`).digest('hex').slice(0, 32)}`;
}

/** The voices.sample request. */
export function createVoiceHandlers(samples: VoiceSamples): Pick<Handlers, 'voices.sample'> {
  return { 'voices.sample': (input) => samples.sample(input) };
}
