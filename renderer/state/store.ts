// The renderer's state: settings, key status, the conversation list, the open conversation and the
// window's notices. One plain external store (read with useSyncExternalStore); every change goes
// through the bridge, and pushed events (chat.event, conversations.changed) keep it current.
import type { SearchHit } from '../../shared/search';
import { BridgeError, type AttachableFile, type ChatEvent, type OmniBridge, type RequestInput, type RequestOutput } from '../../shared/contract';
import { findModel, voiceForModel } from '../../shared/catalog';
import { applyTurnChange } from '../../shared/rules';
import {
  DEFAULT_SETTINGS, type AttachmentView, type ConversationSettings, type ConversationSummary, type ErrorInfo, type KeyStatus, type Message, type Settings,
} from '../../shared/domain';
import { primeAudio } from '../player/audio-context';
import { Playback } from '../player/playback';
import { currentRoute, navigate, onRouteChange, type Route } from './router';
import type { MessageKey, Params } from '../i18n';
import { errorText } from '../../shared/error-text';

export interface OpenConversation {
  id: string;
  messages: Message[];
  loading: boolean;
  /** Its row as loaded (the list holds only the newest conversations; an older one's title comes from here). */
  summary?: ConversationSummary;
  /** convsettings: its own settings, which its turns are sent with. */
  settings?: ConversationSettings;
}

export interface Notice {
  id: number;
  info: ErrorInfo;
  /** The window's own wording, when the notice is not an error from the core (info.message is its English). */
  say?: { key: MessageKey; params: Params };
}

/** Which automatic change the settings dialog should explain. */
export type SettingsNote = 'thinkingTurnedSpeechOff' | 'speechTurnedThinkingOff' | null;

export interface AppState {
  ready: boolean;
  appInfo: RequestOutput<'app.info'> | null;
  settings: Settings;
  keyStatus: KeyStatus | null;
  conversations: ConversationSummary[];
  route: Route;
  open: OpenConversation | null;
  sending: boolean;
  notices: Notice[];
  settingsOpen: boolean;
  settingsNote: SettingsNote;
  /** convsettings: the header's changes for the next new conversation (over the global Settings). */
  draftSettings: Partial<ConversationSettings>;
  /** convsettings: which automatic change the conversation header should explain. */
  conversationNote: SettingsNote;
  /** The draft's attachments, in the order they were added. */
  attachments: AttachmentView[];
  /** errors: per streaming reply, a rate-limit retry it waits for and the turns its request left out (live only). */
  replyNotes: Record<string, ReplyNote>;
}

/** errors: what the renderer knows about a reply beyond the stored message while it streams. */
export interface ReplyNote {
  /** Waiting to ask again after a 429: when (this window's clock), and which retry. */
  retry?: { attempt: number; maxAttempts: number; retryAt: number };
  turnsLeftOut?: number;
}

/** One notice at a time: the newest says what matters now, and one alert is easy to find. */
const MAX_NOTICES = 1;

export function toErrorInfo(err: unknown): ErrorInfo {
  if (err instanceof BridgeError) return err.info;
  const message = errorText(err);
  return {
    // Not the API's answer (that comes as a BridgeError): the app's own failure, worded as such in every language.
    kind: 'internal', message: `Something went wrong: ${message}. Try again.`,
    httpStatus: null, code: null, requestId: null, serverMessage: null,
  };
}

export class AppStore {
  private state: AppState;
  private readonly listeners = new Set<() => void>();
  /** Replies this window sent and is streaming: their events are applied and their audio played. */
  private readonly live = new Map<string, Message>();
  /** Events that arrived before chat.send answered, by message id. */
  private readonly early = new Map<string, ChatEvent[]>();
  /** Live replies with pieces not yet shown, and the timer that shows them. */
  private readonly pendingShow = new Set<string>();
  private showTimer: ReturnType<typeof setTimeout> | null = null;
  private sendsInFlight = 0;
  private nextNoticeId = 1;
  private listTimer: ReturnType<typeof setTimeout> | null = null;
  private reloadTimer: ReturnType<typeof setTimeout> | null = null;
  private loadToken = 0;
  private settingsSeq = 0;
  readonly playback: Playback;

