// Voice in: the composer's Record button and Hands-free switch drive this. A recording stops when the user
// says so, at the model's audio limit (and says so), or — hands-free — at a pause after speech; its bytes
// go to the main process as attachments.addRecording and come back as an ordinary attachment chip, which
// can be played here (a blob: URL of the recording) until it is sent or removed. Hands-free then sends the
// question, waits for the spoken reply to finish playing, and listens again, until the switch is turned
// off, Stop recording is pressed, or something fails (then it stops and says why).
import type { MediaNote } from '../../shared/media-notes';
import { findModel } from '../../shared/catalog';
import { DEFAULT_SETTINGS } from '../../shared/defaults';
import type { ErrorInfo } from '../../shared/domain';
import type { AppStore } from '../state/app-store';
import { toErrorInfo } from '../state/notices';
import { type MicProblem, micProblemOf } from './mic-errors';
import { RecordingSession, type Recorded } from './recording-session';
import { SilenceDetector } from './silence';

export type VoicePhase = 'idle' | 'starting' | 'recording' | 'saving';

export type VoiceNotice =
  | { kind: 'mic'; problem: MicProblem; detail: string }
  /** The recording reached the model's audio limit and stopped by itself. */
  | { kind: 'limit'; limitSec: number; model: string }
  /** Hands-free: the recording's chip was refused, so the question cannot go. */
  | { kind: 'refused'; name: string; reason: string | null; problem: MediaNote | null }
  | { kind: 'error'; info: ErrorInfo };

export interface VoiceState {
  phase: VoicePhase;
  elapsedMs: number;
  levelDb: number;
  /** The chosen model's audio limit, seconds. */
  limitSec: number;
  handsFree: boolean;
  /** Hands-free is waiting for the question to be sent and the reply to finish playing. */
  waiting: boolean;
  notice: VoiceNotice | null;
  /** Recordings made in this window, playable until sent or removed: attachment id → blob: URL. */
  playable: Readonly<Record<string, string>>;
}

export type StopReason = 'user' | 'limit' | 'silence';

/**
 * Stop this much before the limit: the recording then fits whole (the media rules cut anything longer
 * than the limit with a margin) instead of losing its last moment.
 */
export const LIMIT_MARGIN_SEC = 1;
const TICK_MS = 100;

export interface VoiceOptions {
  /** The recording's chip name for the time it started (translated by the composer). */
  fileName?: (time: string, extension: string) => string;
  /** The model the question goes to, when the composer knows better than the saved settings. */
  modelId?: string;
}

export class VoiceController {
  private state: VoiceState;
  private readonly listeners = new Set<() => void>();
  private session: RecordingSession | null = null;
  private detector: SilenceDetector | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  /** Bumped whenever the hands-free loop ends, so its pending steps know to give up. */
  private loop = 0;
  private readonly waiters = new Set<() => void>();
  /** Recordings whose chip has been seen: once it is gone (sent or removed) the blob: URL is released. */
  private readonly seen = new Set<string>();
  private offs: (() => void)[] = [];
  options: VoiceOptions = {};

  constructor(private readonly store: AppStore) {
    this.state = {
      phase: 'idle', elapsedMs: 0, levelDb: -Infinity, limitSec: this.limitSec(), handsFree: false, waiting: false,
      notice: null, playable: {},
    };
  }

  getState = (): VoiceState => this.state;
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(patch: Partial<VoiceState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
    this.wake();
  }

  /** Follows the app's state (chips, replies, playback) while the composer is shown. */
  connect(): () => void {
    if (this.offs.length === 0) {
      const changed = () => {
        this.forgetGoneRecordings();
        const limitSec = this.limitSec();
        if (limitSec !== this.state.limitSec) this.set({ limitSec });
        this.wake();
      };
      this.offs = [this.store.subscribe(changed), this.store.playback.subscribe(() => this.wake())];
    }
    return () => {
      for (const off of this.offs) off();
      this.offs = [];
      this.endLoop();
      void this.stop('user');
    };
  }

