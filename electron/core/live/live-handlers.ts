// Live voice in the core: the live.* requests, the sessions open now (one at a time: there is one microphone),
// and the audio port each shell connects a session's binary channel to. A session is checked like a chat turn
// before anything is opened (a model the app knows, a Realtime address, the region's key), connects, and only
// then joins its conversation (a new one for null), so a session that cannot start leaves nothing behind.
import { DEFAULT_REALTIME_MODEL, VAD, isSharedDashScopeHost, realtimeVoice } from '../../../shared/realtime-catalog';
import type { Settings } from '../../../shared/domain';
import type { LiveSession } from '../../../shared/live';
import { regionHintFor } from '../api/error-mapping';
import type { EventListener, Handlers, LiveAudioChannel } from '../core-interface';
import { checkServed, type Targets } from '../endpoints';
import type { KeyVault } from '../keys';
import type { ModelRegistry } from '../models/model-registry';
import type { RealtimeSocketFactory } from '../realtime/socket';
import { fromGlobal, type ConversationSettingsStore } from '../store/conversation-settings';
import { titleFromQuestion, type Store } from '../store/history-store';
import { newId } from '../store/ids';
import type { LiveStore } from '../store/live-store';
import { UserError } from '../user-error';
import { createLiveSession, type LiveSessionHandle } from './live-session';
import { sessionWavFile } from './session-wav';

/** Limits a test (or a shell) may shorten; the defaults below otherwise. */
export interface LiveOptions {
  /** At most this long (default: a minute short of the model's maximum, so the app ends it, not the service). */
  maxSessionMs?: number;
  /** Nobody speaking this long ends the session (default 4 minutes). */
  idleTimeoutMs?: number;
  /** How long before a limit the page is warned (default 1 minute). */
  warnBeforeMs?: number;
  /** From opening the socket to a configured session (default 15 s). */
  readyTimeoutMs?: number;
  /** The page's audio channel gone this long, with no page taking it again, ends the session (default 15 s). */
  detachedMs?: number;
}

export const LIVE_DEFAULTS = { endBeforeMaxMs: 60_000, idleTimeoutMs: 4 * 60_000, warnBeforeMs: 60_000 } as const;

/** A new conversation started by Live voice is called this until its first transcript names it. */
export const LIVE_TITLE = 'Live voice';

export interface LiveDeps {
  store: Store;
  liveStore: LiveStore;
  conversationSettings: ConversationSettingsStore;
  models: Pick<ModelRegistry, 'find' | 'findRealtime'>;
  targets: Targets;
  vault: KeyVault;
  readSettings: () => Settings;
  emit: EventListener;
  dataDir: string;
  now: () => number;
  log: (line: string) => void;
  /** Refuses (busy) while a typed turn's reply is coming in in the conversation. */
  refuseIfStreaming: (conversationId: string) => void;
  /** Electron's save dialog (live.exportWav); absent in the browser shell, which downloads instead. */
  saveFile?: (suggestedName: string, bytes: Uint8Array) => Promise<string | null>;
  socket?: RealtimeSocketFactory;
  options?: LiveOptions;
}

type LiveRequests = 'live.start' | 'live.end' | 'live.mode' | 'live.talk' | 'live.heard' | 'live.status' | 'live.exportWav';