  constructor(private readonly bridge: OmniBridge) {
    this.state = {
      ready: false, appInfo: null, settings: DEFAULT_SETTINGS, keyStatus: null, conversations: [],
      route: currentRoute(), open: null, sending: false, notices: [], settingsOpen: false, settingsNote: null, draftSettings: {}, conversationNote: null,
      attachments: [], replyNotes: {},
    };
    this.playback = new Playback(bridge, (_id, reason) => this.audioFailed(reason));
  }

  // ---- external store plumbing
  getState = (): AppState => this.state;
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  private set(patch: Partial<AppState>): void {
    this.state = { ...this.state, ...patch };
    this.syncAttachmentTarget();
    for (const l of this.listeners) l();
  }

  /** Wire events and the router, and load what the window shows first. Returns the teardown. */
  start(): () => void {
    const offs = [
      this.bridge.on('chat.event', (ev) => this.onChatEvent(ev)),
      this.bridge.on('conversations.changed', () => this.scheduleListReload()),
      this.bridge.on('attachment.updated', ({ attachment }) => this.onAttachment(attachment)),
      onRouteChange((r) => this.onRoute(r)),
    ];
    void this.loadInitial();
    this.onRoute(this.state.route);
    return () => {
      for (const off of offs) off();
      this.playback.stopAll();
    };
  }

  private async loadInitial(): Promise<void> {
    const [settings, keyStatus, info] = await Promise.all([
      this.bridge.invoke('settings.get', {}).catch((e: unknown) => this.fail(e, null)),
      this.bridge.invoke('key.status', {}).catch((e: unknown) => this.fail(e, null)),
      this.bridge.invoke('app.info', {}).catch(() => null),
    ]);
    this.set({ settings: settings ?? this.state.settings, keyStatus, appInfo: info, ready: true });
    // Chips added before a reload are still waiting in the main process.
    const waiting = await this.bridge.invoke('attachments.list', {}).catch(() => []);
    for (const a of waiting) this.onAttachment(a);
    await this.reloadList();
  }

  // ---- notices
  notify(info: ErrorInfo, say?: Notice['say']): void {
    const notices = [...this.state.notices.filter((n) => n.info.message !== info.message), { id: this.nextNoticeId++, info, ...(say ? { say } : {}) }];
    this.set({ notices: notices.slice(-MAX_NOTICES) });
  }
  dismiss(id: number): void {
    this.set({ notices: this.state.notices.filter((n) => n.id !== id) });
  }
  private fail<T>(err: unknown, fallback: T): T {
    this.notify(toErrorInfo(err));
    return fallback;
  }

  private audioFailed(reason: string): void {
    this.notify({
      kind: 'internal',
      message: `Sound could not start: ${reason}. Check that an audio output is available, then press Play.`,
      httpStatus: null, code: null, requestId: null, serverMessage: null,
    }, { key: 'notice.audioBlocked', params: { reason } });
  }

  // ---- conversations
  private scheduleListReload(): void {
    if (this.listTimer) return;
    this.listTimer = setTimeout(() => {
      this.listTimer = null;
      void this.reloadList();
    }, 100);
  }

  async reloadList(): Promise<void> {
    try {
      const list = await this.bridge.invoke('conversations.list', { limit: 500 });
      this.set({ conversations: [...list].sort((a, b) => b.updatedAt - a.updatedAt) });
    } catch (err) {
      this.notify(toErrorInfo(err));
    }
  }

  private onRoute(route: Route): void {
    this.set({ route });
    if (route.name === 'new') {
      this.loadToken++;
      if (this.state.open) this.set({ open: null });
      return;
    }
    if (this.state.open?.id === route.id) return;
    void this.loadConversation(route.id);
  }

