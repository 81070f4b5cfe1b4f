// Which reply is playing, and how well. Live replies stream into the worklet on the audio channel (issue 20:
// the worklet announces each new stream and a player node is made for it; its samples never cross this
// thread), or, where a shell has no channel, are fed from chat events; stored ones are fetched with reply.audio. One reply plays at a time. When a playback ends or is stopped, its figures go to
// the core as playback.report (underruns, played samples, first-sound time, per-chunk queue latency).
// A stored reply can be sought: its replay then starts at the chosen sample (its stats count from there),
// and the seek bar shows start + played. Waveform peaks come from the core (reply.waveform), once each.
// One playback speed for every reply (0.75×–2×, the pitch kept by the worklet), remembered by this window.
// What plays now and in which conversation (nowPlaying) lets the window offer Pause and Stop from anywhere.
import { useSyncExternalStore } from 'react';
import type { OmniBridge } from '../../shared/contract';
import { PLAYBACK_REPORT_MAX_CHUNKS } from '../../shared/defaults';
import { onAudioReady, primeAudio } from './audio-context';
import type { StreamStart } from './audio-inlet';
import { openLiveChannel, type LiveChannel } from './live-channel';
import { clampRate, PcmPlayer, type PlaybackState, type PlaybackStats } from './pcm-player';

export type { PlaybackState, PlaybackStats } from './pcm-player';
export { MAX_RATE, MIN_RATE } from './pcm-player';

/** The reply that plays now (or is paused), and the conversation it belongs to when known. */
export interface NowPlaying {
  messageId: string;
  conversationId: string | null;
  state: PlaybackState;
}

const RATE_KEY = 'omni.playbackRate';

function storedRate(): number {
  try {
    const v = Number(globalThis.localStorage?.getItem(RATE_KEY));
    return v > 0 ? clampRate(v) : 1;
  } catch {
    return 1;
  }
}

/** Ended playbacks whose figures stay readable, and waveforms kept: a window open for hours stays small. */
const KEEP_ENDED = 20;
const KEEP_WAVEFORMS = 100;

interface Entry {
  player: PcmPlayer;
  live: boolean;
  /** The sample of the reply this playback started at (0 for a live reply). */
  from: number;
}

/** How long a live reply's announced sound may take to start once the reply has ended. */
const SOUND_PENDING_MAX_MS = 5_000;

export class Playback {
  private readonly entries = new Map<string, Entry>();
  /** Live replies whose sound the user stopped: later chunks stay silent. */
  private readonly silenced = new Set<string>();
  private current: string | null = null;
  private readonly listeners = new Set<() => void>();
  /** Where each stored reply's next replay starts (samples), as its seek bar left it. */
  private readonly cursors = new Map<string, number>();
  /** The last replayed reply's PCM, so seeking while it plays does not fetch it again. */
  private cached: { messageId: string; pcm: Uint8Array } | null = null;
  private readonly peaks = new Map<string, Promise<number[]>>();
  /** The conversation of each reply played, as the callers said. */
  private readonly owners = new Map<string, string>();
  private rateValue = storedRate();
  private playing: NowPlaying | null = null;
  private readonly channel: LiveChannel;
  /**
   * Live replies whose samples were announced by their chat events but whose stream the worklet has not
   * announced yet: the two come on different channels, so on a busy page the reply's end can be known before
   * its sound starts. The value is the give-up timer set once the reply ended (a channel that failed).
   */
  private readonly onTheWay = new Map<string, ReturnType<typeof setTimeout> | null>();

  constructor(
    private readonly bridge: OmniBridge,
    private readonly onError: (messageId: string, reason: string) => void = () => {},
    private readonly audio: () => Promise<AudioContext> = primeAudio,
  ) {
    this.channel = openLiveChannel(bridge, onAudioReady, (s) => this.onStream(s));
  }

  /** The worklet has the first frames of a live reply: play it (unless its sound was stopped). */
  private onStream(s: StreamStart): void {
    if (s.direction !== 'reply') return;
    if (this.silenced.has(s.messageId)) {
      this.channel.close(s.messageId);
      return;
    }
    if (s.conversationId) this.owners.set(s.messageId, s.conversationId);
    this.arrived(s.messageId);
    this.start(s.messageId, true, this.audio(), 0, s.messageId);
  }

  /** The reply's sound is announced on the channel but has not started yet (see onTheWay). */
  soundPending(messageId: string): boolean {
    return this.onTheWay.has(messageId) && !this.entries.has(messageId);
  }

