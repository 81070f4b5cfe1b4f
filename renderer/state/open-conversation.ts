// The route (`#/` a new conversation, `#/c/<id>` an open one) and the conversation it shows: loaded when
// the route names it, refreshed quietly when another window talks in it, and kept current by the slices
// that change it (a turn put on screen, a streamed reply, a version shown, its settings, a new title).
import type { OmniBridge } from '../../shared/contract';
import type { ConversationSettings, ConversationSummary, Message } from '../../shared/domain';
import type { NoticesSlice } from './notices';
import type { StateCell } from './observable-state';
import { currentRoute, navigate, type Route } from './router';

export interface OpenConversation {
  id: string;
  messages: Message[];
  loading: boolean;
  /** Only its last messages are shown yet: the rest of a long conversation is being read. */
  partial?: boolean;
  /** Its row as loaded (the list holds only the pages in view; an older one's title comes from here). */
  summary?: ConversationSummary;
  /** Its own settings, which its turns are sent with. */
  settings?: ConversationSettings;
}

export interface OpenConversationState {
  route: Route;
  open: OpenConversation | null;
}

export const initialOpenConversation = (): OpenConversationState => ({ route: currentRoute(), open: null });

/**
 * A conversation opens on this many of its last messages (more than a tall window shows), then the rest is
 * read: a 1,000-turn conversation is on screen as soon as a short one, whatever its replies hold.
 */
export const FIRST_MESSAGES = 24;

/** Another window's reply streams in batches: the open conversation is read again at most this often. */
const OTHER_WINDOW_RELOAD_MS = 500;

export class OpenConversationSlice {
  /** Bumped by every load and every change that supersedes one: an older answer is not shown. */
  private loadToken = 0;
  private reloadTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly cell: StateCell<OpenConversationState>,
    private readonly bridge: OmniBridge,
    private readonly notices: NoticesSlice,
    /** A stored message, or this window's streamed state of it (live-replies.ts). */
    private readonly liveCopy: (m: Message) => Message,
    /** Called when what the next turn goes with may have changed (the draft's attachments follow its model). */
    private readonly modelMayHaveChanged: () => void,
  ) {}

  /** The route changed (or the window starts): a new conversation, or load the one it names. */
  follow(route: Route): void {
    this.cell.set({ route });
    if (route.name === 'new') {
      this.loadToken++;
      if (this.cell.get().open) this.cell.set({ open: null });
      this.modelMayHaveChanged();
      return;
    }
    if (this.cell.get().open?.id === route.id) return;
    void this.load(route.id);
  }

  startNew(): void {
    navigate({ name: 'new' });
  }

  /** `quiet`: refresh what is shown without blanking it first. */
  async load(id: string, quiet = false): Promise<void> {
    const token = ++this.loadToken;
    const fresh = !quiet || this.cell.get().open?.id !== id;
    if (fresh) this.cell.set({ open: { id, messages: [], loading: true } });
    try {
      // Opened afresh: its last messages first, then all of it (what is above them, for scrolling up).
      for (const last of fresh ? [FIRST_MESSAGES, undefined] : [undefined]) {
        const detail = await this.bridge.invoke('conversations.get', last ? { id, last } : { id });
        if (token !== this.loadToken) return;
        // A reply this window is streaming is more current here than in the database (written in batches).
        const messages = detail.messages.map(this.liveCopy);
        const partial = (detail.earlier ?? 0) > 0;
        this.cell.set({ open: { id, messages, loading: false, partial, summary: detail.conversation, settings: detail.settings } });
        if (last) this.modelMayHaveChanged();
        if (!partial) break;
      }
      if (!fresh) this.modelMayHaveChanged();
    } catch (err) {
      if (token !== this.loadToken) return;
      this.notices.report(err);
      this.cell.set({ open: null });
      navigate({ name: 'new' }, { replace: true });
    }
  }

  /** Another window is talking in this conversation: show the stored state, soon. */
  otherWindowTalked(conversationId: string): void {
    if (conversationId !== this.cell.get().open?.id || this.reloadTimer) return;
    this.reloadTimer = setTimeout(() => {
      this.reloadTimer = null;
      const open = this.cell.get().open;
      if (!open || open.id !== conversationId) return;
      // Still opening: that read may predate the turn just written (a live session's turns come fast, while
      // the conversation it made is being opened), so it is read again once it has opened.
      if (open.loading) this.otherWindowTalked(conversationId);
      else void this.load(open.id, true);
    }, OTHER_WINDOW_RELOAD_MS);
  }

  /** A turn this window started is on screen: any load still in flight is older than this. */
  showTurn(open: OpenConversation): void {
    this.loadToken++;
    const shown = this.cell.get().open;
    const partial = open.partial || (shown?.id === open.id && shown.partial === true);
    this.cell.set({ open: { ...open, partial } });
    // It went on screen before the rest of the conversation was read: read it now, with the new turn.
    if (partial) void this.load(open.id, true);
  }

  /** A version of a turn was chosen: the conversation's path as now stored. */
  showPath(conversationId: string, path: Message[]): void {
    const open = this.cell.get().open;
    if (open?.id !== conversationId) return;
    this.loadToken++; // a load still in flight shows the path before the switch
    this.cell.set({ open: { ...open, messages: path.map(this.liveCopy), loading: false } });
  }

  /** Streamed replies: each replaces its message where the open conversation shows it. */
  showLive(replies: Message[]): void {
    const open = this.cell.get().open;
    if (!open) return;
    let messages: Message[] | null = null;
    for (const m of replies) {
      const i = m.conversationId === open.id ? open.messages.findIndex((x) => x.id === m.id) : -1;
      if (i < 0) continue;
      messages ??= open.messages.slice();
      messages[i] = m;
    }
    if (messages) this.cell.set({ open: { ...open, messages } });
  }

  /** A reply shown as streaming that no longer streams: it shows as interrupted until its stored state is read. */
  endStreaming(messageId: string): void {
    const open = this.cell.get().open;
    if (!open?.messages.some((m) => m.id === messageId && m.status === 'streaming')) return;
    this.cell.set({ open: { ...open, messages: open.messages.map((m) => (m.id === messageId ? { ...m, status: 'interrupted' } : m)) } });
  }

  /** The conversation's own settings as shown (`saved`: the core's answer, which also names its model in its row). */
  showSettings(id: string, settings: ConversationSettings, o: { saved?: boolean } = {}): void {
    const open = this.cell.get().open;
    if (open?.id !== id) return;
    const summary = o.saved && open.summary ? { ...open.summary, model: settings.model } : open.summary;
    this.cell.set({ open: { ...open, settings, ...(summary ? { summary } : {}) } });
  }

  renamed(summary: ConversationSummary): void {
    const open = this.cell.get().open;
    if (open?.id === summary.id) this.cell.set({ open: { ...open, summary } });
  }

  /** The conversation was deleted: the window leaves it when it was the open one. */
  deleted(id: string): void {
    const { route } = this.cell.get();
    if (route.name !== 'conversation' || route.id !== id) return;
    this.loadToken++;
    this.cell.set({ open: null });
    navigate({ name: 'new' }, { replace: true });
  }
}
