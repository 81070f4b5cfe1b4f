// Live voice's microphone: opened with echo cancellation, noise suppression and gain control (the reply plays
// from the speakers while the microphone listens), captured at 16 kHz by an AudioWorklet
// (resources/public/live-mic.worklet.js) in 100 ms PCM16 chunks. Where the session's channel can take them
// (issue 21's fast path), the chunks go from the worklet to the core without this thread: `route` gets a way to
// post into the worklet and answers with what takes the worklet's messages back (levels, frames the page must
// see); otherwise each chunk comes to `onPcm`. What goes wrong opening it is a MicError (mic-errors.ts), worded
// as for Record.
import { MicError, micProblemOf } from './mic-errors';

export const LIVE_MIC_WORKLET = 'live-mic.worklet.js';
const RATE = 16_000;

export interface LiveMic {
  stop(): void;
}

/** Hands the worklet's chunks to the session's channel: see LiveAudioChannel.route. */
export type MicRoute = (toMic: (message: unknown, transfer: unknown[]) => void) => ((message: unknown) => void) | null;

/** Opens the microphone; `onPcm` gets each chunk (PCM16 LE mono, 16 kHz) and when it was captured, unless routed. */
export async function startLiveMic(onPcm: (pcm: Uint8Array, capturedAt: number) => void, route?: MicRoute): Promise<LiveMic> {
  if (!navigator.mediaDevices?.getUserMedia || typeof AudioWorkletNode === 'undefined') {
    throw new MicError('unsupported', 'no getUserMedia or AudioWorklet');
  }
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({
      audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true, autoGainControl: true },
    });
  } catch (err) {
    throw micProblemOf(err);
  }
  const ctx = new AudioContext({ sampleRate: RATE, latencyHint: 'interactive' });
  try {
    await ctx.audioWorklet.addModule(new URL(LIVE_MIC_WORKLET, document.baseURI).href);
    const source = ctx.createMediaStreamSource(stream);
    const node = new AudioWorkletNode(ctx, 'live-mic', { numberOfInputs: 1, numberOfOutputs: 0, channelCount: 1 });
    const routed = route?.((message, transfer) => node.port.postMessage(message, transfer as Transferable[])) ?? null;
    node.port.onmessage = (e: MessageEvent<{ type: string; pcm: ArrayBuffer; capturedAt: number }>) => {
      if (e.data?.type === 'pcm') onPcm(new Uint8Array(e.data.pcm), e.data.capturedAt);
      else routed?.(e.data);
    };
    source.connect(node);
    if (ctx.state === 'suspended') await ctx.resume();
    return {
      stop() {
        node.port.postMessage({ type: 'stop' });
        node.port.onmessage = null;
        source.disconnect();
        for (const track of stream.getTracks()) track.stop();
        void ctx.close();
      },
    };
  } catch (err) {
    for (const track of stream.getTracks()) track.stop();
    void ctx.close();
    throw micProblemOf(err);
  }
}