  private arrived(messageId: string): void {
    const timer = this.onTheWay.get(messageId);
    if (timer) clearTimeout(timer);
    this.onTheWay.delete(messageId);
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The playback speed for every reply. */
  get rate(): number {
    return this.rateValue;
  }

  setRate(rate: number): void {
    const r = clampRate(rate);
    if (r === this.rateValue) return;
    this.rateValue = r;
    try {
      globalThis.localStorage?.setItem(RATE_KEY, String(r));
    } catch {
      /* not remembered: it still applies in this window */
    }
    for (const e of this.entries.values()) e.player.setRate(r);
    this.changed();
  }

  /** The reply playing or paused now; null when nothing is. The same object until it changes. */
  nowPlaying = (): NowPlaying | null => this.playing;

  stats(messageId: string): PlaybackStats | null {
    return this.entries.get(messageId)?.player.stats ?? null;
  }

  /** Where the reply's audio stands, in samples: the sample playing now, or where the next Play starts. */
  position(messageId: string): number {
    const entry = this.entries.get(messageId);
    if (entry && !entry.player.isDone) return entry.from + entry.player.stats.playedSamples;
    return this.cursors.get(messageId) ?? 0;
  }

  /**
   * The seek bar moved to `sample` of a stored reply: a replay that is sounding starts again from there;
   * otherwise (paused, ended, never played) the next Play starts there.
   */
  async seek(messageId: string, sample: number): Promise<void> {
    const at = Math.max(0, Math.floor(sample));
    const entry = this.entries.get(messageId);
    if (entry?.live && !entry.player.isDone) return;
    this.cursors.set(messageId, at);
    if (entry && !entry.player.isDone) {
      if (entry.player.isPaused) {
        entry.player.stop();
      } else {
        await this.replay(messageId, at);
        return;
      }
    }
    this.changed();
  }

  /** The reply's waveform (the loudest sample of each of `buckets` slices), fetched once per length. */
  waveform(messageId: string, samples: number, buckets = 200): Promise<number[]> {
    const key = `${messageId}:${samples}:${buckets}`;
    let p = this.peaks.get(key);
    if (!p) {
      p = this.bridge.invoke('reply.waveform', { messageId, buckets }).then((w) => w.peaks);
      this.peaks.set(key, p);
      if (this.peaks.size > KEEP_WAVEFORMS) this.peaks.delete(this.peaks.keys().next().value!);
      p.catch(() => this.peaks.delete(key));
    }
    return p;
  }

  /** A port for a live voice session's reply frames straight into the worklet (null: not ready; see LiveChannel). */
  livePort(): MessagePort | null {
    return this.channel.livePort();
  }

  /** Creates or resumes the AudioContext (inside a user gesture), so a live session's replies can go straight to it. */
  prime(): Promise<void> {
    return this.audio().then(() => {});
  }

  /** A chunk of a live reply. The first one starts its playback (stopping any other). */
  feed(messageId: string, pcm: Uint8Array, receivedAt: number, conversationId?: string): void {
    if (this.silenced.has(messageId)) return;
    // No samples: they went on the audio channel, straight to the worklet (see onStream).
    if (pcm.byteLength === 0) {
      if (!this.entries.has(messageId) && !this.onTheWay.has(messageId)) this.onTheWay.set(messageId, null);
      return;
    }
    if (conversationId) this.owners.set(messageId, conversationId);
    let entry = this.entries.get(messageId);
    if (!entry || (entry.player.isDone && !entry.live)) entry = this.start(messageId, true);
    entry.player.push(pcm, receivedAt);
  }

  /** The live reply is over: play out what is queued. */
  endLive(messageId: string): void {
    const entry = this.entries.get(messageId);
    if (entry?.live) entry.player.end();
    // Sound announced but never started: after a while the channel is taken to have failed (the reply is
    // stored and plays with Play), so that no one waits for it for good.
    if (this.soundPending(messageId) && !this.onTheWay.get(messageId)) {
      this.onTheWay.set(messageId, setTimeout(() => {
        this.onTheWay.delete(messageId);
        this.changed();
      }, SOUND_PENDING_MAX_MS));
    }
  }

  /** Stop sound for this reply; a live one stays silent for the rest of its stream. */
  stop(messageId: string): void {
    this.arrived(messageId);
    const entry = this.entries.get(messageId);
    if (entry?.live && !entry.player.isDone) this.silenced.add(messageId);
    entry?.player.stop();
  }

  /**
   * Stops this reply's sound and answers how many of its samples were played, as the worklet counted them
   * when the stop reached it (its last progress report can be behind by as long as this thread was busy);
   * the last known count when it does not answer within `waitMs`.
   */
  async stopCounted(messageId: string, waitMs = 1_000): Promise<number> {
    const entry = this.entries.get(messageId);
    this.stop(messageId);
    if (!entry) return 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), waitMs)));
    const final = await Promise.race([entry.player.finished, late]);
    clearTimeout(timer);
    return entry.from + (final ?? entry.player.stats).playedSamples;
  }

  stopAll(): void {
    for (const id of [...this.entries.keys()]) this.stop(id);
  }

  /** The Play/Pause button: pause or resume what is playing, or replay the stored audio. */
  async toggle(messageId: string, conversationId?: string): Promise<void> {
    if (conversationId) this.owners.set(messageId, conversationId);
    const entry = this.entries.get(messageId);
    if (entry && !entry.player.isDone) {
      if (entry.player.isPaused) {
        void this.audio().catch(() => {});
        this.stopOthers(messageId);
        entry.player.resume();
      } else {
        entry.player.pause();
      }
      return;
    }
    await this.replay(messageId, this.cursors.get(messageId) ?? 0);
  }

  /** Plays the stored reply from `from` (samples). */
  private async replay(messageId: string, from: number): Promise<void> {
    const ctx = this.audio(); // inside the click: resumes the context
    ctx.catch(() => {});
    const fresh = this.start(messageId, false, ctx, from);
    try {
      let pcm = this.cached?.messageId === messageId ? this.cached.pcm : null;
      if (!pcm) {
        pcm = (await this.bridge.invoke('reply.audio', { messageId })).pcm;
        this.cached = { messageId, pcm };
      }
      const start = Math.min(from, Math.floor(pcm.byteLength / 2)) * 2;
      fresh.player.push(pcm.subarray(start));
      fresh.player.end();
    } catch (err) {
      fresh.player.stop();
      throw err;
    }
  }

  private start(messageId: string, live: boolean, ctx: Promise<AudioContext> = this.audio(), from = 0, stream?: string): Entry {
    this.stopOthers(messageId);
    this.entries.get(messageId)?.player.stop();
    this.silenced.delete(messageId);
    const player = new PcmPlayer(ctx, { rate: this.rateValue, stream });
    const entry: Entry = { player, live, from };
    this.entries.delete(messageId);
    this.entries.set(messageId, entry);
    this.forgetOldEnded();
    this.current = messageId;
    player.subscribe(() => this.changed());
    void player.finished.then((s) => {
      // Played to the end: the next Play starts from the beginning again.
      if (s.state === 'ended' && this.entries.get(messageId) === entry && this.cursors.delete(messageId)) this.changed();
      if (s.error) this.onError(messageId, s.error);
      if (s.pushedSamples > 0) this.report(messageId, s);
    });
    this.changed();
    return entry;
  }

  /** The oldest ended playbacks go once more than a few are kept (their figures were reported). */
  private forgetOldEnded(): void {
    let ended = 0;
    for (const e of this.entries.values()) if (e.player.isDone) ended++;
    for (const [id, e] of this.entries) {
      if (ended <= KEEP_ENDED) break;
      if (!e.player.isDone || id === this.current) continue;
      this.entries.delete(id);
      ended--;
    }
  }

  private stopOthers(messageId: string): void {
    if (this.current && this.current !== messageId) this.stop(this.current);
  }

  private report(messageId: string, s: PlaybackStats): void {
    void this.bridge
      .invoke('playback.report', {
        messageId,
        underruns: s.underruns,
        playedSamples: s.playedSamples,
        firstSoundMs: s.firstSoundMs === null ? null : Math.round(s.firstSoundMs),
        queueLatencyMs: s.queueLatencyMs.slice(0, PLAYBACK_REPORT_MAX_CHUNKS),
      })
      .catch(() => {
        /* a report is best effort: playback itself already happened */
      });
  }

  private changed(): void {
    const entry = this.current ? this.entries.get(this.current) : undefined;
    const state = entry && !entry.player.isDone ? entry.player.stats.state : null;
    const id = this.current;
    if (!id || !state) this.playing = null;
    else if (this.playing?.messageId !== id || this.playing.state !== state) {
      this.playing = { messageId: id, conversationId: this.owners.get(id) ?? null, state };
    }
    for (const l of this.listeners) l();
  }
}

/** The stats of one reply's playback, re-rendering only when they change. */
export function usePlaybackStats(playback: Playback, messageId: string): PlaybackStats | null {
  return useSyncExternalStore(playback.subscribe, () => playback.stats(messageId));
}

/** Where the reply's audio stands (samples), re-rendering as it plays or is sought. */
export function usePlaybackPosition(playback: Playback, messageId: string): number {
  return useSyncExternalStore(playback.subscribe, () => playback.position(messageId));
}

/** The reply playing or paused now, anywhere in the app. */
export function useNowPlaying(playback: Playback): NowPlaying | null {
  return useSyncExternalStore(playback.subscribe, playback.nowPlaying);
}

/** The playback speed. */
export function usePlaybackRate(playback: Playback): number {
  return useSyncExternalStore(playback.subscribe, () => playback.rate);
}
