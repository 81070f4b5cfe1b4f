// The app's one AudioContext, at the API's 24 kHz so reply PCM plays without resampling. It must be
// created or resumed inside a user gesture (Send, Play) or the browser keeps it suspended.
import { REPLY_SAMPLE_RATE } from '../../shared/catalog';
import { loadPlayerWorklet } from './pcm-player';

let ctx: AudioContext | null = null;
let ready: Promise<AudioContext> | null = null;
const readyListeners = new Set<(ctx: AudioContext) => void>();

/**
 * Called with each new context once its worklet is loaded (the audio channel is handed to it then).
 * Returns the unsubscribe function.
 */
export function onAudioReady(listener: (ctx: AudioContext) => void): () => void {
  readyListeners.add(listener);
  return () => readyListeners.delete(listener);
}

/** Create (first time) or resume the context; resolves when the player worklet is loaded. */
export function primeAudio(): Promise<AudioContext> {
  if (!ctx || ctx.state === 'closed') {
    try {
      ctx = new AudioContext({ sampleRate: REPLY_SAMPLE_RATE, latencyHint: 'interactive' });
    } catch (err) {
      ctx = null;
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
    const c = ctx;
    ready = loadPlayerWorklet(c).then(() => {
      for (const l of readyListeners) l(c);
      return c;
    });
    ready.catch(() => {
      if (ctx === c) ready = null;
    });
  }
  if (ctx.state === 'suspended') void ctx.resume().catch(() => {});
  return ready ?? loadPlayerWorklet(ctx).then(() => ctx as AudioContext);
}
