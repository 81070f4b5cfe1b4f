// One Realtime stand-in session (one WebSocket): the documented event protocol — session.created, session.update
// checked against the model's generation (shared/realtime-catalog.ts SESSION_LAYOUTS) and answered with
// session.updated, input audio with server VAD from its energy (realtime-vad.ts) or manual commits,
// transcripts, replies streamed as PCM in deltas at the scenario's pace, response.cancel with late deltas, error
// events, and the session's time limits.
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { WebSocket } from 'ws';
import { voiceAccepted } from '../../shared/catalog';
import { SESSION_LAYOUTS, VAD, type RealtimeModelInfo } from '../../shared/realtime-catalog';
import { speech, toneSequence } from './audio';
import type { RealtimeErrorSpec, RealtimeScenario } from './realtime-scenario';
import { EnergyVad } from './realtime-vad';

export interface RecordedRealtimeSession {
  model: string;
  headers: Record<string, string>;
  /** Client events in order; an append is recorded as its type and byte count (its audio is in `input`). */
  events: { type: string; at: number; bytes?: number }[];
  /** The `session` objects of every session.update, as sent. */
  updates: Record<string, unknown>[];
  /** Every byte of input audio appended. */
  input: Uint8Array[];
  /** Each committed turn's audio (since the previous commit or clear). */
  turns: Uint8Array[];
  responses: { id: string; cancelled: boolean; audio: Uint8Array[]; afterCancel: number }[];
  /** When each server event went out (Date.now()), for the live benchmark's timings. */
  sent: { type: string; at: number; responseId?: string }[];
  closed: { code: number; reason: string } | null;
}

export interface SessionHost {
  scenario(): RealtimeScenario;
  nextTranscript(seconds: number): string;
  nextReply(): string;
}

const id = (prefix: string) => `${prefix}_${randomBytes(9).toString('base64url')}`;
const obj = (x: unknown): Record<string, unknown> | null => (x !== null && typeof x === 'object' && !Array.isArray(x) ? x as Record<string, unknown> : null);

