// Replies this window asked for, while they stream: each chat.event is applied to the reply's message,
// its audio fed to the player, and the view updated about once a frame. Also what the window knows of a
// reply beyond the stored message (a rate-limit retry it waits for, the turns its request left out), which
// conversations have a reply streaming now (any window's: every page gets every chat.event), and Play /
// Pause of any reply. A reply that fails says so itself (its status); the window's notice is not used for it.
import type { ChatEvent, RequestOutput } from '../../shared/contract';
import type { Message } from '../../shared/domain';
import type { Playback } from '../player/playback';
import type { NoticesSlice } from './notices';
import type { StateCell } from './observable-state';

/** What the window knows about a reply beyond the stored message while it streams. */
export interface ReplyNote {
  /** Waiting to ask again after a 429: when (this window's clock), and which retry. */
  retry?: { attempt: number; maxAttempts: number; retryAt: number };
  turnsLeftOut?: number;
}

export interface LiveRepliesState {
  replyNotes: Record<string, ReplyNote>;
  /** Conversations with a reply streaming now: conversation id → the reply's message id. */
  streamingIn: Record<string, string>;
}

export const initialLiveReplies: LiveRepliesState = { replyNotes: {}, streamingIn: {} };

/** Streamed pieces reach the view at most this often. */
const SHOW_EVERY_MS = 16;
/** Finished replies whose streamed copy is kept (a reload in flight may still read them half-written). */
const KEEP_FINISHED = 20;

type StartedTurn = RequestOutput<'chat.send'>;

