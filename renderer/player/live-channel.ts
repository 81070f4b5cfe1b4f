// Keeps this page's audio channel connected to its AudioWorklet (issue 20). The port is asked for at once
// (so no early frame is lost: a port queues its messages until the worklet takes it) and handed over when
// the AudioContext is ready; a new context (the old one closed) gets a new channel, since a port moves once.
import type { OmniBridge } from '../../shared/contract';
import { connectAudioInlet, type AudioInlet, type StreamStart } from './audio-inlet';

export interface LiveChannel {
  /** The page will not play this stream. */
  close(messageId: string): void;
  /**
   * A port into the worklet's inlet for a live voice session's reply frames (issue 21), or null while the
   * AudioContext is not ready (its audio then comes through the page).
   */
  livePort(): MessagePort | null;
}

export function openLiveChannel(
  bridge: Pick<OmniBridge, 'openAudioChannel'>,
  onAudioReady: (listener: (ctx: AudioContext) => void) => () => void,
  onStream: (s: StreamStart) => void,
): LiveChannel {
  let port: Promise<MessagePort | null> = request();
  let inlet: AudioInlet | null = null;

  function request(): Promise<MessagePort | null> {
    return bridge.openAudioChannel().then(
      (p) => p as MessagePort | null,
      () => null,
    );
  }

  onAudioReady((ctx) => {
    const taking = port;
    port = request(); // for a later context
    void taking.then((p) => {
      if (!p || ctx.state === 'closed') return;
      inlet?.disconnect();
      inlet = connectAudioInlet(ctx, p, onStream);
    });
  });

  return {
    close: (messageId) => inlet?.close(messageId),
    livePort: () => {
      if (!inlet) return null;
      const { port1, port2 } = new MessageChannel();
      inlet.addPort(port2, 'live');
      return port1;
    },
  };
}
