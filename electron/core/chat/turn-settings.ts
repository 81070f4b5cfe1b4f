// What one turn is sent with: the conversation's own settings (or, for a new conversation, the global
// ones, store/conversation-settings.ts), any per-turn override applied the way the UI applies a change
// (shared/rules.ts' applyTurnChange), then every rule of shared/rules.ts checked as the last guard before
// the request leaves.
import { findModel, type FindModel } from '../../../shared/catalog';
import { estimateMediaTokens, estimateMessageTokens, maxInputTokens, type Calibration } from '../../../shared/estimate';
import { checkInputLimit, checkTurn, ruleMessage, type DraftMedia, type TurnSettings } from '../../../shared/rules';
import { measureRecord } from '../media/measure';
import type { ApiMessage } from '../api/request';
import { UserError } from '../user-error';
import type { ReadyAttachment } from '../attachments/registry';

/** The rules the turn breaks, refused with the first one's sentence (which names the fix). */
export function guardTurn(turn: TurnSettings, media: readonly DraftMedia[], find?: FindModel): void {
  const [first] = checkTurn(turn, media, find);
  if (first) throw new UserError('invalid_input', ruleMessage(first));
}

/**
 * The message alone (its text and its files) over the model's input limit cannot go: refused with the
 * composer's sentence (the composer holds Send with the same rule and offers the fix). Over the limit only
 * with the history is not refused here: the oldest turns are left out (turn-request.ts).
 */
export function guardInput(
  turn: TurnSettings, text: string, attached: readonly ReadyAttachment[], cal: Calibration, find: FindModel = findModel,
): void {
  const model = find(turn.model);
  const media = attached.map((a) => {
    const m = measureRecord(a.record);
    return { id: a.id, name: a.name, tokens: m ? estimateMediaTokens(m, model, cal) : 0, fittable: false };
  });
  const draftTokens = estimateMessageTokens({ text }, model, cal) + media.reduce((n, m) => n + m.tokens, 0);
  const [first] = checkInputLimit({
    limit: maxInputTokens(turn.model, turn.thinking, find), modelLabel: model?.label ?? turn.model, draftTokens, historyTokens: 0,
    media, leaveOutOldTurns: true,
  });
  if (first) throw new UserError('invalid_input', ruleMessage(first));
}

/** What the rules need to know of each attachment about to go (links: only their kind). */
export function draftMedia(attached: readonly ReadyAttachment[]): DraftMedia[] {
  return attached.map((a) => {
    const r = a.record;
    if (!('files' in r)) {
      return { id: a.id, name: a.name, sendAs: r.sendAs, bytes: null, seconds: null, frames: null, width: null, height: null };
    }
    return {
      id: a.id,
      name: a.name,
      sendAs: r.sendAs,
      bytes: r.files.reduce((max, f) => Math.max(max, f.size), 0),
      seconds: r.sendAs === 'audio' || r.sendAs === 'video' ? r.durationSec : null,
      frames: r.sendAs === 'frames' ? r.files.length : null,
      // Frames were scaled from the source; only a picture's own size is what the API receives.
      width: r.sendAs === 'image' ? r.width : null,
      height: r.sendAs === 'image' ? r.height : null,
    };
  });
}

/** The system prompt goes first, as the system message; none when it is blank. */
export function withSystemPrompt(messages: ApiMessage[], systemPrompt: string): ApiMessage[] {
  return systemPrompt.trim() === '' ? messages : [{ role: 'system', content: systemPrompt }, ...messages];
}