export class LiveRepliesSlice {
  /** Replies this window started and is streaming: their events are applied and their audio played. */
  private readonly live = new Map<string, Message>();
  /** Events that arrived before the request that started their reply answered, by message id. */
  private readonly early = new Map<string, ChatEvent[]>();
  /** Requests starting a reply that have not answered yet (their events are held in `early`). */
  private starting = 0;
  /** Live replies with pieces not yet shown, and the timer that shows them. */
  private readonly pendingShow = new Set<string>();
  private showTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly cell: StateCell<LiveRepliesState>,
    private readonly playback: Playback,
    private readonly notices: NoticesSlice,
    /** The open conversation (open-conversation.ts): where streamed replies are shown. */
    private readonly conversation: { showLive(replies: Message[]): void; otherWindowTalked(conversationId: string): void },
  ) {}

  /**
   * Runs a request that starts a reply (send, regenerate, edit): `shown` puts the new turn on screen, then
   * the reply's events that came before the answer are applied in order.
   */
  async start(request: () => Promise<StartedTurn>, shown: (res: StartedTurn) => void): Promise<StartedTurn> {
    this.starting++;
    try {
      const res = await request();
      const assistant = res.assistantMessage;
      this.live.set(assistant.id, assistant);
      if (assistant.status === 'streaming') this.started(res.conversationId, assistant.id);
      shown(res);
      const early = this.early.get(assistant.id);
      this.early.delete(assistant.id);
      for (const ev of early ?? []) this.apply(ev);
      return res;
    } finally {
      this.starting--;
      if (this.starting === 0) this.early.clear();
    }
  }

  /** A stored message, or this window's streamed state of it with the stored version count. */
  current = (m: Message): Message => {
    const live = this.live.get(m.id);
    if (!live) return m;
    // The core has it ended (its outcome did not reach this window: the connection dropped meanwhile).
    // The core never shows an ended reply while it still streams, so the stored state wins.
    if (live.status === 'streaming' && m.status !== 'streaming') {
      this.forget(m.id);
      return m;
    }
    const merged = { ...live, versions: m.versions };
    this.live.set(m.id, merged); // later streamed pieces build on it
    return merged;
  };

  apply(ev: ChatEvent): void {
    const known = this.live.get(ev.messageId);
    if (!known) {
      if (this.starting > 0) {
        const list = this.early.get(ev.messageId) ?? [];
        list.push(ev);
        this.early.set(ev.messageId, list);
      } else {
        this.markStreaming(ev);
        this.conversation.otherWindowTalked(ev.conversationId);
      }
      return;
    }
    this.markStreaming(ev);
    // A retry countdown or a trim note sits beside the message; anything else ends the countdown.
    const note = this.cell.get().replyNotes[ev.messageId];
    if (ev.kind === 'retrying' || ev.kind === 'trimmed' || note?.retry) {
      const updated: ReplyNote = { ...note };
      if (ev.kind === 'retrying') updated.retry = { attempt: ev.attempt, maxAttempts: ev.maxAttempts, retryAt: Date.now() + ev.delayMs };
      else delete updated.retry;
      if (ev.kind === 'trimmed') updated.turnsLeftOut = ev.turnsLeftOut;
      this.cell.set({ replyNotes: { ...this.cell.get().replyNotes, [ev.messageId]: updated } });
      if (ev.kind === 'retrying' || ev.kind === 'trimmed') return;
    }
    let next: Message = known;
    switch (ev.kind) {
      case 'text':
        next = { ...known, text: known.text + ev.delta };
        break;
      case 'reasoning':
        next = { ...known, reasoning: known.reasoning + ev.delta };
        break;
      case 'audio':
        next = { ...known, audio: { sampleRate: 24_000, samples: (known.audio?.samples ?? 0) + (ev.samples ?? Math.floor(ev.pcm.byteLength / 2)) } };
        this.playback.feed(ev.messageId, ev.pcm, ev.receivedAt, ev.conversationId);
        break;
      case 'usage':
        next = { ...known, usage: ev.usage };
        break;
      case 'outcome':
        next = { ...known, status: ev.status, error: ev.error };
        this.playback.endLive(ev.messageId);
        break;
    }
    this.live.set(ev.messageId, next);
    this.pendingShow.add(ev.messageId);
    const piece = ev.kind === 'text' || ev.kind === 'reasoning' || ev.kind === 'audio';
    if (!piece) this.flush();
    else this.showTimer ??= setTimeout(() => this.flush(), SHOW_EVERY_MS);
  }

  /** The core streams nothing by this id: its streamed copy goes, and the stored one is what shows. */
  forget(messageId: string): void {
    this.live.delete(messageId);
    this.pendingShow.delete(messageId);
    this.playback.endLive(messageId);
  }

  /** Play or pause a reply (stored or streaming); a failure becomes the window's notice. */
  async togglePlayback(messageId: string, conversationId?: string): Promise<void> {
    try {
      await this.playback.toggle(messageId, conversationId);
    } catch (err) {
      this.notices.report(err);
    }
  }

  /** The replies streaming now, by conversation: changed only when one starts or ends. */
  private markStreaming(ev: ChatEvent): void {
    const now = this.cell.get().streamingIn;
    if (ev.kind === 'outcome') {
      if (now[ev.conversationId] !== ev.messageId) return;
      const next = { ...now };
      delete next[ev.conversationId];
      this.cell.set({ streamingIn: next });
    } else if (now[ev.conversationId] !== ev.messageId) {
      this.cell.set({ streamingIn: { ...now, [ev.conversationId]: ev.messageId } });
    }
  }

  /** Marks a reply this window just started as streaming, before its first event. */
  started(conversationId: string, messageId: string): void {
    const now = this.cell.get().streamingIn;
    if (now[conversationId] !== messageId) this.cell.set({ streamingIn: { ...now, [conversationId]: messageId } });
  }

  /**
   * Streamed pieces reach the view at most about once a frame: a render per piece (a long reply streams a
   * thousand) made long replies crawl on a busy machine. Usage and the outcome show at once, after the text.
   */
  private flush(): void {
    if (this.showTimer) clearTimeout(this.showTimer);
    this.showTimer = null;
    const replies = [...this.pendingShow].flatMap((id) => this.live.get(id) ?? []);
    this.pendingShow.clear();
    this.conversation.showLive(replies);
    this.keepFewFinished();
  }

  /** A window that talks for hours keeps the streamed copies of its last few finished replies only. */
  private keepFewFinished(): void {
    let finished = 0;
    for (const m of this.live.values()) if (m.status !== 'streaming') finished++;
    for (const [id, m] of this.live) {
      if (finished <= KEEP_FINISHED) break;
      if (m.status === 'streaming') continue;
      this.live.delete(id);
      finished--;
    }
    const notes = Object.keys(this.cell.get().replyNotes);
    if (notes.length > KEEP_FINISHED * 5) {
      this.cell.set({ replyNotes: Object.fromEntries(notes.slice(-KEEP_FINISHED * 5).map((id) => [id, this.cell.get().replyNotes[id]!])) });
    }
  }
}
