// Every request rule of the reference that can be checked before a turn leaves, in one place: the
// composer shows these problems before sending and the core refuses a turn that breaks one (the last
// guard). Pure data in, problems out; each problem carries a code, its parameters and the fixes the UI can
// offer, so the renderer words it in the user's language and the core in English (RULE_TEXT_EN).
import { findModel, voiceAccepted, voiceForModel, type FindModel, type MediaLimits } from './catalog';
import { formatBytes, formatDuration } from './media-note-text';

/** What a turn is sent with: the conversation's settings after any per-turn override. */
export interface TurnSettings {
  model: string;
  voice: string;
  speakReplies: boolean;
  thinking: boolean;
  systemPrompt: string;
}

export type SendAs = 'image' | 'audio' | 'video' | 'frames';

/** One attachment of the message, as far as it is known (null: not known, e.g. a link). */
export interface DraftMedia {
  id: string;
  name: string;
  sendAs: SendAs;
  /** Raw bytes of the largest file it sends (one picture of a frame list). */
  bytes: number | null;
  seconds: number | null;
  /** Pictures in a frame list. */
  frames: number | null;
  width: number | null;
  height: number | null;
}

export type RuleCode =
  | 'unknownModel' | 'voiceNotForModel' | 'thinkingUnsupported' | 'thinkingWithAudio' | 'systemPromptWithAudio'
  | 'mixModalities' | 'oneAudioOrVideo' | 'tooFewFrames' | 'tooManyFrames' | 'tooLarge' | 'tooLong'
  | 'imageTooSmall' | 'imageTooThin' | 'noSpokenReplies' | 'inputNotAccepted' | 'inputTooLong' | 'historyOverLimit';

/** Things the UI can do for the user in one click. */
export type RuleFix =
  | 'turnOffSpeak' | 'turnOffThinking' | 'removeSystemPrompt' | 'pickVoice' | 'pickModel' | 'removeAttachment'
  | 'fitAttachment' | 'leaveOutOldTurns' | 'newConversation';

export interface RuleProblem {
  code: RuleCode;
  params: Record<string, string | number>;
  fixes: RuleFix[];
  /** The attachment the problem is about, when it is about one. */
  attachmentId: string | null;
}

/**
 * English wording, `{param}` placeholders. Spread into the renderer's English dictionary (as `rules.<code>`
 * keys) so the composer and the core say the same thing; other languages translate these keys.
 */
export const RULE_TEXT_EN = {
  'rules.unknownModel': '{model} is not a model this app knows. Pick a model in the conversation settings.',
  'rules.voiceNotForModel': '{model} has no voice called {voice}. Pick one of its voices, or turn Speak replies off.',
  'rules.thinkingUnsupported': '{model} has no thinking mode. Turn Thinking off, or pick a Qwen3-Omni-Flash model.',
  'rules.thinkingWithAudio':
    'With Thinking on the API replies in text only, so replies cannot be spoken. Turn Speak replies off, or turn Thinking off.',
  'rules.systemPromptWithAudio':
    '{model} does not accept a system prompt when replies are spoken. Turn Speak replies off, or remove the system prompt.',
  'rules.mixModalities':
    'A message can carry several pictures, or one audio file, or one video. “{name}” ({kind}) cannot go with “{other}” ({otherKind}): remove one of them, or send it in the next message.',
  'rules.oneAudioOrVideo':
    'A message can carry several pictures, or one audio file, or one video. Only one {kind} fits in a message: remove “{name}” or “{other}”, or send it in the next message.',
  'rules.tooFewFrames':
    '“{name}” goes as {count} pictures, but {model} needs at least {min}. Remove it and send the video as a file, or attach a longer one.',
  'rules.tooManyFrames':
    '“{name}” goes as {count} pictures, but {model} takes at most {max}. Remove it and attach it again, so it is prepared for {model}.',
  'rules.tooLarge':
    '“{name}” is {size}, but {model} takes at most {limit} per {kind}. Remove it and attach it again, so it is made smaller for {model}.',
  'rules.tooLong':
    '“{name}” lasts {duration}, but {model} takes at most {limit}. Remove it and attach it again, so it is cut for {model}.',
  'rules.imageTooSmall':
    '“{name}” is {width}×{height} px; pictures must be at least {min} px on each side. Remove it and use a larger picture.',
  'rules.imageTooThin':
    '“{name}” is {width}×{height} px; its sides may differ by at most {max}:1. Remove it, crop it and attach it again.',
  'rules.noSpokenReplies': '{model} answers in text only, so its replies cannot be spoken. Turn Speak replies off, or pick a model that speaks.',
  'rules.inputNotAccepted': '{model} does not take {kind}: “{name}” cannot go with it. Remove it, or pick a model that takes {kind}.',
  'rules.inputTooLong':
    'This message is about {estimate} input tokens, over {model}’s limit of {limit}: it cannot go as it is. Shorten the text, or make an attachment take less.',
  'rules.historyOverLimit':
    'With the conversation so far this is about {estimate} input tokens, over {model}’s limit of {limit}: the earliest turns would have to be left out.',
} as const satisfies Record<`rules.${RuleCode}`, string>;