  // ---- convsettings: per-conversation settings
  /** The settings the composer sends with: the open conversation's own; for a new one the global Settings with the header's changes. */
  composerSettings(): ConversationSettings {
    const s = this.state;
    if (s.route.name === 'conversation' && s.open?.id === s.route.id && s.open.settings) return s.open.settings;
    const g = s.settings;
    return applyTurnChange({ model: g.model, voice: g.voice, speakReplies: g.speakReplies, thinking: g.thinking, systemPrompt: '' }, s.draftSettings);
  }

  /** A change from the conversation header: saved with the open conversation, or kept for the next new one. */
  async changeConversationSettings(change: Partial<ConversationSettings>): Promise<void> {
    const before = this.composerSettings();
    const next = applyTurnChange(before, change);
    const note: SettingsNote = change.thinking === true && before.speakReplies && !next.speakReplies ? 'thinkingTurnedSpeechOff'
      : change.speakReplies === true && before.thinking && !next.thinking ? 'speechTurnedThinkingOff' : null;
    const id = this.state.route.name === 'conversation' ? this.state.route.id : null;
    if (!id) {
      this.set({ draftSettings: { ...this.state.draftSettings, ...next }, conversationNote: note });
      return;
    }
    const open = this.state.open;
    if (!open || open.id !== id) return;
    this.set({ open: { ...open, settings: next }, conversationNote: note });
    try {
      const saved = await this.bridge.invoke('conversations.updateSettings', { id, settings: change });
      const now = this.state.open;
      if (now?.id === id) this.set({ open: { ...now, settings: saved, ...(now.summary ? { summary: { ...now.summary, model: saved.model } } : {}) } });
    } catch (err) {
      const now = this.state.open;
      if (now?.id === id) this.set({ open: { ...now, settings: before } });
      this.notify(toErrorInfo(err));
    }
  }

  /** The model the draft's attachments are fitted for follows the composer's. */
  private targetModel: string | null = null;
  private syncAttachmentTarget(): void {
    const s = this.state;
    if (!s.ready || (s.route.name === 'conversation' && !s.open?.settings)) return;
    const model = this.composerSettings().model;
    if (model === this.targetModel) return;
    this.targetModel = model;
    void this.bridge.invoke('attachments.target', { model }).catch((err: unknown) => this.notify(toErrorInfo(err)));
  }

  /** `quiet`: refresh what is shown without blanking it first. */
  private async loadConversation(id: string, quiet = false): Promise<void> {
    const token = ++this.loadToken;
    if (!quiet || this.state.open?.id !== id) this.set({ open: { id, messages: [], loading: true } });
    try {
      const detail = await this.bridge.invoke('conversations.get', { id });
      if (token !== this.loadToken) return;
      // A reply this window is streaming is more current here than in the database (written in batches).
      const messages = detail.messages.map((m) => this.current(m));
      this.set({ open: { id, messages, loading: false, summary: detail.conversation, settings: detail.settings } });
    } catch (err) {
      if (token !== this.loadToken) return;
      this.notify(toErrorInfo(err));
      this.set({ open: null });
      navigate({ name: 'new' }, { replace: true });
    }
  }

  newConversation(): void {
    navigate({ name: 'new' });
  }

  // browse
  /** One page of the Conversations list (newest activity first) and how many there are in all. */
  conversationPage(offset: number, limit: number): Promise<RequestOutput<'conversations.page'>> {
    return this.bridge.invoke('conversations.page', { offset, limit });
  }

  /** Resolves true once saved; a refusal (an empty or too long title) becomes the window's notice. */
  async renameConversation(id: string, title: string): Promise<boolean> {
    try {
      const summary = await this.bridge.invoke('conversations.rename', { id, title });
      const open = this.state.open;
      if (open?.id === id) this.set({ open: { ...open, summary } });
      this.set({ conversations: this.state.conversations.map((c) => (c.id === id ? summary : c)) });
      return true;
    } catch (err) {
      this.notify(toErrorInfo(err));
      return false;
    }
  }

