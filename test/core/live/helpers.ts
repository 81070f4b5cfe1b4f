// Live voice under the tests: real speech at 16 kHz (espeak-ng through ffmpeg), the microphone's frames fed
// through the core's live audio port as a shell would (shared/live-audio.ts), and the pushed live events
// collected with bounded waits that say what never came.
import { concatPcm } from '../../../electron/core/audio/pcm';
import { run } from '../../standin/audio';
import type { Core, LiveAudioChannel } from '../../../electron/core/core-interface';
import type { LiveEvent } from '../../../shared/live';
import { decodeLiveFrame, encodeLiveFrame, LIVE_FRAME_MIC, type LiveFrame } from '../../../shared/live-audio';

const FFMPEG = process.env.FFMPEG_BIN ?? 'ffmpeg';

const cache = new Map<string, Promise<Uint8Array>>();

/** `text` spoken by espeak-ng, as PCM16 LE mono 16 kHz (the microphone's format). */
export function speech16k(text: string, voice = 'en'): Promise<Uint8Array> {
  const key = `${voice}\0${text}`;
  let p = cache.get(key);
  if (!p) {
    p = (async () => {
      const wav = await run('espeak-ng', ['--stdout', '--stdin', '-v', voice, '-s', '160'], text);
      const pcm = await run(FFMPEG, ['-v', 'error', '-f', 'wav', '-i', 'pipe:0', '-f', 's16le', '-ac', '1', '-ar', '16000', 'pipe:1'], wav);
      return new Uint8Array(pcm.buffer, pcm.byteOffset, pcm.byteLength - (pcm.byteLength % 2));
    })();
    cache.set(key, p);
  }
  return p;
}

export const silence16k = (ms: number): Uint8Array => new Uint8Array(Math.round((ms * 16_000) / 1000) * 2);

export const concat = (...parts: Uint8Array[]): Uint8Array => concatPcm(parts);

/** A page's end of a session's audio channel, connected to the core as a shell connects it. */
export interface PageChannel {
  /** Frames the page got (reply audio, stop). */
  frames: LiveFrame[];
  channel: LiveAudioChannel;
  ended: boolean;
  /** Feeds PCM as microphone frames of `chunkMs`, at real time × `speed` (0: all at once). */
  speak(pcm: Uint8Array, opts?: { chunkMs?: number; speed?: number }): Promise<void>;
  /** The reply audio received for a message, joined. */
  replyAudio(messageId: string): Uint8Array;
}

export function openChannel(core: Core, sessionId: string): PageChannel {
  const frames: LiveFrame[] = [];
  let seq = 0;
  const page: PageChannel = {
    frames,
    ended: false,
    channel: null as unknown as LiveAudioChannel,
    async speak(pcm, o = {}) {
      const chunkBytes = Math.round(((o.chunkMs ?? 100) * 16_000) / 1000) * 2;
      const speed = o.speed ?? 1;
      const start = performance.now();
      for (let at = 0, i = 0; at < pcm.byteLength; at += chunkBytes, i++) {
        if (speed > 0) {
          const wait = start + (i * (o.chunkMs ?? 100)) / speed - performance.now();
          if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        }
        page.channel.receive(encodeLiveFrame({ kind: LIVE_FRAME_MIC, seq: seq++, time: Date.now(), messageId: '', pcm: pcm.subarray(at, Math.min(pcm.byteLength, at + chunkBytes)) }));
      }
    },
    replyAudio(messageId) {
      return concat(...frames.filter((f) => f.kind === 2 && f.messageId === messageId).map((f) => f.pcm));
    },
  };
  const channel = core.liveAudio(sessionId, (frame) => frames.push(decodeLiveFrame(frame)), () => {
    page.ended = true;
  });
  if (!channel) throw new Error(`no live session ${sessionId} to connect to`);
  page.channel = channel;
  return page;
}

/** Every live.event the core pushes, with waits. */
export function liveEvents(core: Core) {
  const events: LiveEvent[] = [];
  const waiters = new Set<() => void>();
  core.subscribe((name, payload) => {
    if (name !== 'live.event') return;
    events.push(payload as LiveEvent);
    for (const w of [...waiters]) w();
  });
  function wait<K extends LiveEvent['kind']>(kind: K, match: (e: Extract<LiveEvent, { kind: K }>) => boolean = () => true, timeoutMs = 20_000, after = 0): Promise<Extract<LiveEvent, { kind: K }>> {
    const find = () => events.slice(after).find((e): e is Extract<LiveEvent, { kind: K }> => e.kind === kind && match(e as Extract<LiveEvent, { kind: K }>));
    const now = find();
    if (now) return Promise.resolve(now);
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = find();
        if (!found) return;
        waiters.delete(check);
        clearTimeout(timer);
        resolve(found);
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`live.event ${kind} not pushed within ${timeoutMs} ms (got: ${events.map((e) => e.kind).join(', ')})`));
      }, timeoutMs);
      waiters.add(check);
    });
  }
  return { events, wait, of: <K extends LiveEvent['kind']>(kind: K) => events.filter((e): e is Extract<LiveEvent, { kind: K }> => e.kind === kind) };
}

/** Samples in PCM16 bytes. */
export const samplesOf = (pcm: Uint8Array): number => Math.floor(pcm.byteLength / 2);
