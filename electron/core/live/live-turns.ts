// A live session's turns, kept like every turn of the conversation: each spoken turn as a user message whose
// text is its transcript and whose recording (16 kHz PCM behind a WAV header, stored like a recording
// attachment) can be replayed and exported; each reply as an assistant message with its words and its 24 kHz
// audio (the reply audio store). Barge-in cuts a reply: what arrives after the cancel is dropped, and once the
// page says how much was played the stored audio keeps only that, marked interrupted.
import type { ErrorInfo, Message, ReplyStatus, Usage } from '../../../shared/domain';
import { encodeLiveFrame, LIVE_FRAME_END, LIVE_FRAME_REPLY, LIVE_FRAME_STOP } from '../../../shared/live-audio';
import type { LiveEvent } from '../../../shared/live';
import { LIVE_INPUT_SAMPLE_RATE, type RealtimeModelInfo } from '../../../shared/realtime-catalog';
import { pcmToWav } from '../audio/wav';
import { storeBytesSync } from '../media/content-store';
import type { PreparedMedia } from '../media';
import { newId } from '../store/ids';
import type { Store } from '../store/history-store';
import type { LiveStore } from '../store/live-store';
import { createReplyWriter, type ReplyWriter } from '../store/reply-writer';

type Body<E> = E extends unknown ? Omit<E, 'sessionId' | 'conversationId'> : never;
export type LiveEventBody = Body<LiveEvent>;

export interface LiveTurnsDeps {
  store: Store;
  live: LiveStore;
  dataDir: string;
  sessionId: string;
  conversationId: string;
  model: RealtimeModelInfo;
  voice: string | null;
  now: () => number;
  emit: (e: LiveEventBody) => void;
  /** To the page's audio channel (dropped when none is open). */
  sendFrame: (frame: Uint8Array) => void;
  log: (line: string) => void;
}

interface ActiveReply {
  responseId: string;
  messageId: string;
  writer: ReplyWriter;
  seq: number;
}

/** Shorter spoken turns than this hold no words (a click, a breath): they are not kept. */
const MIN_TURN_SAMPLES = Math.round(0.2 * LIVE_INPUT_SAMPLE_RATE);

