// Which reply is playing, and how well. Live replies are fed from chat events; stored ones are fetched
// with reply.audio. One reply plays at a time. When a playback ends or is stopped, its figures go to
// the core as playback.report (underruns, played samples, first-sound time, per-chunk queue latency).
import { useSyncExternalStore } from 'react';
import type { OmniBridge } from '../../shared/contract';
import { primeAudio } from './audio-context';
import { PcmPlayer, type PlaybackStats } from './pcm-player';

export type { PlaybackState, PlaybackStats } from './pcm-player';

interface Entry {
  player: PcmPlayer;
  live: boolean;
}

export class Playback {
  private readonly entries = new Map<string, Entry>();
  /** Live replies whose sound the user stopped: later chunks stay silent. */
  private readonly silenced = new Set<string>();
  private current: string | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly bridge: OmniBridge,
    private readonly onError: (messageId: string, reason: string) => void = () => {},
    private readonly audio: () => Promise<AudioContext> = primeAudio,
  ) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  stats(messageId: string): PlaybackStats | null {
    return this.entries.get(messageId)?.player.stats ?? null;
  }

  /** A chunk of a live reply. The first one starts its playback (stopping any other). */
  feed(messageId: string, pcm: Uint8Array, receivedAt: number): void {
    if (this.silenced.has(messageId)) return;
    let entry = this.entries.get(messageId);
    if (!entry || (entry.player.isDone && !entry.live)) entry = this.start(messageId, true);
    entry.player.push(pcm, receivedAt);
  }

  /** The live reply is over: play out what is queued. */
  endLive(messageId: string): void {
    const entry = this.entries.get(messageId);
    if (entry?.live) entry.player.end();
  }

  /** Stop sound for this reply; a live one stays silent for the rest of its stream. */
  stop(messageId: string): void {
    const entry = this.entries.get(messageId);
    if (entry?.live && !entry.player.isDone) this.silenced.add(messageId);
    entry?.player.stop();
  }

  stopAll(): void {
    for (const id of [...this.entries.keys()]) this.stop(id);
  }

  /** The Play/Pause button: pause or resume what is playing, or replay the stored audio. */
  async toggle(messageId: string): Promise<void> {
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
    const ctx = this.audio(); // inside the click: resumes the context
    ctx.catch(() => {});
    const fresh = this.start(messageId, false, ctx);
    try {
      const { pcm } = await this.bridge.invoke('reply.audio', { messageId });
      fresh.player.push(pcm);
      fresh.player.end();
    } catch (err) {
      fresh.player.stop();
      throw err;
    }
  }

  private start(messageId: string, live: boolean, ctx: Promise<AudioContext> = this.audio()): Entry {
    this.stopOthers(messageId);
    this.entries.get(messageId)?.player.stop();
    this.silenced.delete(messageId);
    const player = new PcmPlayer(ctx);
    const entry: Entry = { player, live };
    this.entries.set(messageId, entry);
    this.current = messageId;
    player.subscribe(() => this.changed());
    void player.finished.then((s) => {
      if (s.error) this.onError(messageId, s.error);
      if (s.pushedSamples > 0) this.report(messageId, s);
    });
    this.changed();
    return entry;
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
        queueLatencyMs: s.queueLatencyMs.slice(0, 100_000),
      })
      .catch(() => {
        /* a report is best effort: playback itself already happened */
      });
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }
}

/** The stats of one reply's playback, re-rendering only when they change. */
export function usePlaybackStats(playback: Playback, messageId: string): PlaybackStats | null {
  return useSyncExternalStore(playback.subscribe, () => playback.stats(messageId));
}
