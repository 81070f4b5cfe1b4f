// A conversation's own settings (model, voice, spoken replies, thinking, system prompt), changed in its
// header: the open conversation's are saved with it; before a new conversation's first message they are
// kept here as changes over the global Settings, and go with that message.
import { applyTurnChange } from '../../shared/rules';
import type { OmniBridge } from '../../shared/contract';
import type { ConversationSettings, Settings } from '../../shared/domain';
import type { SettingsNote } from './app-settings';
import type { NoticesSlice } from './notices';
import type { StateCell } from './observable-state';
import type { OpenConversationSlice, OpenConversationState } from './open-conversation';

export interface ConversationSettingsState {
  /** The header's changes for the next new conversation (over the global Settings). */
  draftSettings: Partial<ConversationSettings>;
  /** Which automatic change the conversation's options should explain. */
  conversationNote: SettingsNote;
}

export const initialConversationSettings: ConversationSettingsState = { draftSettings: {}, conversationNote: null };

/** What the settings of the next turn are made of. */
export type NextTurnInputs = Pick<OpenConversationState, 'route'> & {
  open: { id: string; settings?: ConversationSettings } | null;
  settings: Settings;
  draftSettings: Partial<ConversationSettings>;
};

/** The settings the next turn goes with: the open conversation's own; for a new one the global Settings with the header's changes. */
export function nextTurnSettings(s: NextTurnInputs): ConversationSettings {
  if (s.route.name === 'conversation' && s.open?.id === s.route.id && s.open.settings) return s.open.settings;
  const g = s.settings;
  return applyTurnChange({ model: g.model, voice: g.voice, speakReplies: g.speakReplies, thinking: g.thinking, systemPrompt: '' }, s.draftSettings);
}

export class ConversationSettingsSlice {
  constructor(
    private readonly cell: StateCell<ConversationSettingsState>,
    private readonly read: () => NextTurnInputs,
    private readonly bridge: OmniBridge,
    private readonly notices: NoticesSlice,
    private readonly conversation: OpenConversationSlice,
    /** Called after each change (the draft's attachments follow the model). */
    private readonly modelMayHaveChanged: () => void,
  ) {}

  forNextTurn(): ConversationSettings {
    return nextTurnSettings(this.read());
  }

  /** A change from the conversation header: saved with the open conversation, or kept for the next new one. */
  async change(change: Partial<ConversationSettings>): Promise<void> {
    const before = this.forNextTurn();
    const next = applyTurnChange(before, change);
    const note: SettingsNote = change.thinking === true && before.speakReplies && !next.speakReplies ? 'thinkingTurnedSpeechOff'
      : change.speakReplies === true && before.thinking && !next.thinking ? 'speechTurnedThinkingOff' : null;
    const { route, open } = this.read();
    if (route.name !== 'conversation') {
      this.cell.set({ draftSettings: { ...this.cell.get().draftSettings, ...next }, conversationNote: note });
      this.modelMayHaveChanged();
      return;
    }
    const id = route.id;
    if (!open || open.id !== id) return;
    this.conversation.showSettings(id, next);
    this.cell.set({ conversationNote: note });
    this.modelMayHaveChanged();
    try {
      const saved = await this.bridge.invoke('conversations.updateSettings', { id, settings: change });
      this.conversation.showSettings(id, saved, { saved: true });
    } catch (err) {
      this.conversation.showSettings(id, before);
      this.notices.report(err);
    }
    this.modelMayHaveChanged();
  }

  /** The new conversation was created with the draft's settings: the next new one starts afresh. */
  draftSent(): void {
    this.cell.set({ draftSettings: {}, conversationNote: null });
  }
}
