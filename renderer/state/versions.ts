// Versions of a turn: Regenerate (also Retry) and Edit add a new version and stream it like a send;
// another version can be shown, and a search hit in a version that is not shown brings it up.
import type { OmniBridge, RequestOutput } from '../../shared/contract';
import type { NoticesSlice } from './notices';
import type { ConversationSettingsSlice } from './conversation-settings';
import type { OpenConversationSlice, OpenConversationState } from './open-conversation';
import type { TurnsSlice, TurnsState } from './turns';

export interface VersionDeps {
  bridge: OmniBridge;
  read: () => Pick<OpenConversationState, 'open'> & TurnsState;
  notices: NoticesSlice;
  turns: TurnsSlice;
  conversation: OpenConversationSlice;
  conversationSettings: ConversationSettingsSlice;
}

export class VersionsSlice {
  constructor(private readonly d: VersionDeps) {}

  /** A new version of a reply: Regenerate, and Retry of one that failed. Resolves true when the core took it. */
  regenerate(messageId: string): Promise<boolean> {
    return this.newVersion(messageId, () => this.d.bridge.invoke('chat.regenerate', { messageId }));
  }

  /** A new version of a question (its files go again) and a reply to it. */
  edit(messageId: string, text: string): Promise<boolean> {
    return this.newVersion(messageId, () => this.d.bridge.invoke('chat.edit', { messageId, text }));
  }

  /** Shows another version of a turn, and the newest path after it. */
  async switchTo(messageId: string): Promise<void> {
    try {
      const detail = await this.d.bridge.invoke('messages.switchVersion', { messageId });
      this.d.conversation.showPath(detail.conversation.id, detail.messages);
    } catch (err) {
      this.d.notices.report(err);
    }
  }

  /**
   * A search hit may lie in a version that is not shown: show that version, so the hit is on screen.
   * Nothing changes when the message is already on the shown path.
   */
  async showVersionOf(conversationId: string, messageId: string): Promise<void> {
    try {
      const shown = await this.d.bridge.invoke('conversations.get', { id: conversationId });
      if (shown.messages.some((m) => m.id === messageId)) return;
      const detail = await this.d.bridge.invoke('messages.switchVersion', { messageId });
      this.d.conversation.showPath(detail.conversation.id, detail.messages);
    } catch (err) {
      this.d.notices.report(err);
    }
  }

  /** Runs a regenerate or edit: the new question and reply replace `replaced` and what follows it, then stream. */
  private async newVersion(replaced: string, request: () => Promise<RequestOutput<'chat.send'>>): Promise<boolean> {
    if (this.d.read().sending) return false;
    return this.d.turns.start(this.d.conversationSettings.forNextTurn(), request, (res) => {
      const open = this.d.read().open;
      if (!open || open.id !== res.conversationId) return;
      const at = open.messages.findIndex((m) => m.id === replaced);
      const before = at < 0 ? open.messages : open.messages.slice(0, at);
      const question = before.at(-1)?.id === res.userMessage.id ? [] : [res.userMessage];
      this.d.conversation.showTurn({ ...open, messages: [...before, ...question, res.assistantMessage], loading: false });
      this.d.notices.clear();
      // The stored path brings each turn's version count (the live reply keeps its streamed state).
      void this.d.conversation.load(res.conversationId, true);
    });
  }
}
