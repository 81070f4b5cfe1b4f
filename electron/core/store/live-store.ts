// Live voice sessions in the history (schema v8): the session rows, which messages a session spoke, a spoken
// turn's transcript arriving after the turn was stored, and a reply cut to what was heard (barge-in). The turns
// themselves are ordinary messages written through history-store.ts; this module adds only what is live.
import type { Database } from 'better-sqlite3';
import type { ErrorInfo, Message } from '../../../shared/domain';
import type { LiveEndReason, LiveMode } from '../../../shared/live';
import { BYTES_PER_SAMPLE } from '../audio/pcm';
import type { Store } from './history-store';

export interface LiveSessionRow {
  id: string;
  conversationId: string;
  model: string;
  voice: string | null;
  mode: LiveMode;
  startedAt: number;
  endedAt: number | null;
  endReason: LiveEndReason | null;
}

export interface LiveStore {
  createSession(s: { id: string; conversationId: string; model: string; voice: string | null; mode: LiveMode; startedAt: number }): void;
  /** Records the end once (a second end changes nothing). */
  endSession(id: string, at: number, reason: LiveEndReason, error: ErrorInfo | null): void;
  setMode(id: string, mode: LiveMode): void;
  session(id: string): LiveSessionRow | null;
  /** Marks a message as spoken in (or answering in) this session. */
  tag(messageId: string, sessionId: string): void;
  /** A spoken turn's transcript, which arrives after the turn was stored. */
  setText(messageId: string, text: string): Message | null;
  /**
   * Keeps only the first `samples` of a finished reply's audio and marks it interrupted (barge-in: what was
   * heard). False when there was no more audio than that (it was all heard) or the reply is still streaming.
   */
  truncateAudio(messageId: string, samples: number, at: number): boolean;
  /** The session's messages in the order they were written. */
  messagesOf(sessionId: string): Message[];
  /** For the start of the app: sessions still open ended with the last run ('shutdown'). Returns how many. */
  endOpenSessions(at: number): number;
}

interface SessionRaw {
  id: string;
  conversation_id: string;
  model: string;
  voice: string | null;
  mode: string;
  started_at: number;
  ended_at: number | null;
  end_reason: string | null;
}

export function createLiveStore(store: Pick<Store, 'db' | 'getMessage'>, now: () => number = Date.now): LiveStore {
  const db: Database = store.db;
  const q = {
    insert: db.prepare(`INSERT INTO live_sessions (id, conversation_id, model, voice, mode, started_at) VALUES (?, ?, ?, ?, ?, ?)`),
    end: db.prepare(`UPDATE live_sessions SET ended_at = ?, end_reason = ?, error_json = ? WHERE id = ? AND ended_at IS NULL`),
    setMode: db.prepare('UPDATE live_sessions SET mode = ? WHERE id = ?'),
    session: db.prepare<[string], SessionRaw>('SELECT id, conversation_id, model, voice, mode, started_at, ended_at, end_reason FROM live_sessions WHERE id = ?'),
    tag: db.prepare('UPDATE messages SET live_session_id = ? WHERE id = ?'),
    setText: db.prepare('UPDATE messages SET text = ?, updated_at = ? WHERE id = ?'),
    ids: db.prepare<[string], string>('SELECT id FROM messages WHERE live_session_id = ? ORDER BY ordering').pluck(),
    state: db.prepare<[string], { status: string; audio_bytes: number }>('SELECT status, audio_bytes FROM messages WHERE id = ?'),
    chunks: db.prepare<[string], { seq: number; bytes: number }>('SELECT seq, length(pcm) AS bytes FROM audio_chunks WHERE message_id = ? ORDER BY seq'),
    dropChunk: db.prepare('DELETE FROM audio_chunks WHERE message_id = ? AND seq = ?'),
    cutChunk: db.prepare('UPDATE audio_chunks SET pcm = substr(pcm, 1, ?) WHERE message_id = ? AND seq = ?'),
    markHeard: db.prepare(`UPDATE messages SET audio_bytes = ?, status = 'interrupted', updated_at = ? WHERE id = ?`),
    endOpen: db.prepare(`UPDATE live_sessions SET ended_at = max(started_at, ?), end_reason = 'shutdown' WHERE ended_at IS NULL`),
  };

  const truncate = db.transaction((messageId: string, samples: number, at: number): boolean => {
    const state = q.state.get(messageId);
    if (!state || state.status === 'streaming') return false;
    const keep = Math.max(0, Math.floor(samples)) * BYTES_PER_SAMPLE;
    if (keep >= state.audio_bytes) return false;
    let seen = 0;
    for (const c of q.chunks.all(messageId)) {
      if (seen >= keep) q.dropChunk.run(messageId, c.seq);
      else if (seen + c.bytes > keep) q.cutChunk.run(keep - seen, messageId, c.seq);
      seen += c.bytes;
    }
    q.markHeard.run(keep, at, messageId);
    return true;
  });

  return {
    createSession(s) {
      q.insert.run(s.id, s.conversationId, s.model, s.voice, s.mode, s.startedAt);
    },
    endSession(id, at, reason, error) {
      q.end.run(at, reason, error === null ? null : JSON.stringify(error), id);
    },
    setMode(id, mode) {
      q.setMode.run(mode, id);
    },
    session(id) {
      const r = q.session.get(id);
      return r ? {
        id: r.id, conversationId: r.conversation_id, model: r.model, voice: r.voice, mode: r.mode as LiveMode,
        startedAt: r.started_at, endedAt: r.ended_at, endReason: r.end_reason as LiveEndReason | null,
      } : null;
    },
    tag(messageId, sessionId) {
      q.tag.run(sessionId, messageId);
    },
    setText(messageId, text) {
      if (q.setText.run(text, Math.round(now()), messageId).changes === 0) return null;
      return store.getMessage(messageId);
    },
    truncateAudio: (messageId, samples, at) => truncate(messageId, samples, at),
    messagesOf(sessionId) {
      return q.ids.all(sessionId).map((id) => store.getMessage(id)).filter((m): m is Message => m !== null);
    },
    endOpenSessions(at) {
      return q.endOpen.run(at).changes;
    },
  };
}