  // ---- the Record button, the shortcut and the switch

  toggle(): void {
    if (this.state.phase === 'recording') void this.stop('user');
    else if (this.state.phase === 'idle') void this.start();
  }

  setHandsFree(on: boolean): void {
    if (on === this.state.handsFree) return;
    if (!on) {
      // A recording hands-free started ends with it (kept as a chip); one started by hand goes on.
      const listening = this.detector !== null;
      this.endLoop();
      if (listening) void this.stop('user');
      return;
    }
    this.loop += 1;
    this.set({ handsFree: true, notice: null });
    if (this.state.phase === 'idle') void this.start();
  }

  dismissNotice(): void {
    this.set({ notice: null });
  }

  async start(): Promise<void> {
    if (this.state.phase !== 'idle') return;
    this.set({ phase: 'starting', elapsedMs: 0, levelDb: -Infinity, limitSec: this.limitSec(), notice: null, waiting: false });
    let session: RecordingSession;
    try {
      session = await RecordingSession.start();
    } catch (err) {
      const e = micProblemOf(err);
      this.endLoop();
      this.set({ phase: 'idle', notice: { kind: 'mic', problem: e.problem, detail: e.detail } });
      return;
    }
    this.session = session;
    this.detector = this.state.handsFree ? new SilenceDetector({ silenceMs: this.silenceMs() }) : null;
    this.set({ phase: 'recording' });
    this.timer = setInterval(() => this.tick(), TICK_MS);
  }

  async stop(reason: StopReason): Promise<void> {
    const session = this.session;
    if (!session || this.state.phase !== 'recording') return;
    this.session = null;
    this.detector = null;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    const limitSec = this.state.limitSec;
    // Stop recording by hand ends the hands-free loop, and so does the limit (nobody may be listening).
    if (reason !== 'silence') this.endLoop();
    this.set({
      phase: 'saving', levelDb: -Infinity,
      notice: reason === 'limit' ? { kind: 'limit', limitSec, model: this.modelLabel() } : this.state.notice,
    });
    let recorded: Recorded;
    let id: string;
    try {
      recorded = await session.stop();
      id = await this.attach(recorded);
    } catch (err) {
      this.endLoop();
      this.set({ phase: 'idle', notice: { kind: 'error', info: toErrorInfo(err) } });
      return;
    }
    this.set({ phase: 'idle', elapsedMs: recorded.durationMs });
    if (reason === 'silence' && this.state.handsFree) void this.sendAndListenAgain(id, this.loop);
  }

  // ---- internals

  private tick(): void {
    const session = this.session;
    if (!session || this.state.phase !== 'recording') return;
    const elapsedMs = session.elapsedMs();
    const levelDb = session.levelDb();
    this.set({ elapsedMs, levelDb });
    if (elapsedMs >= (this.state.limitSec - LIMIT_MARGIN_SEC) * 1000) {
      void this.stop('limit');
      return;
    }
    if (this.detector?.feed(levelDb, elapsedMs) === 'done') void this.stop('silence');
  }

  private async attach(r: Recorded): Promise<string> {
    const bytes = new Uint8Array(await r.blob.arrayBuffer());
    const name = this.fileName(r.mimeType);
    const view = await this.store.attachments.addRecording(name, r.mimeType, bytes);
    this.set({ playable: { ...this.state.playable, [view.id]: URL.createObjectURL(r.blob) } });
    return view.id;
  }

