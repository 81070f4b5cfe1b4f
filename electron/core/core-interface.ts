// What the core offers the shells: one handler per contract request, and a way to push events.
import type { AttachmentView } from '../../shared/domain';
import type { EventName, EventPayload, ParsedInput, RequestName, RequestOutput } from '../../shared/contract';
import type { MediaAnswer, MediaRequest } from './media-serve';

/** The page's live audio channel as a shell connects it to a session (shared/live-audio.ts frames). */
export interface LiveAudioChannel {
  /** A frame from the page (the microphone). */
  receive(frame: Uint8Array): void;
  /** The page's transport closed. */
  close(): void;
}

export type Handlers = {
  [K in RequestName]: (input: ParsedInput<K>) => Promise<RequestOutput<K>> | RequestOutput<K>;
};

export type EventListener = <E extends EventName>(name: E, payload: EventPayload<E>) => void;

export interface Core {
  handlers: Handlers;
  /**
   * Attaches a local file. Not a contract request on purpose: only a shell calls it, with a path the user
   * dropped or picked (Electron: the preload's webUtils.getPathForFile; the browser shell: its upload's
   * temporary copy, `temporary: true`, deleted once sent or removed). Returns at once; the work goes on and
   * is reported by `attachment.updated`.
   */
  attachPath(path: string, opts?: { name?: string; temporary?: boolean }): AttachmentView;
  /** Resolves when the attachment's current checking/preparing has ended (null once it is gone). */
  attachmentSettled(id: string): Promise<AttachmentView | null>;
  /** A reply's audio as a .wav file and a suggested file name (the browser shell's download route). */
  replyWav(messageId: string): { fileName: string; wav: Uint8Array<ArrayBuffer> };
  /**
   * Stored media by opaque id (`media/<attachmentId>`, `reply/<messageId>.wav`), Range requests answered
   * with 206: what both shells serve under /media/ and /reply/ (see core/media-serve).
   */
  media(req: MediaRequest): Promise<MediaAnswer>;
  /** A whole conversation as one .zip (Markdown, media, joined WAV): the browser shell's download route. */
  conversationZip(id: string): Promise<{ fileName: string; zip: Uint8Array<ArrayBuffer> }>;
  /** What can be read of a damaged history, as Markdown in one .zip (the browser shell's recovery download). */
  recoveryZip(): Promise<{ fileName: string; zip: Uint8Array<ArrayBuffer>; conversations: number }>;
  /**
   * Live voice's audio (shared/live-audio.ts frames): a shell connects a session's binary channel here —
   * Electron a MessagePort from the main process, the browser shell the WebSocket at /live/<sessionId>.
   * `send` takes each frame for the page (reply audio, stop); the returned channel takes the page's frames (the
   * microphone) and is closed by the shell when its transport goes; `onEnded` says the session ended (close the
   * transport). Null when there is no such session open.
   */
  liveAudio(sessionId: string, send: (frame: Uint8Array) => void, onEnded: () => void): LiveAudioChannel | null;
  /** A whole live session as one WAV and a suggested file name (the browser shell's download route). */
  liveSessionWav(sessionId: string): { fileName: string; wav: Uint8Array<ArrayBuffer> };
  /** Subscribe to pushed events; returns the unsubscribe function. */
  subscribe(listener: EventListener): () => void;
  /** Stops streaming replies (kept as cancelled... or interrupted), flushes and closes the database. */
  close(): Promise<void>;
}