export class StandinRealtimeSession {
  readonly rec: RecordedRealtimeSession;
  private session: Record<string, unknown>;
  private configured = false;
  private readonly vad: EnergyVad;
  private buffer: Uint8Array[] = [];
  private speechItem: string | null = null;
  private lastItem: string | null = null;
  private responding: { id: string; cancelled: boolean; lateLeft: number } | null = null;
  private closed = false;
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private idleTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly ws: WebSocket, private readonly model: RealtimeModelInfo, private readonly host: SessionHost, headers: Record<string, string>) {
    this.rec = { model: model.id, headers, events: [], updates: [], input: [], turns: [], responses: [], sent: [], closed: null };
    const layout = SESSION_LAYOUTS[model.generation];
    const legacy = model.generation === 'turbo' || model.generation === 'qwen3-flash';
    this.session = {
      id: id('sess'), object: 'realtime.session', model: model.id,
      modalities: model.audioOut ? ['text', 'audio'] : ['text'], voice: model.audioOut ? model.defaultVoice : null,
      input_audio_format: layout.audioFormats?.input ?? 'pcm', output_audio_format: layout.audioFormats?.output ?? 'pcm',
      // Legacy generations: "fixed to gummy-realtime-v1"; newer ones: what a public client saw for 3.5 (stand-in data).
      input_audio_transcription: { model: legacy ? 'gummy-realtime-v1' : 'qwen3-asr-flash-realtime' },
      turn_detection: {
        type: 'server_vad', threshold: VAD.threshold.default, prefix_padding_ms: VAD.prefixMs.default,
        silence_duration_ms: VAD.silenceMs.default, create_response: true, interrupt_response: true,
      },
      tools: [], tool_choice: 'auto', temperature: 0.8,
    };
    this.vad = new EnergyVad(VAD.threshold.default, VAD.silenceMs.default);
    ws.on('message', (data, isBinary) => {
      if (!isBinary) this.onMessage(String(data));
    });
    ws.on('close', (code, reason) => {
      this.closed = true;
      this.rec.closed ??= { code, reason: reason.toString() };
      this.stopTimers();
    });
    ws.on('error', () => {});
  }

  start(): void {
    const s = this.host.scenario();
    this.send({ type: 'session.created', session: this.session });
    if (s.closeAfterCreated) {
      this.close(s.closeAfterCreated.code, s.closeAfterCreated.reason);
      return;
    }
    this.after(s.sessionMaxMs, () => this.close(1000, 'Session reached its maximum duration'));
    this.touch();
  }

  /** Cuts the TCP connection: no close frame (the client sees 1006). */
  drop(): void {
    this.closed = true;
    this.stopTimers();
    this.ws.terminate();
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.rec.closed = { code, reason };
    this.stopTimers();
    this.ws.close(code, reason);
  }

  sendError(e: RealtimeErrorSpec): void {
    this.send({ type: 'error', error: { type: e.type ?? 'invalid_request_error', code: e.code ?? null, message: e.message, param: e.param ?? null } });
  }

  private send(event: Record<string, unknown>): void {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) return;
    this.ws.send(JSON.stringify({ event_id: id('event'), ...event }));
    const responseId = typeof event.response_id === 'string' ? event.response_id : undefined;
    this.rec.sent.push({ type: String(event.type), at: Date.now(), ...(responseId ? { responseId } : {}) });
  }

  private after(ms: number, fn: () => void): ReturnType<typeof setTimeout> {
    const t = setTimeout(() => {
      this.timers.delete(t);
      if (!this.closed) fn();
    }, Math.max(0, ms));
    this.timers.add(t);
    return t;
  }

  private stopTimers(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  /** Any client event counts as activity (WebSocket pings do not: they never reach here). */
  private touch(): void {
    if (this.idleTimer) {
      clearTimeout(this.idleTimer);
      this.timers.delete(this.idleTimer);
    }
    this.idleTimer = this.after(this.host.scenario().idleTimeoutMs, () => this.close(1000, 'Session idle timeout'));
  }

  private onMessage(text: string): void {
    let e: Record<string, unknown> | null;
    try {
      e = obj(JSON.parse(text));
    } catch {
      e = null;
    }
    if (!e || typeof e.type !== 'string') {
      this.sendError({ code: 'invalid_event', message: 'The event is not a JSON object with a type.' });
      return;
    }
    const type = e.type;
    this.touch();
    const audio = type === 'input_audio_buffer.append' && typeof e.audio === 'string' ? Buffer.from(e.audio, 'base64') : null;
    this.rec.events.push({ type, at: Date.now(), ...(audio ? { bytes: audio.byteLength } : {}) });
    // Every session.update as sent, refused ones too.
    if (type === 'session.update' && obj(e.session)) this.rec.updates.push(obj(e.session)!);
    const refusal = this.host.scenario().errorOn[type];
    if (refusal) {
      this.sendError(refusal);
      return;
    }
    switch (type) {
      case 'session.update':
        return this.update(obj(e.session));
      case 'input_audio_buffer.append':
        return this.append(audio);
      case 'input_audio_buffer.commit':
        return this.commit();
      case 'input_audio_buffer.clear':
        this.buffer = [];
        this.vad.reset();
        this.speechItem = null;
        this.send({ type: 'input_audio_buffer.cleared' });
        return;
      case 'response.create':
        if (this.responding) {
          this.sendError({ code: 'conversation_already_has_active_response', message: 'Conversation already has an active response.' });
          return;
        }
        void this.respond();
        return;
      case 'response.cancel':
        if (!this.responding || this.responding.cancelled) {
          // "If there is no response to cancel, the server answers with an error event."
          this.sendError({ code: 'response_cancel_not_active', message: 'Cancellation failed: no active response found.' });
          return;
        }
        this.responding.cancelled = true;
        return;
      case 'session.finish':
        this.send({ type: 'session.finished' });
        this.close(1000, 'Session finished');
        return;
      default:
        this.sendError({ code: 'invalid_event', message: `Invalid event type '${type}'.` });
    }
  }

  private invalid(param: string, message: string): void {
    this.sendError({ type: 'invalid_request_error', code: 'invalid_value', message, param });
  }

  /** Checked as the model's generation lays its session out ("do not mix field levels"). */
  private update(s: Record<string, unknown> | null): void {
    if (!s) return this.invalid('session', 'session must be an object.');
    const layout = SESSION_LAYOUTS[this.model.generation];
    if ('audio' in s && ('input_audio_format' in s || 'output_audio_format' in s)) {
      return this.invalid('session.audio', 'Do not mix session.audio with input_audio_format/output_audio_format.');
    }
    const want = { input: layout.audioFormats?.input ?? 'pcm', output: layout.audioFormats?.output ?? 'pcm' };
    if (s.input_audio_format !== undefined && s.input_audio_format !== want.input) {
      return this.invalid('session.input_audio_format', `Invalid input_audio_format '${String(s.input_audio_format)}'. Only '${want.input}' is supported.`);
    }
    if (s.output_audio_format !== undefined && s.output_audio_format !== want.output) {
      return this.invalid('session.output_audio_format', `Invalid output_audio_format '${String(s.output_audio_format)}'. Only '${want.output}' is supported.`);
    }
    const modalities = s.modalities ?? this.session.modalities;
    const sorted = Array.isArray(modalities) ? [...modalities].map(String).sort() : [];
    const ok = (sorted.length === 1 && sorted[0] === 'text') || (sorted.length === 2 && sorted[0] === 'audio' && sorted[1] === 'text');
    if (!ok || (sorted.includes('audio') && !this.model.audioOut)) {
      const supported = this.model.audioOut ? "['text'] and ['audio', 'text']" : "['text']";
      return this.invalid('session.modalities', `Invalid modalities: ['${sorted.join("', '")}']. Supported combinations are: ${supported}.`);
    }
    if (sorted.includes('audio')) {
      const voice = s.voice ?? this.session.voice;
      if (typeof voice !== 'string' || !voiceAccepted(this.model, voice)) {
        return this.invalid('session.voice', `Voice '${String(voice)}' is not supported.`);
      }
    }
    const td = s.turn_detection;
    if (td !== undefined && td !== null) {
      const t = obj(td);
      const types = this.model.generation === 'qwen3.5' || this.model.generation === 'qwen3.8' ? ['server_vad', 'semantic_vad'] : ['server_vad'];
      if (!t || !types.includes(String(t.type))) return this.invalid('session.turn_detection.type', `turn_detection.type must be one of ${types.join(', ')}.`);
      if (t.threshold !== undefined && (typeof t.threshold !== 'number' || t.threshold < VAD.threshold.min || t.threshold > VAD.threshold.max)) {
        return this.invalid('session.turn_detection.threshold', 'threshold must be within [-1.0, 1.0].');
      }
      if (t.silence_duration_ms !== undefined && (typeof t.silence_duration_ms !== 'number' || t.silence_duration_ms < VAD.silenceMs.min || t.silence_duration_ms > VAD.silenceMs.max)) {
        return this.invalid('session.turn_detection.silence_duration_ms', 'silence_duration_ms must be within [200, 6000].');
      }
    }
    const before = obj(this.session.turn_detection) ?? {};
    this.session = {
      ...this.session, ...s, modalities: sorted.includes('audio') ? ['text', 'audio'] : ['text'],
      turn_detection: td === null ? null : td === undefined ? this.session.turn_detection : { ...before, ...obj(td) },
    };
    const vad = obj(this.session.turn_detection);
    if (vad) this.vad.configure(Number(vad.threshold ?? VAD.threshold.default), Number(vad.silence_duration_ms ?? VAD.silenceMs.default));
    this.vad.reset();
    this.configured = true;
    this.send({ type: 'session.updated', session: this.session });
    const drop = this.host.scenario().dropAfterMs;
    if (drop !== null) this.after(drop, () => this.drop());
  }

  private append(pcm: Buffer | null): void {
    if (!pcm) return this.sendError({ code: 'invalid_value', message: 'audio must be base64 PCM16.', param: 'audio' });
    if (!this.configured) {
      // "Send input only after session.updated."
      return this.sendError({ code: 'session_not_ready', message: 'Audio arrived before session.updated; send session.update first and wait for it.' });
    }
    const bytes = new Uint8Array(pcm.buffer, pcm.byteOffset, pcm.byteLength);
    this.rec.input.push(bytes);
    this.buffer.push(bytes);
    if (!this.session.turn_detection) return;
    for (const v of this.vad.push(bytes)) {
      if (v.kind === 'started') {
        this.speechItem = id('item');
        this.send({ type: 'input_audio_buffer.speech_started', audio_start_ms: v.ms, item_id: this.speechItem });
      } else {
        const item = this.speechItem ?? id('item');
        this.speechItem = null;
        this.send({ type: 'input_audio_buffer.speech_stopped', audio_end_ms: v.ms, item_id: item });
        this.commitTurn(item, true);
      }
    }
  }

  private commit(): void {
    if (this.session.turn_detection) {
      // Reported: a manual commit while the service decides turns itself is refused like this.
      return this.sendError({ type: 'server_error', code: null, message: 'Internal service error: null' });
    }
    if (this.buffer.reduce((n, b) => n + b.byteLength, 0) === 0) {
      // "If the input audio buffer is empty, the server returns an error event."
      return this.sendError({ code: 'input_audio_buffer_commit_empty', message: 'Error committing input audio buffer: the buffer is empty.' });
    }
    this.commitTurn(id('item'), false);
  }

  private commitTurn(item: string, respond: boolean): void {
    const total = this.buffer.reduce((n, b) => n + b.byteLength, 0);
    const audio = new Uint8Array(total);
    let at = 0;
    for (const b of this.buffer) {
      audio.set(b, at);
      at += b.byteLength;
    }
    this.buffer = [];
    this.rec.turns.push(audio);
    this.send({ type: 'input_audio_buffer.committed', item_id: item, previous_item_id: this.lastItem });
    this.send({ type: 'conversation.item.created', previous_item_id: this.lastItem, item: { id: item, object: 'realtime.item', type: 'message', status: 'completed', role: 'user', content: [{ type: 'input_audio' }] } });
    this.lastItem = item;
    const s = this.host.scenario();
    if (this.session.input_audio_transcription) {
      const text = this.host.nextTranscript(total / 2 / 16_000);
      this.after(s.transcriptDelayMs, () => this.send(s.transcriptionFails
        ? { type: 'conversation.item.input_audio_transcription.failed', item_id: item, content_index: 0, error: { code: 'transcription_failed', message: 'The audio could not be transcribed.', param: null } }
        : { type: 'conversation.item.input_audio_transcription.completed', item_id: item, content_index: 0, transcript: text }));
    }
    const td = obj(this.session.turn_detection);
    if (respond && td && td.create_response !== false && !this.responding) this.after(s.responseDelayMs, () => void this.respond());
  }

  private async respond(): Promise<void> {
    if (this.responding) return;
    const s = this.host.scenario();
    const text = this.host.nextReply();
    const speaks = Array.isArray(this.session.modalities) && this.session.modalities.includes('audio');
    const r = { id: id('resp'), cancelled: false, lateLeft: s.lateDeltasAfterCancel };
    this.responding = r;
    const record = { id: r.id, cancelled: false, audio: [] as Uint8Array[], afterCancel: 0 };
    this.rec.responses.push(record);
    const item = id('item');
    const ref = { response_id: r.id, item_id: item, output_index: 0, content_index: 0 };
    const base = { id: r.id, object: 'realtime.response', modalities: this.session.modalities, voice: speaks ? this.session.voice : null };
    this.send({ type: 'response.created', response: { ...base, status: 'in_progress', output: [] } });
    const assistant = { id: item, object: 'realtime.item', type: 'message', status: 'in_progress', role: 'assistant', content: [] };
    this.send({ type: 'response.output_item.added', response_id: r.id, output_index: 0, item: assistant });
    this.send({ type: 'conversation.item.created', previous_item_id: this.lastItem, item: assistant });
    this.send({ type: 'response.content_part.added', ...ref, part: { type: speaks ? 'audio' : 'text', text: '' } });

    const pcm = speaks ? ((s.speech ? await speech(text, s.speechVoice) : null) ?? toneSequence(s.audioSeconds, text)) : null;
    const chunkBytes = Math.max(2, Math.round((s.chunkMs * 24_000) / 1000) * 2);
    const n = pcm ? Math.max(1, Math.ceil(pcm.byteLength / chunkBytes)) : Math.max(1, text.split(/(?<=\s)/).length);
    const words = text.split(/(?<=\s)/);
    const pieces = Array.from({ length: n }, (_, i) => words.slice(Math.floor((i * words.length) / n), Math.floor(((i + 1) * words.length) / n)).join(''));
    const start = performance.now();
    for (let i = 0; i < n; i++) {
      if (this.closed) return;
      if (r.cancelled) {
        if (r.lateLeft <= 0) break;
        r.lateLeft--;
        record.afterCancel++;
      }
      if (s.pace > 0) await sleep(Math.max(0, start + (i * s.chunkMs) / s.pace - performance.now()));
      else await new Promise<void>((resolve) => setImmediate(resolve));
      if (this.closed) return;
      if (pcm) {
        const chunk = pcm.subarray(i * chunkBytes, Math.min(pcm.byteLength, (i + 1) * chunkBytes));
        if (pieces[i]) this.send({ type: 'response.audio_transcript.delta', ...ref, delta: pieces[i] });
        this.send({ type: 'response.audio.delta', ...ref, delta: Buffer.from(chunk).toString('base64') });
        record.audio.push(chunk);
      } else if (pieces[i]) {
        this.send({ type: 'response.text.delta', ...ref, delta: pieces[i] });
      }
    }
    this.responding = null;
    const usage = {
      total_tokens: 120, input_tokens: 80, output_tokens: 40,
      input_tokens_details: { text_tokens: 20, audio_tokens: 60 }, output_tokens_details: { text_tokens: 10, audio_tokens: 30 },
    };
    if (r.cancelled) {
      record.cancelled = true;
      if (s.doneAfterCancel) this.send({ type: 'response.done', response: { ...base, status: 'cancelled', output: [], usage } });
      return;
    }
    if (pcm) {
      this.send({ type: 'response.audio.done', ...ref });
      this.send({ type: 'response.audio_transcript.done', ...ref, transcript: text });
    } else {
      this.send({ type: 'response.text.done', ...ref, text });
    }
    this.send({ type: 'response.content_part.done', ...ref, part: { type: pcm ? 'audio' : 'text', text } });
    this.send({ type: 'response.output_item.done', response_id: r.id, output_index: 0, item: { ...assistant, status: 'completed' } });
    this.send({
      type: 'response.done',
      response: { ...base, status: 'completed', output: [{ ...assistant, status: 'completed', content: [{ type: pcm ? 'audio' : 'text', transcript: text }] }], usage },
    });
  }
}
