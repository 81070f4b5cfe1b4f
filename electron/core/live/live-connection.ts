// A live session's connection to the Realtime service: the socket opened with the session's settings, and a
// dropped one opened again once (the same settings; the model starts again without what was said, which the
// conversation keeps). A second drop, a failed reopening or a socket closed with an error ends the session.
import type { ErrorInfo } from '../../../shared/domain';
import type { LiveEndReason } from '../../../shared/live';
import type { RealtimeClient } from '../realtime/client';
import { droppedError } from '../realtime/errors';
import type { ServerEvent } from '../realtime/server-events';

export interface LiveConnectionDeps {
  /** Opens a socket (connectRealtime with the session's settings as they are now). */
  open: (handlers: {
    onEvent: (e: ServerEvent) => void;
    onDrop: (code: number, reason: string, error: ErrorInfo | null) => void;
  }) => RealtimeClient;
  onEvent: (e: ServerEvent) => void;
  /** Whether the session has ended (a drop then is the session's own close). */
  ended: () => boolean;
  /** The socket dropped and is being opened again. */
  onReconnecting: () => void;
  /** The new socket is ready. */
  onReconnected: () => void;
  /** The connection is gone for good: the session ends so. */
  onLost: (reason: Extract<LiveEndReason, 'error' | 'dropped'>, error: ErrorInfo) => Promise<unknown>;
  log: (line: string) => void;
}

export function createLiveConnection(d: LiveConnectionDeps) {
  let client: RealtimeClient | null = null;
  let reconnected = false;

  const open = () => d.open({ onEvent: d.onEvent, onDrop: (code, reason, error) => void onDrop(code, reason, error) });

  async function onDrop(code: number, reason: string, error: ErrorInfo | null): Promise<void> {
    if (d.ended()) return;
    d.log(`the socket closed (${code}${reason ? ` ${reason}` : ''})`);
    if (error) {
      await d.onLost('error', error);
      return;
    }
    if (reconnected) {
      await d.onLost('dropped', droppedError(reason || null));
      return;
    }
    d.onReconnecting();
    let next: RealtimeClient;
    try {
      next = client = open();
      await next.ready;
    } catch (err) {
      await d.onLost('dropped', droppedError(err instanceof Error ? err.message : String(err)));
      return;
    }
    if (d.ended()) {
      void next.close();
      return;
    }
    reconnected = true;
    d.onReconnected();
  }

  return {
    /** The socket open now (or opening); null before connect(). */
    get client(): RealtimeClient | null {
      return client;
    },
    /** Opens the first socket; rejects with a UserError saying what went wrong. */
    async connect(): Promise<void> {
      client = open();
      await client.ready;
    },
    close: async () => {
      await client?.close();
    },
  };
}
