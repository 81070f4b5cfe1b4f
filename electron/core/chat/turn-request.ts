// The request one turn sends: the conversation's shown path without its unanswered questions, fitted to the
// model's input limit (the oldest whole turns left out, the system prompt's share kept free), each earlier question with its own stored
// media, the system prompt first.
import type { ModelInfo } from '../../../shared/catalog';
import type { ConversationSettings, Message } from '../../../shared/domain';
import { errorText } from '../../../shared/error-text';
import { estimateTextTokens, maxInputTokens, type Calibration, type TokensByKind } from '../../../shared/estimate';
import { buildChatBody, type ChatBody, type UserContentPart } from '../api/request';
import { isLinkedMedia, linkPart, type LinkedMedia } from '../attachments/links';
import type { MediaService, PreparedMedia } from '../media';
import type { Store } from '../store/history-store';
import { fitHistory, historyToApiMessages, sentTokensByKind, sentWithMedia, storedMeasure, withoutUnanswered } from './history';
import { withSystemPrompt } from './turn-settings';

/** A draft's or a stored question's media as a request part. */
export type PartReader = (record: PreparedMedia | LinkedMedia) => Promise<UserContentPart>;

/** Links go as links; files are read and checked against the chosen endpoint's data-URI budget. */
export function createPartReader(media: MediaService, budget: () => number): PartReader {
  return async (record) => (isLinkedMedia(record) ? linkPart(record) : media.part(record, budget()));
}

export interface TurnRequest {
  conversationId: string;
  /** The reply being asked for: stored already, left out of the history it is asked with. */
  replyId: string;
  question: Message;
  /** The question's media, read from the draft; null for a new version, whose files are in the store. */
  questionParts: UserContentPart[] | null;
  modelId: string;
  /** The model as resolved (the catalog's or the user's own): its limits and what it can do. */
  model: ModelInfo;
  turn: ConversationSettings;
  /** The model's estimate factors learned from its usage (chat/calibration.ts). */
  calibration?: Calibration;
}

export interface TurnRequestDeps {
  store: Pick<Store, 'history' | 'preparedMedia'>;
  partFor: PartReader;
  log: (line: string) => void;
}

/**
 * The request body, the turns left out to fit the input limit, and what the estimate's rules say the request
 * takes by kind (uncalibrated), for the calibration to compare with the server's count.
 */
export async function buildTurnRequest(
  d: TurnRequestDeps, r: TurnRequest,
): Promise<{ body: ChatBody; turnsLeftOut: number; estimated: TokensByKind }> {
  const { turn } = r;
  const measure = storedMeasure(d.store);
  // Over the model's input limit, the oldest turns are left out (and the reply says how many).
  // A question whose reply brought no words is left out (never two user turns in a row).
  const asked = withoutUnanswered(d.store.history(r.conversationId).filter((m) => m.id !== r.replyId));
  const { messages: history, leftOutTurns } = fitHistory(asked, {
    modelId: r.modelId, model: r.model, maxInput: maxInputTokens(r.modelId, turn.thinking, () => r.model), measure, calibration: r.calibration,
    // The system prompt goes with every request, so its share is kept free.
    reserve: turn.systemPrompt.trim() ? estimateTextTokens(turn.systemPrompt) : 0,
  });
  const media = await historyMedia(d, r.questionParts ? history.filter((m) => m.id !== r.question.id) : history);
  if (r.questionParts) media.set(r.question.id, r.questionParts);
  const body = buildChatBody(withSystemPrompt(historyToApiMessages(history, media), turn.systemPrompt), {
    model: r.modelId, voice: turn.voice, speakReplies: turn.speakReplies, thinking: turn.thinking,
  }, r.model);
  return { body, turnsLeftOut: leftOutTurns, estimated: sentTokensByKind(history, measure, r.modelId, turn.systemPrompt, r.model) };
}

/** Earlier user turns' media, re-read from the store; a file that went missing is left out (and logged). */
async function historyMedia(d: TurnRequestDeps, messages: readonly Message[]): Promise<Map<string, UserContentPart[]>> {
  const out = new Map<string, UserContentPart[]>();
  for (const m of messages) {
    if (m.role !== 'user' || !sentWithMedia(m)) continue;
    const parts: UserContentPart[] = [];
    for (const p of d.store.preparedMedia(m.id)) {
      try {
        parts.push(await d.partFor(p as PreparedMedia | LinkedMedia));
      } catch (err) {
        d.log(`left out an earlier attachment of ${m.id}: ${errorText(err)}`);
      }
    }
    out.set(m.id, parts);
  }
  return out;
}
