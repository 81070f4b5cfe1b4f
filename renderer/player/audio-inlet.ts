// The page's side of the audio channel (issue 20). The bridge gives a port whose messages are audio frames
// (shared/audio-frame.ts), from the Electron main process or the browser shell's audio worker; it is handed
// once into the AudioWorklet, to the 'audio-inlet' node (resources/public/audio-inlet.js), and from then on
// no audio chunk crosses this thread. The inlet tells this side when a new stream starts, so a player node
// can be made for it (PcmPlayer with `stream`); the player learns everything else from the worklet.
export interface StreamStart {
  messageId: string;
  conversationId: string;
  direction: 'reply' | 'question';
}

export const INLET_NAME = 'audio-inlet';

export interface AudioInlet {
  /** This page will not play the stream: the worklet drops what it holds of it and what follows. */
  close(messageId: string): void;
  /** A second way in (a live voice session's frames, issue 21), beside the chat's; one per key. */
  addPort(port: MessagePort, key: string): void;
  disconnect(): void;
}

/** Hands `port` to the worklet of `ctx` (its module must be loaded: loadPlayerWorklet). */
export function connectAudioInlet(ctx: BaseAudioContext, port: MessagePort, onStream: (s: StreamStart) => void): AudioInlet {
  // Never connected to the graph: it only routes frames, on the audio thread, by the port's messages.
  const node = new AudioWorkletNode(ctx, INLET_NAME, { numberOfInputs: 0, numberOfOutputs: 1, outputChannelCount: [1] });
  node.port.onmessage = (e: MessageEvent<{ type?: string } & Partial<StreamStart>>) => {
    const m = e.data;
    if (m?.type === 'stream' && typeof m.messageId === 'string') {
      onStream({ messageId: m.messageId, conversationId: m.conversationId ?? '', direction: m.direction === 'question' ? 'question' : 'reply' });
    }
  };
  node.port.postMessage({ type: 'connect', port }, [port]);
  return {
    close: (messageId) => node.port.postMessage({ type: 'close', messageId }),
    addPort: (extra, key) => node.port.postMessage({ type: 'connect', port: extra, key }, [extra]),
    disconnect: () => {
      node.port.onmessage = null;
      node.port.close();
    },
  };
}
