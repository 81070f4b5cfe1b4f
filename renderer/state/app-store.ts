// The renderer's store, composed in one place: one observable state (observable-state.ts) whose fields
// belong to the slices below, each a small module owning one concern and taking what it needs as
// arguments. Components read the state with useAppState (store-hooks.tsx) and act through a slice:
// store.turns.send(text), store.list.rename(id, title), store.settings.change({…}).
//
// Pushed events keep it current: chat.event (a streaming reply), conversations.changed (the list), and
// attachment.updated (a chip). Writing state never asks the core anything by itself: requests are made by
// the slices' actions, such as fitting the draft's attachments to the next turn's model after the route,
// the open conversation or a setting changed.
import type { OmniBridge } from '../../shared/contract';
import { Playback } from '../player/playback';
import { AppSettingsSlice, initialAppSettings, type AppSettingsState } from './app-settings';
import { AttachmentsSlice, initialAttachments, type AttachmentsState } from './attachments';
import { ConversationListSlice, initialConversationList, type ConversationListState } from './conversation-list';
import {
  ConversationSettingsSlice, initialConversationSettings, nextTurnSettings, type ConversationSettingsState,
} from './conversation-settings';
import { ExportsSlice } from './exports';
import { initialLiveReplies, LiveRepliesSlice, type LiveRepliesState } from './live-replies';
import { initialLiveVoice, LiveVoiceSlice, type LiveVoiceState } from './live-voice';
import { initialLiveNotes, LiveNotesSlice, type LiveNotesState } from './live-notes';
import { initialNotices, NoticesSlice, type NoticeState } from './notices';
import { ObservableState } from './observable-state';
import { initialOpenConversation, OpenConversationSlice, type OpenConversationState } from './open-conversation';
import { RecoveryRequests } from './recovery-requests';
import { onRouteChange } from './router';
import { initialTurns, TurnsSlice, type TurnsState } from './turns';
import { VersionsSlice } from './versions';

export type AppState = NoticeState & AppSettingsState & ConversationSettingsState & OpenConversationState
  & ConversationListState & AttachmentsState & LiveRepliesState & TurnsState & LiveVoiceState & LiveNotesState;

export class AppStore {
  /** The window's notice. */
  readonly notices: NoticesSlice;
  /** Global Settings, the key, the Settings dialog. */
  readonly settings: AppSettingsSlice;
  /** The open (or next new) conversation's own settings. */
  readonly conversationSettings: ConversationSettingsSlice;
  /** The route and the conversation it shows. */
  readonly conversation: OpenConversationSlice;
  /** The Conversations list and search. */
  readonly list: ConversationListSlice;
  /** The draft's chips. */
  readonly attachments: AttachmentsSlice;
  /** Replies while they stream, and Play / Pause. */
  readonly replies: LiveRepliesSlice;
  /** Send and Stop. */
  readonly turns: TurnsSlice;
  /** Regenerate, Edit, and which version of a turn is shown. */
  readonly versions: VersionsSlice;
  readonly exports: ExportsSlice;
  readonly recovery: RecoveryRequests;
  /** Live voice: a spoken session in the open conversation. */
  readonly liveVoice: LiveVoiceSlice;
  /** What Live voice says quietly: limits coming, why it ended, a reconnect, headphone advice. */
  readonly liveNotes: LiveNotesSlice;
  /** Which reply plays, where each stored reply's seek bar stands (renderer/player). */
  readonly playback: Playback;

  private readonly state: ObservableState<AppState>;

  constructor(private readonly bridge: OmniBridge) {
    const state = new ObservableState<AppState>({
      ...initialNotices, ...initialAppSettings, ...initialConversationSettings, ...initialOpenConversation(),
      ...initialConversationList, ...initialAttachments, ...initialLiveReplies, ...initialTurns, ...initialLiveVoice(),
      ...initialLiveNotes,
    });
    this.state = state;
    const read = state.get;
    const retarget = () => this.fitAttachmentsToNextTurn();

    const notices = (this.notices = new NoticesSlice(state));
    this.playback = new Playback(bridge, (_id, reason) => notices.audioFailed(reason));
    this.settings = new AppSettingsSlice(state, bridge, notices, retarget);
    this.attachments = new AttachmentsSlice(state, bridge, notices);
    // The open conversation and the live replies each show the other's part: a reply streamed here is
    // more current than the stored copy, and streamed pieces land in the open conversation.
    this.conversation = new OpenConversationSlice(state, bridge, notices, (m) => this.replies.current(m), retarget);
    this.replies = new LiveRepliesSlice(state, this.playback, notices, this.conversation);
    this.conversationSettings = new ConversationSettingsSlice(state, read, bridge, notices, this.conversation, retarget);
    this.list = new ConversationListSlice(state, bridge, notices, this.conversation);
    this.turns = new TurnsSlice(state, {
      bridge, read, notices, replies: this.replies, playback: this.playback, attachments: this.attachments,
      conversation: this.conversation, conversationSettings: this.conversationSettings, list: this.list,
    });
    this.versions = new VersionsSlice({
      bridge, read, notices, turns: this.turns, conversation: this.conversation, conversationSettings: this.conversationSettings,
    });
    this.exports = new ExportsSlice(bridge, notices);
    this.recovery = new RecoveryRequests(bridge);
    this.liveNotes = new LiveNotesSlice(state);
    this.liveVoice = new LiveVoiceSlice(state, bridge, this.playback, notices, this.conversation, this.liveNotes);
  }

  getState = (): AppState => this.state.get();
  subscribe = (listener: () => void): (() => void) => this.state.subscribe(listener);

  /** Wire the pushed events and the router, and load what the window shows first. Returns the teardown. */
  start(): () => void {
    const offs = [
      this.bridge.on('chat.event', (ev) => this.replies.apply(ev)),
      this.bridge.on('conversations.changed', () => this.list.changedSoon()),
      this.bridge.on('attachment.updated', ({ attachment }) => this.attachments.updated(attachment)),
      this.bridge.on('live.event', (ev) => this.liveVoice.apply(ev)),
      onRouteChange((r) => this.conversation.follow(r)),
    ];
    void this.settings.load().then(() => this.attachments.loadWaiting());
    this.conversation.follow(this.state.get().route);
    return () => {
      for (const off of offs) off();
      this.playback.stopAll();
    };
  }

  /**
   * The draft's attachments are fitted to the model the next turn goes to (attachments.target). Called by
   * the actions that may change it: settings loaded or changed, the route, a conversation loaded, its
   * settings changed. Not before the settings are known, nor while the conversation the route names loads.
   */
  private fitAttachmentsToNextTurn(): void {
    const s = this.state.get();
    if (!s.ready || (s.route.name === 'conversation' && !s.open?.settings)) return;
    this.attachments.fitTo(nextTurnSettings(s).model);
  }
}