  private fileName(mimeType: string): string {
    const type = mimeType.split(';')[0]!.trim();
    const ext = type === 'audio/ogg' ? 'ogg' : type === 'audio/mp4' ? 'm4a' : 'webm';
    const d = new Date();
    const time = [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join('-');
    return this.options.fileName?.(time, ext) ?? `Recording ${time}.${ext}`;
  }

  /** Hands-free: the question's chip is ready → send it → the reply is over and has played → listen again. */
  private async sendAndListenAgain(id: string, loop: number): Promise<void> {
    this.set({ waiting: true });
    // Its chip removed meanwhile (playable forgets it then): the question is withdrawn, and the loop ends.
    const removed = () => !(id in this.state.playable);
    const settled = await this.until(loop, () => {
      const list = this.store.getState().attachments;
      return removed() || (list.some((a) => a.id === id) && list.every((a) => a.state === 'ready' || a.state === 'error'));
    });
    if (!settled) return;
    if (removed()) {
      this.endLoop();
      return;
    }
    const refused = this.store.getState().attachments.find((a) => a.state === 'error');
    if (refused) {
      this.endLoop();
      this.set({ notice: { kind: 'refused', name: refused.name, reason: refused.error ?? null, problem: refused.problem ?? null } });
      return;
    }
    if (!(await this.until(loop, () => !this.store.getState().sending && !this.streamingReply()))) return;
    const sent = await this.store.turns.send('');
    if (!sent) {
      // The store has shown why (an alert); the loop must not go on talking past it.
      this.endLoop();
      return;
    }
    const replyId = this.lastAssistantId();
    if (!(await this.until(loop, () => replyId === null || this.replyOver(replyId)))) return;
    const status = this.store.getState().open?.messages.find((m) => m.id === replyId)?.status;
    if (replyId && status !== 'complete') {
      this.endLoop();
      return;
    }
    if (loop !== this.loop || !this.state.handsFree) return;
    this.set({ waiting: false });
    await this.start();
  }

  /** The reply has arrived whole and its sound, if any, has finished or been stopped. */
  private replyOver(id: string): boolean {
    const m = this.store.getState().open?.messages.find((x) => x.id === id);
    if (!m) return true;
    if (m.status === 'streaming') return false;
    const stats = this.store.playback.stats(id);
    if (!stats || stats.error) return true;
    return stats.state === 'ended' || stats.state === 'stopped';
  }

  private streamingReply(): boolean {
    return this.store.getState().open?.messages.some((m) => m.role === 'assistant' && m.status === 'streaming') ?? false;
  }

  private lastAssistantId(): string | null {
    const messages = this.store.getState().open?.messages ?? [];
    for (let i = messages.length - 1; i >= 0; i -= 1) {
      if (messages[i]!.role === 'assistant') return messages[i]!.id;
    }
    return null;
  }

  /** Resolves true once `ready()` holds, or false as soon as this hands-free loop has ended. */
  private until(loop: number, ready: () => boolean): Promise<boolean> {
    return new Promise((resolve) => {
      const check = () => {
        if (loop !== this.loop || !this.state.handsFree) {
          this.waiters.delete(check);
          resolve(false);
        } else if (ready()) {
          this.waiters.delete(check);
          resolve(true);
        }
      };
      this.waiters.add(check);
      check();
    });
  }

  private wake(): void {
    for (const w of [...this.waiters]) w();
  }

  private endLoop(): void {
    this.loop += 1;
    if (this.state.handsFree || this.state.waiting) this.set({ handsFree: false, waiting: false });
    else this.wake();
  }

  private forgetGoneRecordings(): void {
    const present = new Set(this.store.getState().attachments.map((a) => a.id));
    let playable: Record<string, string> | null = null;
    for (const [id, url] of Object.entries(this.state.playable)) {
      if (present.has(id)) this.seen.add(id);
      else if (this.seen.has(id)) {
        playable ??= { ...this.state.playable };
        delete playable[id];
        this.seen.delete(id);
        URL.revokeObjectURL(url);
      }
    }
    if (playable) this.set({ playable });
  }

  private modelId(): string {
    return this.options.modelId ?? this.store.getState().settings.model;
  }

  private limitSec(): number {
    return (findModel(this.modelId()) ?? findModel(DEFAULT_SETTINGS.model)!).media.audioMaxSeconds;
  }

  private modelLabel(): string {
    return findModel(this.modelId())?.label ?? this.modelId();
  }

  private silenceMs(): number {
    return this.store.getState().settings.handsFreeSilenceMs ?? DEFAULT_SETTINGS.handsFreeSilenceMs;
  }
}
