// In Electron the preload puts the contract on window.omni, but a value crossing contextBridge loses its
// class: a rejection arrives as a plain { name: 'BridgeError', message, info } (see
// electron/preload/bridge.ts). This wraps window.omni so the renderer gets real BridgeErrors, exactly as
// from the browser shell's bridge.
import { BridgeError } from '../../shared/bridge-error';
import { AUDIO_PORT_MESSAGE } from '../../shared/contract-names';
import type { AudioChannelPort, OmniBridge, PreloadBridge } from '../../shared/contract';
import { LIVE_PORT_MESSAGE } from '../../shared/live-audio';
import { portChannel, type PortLike } from './live-channel';
import type { ErrorInfo } from '../../shared/domain';
import { errorText } from '../../shared/error-text';

/**
 * The part of the window the hand-overs use: the preload posts the reply-audio port and each live session's port
 * to it (typed here: this module is also type-checked without the DOM; the tests, under Node, give a stand-in).
 */
export interface PortWindow {
  addEventListener(type: 'message', listener: (e: PortMessage) => void): void;
  removeEventListener(type: 'message', listener: (e: PortMessage) => void): void;
}
interface PortMessage {
  source?: unknown;
  data: unknown;
  ports: readonly AudioChannelPort[];
}

/** What the preload exposes; requestAudioChannel may be missing (then the page has no reply-audio channel). */
export type RawPreloadBridge = Omit<PreloadBridge, 'requestAudioChannel'> & Partial<Pick<PreloadBridge, 'requestAudioChannel'>>;

export function adoptPreloadBridge(raw: RawPreloadBridge, win: PortWindow = globalThis as unknown as PortWindow): OmniBridge {
  return {
    invoke: (name, input) => raw.invoke(name, input).catch((err: unknown) => Promise.reject(toBridgeError(err))),
    on: (name, listener) => raw.on(name, listener),
    attachFiles: (files) => raw.attachFiles(files).catch((err: unknown) => Promise.reject(toBridgeError(err))),
    openAudioChannel: () => (raw.requestAudioChannel ? receiveAudioPort(raw as PreloadBridge, win) : Promise.resolve(null)),
    // The preload cannot hand a MessagePort across contextBridge: it posts it to this window, and resolves once it
    // has; the listener is in place before asking, so the port cannot arrive unheard.
    openLiveAudio: (sessionId) =>
      new Promise((resolve, reject) => {
        const onMessage = (e: PortMessage) => {
          const d = e.data as { type?: unknown; sessionId?: unknown } | null;
          const port = e.ports[0] as unknown as PortLike | undefined;
          if (d?.type !== LIVE_PORT_MESSAGE || d.sessionId !== sessionId || !port) return;
          win.removeEventListener('message', onMessage);
          resolve(portChannel(port));
        };
        win.addEventListener('message', onMessage);
        raw.openLiveAudio(sessionId).catch((err: unknown) => {
          win.removeEventListener('message', onMessage);
          reject(toBridgeError(err));
        });
      }),
  };
}

/** Waits for the audio channel's port (posted to this window by the preload), or null after 5 s without it. */
function receiveAudioPort(raw: PreloadBridge, win: PortWindow, waitMs = 5_000): Promise<AudioChannelPort | null> {
  return new Promise((resolve) => {
    let token: string | null = null;
    const done = (port: AudioChannelPort | null) => {
      win.removeEventListener('message', onMessage);
      clearTimeout(timer);
      resolve(port);
    };
    // Listening before asking: the answer cannot come before anyone hears it.
    const early: PortMessage[] = [];
    const onMessage = (e: PortMessage) => {
      if (token === null) {
        early.push(e); // answered before the request returned its token
        return;
      }
      const d = e.data as { type?: unknown; token?: unknown } | null;
      // Only from this window itself (the preload posts to it), with the token of this request and one port.
      if (e.source !== win || d?.type !== AUDIO_PORT_MESSAGE || d.token !== token || e.ports.length !== 1) return;
      done(e.ports[0]!);
    };
    win.addEventListener('message', onMessage);
    const timer = setTimeout(() => done(null), waitMs);
    try {
      token = raw.requestAudioChannel();
    } catch {
      done(null);
      return;
    }
    for (const e of early) onMessage(e);
  });
}

function toBridgeError(err: unknown): BridgeError {
  if (err instanceof BridgeError) return err;
  const info = (err as { info?: Partial<ErrorInfo> } | null)?.info;
  if (info && typeof info.kind === 'string' && typeof info.message === 'string') {
    return new BridgeError({ httpStatus: null, code: null, requestId: null, serverMessage: null, ...info } as ErrorInfo);
  }
  const message = errorText(err);
  return new BridgeError({ kind: 'internal', message, httpStatus: null, code: null, requestId: null, serverMessage: null });
}