  /** Deletes a conversation; the window leaves it when it was the open one. */
  async deleteConversation(id: string): Promise<boolean> {
    try {
      await this.bridge.invoke('conversations.delete', { id });
    } catch (err) {
      this.notify(toErrorInfo(err));
      return false;
    }
    if (this.state.route.name === 'conversation' && this.state.route.id === id) {
      this.loadToken++;
      this.set({ open: null });
      navigate({ name: 'new' }, { replace: true });
    }
    this.set({ conversations: this.state.conversations.filter((c) => c.id !== id) });
    return true;
  }

  // ---- chat
  /** Send the composer's text. Resolves true when the core took it (the composer then clears). */
  // ---- attachments
  /** Ids removed or sent here: a late update for one of them must not bring its chip back. */
  private readonly goneAttachments = new Set<string>();

  private onAttachment(a: AttachmentView): void {
    if (this.goneAttachments.has(a.id)) return;
    const list = this.state.attachments;
    const i = list.findIndex((x) => x.id === a.id);
    this.set({ attachments: i < 0 ? [...list, a] : list.map((x) => (x.id === a.id ? a : x)) });
  }

  /** Dropped or picked files; each becomes a chip. Only a failure to hand them over becomes a notice. */
  async attachFiles(files: readonly AttachableFile[]): Promise<void> {
    if (files.length === 0) return;
    try {
      await this.bridge.attachFiles(files);
    } catch (err) {
      this.notify(toErrorInfo(err));
    }
  }

  /** A pasted http(s) link to a picture, recording or video. */
  async attachUrl(url: string): Promise<void> {
    try {
      this.onAttachment(await this.bridge.invoke('attachments.addUrl', { url }));
    } catch (err) {
      this.notify(toErrorInfo(err));
    }
  }

  async removeAttachment(id: string): Promise<void> {
    this.goneAttachments.add(id);
    this.set({ attachments: this.state.attachments.filter((a) => a.id !== id) });
    try {
      await this.bridge.invoke('attachments.remove', { id });
    } catch (err) {
      this.notify(toErrorInfo(err));
    }
  }

  async setAttachmentOptions(id: string, opts: { videoMode?: 'file' | 'frames'; windowStartSec?: number }): Promise<void> {
    try {
      this.onAttachment(await this.bridge.invoke('attachments.setOptions', { id, ...opts }));
    } catch (err) {
      this.notify(toErrorInfo(err));
    }
  }

  async send(text: string): Promise<boolean> {
    const attachments = this.state.attachments;
    if ((!text.trim() && attachments.length === 0) || this.state.sending) return false;
    if (attachments.some((a) => a.state !== 'ready')) return false;
    const attachmentIds = attachments.map((a) => a.id);
    const open = this.state.open;
    const conversationId = this.state.route.name === 'conversation' ? this.state.route.id : null;
    const turn = this.composerSettings();
    return this.startTurn(
      turn,
      () => this.bridge.invoke('chat.send', { conversationId, text, attachmentIds, options: conversationId ? {} : turn }),
      (res) => {
        for (const id of attachmentIds) this.goneAttachments.add(id);
        this.set({ attachments: this.state.attachments.filter((a) => !attachmentIds.includes(a.id)) });
        const base = open && open.id === res.conversationId ? open.messages : [];
        this.set({
          open: {
            id: res.conversationId, messages: [...base, res.userMessage, res.assistantMessage], loading: false, settings: turn,
            ...(open && open.id === res.conversationId ? { summary: open.summary } : {}),
          },
          ...(conversationId ? {} : { draftSettings: {}, conversationNote: null }),
          notices: [],
        });
        this.loadToken++; // any load still in flight is older than this
        if (conversationId !== res.conversationId) navigate({ name: 'conversation', id: res.conversationId });
      },
    );
  }

