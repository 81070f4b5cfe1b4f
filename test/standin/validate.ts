// The request rules of the reference, enforced the way DashScope answers them, so a client bug shows up
// against the stand-in as it would against the real service.
import { DASHSCOPE_DATA_URI_BUDGET, findModel, voiceAccepted, type FindModel, type ModelInfo } from '../../shared/catalog';

export interface Refusal {
  status: number;
  code: string;
  type: string;
  message: string;
}

const bad = (message: string, code = 'invalid_parameter_error'): Refusal => ({
  status: 400, code, type: 'invalid_request_error', message,
});

const isObj = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object' && !Array.isArray(x);

/** "Input should be 'A', 'B' or 'C': parameters.audio.voice", as the service words it. */
export function voiceRefusal(model: ModelInfo): Refusal {
  const ids = model.voices.map((v) => `'${v.id}'`);
  const list = ids.length > 1 ? `${ids.slice(0, -1).join(', ')} or ${ids[ids.length - 1]}` : ids.join('');
  return bad(`Input should be ${list}: parameters.audio.voice`, 'InvalidParameter');
}

const PART_KIND: Record<string, string> = {
  image_url: 'image', input_audio: 'audio', video_url: 'video', video: 'video',
};

function dataUris(part: Record<string, unknown>): string[] {
  const out: string[] = [];
  const push = (x: unknown) => {
    if (typeof x === 'string' && x.startsWith('data:')) out.push(x);
  };
  if (isObj(part.image_url)) push(part.image_url.url);
  if (isObj(part.input_audio)) push(part.input_audio.data);
  if (isObj(part.video_url)) push(part.video_url.url);
  if (Array.isArray(part.video)) part.video.forEach(push);
  return out;
}

function checkMessages(messages: unknown, model: ModelInfo, withAudio: boolean): Refusal | null {
  if (!Array.isArray(messages) || messages.length === 0) return bad('messages must be a non-empty array.');
  for (const [i, m] of messages.entries()) {
    if (!isObj(m)) return bad(`messages[${i}] must be an object.`);
    if (m.role === 'system') {
      if (withAudio && !model.systemPromptWithAudio) {
        return bad(`The model ${model.id} does not support a system message when the output includes audio.`);
      }
      if (typeof m.content !== 'string') return bad(`messages[${i}].content must be a string for a system message.`);
    } else if (m.role === 'assistant') {
      if (typeof m.content !== 'string') return bad(`messages[${i}]: assistant messages may only contain text.`);
    } else if (m.role === 'user') {
      if (typeof m.content === 'string') continue;
      if (!Array.isArray(m.content) || m.content.length === 0) return bad(`messages[${i}].content must be a string or a non-empty array.`);
      const kinds = new Set<string>();
      for (const part of m.content) {
        if (!isObj(part) || typeof part.type !== 'string') return bad(`messages[${i}].content has a part without a type.`);
        if (part.type === 'text') {
          if (typeof part.text !== 'string') return bad(`messages[${i}].content: a text part needs text.`);
          continue;
        }
        const kind = PART_KIND[part.type];
        if (!kind) return bad(`messages[${i}].content: unknown part type '${part.type}'.`);
        kinds.add(kind);
        for (const uri of dataUris(part)) {
          if (uri.length > DASHSCOPE_DATA_URI_BUDGET) {
            return bad(`Exceeded limit on max bytes per data-uri item : ${DASHSCOPE_DATA_URI_BUDGET}`);
          }
        }
      }
      if (kinds.size > 1) return bad(`messages[${i}]: a user message may hold text and only one other modality (got ${[...kinds].join(', ')}).`);
    } else {
      return bad(`messages[${i}].role must be system, user or assistant.`);
    }
  }
  return null;
}

export interface ValidRequest {
  model: ModelInfo;
  audio: boolean;
  voice: string | null;
  thinking: boolean;
}

/** `find` knows the models this stand-in serves: the catalog's, and the scenario's `extraModels`. */
export function validate(body: unknown, find: FindModel = findModel): Refusal | ValidRequest {
  if (!isObj(body)) return bad('The request body must be a JSON object.');
  const model = typeof body.model === 'string' ? find(body.model) : undefined;
  if (!model) return { status: 404, code: 'model_not_found', type: 'invalid_request_error', message: 'Model can not be found.' };
  const modalities = body.modalities ?? ['text'];
  if (!Array.isArray(modalities) || modalities.some((x) => x !== 'text' && x !== 'audio') || !modalities.includes('text')) {
    return bad('modalities must be ["text"] or ["text","audio"].');
  }
  const audio = modalities.includes('audio');
  if (body.stream !== true) {
    return bad(audio
      ? "'audio' output only support with stream=true"
      : 'This model only support stream mode, please enable the stream parameter to access the model.');
  }
  const thinking = body.enable_thinking === true;
  if (body.enable_thinking !== undefined && !model.thinking) {
    return bad(`The model ${model.id} does not support the enable_thinking parameter.`);
  }
  if (thinking && audio) return bad('Audio output is not supported in thinking mode; set modalities to ["text"].');
  let voice: string | null = null;
  if (audio && !model.audioOut) return bad(`The model ${model.id} does not support audio output; set modalities to ["text"].`);
  if (audio) {
    if (!isObj(body.audio)) return bad('audio is required when modalities include "audio".');
    if (body.audio.format !== 'wav') return bad("Input should be 'wav': parameters.audio.format", 'InvalidParameter');
    const v = body.audio.voice;
    if (typeof v !== 'string' || !voiceAccepted(model, v)) return voiceRefusal(model);
    voice = v;
  }
  const messagesRefusal = checkMessages(body.messages, model, audio);
  if (messagesRefusal) return messagesRefusal;
  return { model, audio, voice, thinking };
}

export function isRefusal(x: Refusal | ValidRequest): x is Refusal {
  return 'status' in x;
}
