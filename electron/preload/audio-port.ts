// The audio channel's hand-over in the preload (issue 20). The page asks (requestAudioChannel); the preload
// sends the request with a fresh token to the main process, which checks that the request came from our
// window's main frame showing our app and answers on AUDIO_PORT_CHANNEL with the token and one MessagePort
// (its MessageChannelMain's other end). The preload forwards that port to the page only when the answer
// echoes the token of the request outstanding, carries exactly one port and arrives once; anything else is
// dropped and its ports closed. (Since Electron 28, ipcRenderer.on hears only the main process: no other
// renderer can send on this channel.) It posts to its own window only ('/': the same origin), and the page
// (renderer/bridge/electron.ts) takes it only from its own window with the token it was given.
// Written against the small part of ipcRenderer it uses, so the tests run it without Electron.
import { AUDIO_PORT_MESSAGE } from '../../shared/contract-names';
import { AUDIO_PORT_CHANNEL, AUDIO_PORT_REQUEST } from '../shells-common/ipc-channels';

interface PortLike {
  close(): void;
}

export interface AudioPortIpc {
  send(channel: string, ...args: unknown[]): void;
  on(channel: string, listener: (event: { ports?: readonly PortLike[] }, ...args: unknown[]) => void): unknown;
}

/** window.postMessage(message, '/', ports): to this window, same origin only. */
export type PostToPage = (message: { type: string; token: string }, ports: PortLike[]) => void;

export function createAudioPortHandOver(ipc: AudioPortIpc, post: PostToPage, token: () => string): { request(): string } {
  let outstanding: string | null = null;
  ipc.on(AUDIO_PORT_CHANNEL, (event, answer) => {
    const ports = Array.isArray(event?.ports) ? [...event.ports] : [];
    if (outstanding === null || answer !== outstanding || ports.length !== 1) {
      for (const p of ports) p.close();
      return;
    }
    outstanding = null;
    post({ type: AUDIO_PORT_MESSAGE, token: answer }, ports);
  });
  return {
    request(): string {
      const t = token();
      outstanding = t;
      ipc.send(AUDIO_PORT_REQUEST, t);
      return t;
    },
  };
}