  /**
   * Send, Regenerate and Edit alike: audio primed in the click, 'sending' held while the core takes the
   * request, `shown` puts the new turn on screen, then the reply's events that came before the answer are
   * played in. Resolves true when the core took it; a refusal becomes the window's notice.
   */
  private async startTurn(
    turn: { speakReplies: boolean; thinking: boolean },
    request: () => Promise<RequestOutput<'chat.send'>>,
    shown: (res: RequestOutput<'chat.send'>) => void,
  ): Promise<boolean> {
    // Still inside the click or key press: the only moment the browser lets audio start.
    if (turn.speakReplies && !turn.thinking) primeAudio().catch((e: unknown) => this.audioFailed(errorText(e)));
    this.sendsInFlight++;
    this.set({ sending: true });
    try {
      const res = await request();
      const assistant = res.assistantMessage;
      this.live.set(assistant.id, assistant);
      shown(res);
      const early = this.early.get(assistant.id);
      this.early.delete(assistant.id);
      for (const ev of early ?? []) this.onChatEvent(ev);
      this.scheduleListReload();
      return true;
    } catch (err) {
      this.notify(toErrorInfo(err));
      return false;
    } finally {
      this.sendsInFlight--;
      if (this.sendsInFlight === 0) {
        this.early.clear();
        this.set({ sending: false });
      }
    }
  }

  // branch
  /** A new version of a reply: Regenerate, and Retry of one that failed. Resolves true when the core took it. */
  regenerate(messageId: string): Promise<boolean> {
    return this.newVersion(messageId, () => this.bridge.invoke('chat.regenerate', { messageId }));
  }

  /** A new version of a question (its files go again) and a reply to it. */
  editMessage(messageId: string, text: string): Promise<boolean> {
    return this.newVersion(messageId, () => this.bridge.invoke('chat.edit', { messageId, text }));
  }

  /** Shows another version of a turn, and the newest path after it. */
  async switchVersion(messageId: string): Promise<void> {
    try {
      const detail = await this.bridge.invoke('messages.switchVersion', { messageId });
      this.showPath(detail.conversation.id, detail.messages);
    } catch (err) {
      this.notify(toErrorInfo(err));
    }
  }

  /**
   * A search hit may lie in a version that is not shown: show that version, so the hit is on screen.
   * Nothing changes when the message is already on the shown path.
   */
  async showVersionOf(conversationId: string, messageId: string): Promise<void> {
    try {
      const shown = await this.bridge.invoke('conversations.get', { id: conversationId });
      if (shown.messages.some((m) => m.id === messageId)) return;
      const detail = await this.bridge.invoke('messages.switchVersion', { messageId });
      this.showPath(detail.conversation.id, detail.messages);
    } catch (err) {
      this.notify(toErrorInfo(err));
    }
  }

  private showPath(conversationId: string, path: Message[]): void {
    const open = this.state.open;
    if (open?.id !== conversationId) return;
    this.loadToken++; // a load still in flight shows the path before the switch
    this.set({ open: { ...open, messages: path.map((m) => this.current(m)), loading: false } });
  }

  /** A stored message, or this window's streamed state of it with the stored version count. */
  private current(m: Message): Message {
    const live = this.live.get(m.id);
    if (!live) return m;
    const merged = { ...live, versions: m.versions };
    this.live.set(m.id, merged); // later streamed pieces build on it
    return merged;
  }

  /** Runs a regenerate or edit: the new question and reply replace `replaced` and what follows it, then streams. */
  private async newVersion(replaced: string, request: () => Promise<RequestOutput<'chat.send'>>): Promise<boolean> {
    if (this.state.sending) return false;
    return this.startTurn(this.composerSettings(), request, (res) => {
      const open = this.state.open;
      if (!open || open.id !== res.conversationId) return;
      const at = open.messages.findIndex((m) => m.id === replaced);
      const before = at < 0 ? open.messages : open.messages.slice(0, at);
      const question = before.at(-1)?.id === res.userMessage.id ? [] : [res.userMessage];
      this.set({ open: { ...open, messages: [...before, ...question, res.assistantMessage], loading: false }, notices: [] });
      // The stored path brings each turn's version count (the live reply keeps its streamed state).
      void this.loadConversation(res.conversationId, true);
    });
  }

  /** Stop a streaming reply: its sound at once, the stream through the core. */
  async stop(messageId: string): Promise<void> {
    this.playback.stop(messageId);
    try {
      await this.bridge.invoke('chat.stop', { messageId });
    } catch (err) {
      this.notify(toErrorInfo(err));
    }
  }

