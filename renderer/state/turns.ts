// A turn: the composer's text and chips go to the core (chat.send), the question and the reply's place
// appear at once, and the reply streams in (live-replies.ts); Stop ends it. Regenerate and Edit start
// their turns the same way (versions.ts). 'sending' is true while the core has not yet taken a turn.
import type { OmniBridge, RequestOutput } from '../../shared/contract';
import type { AttachmentView, ConversationSettings } from '../../shared/domain';
import { errorText } from '../../shared/error-text';
import { primeAudio } from '../player/audio-context';
import type { Playback } from '../player/playback';
import type { AttachmentsSlice } from './attachments';
import type { ConversationSettingsSlice } from './conversation-settings';
import type { ConversationListSlice } from './conversation-list';
import type { LiveRepliesSlice } from './live-replies';
import type { NoticesSlice } from './notices';
import type { StateCell } from './observable-state';
import type { OpenConversationSlice, OpenConversationState } from './open-conversation';
import { navigate } from './router';

export interface TurnsState {
  sending: boolean;
}

export const initialTurns: TurnsState = { sending: false };

/** What a turn reads of the rest of the state. */
export type TurnInputs = OpenConversationState & { attachments: AttachmentView[] };

export interface TurnDeps {
  bridge: OmniBridge;
  read: () => TurnInputs;
  notices: NoticesSlice;
  replies: LiveRepliesSlice;
  playback: Playback;
  attachments: AttachmentsSlice;
  conversation: OpenConversationSlice;
  conversationSettings: ConversationSettingsSlice;
  list: ConversationListSlice;
}

export class TurnsSlice {
  private inFlight = 0;

  constructor(private readonly cell: StateCell<TurnsState>, private readonly d: TurnDeps) {}

  /** Send the composer's text and chips. Resolves true when the core took it (the composer then clears). */
  async send(text: string): Promise<boolean> {
    const { attachments, open, route } = this.d.read();
    if ((!text.trim() && attachments.length === 0) || this.cell.get().sending) return false;
    if (attachments.some((a) => a.state !== 'ready')) return false;
    const attachmentIds = attachments.map((a) => a.id);
    const conversationId = route.name === 'conversation' ? route.id : null;
    const turn = this.d.conversationSettings.forNextTurn();
    return this.start(
      turn,
      () => this.d.bridge.invoke('chat.send', { conversationId, text, attachmentIds, options: conversationId ? {} : turn }),
      (res) => {
        this.d.attachments.sent(attachmentIds);
        const same = open?.id === res.conversationId;
        this.d.conversation.showTurn({
          id: res.conversationId, messages: [...(same ? open.messages : []), res.userMessage, res.assistantMessage], loading: false, settings: turn,
          ...(same && open.summary ? { summary: open.summary } : {}),
        });
        this.d.notices.clear();
        if (conversationId === res.conversationId) return;
        this.d.conversationSettings.draftSent();
        navigate({ name: 'conversation', id: res.conversationId });
        // A new conversation: its row (the title the core gave it) comes with it; two messages, cheap.
        void this.d.conversation.load(res.conversationId, true);
      },
    );
  }

  /**
   * Send, Regenerate and Edit alike: audio primed in the click, 'sending' held while the core takes the
   * request, `shown` puts the new turn on screen, then the reply streams. Resolves true when the core took
   * it; a refusal becomes the window's notice.
   */
  async start(
    turn: Pick<ConversationSettings, 'speakReplies' | 'thinking'>,
    request: () => Promise<RequestOutput<'chat.send'>>,
    shown: (res: RequestOutput<'chat.send'>) => void,
  ): Promise<boolean> {
    // Still inside the click or key press: the only moment the browser lets audio start.
    if (turn.speakReplies && !turn.thinking) primeAudio().catch((e: unknown) => this.d.notices.audioFailed(errorText(e)));
    this.inFlight++;
    this.cell.set({ sending: true });
    try {
      await this.d.replies.start(request, shown);
      this.d.list.changedSoon();
      return true;
    } catch (err) {
      this.d.notices.report(err);
      return false;
    } finally {
      this.inFlight--;
      if (this.inFlight === 0) this.cell.set({ sending: false });
    }
  }

  /**
   * Escape: the open conversation's streaming reply stops (its sound at once) and so does any sound still
   * playing. False when there was nothing to stop (the key then does what it would otherwise do).
   */
  stopAll(): boolean {
    const { open } = this.d.read();
    const streaming = open?.messages.filter((m) => m.role === 'assistant' && m.status === 'streaming') ?? [];
    const sounding = this.d.playback.nowPlaying() !== null;
    for (const m of streaming) void this.stop(m.id);
    if (sounding) this.d.playback.stopAll();
    return streaming.length > 0 || sounding;
  }

  /**
   * Stop a streaming reply: its sound at once, the stream through the core. When the core streams nothing
   * by that id (it ended, and its outcome never reached this window), or cannot be asked, the window stops
   * showing it as streaming all the same and reads what is stored: Stop never leaves a Stop button behind.
   */
  async stop(messageId: string): Promise<void> {
    this.d.playback.stop(messageId);
    let stopped = false;
    try {
      stopped = (await this.d.bridge.invoke('chat.stop', { messageId })).stopped;
    } catch (err) {
      this.d.notices.report(err);
    }
    if (stopped) return;
    this.d.replies.forget(messageId);
    this.d.conversation.endStreaming(messageId);
    const open = this.d.read().open;
    if (open) void this.d.conversation.load(open.id, true);
  }
}