export function createLive(d: LiveDeps) {
  const sessions = new Map<string, LiveSessionHandle>();
  /** Conversations Live voice started, still called LIVE_TITLE until a transcript names them. */
  const untitled = new Set<string>();

  const get = (sessionId: string): LiveSessionHandle => {
    const s = sessions.get(sessionId);
    if (!s || s.ended) throw new UserError('not_found', 'That live voice session has ended. Start Live voice again.');
    return s;
  };

  function retitle(conversationId: string, text: string): void {
    if (!untitled.delete(conversationId)) return;
    const summary = d.store.getConversationSummary(conversationId);
    if (summary?.title !== LIVE_TITLE) return;
    d.store.renameConversation(conversationId, titleFromQuestion(text));
    d.emit('conversations.changed', { conversationId });
  }

  const handlers: Pick<Handlers, LiveRequests> = {
    'live.start': async (input): Promise<LiveSession> => {
      const open = [...sessions.values()].find((s) => !s.ended);
      if (open) {
        const title = d.store.getConversationSummary(open.conversationId)?.title;
        throw new UserError('busy', `Live voice is already on${title ? ` in “${title}”` : ''}. End it there first, then start it here.`);
      }
      const settings = d.readSettings();
      const saved = input.conversationId ? d.conversationSettings.get(input.conversationId) : null;
      if (input.conversationId) {
        if (!saved) throw new UserError('not_found', 'That conversation no longer exists. Start Live voice in a new one.');
        d.refuseIfStreaming(input.conversationId);
      }
      const turn = saved ?? fromGlobal(settings);
      const modelId = input.model ?? d.models.find(turn.model)?.realtime ?? DEFAULT_REALTIME_MODEL;
      const model = d.models.findRealtime(modelId);
      if (!model) {
        throw new UserError('invalid_input', `${modelId} is not a Realtime model this app knows. Pick one for Live voice, or add it under Settings → Models as a Realtime model with what it can do.`);
      }
      const target = d.targets.get(settings.region);
      if (!target.realtimeUrl) {
        throw new UserError('invalid_input', `${target.label} has no Realtime address, so Live voice cannot start there. Add the endpoint's Realtime URL (ws:// or wss://) in Settings → Region, or choose a DashScope region.`);
      }
      checkServed(target, model.id, model.label);
      if (model.needsWorkspaceHost && isSharedDashScopeHost(target.realtimeUrl)) {
        throw new UserError('invalid_input', `${model.label} is served only at your workspace's own address. Add your workspace as a custom endpoint (https://<WorkspaceId>.ap-southeast-1.maas.aliyuncs.com/compatible-mode/v1, Realtime URL wss://<WorkspaceId>.ap-southeast-1.maas.aliyuncs.com/api-ws/v1/realtime) and choose it, or pick another Realtime model.`);
      }
      const apiKey = (await d.vault.get(settings.region)) ?? (target.kind === 'custom' ? '' : null);
      if (apiKey === null) {
        throw new UserError('no_key', `No API key for ${target.label} yet. Open Settings and enter your DashScope API key for that region (or set DASHSCOPE_API_KEY), then start Live voice again.`);
      }
      const o = d.options ?? {};
      const sessionId = newId();
      const session = createLiveSession({
        sessionId, store: d.store, liveStore: d.liveStore, dataDir: d.dataDir, model,
        voice: realtimeVoice(model, input.voice ?? turn.voice, input.voice !== undefined),
        instructions: turn.systemPrompt, mode: input.mode,
        vad: {
          threshold: input.vad.threshold ?? VAD.threshold.default, silenceMs: input.vad.silenceMs ?? VAD.silenceMs.default,
          prefixMs: input.vad.prefixMs ?? VAD.prefixMs.default,
        },
        realtimeUrl: target.realtimeUrl, apiKey, region: regionHintFor(target.region, target.kind === 'custom' ? target.baseUrl : null),
        socket: d.socket, readyTimeoutMs: o.readyTimeoutMs,
        limits: {
          maxMs: o.maxSessionMs ?? model.maxSessionMs - LIVE_DEFAULTS.endBeforeMaxMs,
          idleMs: o.idleTimeoutMs ?? LIVE_DEFAULTS.idleTimeoutMs,
          warnBeforeMs: o.warnBeforeMs ?? LIVE_DEFAULTS.warnBeforeMs,
          ...(o.detachedMs !== undefined ? { detachedMs: o.detachedMs } : {}),
        },
        now: d.now, log: d.log,
        emit: (payload) => d.emit('live.event', payload),
        onTranscript: retitle,
        onEnded: (id) => {
          sessions.delete(id);
          d.emit('conversations.changed', { conversationId: session.conversationId || null });
        },
      });
      // Claimed before the socket opens: a second start meanwhile is refused above.
      sessions.set(sessionId, session);
      await session.connect();
      let conversationId = input.conversationId;
      if (conversationId === null) {
        conversationId = d.store.createConversation({ title: LIVE_TITLE, model: turn.model, voice: turn.voice }).id;
        d.conversationSettings.put(conversationId, turn);
        untitled.add(conversationId);
      } else if (!d.store.getConversationSummary(conversationId)) {
        await session.end('deleted', null);
        throw new UserError('not_found', 'That conversation was deleted while Live voice was starting. Start it in a new one.');
      }
      const view = session.begin(conversationId);
      d.emit('conversations.changed', { conversationId });
      return view;
    },

    'live.end': ({ sessionId }) => get(sessionId).end('user', null),
    'live.mode': ({ sessionId, mode }) => get(sessionId).setMode(mode),
    'live.talk': ({ sessionId, action }) => {
      get(sessionId).talk(action);
      return { ok: true as const };
    },
    'live.heard': ({ sessionId, messageId, samples }) => {
      const s = sessions.get(sessionId);
      if (s && !s.ended) return { message: s.heard(messageId, samples) };
      // The session ended while the reply still played (End pressed mid-reply): the cut applies all the same.
      const m = d.store.getMessage(messageId);
      if (!m || m.role !== 'assistant' || m.liveSessionId !== sessionId) return { message: null };
      d.liveStore.truncateAudio(messageId, samples, d.now());
      return { message: d.store.getMessage(messageId) };
    },
    'live.status': () => [...sessions.values()].filter((s) => !s.ended && s.conversationId !== '').map((s) => s.view()),
    'live.exportWav': async ({ sessionId }) => {
      const { fileName, wav } = sessionWavFile(d.store, d.liveStore, d.dataDir, sessionId);
      if (!d.saveFile) throw new UserError('invalid_input', 'Here a live session is saved through the page: use its Export WAV button.');
      return { saved: (await d.saveFile(fileName, wav)) !== null };
    },
  };

  return {
    handlers,
    /** A shell connects a session's binary channel: `send` takes each frame for the page; null for no such session. */
    audio(sessionId: string, send: (frame: Uint8Array) => void, onEnded: () => void): LiveAudioChannel | null {
      const s = sessions.get(sessionId);
      return s && !s.ended && s.conversationId !== '' ? s.attachAudio(send, onEnded) : null;
    },
    sessionWav: (sessionId: string) => sessionWavFile(d.store, d.liveStore, d.dataDir, sessionId),
    /** Refuses (busy) while Live voice is on in the conversation: its turns are being written there. */
    refuseIfLive(conversationId: string): void {
      if ([...sessions.values()].some((s) => !s.ended && s.conversationId === conversationId)) {
        throw new UserError('busy', 'Live voice is on in this conversation. End it first, then type your message.');
      }
    },
    /** The conversation is being deleted: its session ends (nothing more can be written there). */
    endIn(conversationId: string): void {
      for (const s of sessions.values()) if (s.conversationId === conversationId) void s.end('deleted', null);
    },
    async close(): Promise<void> {
      await Promise.allSettled([...sessions.values()].map((s) => s.end('shutdown', null)));
    },
  };
}

export type Live = ReturnType<typeof createLive>;