  /** Saves a reply's audio as a .wav (Electron: the save dialog; the browser: a download). */
  async exportWav(messageId: string): Promise<void> {
    try {
      await this.bridge.invoke('reply.exportWav', { messageId });
    } catch (err) {
      this.notify(toErrorInfo(err));
    }
  }

  // safety
  /** Saves a whole conversation (Electron: a new folder in one the user picks; the browser: a .zip download). */
  async exportConversation(id: string): Promise<void> {
    try {
      await this.bridge.invoke('conversation.export', { id });
    } catch (err) {
      this.notify(toErrorInfo(err));
    }
  }

  /** The recovery screen's requests (renderer/recovery): they run before, and instead of, the normal window. */
  recovery<K extends 'recovery.status' | 'recovery.export' | 'recovery.startFresh'>(name: K): Promise<RequestOutput<K>> {
    return this.bridge.invoke(name, {} as never);
  }

  async togglePlayback(messageId: string): Promise<void> {
    try {
      await this.playback.toggle(messageId);
    } catch (err) {
      this.notify(toErrorInfo(err));
    }
  }

  private onChatEvent(ev: ChatEvent): void {
    const known = this.live.get(ev.messageId);
    if (!known) {
      if (this.sendsInFlight > 0) {
        const list = this.early.get(ev.messageId) ?? [];
        list.push(ev);
        this.early.set(ev.messageId, list);
      } else if (ev.conversationId === this.state.open?.id) {
        // Another window is talking in the conversation shown here: show the stored state.
        this.scheduleOpenReload();
      }
      return;
    }
    // errors: a retry countdown or a trim note sits beside the message; anything else ends the countdown.
    const note = this.state.replyNotes[ev.messageId];
    if (ev.kind === 'retrying' || ev.kind === 'trimmed' || note?.retry) {
      const updated: ReplyNote = { ...note };
      if (ev.kind === 'retrying') updated.retry = { attempt: ev.attempt, maxAttempts: ev.maxAttempts, retryAt: Date.now() + ev.delayMs };
      else delete updated.retry;
      if (ev.kind === 'trimmed') updated.turnsLeftOut = ev.turnsLeftOut;
      this.set({ replyNotes: { ...this.state.replyNotes, [ev.messageId]: updated } });
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
        next = { ...known, audio: { sampleRate: 24_000, samples: (known.audio?.samples ?? 0) + Math.floor(ev.pcm.byteLength / 2) } };
        this.playback.feed(ev.messageId, ev.pcm, ev.receivedAt);
        break;
      case 'usage':
        next = { ...known, usage: ev.usage };
        break;
      case 'outcome':
        next = { ...known, status: ev.status, error: ev.error };
        this.playback.endLive(ev.messageId);
        if (ev.error && ev.status !== 'cancelled') this.notify(ev.error);
        break;
    }
    this.live.set(ev.messageId, next);
    this.pendingShow.add(ev.messageId);
    const piece = ev.kind === 'text' || ev.kind === 'reasoning' || ev.kind === 'audio';
    if (!piece) this.flushLive();
    else this.showTimer ??= setTimeout(() => this.flushLive(), 16);
  }

  /**
   * Streamed pieces reach the view at most about once a frame: a render per piece (a long reply streams a
   * thousand) made long replies crawl on a busy machine. Usage and the outcome show at once, after the text.
   */
  private flushLive(): void {
    if (this.showTimer) clearTimeout(this.showTimer);
    this.showTimer = null;
    const ids = [...this.pendingShow];
    this.pendingShow.clear();
    const open = this.state.open;
    if (!open) return;
    let messages: Message[] | null = null;
    for (const id of ids) {
      const m = this.live.get(id);
      const i = m && m.conversationId === open.id ? open.messages.findIndex((x) => x.id === id) : -1;
      if (!m || i < 0) continue;
      messages ??= open.messages.slice();
      messages[i] = m;
    }
    if (messages) this.set({ open: { ...open, messages } });
  }

