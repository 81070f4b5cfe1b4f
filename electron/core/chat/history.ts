// The history sent with each turn. Assistant turns are reduced to their text (the API accepts text only
// there; their audio stays on this machine). Replies that produced no text are left out rather than
// sent as empty turns. A user turn that carried files goes again with its own media, first, then its text.
import { findModel, type ModelInfo } from '../../../shared/catalog';
import type { Message } from '../../../shared/domain';
import {
  estimateMessageTokens, messageTokensByKind, noTokens, TOKEN_KINDS, type Calibration, type EstimateMessage, type MediaMeasure,
  type TokensByKind,
} from '../../../shared/estimate';
import type { ApiMessage, UserContentPart } from '../api/request';
import { measureRecord } from '../media/measure';

export function historyToApiMessages(
  messages: readonly Message[],
  media: ReadonlyMap<string, readonly UserContentPart[]> = new Map(),
): ApiMessage[] {
  const out: ApiMessage[] = [];
  for (const m of messages) {
    if (m.role === 'user') {
      const parts = media.get(m.id) ?? [];
      // A spoken turn the service could not transcribe has nothing to send (its audio stays here).
      if (parts.length === 0 && m.text.trim() === '') continue;
      if (parts.length === 0) {
        out.push({ role: 'user', content: m.text });
      } else {
        const content: UserContentPart[] = [...parts];
        if (m.text.trim().length > 0) content.push({ type: 'text', text: m.text });
        out.push({ role: 'user', content });
      }
    } else if (m.text.trim().length > 0) {
      out.push({ role: 'assistant', content: m.text });
    }
  }
  return out;
}

/**
 * The path without the questions that got no answer in words (the reply failed or was stopped before any
 * text came): a request never carries two user turns in a row. The last message, the question being asked
 * now, always goes.
 */
export function withoutUnanswered(messages: readonly Message[]): Message[] {
  return messages.filter((m, i) => {
    if (m.role !== 'user' || i === messages.length - 1) return true;
    for (let j = i + 1; j < messages.length && messages[j]!.role !== 'user'; j++) {
      if (messages[j]!.text.trim().length > 0) return true;
    }
    return false;
  });
}

// ---- Fitting the history into the model's input limit (issue 4). Whole turns (a user message and the
// replies that follow it) are left out, oldest first; the newest turn, the one being asked, always goes.

/** What an estimate needs to know about one message of the history. */
export type MeasureMessage = (m: Message) => EstimateMessage;

export interface FittedHistory {
  messages: Message[];
  /** How many earlier turns were left out. */
  leftOutTurns: number;
  /** The estimate of what is sent (tokens). */
  estimate: number;
}

/** Splits the history into turns: each starts at a user message; replies belong to the turn before them. */
export function turnsOf(messages: readonly Message[]): Message[][] {
  const turns: Message[][] = [];
  for (const m of messages) {
    const current = turns[turns.length - 1];
    if (m.role === 'user' || !current) turns.push([m]);
    else current.push(m);
  }
  return turns;
}

/** What a message adds to a request: assistant turns as their text only (and nothing when empty). */
function sentEstimate(m: Message, measure: MeasureMessage, model: ModelInfo | undefined, cal?: Calibration): number {
  if (m.role === 'assistant') return m.text.trim().length > 0 ? estimateMessageTokens({ text: m.text }, model, cal) : 0;
  return estimateMessageTokens(measure(m), model, cal);
}

/** What the rules (uncalibrated) say the messages will take, by the kinds the server reports apart. */
export function sentTokensByKind(
  messages: readonly Message[], measure: MeasureMessage, modelId: string, extraText = '', resolved?: ModelInfo,
): TokensByKind {
  const model = resolved ?? findModel(modelId);
  const out = noTokens();
  const add = (t: TokensByKind) => {
    for (const k of TOKEN_KINDS) out[k] += t[k];
  };
  if (extraText.trim()) add(messageTokensByKind({ text: extraText }, model));
  for (const m of messages) {
    if (m.role === 'assistant') {
      if (m.text.trim().length > 0) add(messageTokensByKind({ text: m.text }, model));
    } else {
      add(messageTokensByKind(measure(m), model));
    }
  }
  return out;
}

/**
 * The history that fits `maxInput` (null: no known limit, everything goes). `reserve` is what the request
 * carries besides the history (a system prompt, say).
 */
export function fitHistory(
  messages: readonly Message[],
  opts: { modelId: string; maxInput: number | null; measure: MeasureMessage; reserve?: number; model?: ModelInfo; calibration?: Calibration },
): FittedHistory {
  const model = opts.model ?? findModel(opts.modelId);
  const turns = turnsOf(messages);
  const sizes = turns.map((turn) => turn.reduce((n, m) => n + sentEstimate(m, opts.measure, model, opts.calibration), 0));
  let total = sizes.reduce((a, b) => a + b, opts.reserve ?? 0);
  let first = 0;
  if (opts.maxInput !== null) {
    while (total > opts.maxInput && first < turns.length - 1) {
      total -= sizes[first]!;
      first++;
    }
  }
  return { messages: turns.slice(first).flat(), leftOutTurns: first, estimate: total };
}

/**
 * Measures a stored message: its text and the media stored with it (the store's prepared records). A turn
 * spoken in a live session goes as its transcript alone (sentWithMedia), so only its text counts.
 */
export function storedMeasure(store: { preparedMedia(messageId: string): unknown[] }): MeasureMessage {
  return (m) => ({
    text: m.text,
    media: !sentWithMedia(m) ? [] : store.preparedMedia(m.id).map(measureRecord).filter((x): x is MediaMeasure => x !== null),
  });
}

/**
 * Whether a stored user turn goes again with its files. A turn spoken in a live session does not: the session's
 * transcript is its history (its recording stays here, to replay and export).
 */
export function sentWithMedia(m: Message): boolean {
  return m.attachments.length > 0 && !m.liveSessionId;
}