/** Fills a template's `{param}`s. */
export function fillRule(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The problem in English (the core's words; the renderer uses its dictionary instead). */
export function ruleMessage(p: RuleProblem): string {
  return fillRule(RULE_TEXT_EN[`rules.${p.code}`], p.params);
}

const problem = (code: RuleCode, params: RuleProblem['params'], fixes: RuleFix[], attachmentId: string | null = null): RuleProblem =>
  ({ code, params, fixes, attachmentId });

/** Thinking happens only where the catalog says the model can think. */
export function thinkingApplies(s: Pick<TurnSettings, 'model' | 'thinking'>, find: FindModel = findModel): boolean {
  return s.thinking && find(s.model)?.thinking === true;
}

/**
 * The settings rules: model, voice, thinking with audio, system prompt with audio, spoken replies from a
 * text-only model. `find` also knows the user's own models where they count (shared/custom-models.ts).
 */
export function checkSettings(s: TurnSettings, find: FindModel = findModel): RuleProblem[] {
  const model = find(s.model);
  if (!model) return [problem('unknownModel', { model: s.model }, ['pickModel'])];
  const out: RuleProblem[] = [];
  const label = model.label;
  if (s.thinking && !model.thinking) out.push(problem('thinkingUnsupported', { model: label }, ['turnOffThinking', 'pickModel']));
  // In thinking mode only ["text"] output is allowed and `audio` must not be sent.
  if (s.thinking && model.thinking && s.speakReplies) out.push(problem('thinkingWithAudio', { model: label }, ['turnOffSpeak', 'turnOffThinking']));
  // A text-only model is never asked for audio.
  if (s.speakReplies && !model.audioOut) out.push(problem('noSpokenReplies', { model: label }, ['turnOffSpeak', 'pickModel']));
  else if (s.speakReplies && !voiceAccepted(model, s.voice)) {
    out.push(problem('voiceNotForModel', { model: label, voice: s.voice }, ['pickVoice', 'turnOffSpeak']));
  }
  // Qwen-Omni-Turbo: no system message when the output includes audio.
  if (s.speakReplies && s.systemPrompt.trim() !== '' && !model.systemPromptWithAudio) {
    out.push(problem('systemPromptWithAudio', { model: label }, ['turnOffSpeak', 'removeSystemPrompt']));
  }
  return out;
}

const modality = (s: SendAs): 'image' | 'audio' | 'video' => (s === 'frames' ? 'video' : s);

/** One user message: text plus ONE other modality; several pictures, or one audio file, or one video. */
export function mixProblem(current: readonly Pick<DraftMedia, 'id' | 'name' | 'sendAs'>[], next: Pick<DraftMedia, 'id' | 'name' | 'sendAs'>): RuleProblem | null {
  const first = current.find((c) => c.id !== next.id);
  if (!first) return null;
  const a = modality(first.sendAs);
  const b = modality(next.sendAs);
  if (a !== b) {
    return problem('mixModalities', { name: next.name, kind: b, other: first.name, otherKind: a }, ['removeAttachment'], next.id);
  }
  if (a === 'image') return null;
  return problem('oneAudioOrVideo', { kind: a, name: next.name, other: first.name }, ['removeAttachment'], next.id);
}

/** Every attachment that breaks the mixing rule, keeping the earliest ones. */
export function checkMixing(items: readonly Pick<DraftMedia, 'id' | 'name' | 'sendAs'>[]): RuleProblem[] {
  const kept: Pick<DraftMedia, 'id' | 'name' | 'sendAs'>[] = [];
  const out: RuleProblem[] = [];
  for (const item of items) {
    const p = mixProblem(kept, item);
    if (p) out.push(p);
    else kept.push(item);
  }
  return out;
}

export { formatBytes, formatDuration };

/** One attachment against the model's media limits: size, duration, frame count, picture shape. */
export function checkMediaLimits(m: DraftMedia, limits: MediaLimits, modelLabel: string): RuleProblem[] {
  const out: RuleProblem[] = [];
  const fix: RuleFix[] = ['removeAttachment'];
  const kind = modality(m.sendAs);
  const maxBytes = m.sendAs === 'image' || m.sendAs === 'frames' ? limits.imageMaxBytes
    : m.sendAs === 'audio' ? limits.audioMaxBytes : limits.videoMaxBytes;
  if (m.bytes !== null && m.bytes > maxBytes) {
    out.push(problem('tooLarge', { name: m.name, size: formatBytes(m.bytes), model: modelLabel, limit: formatBytes(maxBytes), kind: m.sendAs === 'frames' ? 'image' : kind }, fix, m.id));
  }
  const maxSeconds = m.sendAs === 'audio' ? limits.audioMaxSeconds : m.sendAs === 'video' ? limits.videoMaxSeconds : null;
  if (maxSeconds !== null && m.seconds !== null && m.seconds > maxSeconds) {
    out.push(problem('tooLong', { name: m.name, duration: formatDuration(m.seconds), model: modelLabel, limit: formatDuration(maxSeconds) }, fix, m.id));
  }
  if (m.sendAs === 'frames' && m.frames !== null) {
    if (m.frames < limits.videoFramesMin) {
      out.push(problem('tooFewFrames', { name: m.name, count: m.frames, model: modelLabel, min: limits.videoFramesMin }, fix, m.id));
    } else if (m.frames > limits.videoFramesMax) {
      out.push(problem('tooManyFrames', { name: m.name, count: m.frames, model: modelLabel, max: limits.videoFramesMax }, fix, m.id));
    }
  }
  if ((m.sendAs === 'image' || m.sendAs === 'frames') && m.width !== null && m.height !== null && m.width > 0 && m.height > 0) {
    const small = Math.min(m.width, m.height);
    if (small < limits.imageMinSidePx) {
      out.push(problem('imageTooSmall', { name: m.name, width: m.width, height: m.height, min: limits.imageMinSidePx }, fix, m.id));
    } else if (Math.max(m.width, m.height) / small > limits.imageMaxAspect) {
      out.push(problem('imageTooThin', { name: m.name, width: m.width, height: m.height, max: limits.imageMaxAspect }, fix, m.id));
    }
  }
  return out;
}

/** Every rule for one turn: the settings, then the attachments' mixing, then each attachment's limits. */
export function checkTurn(s: TurnSettings, media: readonly DraftMedia[] = [], find: FindModel = findModel): RuleProblem[] {
  const out = checkSettings(s, find);
  out.push(...checkMixing(media));
  const model = find(s.model);
  if (model) {
    for (const m of media) {
      const kind = modality(m.sendAs);
      if (!model.input.includes(kind)) out.push(problem('inputNotAccepted', { model: model.label, kind, name: m.name }, ['removeAttachment', 'pickModel'], m.id));
      else out.push(...checkMediaLimits(m, model.media, model.label));
    }
  }
  return out;
}

/**
 * Settings that obey the rules whatever is asked for: thinking only on a model that can think, and then
 * no spoken replies. Used when settings change, so Thinking turning on turns Speak replies off.
 */
export function normalizeTurnSettings<T extends Omit<TurnSettings, 'systemPrompt'>>(s: T, changed: Partial<T> = {}, find: FindModel = findModel): T {
  const next = { ...s };
  const model = find(next.model);
  if (!model?.thinking) next.thinking = false;
  // A model that answers in text only is never asked to speak.
  if (model && !model.audioOut) next.speakReplies = false;
  if (next.thinking && next.speakReplies) {
    // The one just switched on wins; otherwise thinking does (the API allows only text then).
    if (changed.speakReplies === true && changed.thinking !== true) next.thinking = false;
    else next.speakReplies = false;
  }
  return next;
}

/**
 * Settings with a change applied as the header and the core apply it: a model without the voice gets its
 * nearest voice, one without thinking drops it, and Thinking switched on turns Speak replies off (and the
 * other way round). A change naming both Thinking and Speak replies on is kept, for the rules to refuse.
 */
export function applyTurnChange<T extends TurnSettings>(base: T, change: Partial<T>, find: FindModel = findModel): T {
  const merged = { ...base, ...change };
  if (change.model !== undefined && change.voice === undefined) merged.voice = voiceForModel(merged.model, merged.voice, find);
  if (change.thinking === true && change.speakReplies === true) return merged;
  return normalizeTurnSettings(merged, change, find);
}

// ---- The input-token limit (shared/estimate.ts estimates; the core calibrates it against the server's counts).

/** What the input limit rules need to know of the message about to go. */
export interface InputCheck {
  /** The model's input limit; null when the guide gives none (nothing to check). */
  limit: number | null;
  modelLabel: string;
  /** The message itself: its text and every attachment (calibrated estimate). */
  draftTokens: number;
  /** What the conversation so far adds to the request. */
  historyTokens: number;
  /** Each attachment's share, and whether the core can make it take less (a long or large file). */
  media: readonly { id: string; name: string; tokens: number; fittable: boolean }[];
  /** The user chose to send with the earliest turns left out. */
  leaveOutOldTurns: boolean;
}

/** Below this many tokens an attachment is not worth fitting: removing it is the fix. */
const MIN_FIT_ROOM = 256;

const grouped = (n: number): string => Math.round(n).toLocaleString('en-US');

/**
 * The message alone over the limit holds Send, offering to fit its largest attachment into the room the
 * text leaves (`room` tokens) or to remove it; with the history over the limit, Send waits until the user
 * chooses to leave the earliest turns out (the core then does, oldest first) or to start a new conversation.
 */
export function checkInputLimit(c: InputCheck): RuleProblem[] {
  if (c.limit === null) return [];
  const params = { limit: grouped(c.limit), model: c.modelLabel };
  if (c.draftTokens > c.limit) {
    const largest = [...c.media].sort((a, b) => b.tokens - a.tokens)[0];
    if (!largest) return [problem('inputTooLong', { ...params, estimate: grouped(c.draftTokens) }, [])];
    const room = c.limit - (c.draftTokens - largest.tokens);
    const fixes: RuleFix[] = largest.fittable && room >= MIN_FIT_ROOM ? ['fitAttachment', 'removeAttachment'] : ['removeAttachment'];
    return [problem('inputTooLong', { ...params, estimate: grouped(c.draftTokens), name: largest.name, room }, fixes, largest.id)];
  }
  if (c.draftTokens + c.historyTokens > c.limit && !c.leaveOutOldTurns) {
    return [problem('historyOverLimit', { ...params, estimate: grouped(c.draftTokens + c.historyTokens) }, ['leaveOutOldTurns', 'newConversation'])];
  }
  return [];
}