  private scheduleOpenReload(): void {
    if (this.reloadTimer) return;
    this.reloadTimer = setTimeout(() => {
      this.reloadTimer = null;
      const open = this.state.open;
      if (open && !open.loading) void this.loadConversation(open.id, true);
    }, 500);
  }

  // ---- settings and key
  /** Search across every conversation's messages (text and reasoning). */
  searchMessages(query: string, limit: number): Promise<SearchHit[]> {
    return this.bridge.invoke('search.query', { query, limit });
  }

  openSettings(): void {
    this.set({ settingsOpen: true, settingsNote: null });
  }
  closeSettings(): void {
    this.set({ settingsOpen: false, settingsNote: null });
  }

  /** Apply a change the way the dialog means it; model, voice, thinking and speech depend on each other. */
  async changeSettings(change: Partial<Settings>): Promise<void> {
    const prev = this.state.settings;
    const patch: Partial<Settings> = { ...change };
    let note: SettingsNote = null;
    if (change.model !== undefined) {
      const model = findModel(change.model);
      const voice = change.voice ?? prev.voice;
      if (model) patch.voice = voiceForModel(model.id, voice);
      if (model && !model.thinking && prev.thinking) patch.thinking = false;
    }
    if (change.thinking === true && prev.speakReplies) {
      patch.speakReplies = false;
      note = 'thinkingTurnedSpeechOff';
    }
    if (change.speakReplies === true && prev.thinking) {
      patch.thinking = false;
      note = 'speechTurnedThinkingOff';
    }
    const togglesTouched = change.thinking !== undefined || change.speakReplies !== undefined;
    this.set({ settings: { ...prev, ...patch }, settingsNote: togglesTouched ? note : this.state.settingsNote });
    const seq = ++this.settingsSeq;
    try {
      const saved = await this.bridge.invoke('settings.update', patch);
      // Quick successive changes: only the newest answer describes what the user sees.
      if (seq === this.settingsSeq) this.set({ settings: saved });
      if (patch.region !== undefined) {
        const [keyStatus, info] = await Promise.all([
          this.bridge.invoke('key.status', {}),
          this.bridge.invoke('app.info', {}).catch(() => this.state.appInfo),
        ]);
        this.set({ keyStatus, appInfo: info });
      }
    } catch (err) {
      if (seq === this.settingsSeq) this.set({ settings: prev });
      this.notify(toErrorInfo(err));
    }
  }

  /** Resolves with an error to show next to the key field, or null when the key was taken. */
  async saveKey(key: string): Promise<ErrorInfo | null> {
    try {
      // The region the dialog shows, even if the change of region is still on its way to the core.
      const keyStatus = await this.bridge.invoke('key.set', { key, region: this.state.settings.region });
      this.set({ keyStatus, notices: this.state.notices.filter((n) => n.info.kind !== 'no_key' && n.info.kind !== 'auth') });
      return null;
    } catch (err) {
      return toErrorInfo(err);
    }
  }

  async clearKey(): Promise<ErrorInfo | null> {
    try {
      this.set({ keyStatus: await this.bridge.invoke('key.clear', { region: this.state.settings.region }) });
      return null;
    } catch (err) {
      return toErrorInfo(err);
    }
  }

  // regions
  /** The Settings dialog's region requests: custom endpoints and Test connection. */
  regionRequest<K extends 'endpoints.list' | 'endpoints.add' | 'endpoints.update' | 'endpoints.remove' | 'connection.test'>(
    name: K, input: RequestInput<K>,
  ): Promise<RequestOutput<K>> {
    return this.bridge.invoke(name, input);
  }

  /** After endpoints changed: the settings (removing the chosen one puts Region back), its key status and address. */
  async refreshRegion(): Promise<void> {
    try {
      const [settings, keyStatus, appInfo] = await Promise.all([
        this.bridge.invoke('settings.get', {}),
        this.bridge.invoke('key.status', {}),
        this.bridge.invoke('app.info', {}),
      ]);
      this.set({ settings, keyStatus, appInfo });
    } catch (err) {
      this.notify(toErrorInfo(err));
    }
  }
}