export function createLiveTurns(d: LiveTurnsDeps) {
  let current: ActiveReply | null = null;
  /** Replies cancelled by barge-in: whatever still arrives for them is dropped. */
  const cancelled = new Set<string>();
  /** Spoken turns by the server's item id, for the transcript that comes later. */
  const byItem = new Map<string, string>();
  let lastReplyId: string | null = null;
  let lateDeltasDropped = 0;
  let replyFrames = 0;

  const stamp = (at: number) => {
    const t = new Date(at);
    const two = (n: number) => String(n).padStart(2, '0');
    return `${t.getFullYear()}-${two(t.getMonth() + 1)}-${two(t.getDate())} ${two(t.getHours())}-${two(t.getMinutes())}-${two(t.getSeconds())}`;
  };

  function finish(reply: ActiveReply, status: ReplyStatus, usage: Usage | null, error: ErrorInfo | null): Message | null {
    try {
      return reply.writer.finish({ status, usage, error });
    } catch (err) {
      // The conversation was deleted meanwhile: nothing is left to record it in.
      d.log(`live reply ${reply.messageId} could not be finished: ${String(err)}`);
      return null;
    }
  }

  const api = {
    get current(): { responseId: string; messageId: string } | null {
      return current ? { responseId: current.responseId, messageId: current.messageId } : null;
    },
    get lastReplyId() {
      return lastReplyId;
    },
    stats: () => ({ lateDeltasDropped, replyFrames }),

    /** Stores a spoken turn (its transcript follows); null when it was too short to hold words. */
    userTurn(pcm: Uint8Array, itemId: string | null): Message | null {
      const samples = Math.floor(pcm.byteLength / 2);
      if (samples < MIN_TURN_SAMPLES) return null;
      const at = d.now();
      const durationSec = samples / LIVE_INPUT_SAMPLE_RATE;
      const file = storeBytesSync(d.dataDir, pcmToWav(pcm, LIVE_INPUT_SAMPLE_RATE), 'wav');
      const name = `Live voice ${stamp(at)}.wav`;
      const summary = `Spoken in Live voice · ${durationSec.toFixed(1)} s · 16 kHz WAV`;
      const prepared: PreparedMedia = {
        kind: 'audio', sendAs: 'audio', sourceName: name, files: [file], apiFormat: 'wav', mime: 'audio/wav',
        durationSec, width: null, height: null, summary,
      };
      const message = d.store.addMessage({
        conversationId: d.conversationId, role: 'user', text: '', status: 'complete', model: d.model.id,
        attachments: [{ id: newId(), kind: 'audio', name, summary, prepared }],
      });
      d.live.tag(message.id, d.sessionId);
      if (itemId) byItem.set(itemId, message.id);
      const stored = { ...message, liveSessionId: d.sessionId };
      d.emit({ kind: 'user_turn', message: stored });
      return stored;
    },

    /** The transcript of a stored spoken turn (null: the service could not make one). */
    transcript(itemId: string, text: string | null): Message | null {
      const messageId = byItem.get(itemId);
      if (!messageId) return null;
      byItem.delete(itemId);
      const updated = text !== null && text.trim() !== '' ? d.live.setText(messageId, text.trim()) : null;
      d.emit({ kind: 'transcript', messageId, text: updated ? updated.text : null });
      return updated;
    },

    startReply(responseId: string): Message {
      if (current) api.finishReply(current.responseId, 'cut_off', null, null);
      const message = d.store.addMessage({
        conversationId: d.conversationId, role: 'assistant', text: '', status: 'streaming', model: d.model.id, voice: d.voice,
      });
      d.live.tag(message.id, d.sessionId);
      current = { responseId, messageId: message.id, writer: createReplyWriter(d.store, message.id), seq: 0 };
      lastReplyId = message.id;
      const shown = { ...message, liveSessionId: d.sessionId };
      d.emit({ kind: 'reply_started', message: shown });
      return shown;
    },

    /** false: not the reply arriving now (a late delta of a cancelled one), dropped. */
    replyText(responseId: string, delta: string): boolean {
      if (!current || current.responseId !== responseId || cancelled.has(responseId)) {
        lateDeltasDropped++;
        return false;
      }
      current.writer.text(delta);
      d.emit({ kind: 'reply_text', messageId: current.messageId, delta });
      return true;
    },

    replyAudio(responseId: string, pcm: Uint8Array, receivedAt: number): boolean {
      if (!current || current.responseId !== responseId || cancelled.has(responseId)) {
        lateDeltasDropped++;
        return false;
      }
      // To the page first: storing may write to the database (a flush), which the sound need not wait for.
      const even = pcm.byteLength % 2 === 0 ? pcm : pcm.subarray(0, pcm.byteLength - 1);
      d.sendFrame(encodeLiveFrame({ kind: LIVE_FRAME_REPLY, seq: current.seq++, time: receivedAt, messageId: current.messageId, pcm: even }));
      current.writer.audio(pcm);
      replyFrames++;
      return true;
    },

    /** The reply ended as the server says (or as the session decides: cut off, interrupted). */
    finishReply(responseId: string, status: ReplyStatus, usage: Usage | null, error: ErrorInfo | null): Message | null {
      if (!current || current.responseId !== responseId) return null;
      const reply = current;
      current = null;
      // In order after its last audio: the playback worklet plays out what it holds, then ends.
      if (reply.seq > 0) d.sendFrame(encodeLiveFrame({ kind: LIVE_FRAME_END, seq: reply.seq, time: d.now(), messageId: reply.messageId }));
      const message = finish(reply, status, usage, error);
      if (message) d.emit({ kind: 'reply_done', message: { ...message, liveSessionId: d.sessionId } });
      return message;
    },

    /**
     * Barge-in: the reply arriving now stops here (stored as interrupted with what came), its late deltas will be
     * dropped, and the page is told on the audio channel to stop playing the last reply. Returns the response to
     * cancel on the server, if one was arriving.
     */
    interrupt(): string | null {
      if (lastReplyId) d.sendFrame(encodeLiveFrame({ kind: LIVE_FRAME_STOP, seq: 0, time: d.now(), messageId: lastReplyId }));
      if (!current) return null;
      const { responseId } = current;
      cancelled.add(responseId);
      api.finishReply(responseId, 'interrupted', null, null);
      return responseId;
    },

    /** The page played `samples` of this reply before the user spoke: the stored audio keeps only those. */
    heard(messageId: string, samples: number): Message | null {
      const m = d.store.getMessage(messageId);
      if (!m || m.role !== 'assistant' || m.liveSessionId !== d.sessionId) return null;
      if (d.live.truncateAudio(messageId, samples, d.now())) {
        const cut = d.store.getMessage(messageId);
        if (cut) d.emit({ kind: 'reply_done', message: cut });
        return cut;
      }
      return m;
    },

    /** The session ends: the reply arriving now keeps what came, with this status. */
    endAll(status: ReplyStatus, error: ErrorInfo | null): void {
      if (current) api.finishReply(current.responseId, status, null, error);
      byItem.clear();
    },
  };
  return api;
}

export type LiveTurns = ReturnType<typeof createLiveTurns>;

/** The Realtime usage (response.done) in the shape replies keep. */
export function liveUsage(u: Record<string, unknown> | null): Usage | null {
  if (!u) return null;
  const n = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? x : 0);
  const details = (x: unknown): Record<string, number> => {
    const out: Record<string, number> = {};
    if (x && typeof x === 'object') for (const [k, v] of Object.entries(x)) if (typeof v === 'number') out[k] = v;
    return out;
  };
  return {
    promptTokens: n(u.input_tokens), completionTokens: n(u.output_tokens), totalTokens: n(u.total_tokens),
    promptDetails: details(u.input_tokens_details), completionDetails: details(u.output_tokens_details),
  };
}
